import type { WriteContext } from '../platform/db/write.js';
import { notify } from './flows.js';

/**
 * An action given to an organisation (and perhaps one of its people), told to that organisation unless it gave
 * the action itself. The notification names the action entry: its title reaches only people who may read it.
 */
export async function notifyActionAssigned(
  w: WriteContext,
  action: {
    incidentId: string;
    entryId: string;
    by: string;
    ownerOrganisation: string;
    assigneeUserId: string | null;
    dueAt: string | null;
  },
): Promise<void> {
  if (action.ownerOrganisation === action.by && action.assigneeUserId === null) return;
  await notify(w, {
    organisations: [action.ownerOrganisation],
    kind: 'action-assigned',
    incidentId: action.incidentId,
    body: {
      by: action.by,
      entryId: action.entryId,
      assigneeUserId: action.assigneeUserId,
      dueAt: action.dueAt,
    },
  });
}

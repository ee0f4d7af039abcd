/**
 * The drafter's changes to a line to take once written: moving the embargo while it holds, and the next version
 * (an Update or a Cancel of an approved line), which every organisation must approve again.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PublicMessagesView } from '../../../src/comms/model.js';
import { api } from './client.js';
import { publicMessagesPath } from './comms.js';

/** Every command on a line answers with the whole view of the lines, which replaces the cached one. */
function useRevisionMutation<I>(incidentId: string, send: (input: I) => Promise<PublicMessagesView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    // A read still in flight from before the command would otherwise overwrite its answer with older data.
    onSuccess: async (view) => {
      await queryClient.cancelQueries({ queryKey: ['public-messages', incidentId] });
      queryClient.setQueryData(['public-messages', incidentId], view);
    },
  });
}

export function useMoveEmbargo(incidentId: string) {
  return useRevisionMutation(
    incidentId,
    ({ messageId, embargoUntil }: { messageId: string; embargoUntil: string }) =>
      api.put<PublicMessagesView>(`${publicMessagesPath(incidentId)}/${messageId}/embargo`, { embargoUntil }),
  );
}

export interface NewVersionInput {
  messageId: string;
  msgType: 'Update' | 'Cancel';
  event: string;
  category: string;
  urgency: string;
  severity: string;
  certainty: string;
  embargoUntil: string;
  texts: Array<{ language: string; headline: string; text: string; instruction: string }>;
}

export function useNewVersion(incidentId: string) {
  return useRevisionMutation(incidentId, ({ messageId, ...body }: NewVersionInput) =>
    api.post<PublicMessagesView>(`${publicMessagesPath(incidentId)}/${messageId}/versions`, {
      marking: 'TLP:CLEAR',
      ...body,
    }),
  );
}

import { z } from 'zod';
import { CompiledPicture } from './isaa-model.js';

/**
 * The pack for an IPCR roundtable (issue 12 item 7): the meeting's agenda, the latest picture, the decisions taken
 * and the actions still open, and the lines to take approved for the public. Compiled for the roundtable's readers
 * (the invited organisations, the convener's and the reader's): each part only when every one of them may see it.
 */
export const RoundtablePack = z.object({
  meetingId: z.string(),
  incidentId: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  convenedBy: z.string(),
  audience: z.array(z.string()),
  /** The most restrictive marking among the meeting and everything the pack holds. */
  marking: z.string(),
  /** Null when some reader of the pack may not see the meeting itself. */
  agenda: z.string().nullable(),
  picture: CompiledPicture,
  decisions: z.array(
    z.object({ id: z.string(), level: z.string(), decidedBy: z.string(), what: z.string(), at: z.string() }),
  ),
  openActions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      ownerOrganisation: z.string(),
      dueAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  linesToTake: z.array(
    z.object({
      messageId: z.string(),
      version: z.number(),
      draftedBy: z.string(),
      embargoUntil: z.string(),
      /** Not to be published before its embargo: the pack says so beside the line. */
      embargoed: z.boolean(),
      texts: z.array(z.object({ language: z.string(), headline: z.string(), text: z.string() })),
    }),
  ),
  /** Decisions and actions left out because some reader of the pack may not see them or take them out. */
  leftOut: z.number(),
});
export type RoundtablePack = z.infer<typeof RoundtablePack>;

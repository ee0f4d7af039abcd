/**
 * Correcting and retracting an entry of one's own organisation. The server decides who may (the entry's
 * `abilities.correct` and `abilities.retract`) and what reach the new entry takes; the web only asks.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { entryArrived } from './entryCache.js';
import { incidentPath, keys } from './hooks.js';
import type { Entry, NewNoteRequest, WithholdingReason } from './types.js';

export type CorrectionRequest = NewNoteRequest & { supersedes: string };

/**
 * The correction of `entry` with the original's reach: the same marking and NATO release, no audience of its own
 * (the server gives a correction at least everyone the corrected entry reaches, its group included, and would put
 * back anyone a narrower audience left out), and the original's text withheld from the same readers. A TLP:RED
 * entry's correction names its recipients; the server adds the original's to whichever are named.
 */
export function correctionOf(entry: Entry, text: string, ownEmail: string): CorrectionRequest {
  const withheld = entry.withheld
    .filter((item) => item.field === 'text')
    .map((item) => ({ field: 'text' as const, reason: item.reason as WithholdingReason }));
  const red = entry.marking === 'TLP:RED';
  const named = entry.recipients.flatMap((recipient) => (recipient.email ? [recipient.email] : []));
  return {
    kind: 'note',
    text,
    marking: entry.marking,
    releasableToNato: entry.releasableToNato,
    supersedes: entry.id,
    ...(red ? { recipients: named.length > 0 ? named : [ownEmail] } : { audience: [] }),
    ...(withheld.length > 0 ? { withheld } : {}),
  };
}

/**
 * The new entry goes into the log at once; the corrected entry's "corrected"/"retracted" mark comes with the list
 * fetched again. The stream brings the same entry by the same id, so it replaces this copy rather than adding one.
 */
function useRevision<I>(incidentId: string, send: (input: I) => Promise<Entry>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (entry) => {
      entryArrived(queryClient, entry);
      void queryClient.invalidateQueries({ queryKey: keys.entries(incidentId) });
    },
  });
}

export function useCorrectEntry(incidentId: string) {
  return useRevision(incidentId, (body: CorrectionRequest) =>
    api.post<Entry>(`${incidentPath(incidentId)}/entries`, body),
  );
}

export function useRetractEntry(incidentId: string) {
  return useRevision(incidentId, ({ entryId, reason }: { entryId: string; reason: string }) =>
    api.post<Entry>(`${incidentPath(incidentId)}/entries/${encodeURIComponent(entryId)}/retraction`, {
      reason,
    }),
  );
}

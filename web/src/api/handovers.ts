/** An incident's duty-shift handovers of the reader's organisation (src/response/handover-*); the server decides. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Handover } from '../../../src/response/handover-model.js';
import { api } from './client.js';
import { incidentPath } from './hooks.js';

const handoversKey = (incidentId: string) => ['handovers', incidentId] as const;

export function useIncidentHandovers(incidentId: string) {
  return useQuery({
    queryKey: handoversKey(incidentId),
    queryFn: () =>
      api.get<{ items: Handover[]; abilities: { write: boolean } }>(`${incidentPath(incidentId)}/handovers`),
  });
}

/** Writing or acknowledging refreshes the incident's list and the home page's "since your last shift". */
function useHandoverMutation<I>(incidentId: string, send: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: handoversKey(incidentId) }),
        queryClient.invalidateQueries({ queryKey: ['my-handovers'] }),
      ]),
  });
}

export function useWriteHandover(incidentId: string) {
  return useHandoverMutation(
    incidentId,
    (input: { changed: string; openAsks: string; nextCover: string; incomingUserId?: string }) =>
      api.post<Handover>(`${incidentPath(incidentId)}/handovers`, input),
  );
}

export function useAcknowledgeIncidentHandover(incidentId: string) {
  return useHandoverMutation(incidentId, (input: { handoverId: string; note: string }) =>
    api.post<Handover>(`${incidentPath(incidentId)}/handovers/${input.handoverId}/acknowledge`, {
      note: input.note,
    }),
  );
}

/** Technical support between states and EU bodies (`/api/incidents/{id}/assistance`); the server decides who may act. */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssistanceOffer,
  AssistanceRequest,
  IncidentAssistance,
  MovedStep,
} from '../../../src/assistance/model.js';
import { api } from './client.js';
import { incidentPath } from './hooks.js';

export type {
  AssistanceOffer,
  AssistanceRequest,
  IncidentAssistance,
  MatchReason,
  MovedStep,
  RankedOffer,
} from '../../../src/assistance/model.js';

/** The vocabularies the forms offer, as the server's schemas name them (src/assistance/model.ts). */
export const ASSISTANCE_CATEGORIES = [
  'power-generators',
  'cable-repair-vessel',
  'gas-supply',
  'cyber-incident-response-team',
  'experts',
  'satellite-capacity',
  'spare-parts',
  'other',
] as const;
export const PRIORITIES = ['routine', 'urgent', 'critical'] as const;
export const COST_ARRANGEMENTS = ['free-of-charge', 'cost-shared', 'reimbursed', 'ucpm-co-financed'] as const;
export const UCPM_THIRD_STATES = ['NO', 'IS', 'RS', 'TR', 'UA', 'MK', 'ME', 'AL', 'BA', 'MD'] as const;
export const ASSISTANCE_MARKINGS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT'] as const;

const key = (incidentId: string) => ['assistance', incidentId] as const;
const path = (incidentId: string) => `${incidentPath(incidentId)}/assistance`;

export function useAssistance(incidentId: string) {
  return useQuery({
    queryKey: key(incidentId),
    queryFn: () => api.get<IncidentAssistance>(path(incidentId)),
  });
}

const BOARD_KEY = ['assistance-board'] as const;

export function useAssistanceBoard() {
  return useQuery({
    queryKey: BOARD_KEY,
    queryFn: () => api.get<{ items: AssistanceRequest[] }>('/api/assistance/board'),
  });
}

/**
 * A request, offer or step arrived on the live stream (only what the reader may see arrives), or a correction or
 * retraction that may be of one (a retracted request leaves the list and the board): the incident's assistance and
 * ERCC's board are read again, so the ranking, the steps and what is left of a standing offer stay the server's.
 * Only queries on screen are fetched at once; the others when next shown.
 */
export function assistanceEntryArrived(
  queryClient: QueryClient,
  entry: { kind: string; incidentId: string; supersedes?: string | null },
) {
  if (entry.kind.startsWith('assistance-') || entry.kind === 'retraction' || entry.supersedes)
    assistanceMayHaveChanged(queryClient, entry.incidentId);
}

/** Something the reader saw may have gone (a withdrawn entry), or the stream was down: read assistance again. */
export function assistanceMayHaveChanged(queryClient: QueryClient, incidentId?: string) {
  void queryClient.invalidateQueries({ queryKey: incidentId ? key(incidentId) : ['assistance'] });
  void queryClient.invalidateQueries({ queryKey: BOARD_KEY });
}

/** Each command is followed by a fresh read, so the ranking and the steps are the server's. */
function useAssistanceMutation<I, O>(incidentId: string, send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => assistanceMayHaveChanged(queryClient, incidentId),
  });
}

export function useRequestAssistance(incidentId: string) {
  return useAssistanceMutation(incidentId, (input: Record<string, unknown>) =>
    api.post<AssistanceRequest>(`${path(incidentId)}/requests`, input),
  );
}

export function useOfferAssistance(incidentId: string) {
  return useAssistanceMutation(incidentId, (input: Record<string, unknown>) =>
    api.post<AssistanceOffer>(`${path(incidentId)}/offers`, input),
  );
}

export function useMoveStep(incidentId: string) {
  return useAssistanceMutation(
    incidentId,
    ({ requestId, ...body }: { requestId: string; offerId: string; step: MovedStep; quantity?: number }) =>
      api.post<AssistanceRequest>(
        `${path(incidentId)}/requests/${encodeURIComponent(requestId)}/steps`,
        body,
      ),
  );
}

/** Technical support between states and EU bodies (`/api/incidents/{id}/assistance`); the server decides who may act. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export function useAssistanceBoard() {
  return useQuery({
    queryKey: ['assistance-board'],
    queryFn: () => api.get<{ items: AssistanceRequest[] }>('/api/assistance/board'),
  });
}

/** Each command is followed by a fresh read, so the ranking and the steps are the server's. */
function useAssistanceMutation<I, O>(incidentId: string, send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(incidentId) }),
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

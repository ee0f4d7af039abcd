/** Lines to take for the public (`/api/incidents/{id}/public-messages`); the server decides who may do what. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Decision, PublicMessagesView } from '../../../src/comms/model.js';
import { api } from './client.js';
import { incidentPath } from './hooks.js';

export type { MessageVersionView, PublicMessagesView } from '../../../src/comms/model.js';

const key = (incidentId: string) => ['public-messages', incidentId] as const;
export const publicMessagesPath = (incidentId: string) => `${incidentPath(incidentId)}/public-messages`;

export function usePublicMessages(incidentId: string) {
  return useQuery({
    queryKey: key(incidentId),
    queryFn: () => api.get<PublicMessagesView>(publicMessagesPath(incidentId)),
  });
}

/** Every command answers with the whole view, which replaces the cached one. */
function useCommsMutation<I>(incidentId: string, send: (input: I) => Promise<PublicMessagesView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    // A read still in flight from before the command would otherwise overwrite its answer with older data.
    onSuccess: async (view) => {
      await queryClient.cancelQueries({ queryKey: key(incidentId) });
      queryClient.setQueryData(key(incidentId), view);
    },
  });
}

export interface DraftInput {
  marking: 'TLP:CLEAR';
  event: string;
  embargoUntil: string;
  texts: Array<{ language: string; headline: string; text: string; instruction?: string }>;
}

export function useDraftPublicMessage(incidentId: string) {
  return useCommsMutation(incidentId, (input: DraftInput) =>
    api.post<PublicMessagesView>(publicMessagesPath(incidentId), input),
  );
}

/** The languages are checked by the server: English and one of the deciding state's own. */
export interface DecisionInput {
  messageId: string;
  decision: Decision;
  languages: string[];
  reason: string;
  adaptation?: Array<{ language: string; headline: string; text: string; instruction: string }>;
}

export function useDecideOnMessage(incidentId: string) {
  return useCommsMutation(incidentId, ({ messageId, ...body }: DecisionInput) =>
    api.post<PublicMessagesView>(`${publicMessagesPath(incidentId)}/${messageId}/decisions`, body),
  );
}

export function useRecordPublication(incidentId: string) {
  return useCommsMutation(incidentId, ({ messageId, link }: { messageId: string; link: string }) =>
    api.post<PublicMessagesView>(`${publicMessagesPath(incidentId)}/${messageId}/publications`, { link }),
  );
}

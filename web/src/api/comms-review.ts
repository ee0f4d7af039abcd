/**
 * Language versions and comments on a line to take, and the divergence view of what the states published; the
 * server decides who may do what and sends the abilities.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DivergenceView } from '../../../src/comms/divergence-model.js';
import type { PublicMessagesView } from '../../../src/comms/model.js';
import { api } from './client.js';
import { publicMessagesPath } from './comms.js';
import { incidentPath } from './hooks.js';

export type { DivergenceView, KeyFact } from '../../../src/comms/divergence-model.js';
export type { CommentView } from '../../../src/comms/review-model.js';

/** Every command on a line answers with the whole view of the lines, which replaces the cached one. */
function useLineMutation<I>(incidentId: string, send: (input: I) => Promise<PublicMessagesView>) {
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

export interface TranslationInput {
  messageId: string;
  language: string;
  translatedFrom: string;
  headline: string;
  text: string;
  instruction: string;
}

export function useTranslateMessage(incidentId: string) {
  return useLineMutation(incidentId, ({ messageId, ...body }: TranslationInput) =>
    api.post<PublicMessagesView>(`${publicMessagesPath(incidentId)}/${messageId}/translations`, body),
  );
}

export interface CommentInput {
  messageId: string;
  text: string;
  language?: string;
  passage?: string;
}

export function useCommentOnMessage(incidentId: string) {
  return useLineMutation(incidentId, ({ messageId, ...body }: CommentInput) =>
    api.post<PublicMessagesView>(`${publicMessagesPath(incidentId)}/${messageId}/comments`, body),
  );
}

export function useResolveComment(incidentId: string) {
  return useLineMutation(
    incidentId,
    ({ messageId, commentId, resolved }: { messageId: string; commentId: string; resolved: boolean }) =>
      api.put<PublicMessagesView>(
        `${publicMessagesPath(incidentId)}/${messageId}/comments/${commentId}/resolution`,
        { resolved },
      ),
  );
}

const divergenceKey = (incidentId: string) => ['divergence', incidentId] as const;

export function useDivergence(incidentId: string) {
  return useQuery({
    queryKey: divergenceKey(incidentId),
    queryFn: () => api.get<DivergenceView>(`${incidentPath(incidentId)}/divergence`),
  });
}

function useDivergenceMutation<I>(incidentId: string, send: (input: I) => Promise<DivergenceView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (view) => {
      await queryClient.cancelQueries({ queryKey: divergenceKey(incidentId) });
      queryClient.setQueryData(divergenceKey(incidentId), view);
    },
  });
}

export interface NationalPublicationInput {
  state: string;
  publishedAt: string;
  link?: string;
  text?: string;
}

export function useRecordNationalPublication(incidentId: string) {
  return useDivergenceMutation(incidentId, (input: NationalPublicationInput) =>
    api.post<DivergenceView>(`${incidentPath(incidentId)}/national-publications`, input),
  );
}

/** The recording organisation takes back a publication it recorded wrongly, saying why. */
export function useWithdrawNationalPublication(incidentId: string) {
  return useDivergenceMutation(incidentId, (input: { publicationId: string; reason: string }) =>
    api.post<DivergenceView>(
      `${incidentPath(incidentId)}/national-publications/${encodeURIComponent(input.publicationId)}/withdrawal`,
      { reason: input.reason },
    ),
  );
}

export interface PublicationCorrectionInput {
  publicationId: string;
  reason: string;
  link?: string;
  text?: string;
}

/** The recording organisation puts a publication's link or text right, saying what was wrong. */
export function useCorrectNationalPublication(incidentId: string) {
  return useDivergenceMutation(incidentId, ({ publicationId, ...body }: PublicationCorrectionInput) =>
    api.post<DivergenceView>(
      `${incidentPath(incidentId)}/national-publications/${encodeURIComponent(publicationId)}/correction`,
      body,
    ),
  );
}

export function useMarkKeyFact(incidentId: string) {
  return useDivergenceMutation(incidentId, (input: { publicationId: string; fact: string; value: string }) =>
    api.post<DivergenceView>(`${incidentPath(incidentId)}/divergence/marks`, input),
  );
}

export { KEY_FACTS } from '../../../src/comms/divergence-model.js';
export { OFFICIAL_LANGUAGES } from '../../../src/comms/languages.js';

const COMMS_ENTRY_KINDS = [
  'national-publication',
  'national-publication-withdrawn',
  'national-publication-corrected',
  'key-fact-marked',
];
const DISINFORMATION_KINDS = ['disinformation', 'retraction'];

/**
 * A line to take, its comments and language versions, and what states published change by entries: when one
 * arrives on the stream, the incident's lines and divergence view are read again, and its disinformation log when a
 * narrative or a retraction arrives.
 */
export function commsEntryArrived(queryClient: QueryClient, entry: { incidentId: string; kind: string }) {
  // A narrative logged, or retracted, in another tab or organisation changes the disinformation log.
  if (DISINFORMATION_KINDS.includes(entry.kind))
    void queryClient.invalidateQueries({ queryKey: ['disinformation', entry.incidentId] });
  if (!entry.kind.startsWith('public-message-') && !COMMS_ENTRY_KINDS.includes(entry.kind)) return;
  void queryClient.invalidateQueries({ queryKey: ['public-messages', entry.incidentId] });
  void queryClient.invalidateQueries({ queryKey: divergenceKey(entry.incidentId) });
}

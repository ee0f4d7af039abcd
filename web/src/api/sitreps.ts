/**
 * Situation reports over the API: compiled for an audience, edited as a draft, added to by named contributors,
 * approved (then numbered and frozen), corrected by the next number, compared, downloaded as PDF or DOCX.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SectionKey, Sitrep, SitrepDiff } from '../../../src/sitreps/model.js';
import { api } from './client.js';
import type { ListResponse, Lists, TlpMarking } from './types.js';

export type { Section, SectionKey, Sitrep, SitrepDiff } from '../../../src/sitreps/model.js';

/** The web's own copy of the sections, in the order ISAA-style sitreps use; it must name every section. */
export const SECTION_KEYS = [
  'situation',
  'impact',
  'actions',
  'needs',
  'communication',
  'outlook',
  'questions',
] as const satisfies readonly SectionKey[];
export const SECTION_KEYS_COMPLETE: Lists<(typeof SECTION_KEYS)[number], SectionKey> = true;

export function isSectionKey(key: string): key is SectionKey {
  return (SECTION_KEYS as readonly string[]).includes(key);
}

export const sitrepKeys = {
  list: (incidentId: string) => ['incidents', incidentId, 'sitreps'] as const,
  one: (incidentId: string, sitrepId: string) => ['incidents', incidentId, 'sitreps', sitrepId] as const,
  diff: (incidentId: string, from: string, to: string) =>
    ['incidents', incidentId, 'sitreps', 'diff', from, to] as const,
};

function sitrepsPath(incidentId: string): string {
  return `/api/incidents/${encodeURIComponent(incidentId)}/sitreps`;
}

export function sitrepPath(incidentId: string, sitrepId: string): string {
  return `${sitrepsPath(incidentId)}/${encodeURIComponent(sitrepId)}`;
}

/** Where the browser downloads the sitrep as a document. */
export function sitrepDocumentPath(incidentId: string, sitrepId: string, format: 'pdf' | 'docx'): string {
  return `${sitrepPath(incidentId, sitrepId)}/${format}`;
}

/** Newest first: drafts being worked on, then published ones by number. */
export function useSitreps(incidentId: string) {
  return useQuery({
    queryKey: sitrepKeys.list(incidentId),
    queryFn: async () => (await api.get<ListResponse<Sitrep>>(sitrepsPath(incidentId))).items,
  });
}

export function useSitrep(incidentId: string, sitrepId: string) {
  return useQuery({
    queryKey: sitrepKeys.one(incidentId, sitrepId),
    queryFn: () => api.get<Sitrep>(sitrepPath(incidentId, sitrepId)),
    // Contributors and approvers work on a draft at the same time; drafts are not streamed.
    refetchInterval: (query) => (query.state.data?.state === 'draft' ? 20_000 : false),
  });
}

export function useSitrepDiff(incidentId: string, from: string | null, to: string | null) {
  return useQuery({
    queryKey: sitrepKeys.diff(incidentId, from ?? '', to ?? ''),
    enabled: from !== null && to !== null && from !== to,
    queryFn: () =>
      api.get<SitrepDiff>(
        `${sitrepsPath(incidentId)}/diff?${new URLSearchParams({ from: from ?? '', to: to ?? '' }).toString()}`,
      ),
  });
}

function stored(queryClient: QueryClient, sitrep: Sitrep): void {
  queryClient.setQueryData(sitrepKeys.one(sitrep.incidentId, sitrep.id), sitrep);
  void queryClient.invalidateQueries({ queryKey: sitrepKeys.list(sitrep.incidentId), exact: true });
}

function useSitrepMutation<Input>(send: (input: Input) => Promise<Sitrep>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: (sitrep) => stored(queryClient, sitrep) });
}

export interface CompileInput {
  audience: string[];
  releasableToNato: boolean;
  title?: string;
}

export function useCompileSitrep(incidentId: string) {
  return useSitrepMutation((input: CompileInput) => api.post<Sitrep>(sitrepsPath(incidentId), input));
}

export interface EditInput {
  title?: string;
  marking?: TlpMarking;
  sections?: { key: SectionKey; text: string }[];
}

export function useEditSitrep(incidentId: string, sitrepId: string) {
  return useSitrepMutation((input: EditInput) => api.patch<Sitrep>(sitrepPath(incidentId, sitrepId), input));
}

export function useAddContributor(incidentId: string, sitrepId: string) {
  return useSitrepMutation((organisation: string) =>
    api.post<Sitrep>(`${sitrepPath(incidentId, sitrepId)}/contributors`, { organisation }),
  );
}

export function useContribute(incidentId: string, sitrepId: string) {
  return useSitrepMutation((input: { title: string; text: string }) =>
    api.post<Sitrep>(`${sitrepPath(incidentId, sitrepId)}/contributions`, input),
  );
}

export function useApproveSitrep(incidentId: string, sitrepId: string) {
  return useSitrepMutation((reason: string) =>
    api.post<Sitrep>(`${sitrepPath(incidentId, sitrepId)}/approval`, reason ? { reason } : undefined),
  );
}

export function useCorrectSitrep(incidentId: string, sitrepId: string) {
  return useSitrepMutation(() => api.post<Sitrep>(`${sitrepPath(incidentId, sitrepId)}/correction`));
}

/** A published sitrep is distributed as a `sitrep` entry in the log: the list has a new member. */
export function sitrepEntryArrived(queryClient: QueryClient, entry: { incidentId: string; kind: string }) {
  if (entry.kind !== 'sitrep') return;
  void queryClient.invalidateQueries({ queryKey: sitrepKeys.list(entry.incidentId), exact: true });
}

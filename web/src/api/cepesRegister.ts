/** The CEPES register as ERCC keeps it (`/api/cepes-register`): pages of what the caller may see, and its writes. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CepesEntry, CepesEntryInput, CepesPage, CepesVerdict } from '../../../src/cepes/model.js';
import { api } from './client.js';
import type { Lists } from './types.js';

export type { CepesEntry, CepesEntryInput, CepesVerdict };

/** The web's own copy of what the register may say of an entity (importing the server's would bundle server code). */
export const CEPES_VERDICTS = [
  'cepes',
  'not-cepes',
  'eu-infrastructure',
] as const satisfies readonly CepesVerdict[];
export const CEPES_VERDICTS_COMPLETE: Lists<(typeof CEPES_VERDICTS)[number], CepesVerdict> = true;

/** The markings a register entry may carry: every one but TLP:RED, which is for named people. */
export const CEPES_MARKINGS = [
  'TLP:CLEAR',
  'TLP:GREEN',
  'TLP:AMBER',
  'TLP:AMBER+STRICT',
] as const satisfies readonly CepesEntryInput['marking'][];
export const CEPES_MARKINGS_COMPLETE: Lists<(typeof CEPES_MARKINGS)[number], CepesEntryInput['marking']> =
  true;

/** Entries per page of the register's screen. */
export const REGISTER_PAGE = 20;

const REGISTER = ['cepes-register'] as const;

/** One page of the entries whose name contains `q`, after the cursor `after` (the previous page's `next`). */
export function useCepesRegisterPage(q: string, after: string | null) {
  const query = q.trim();
  return useQuery({
    queryKey: [...REGISTER, 'page', query, after],
    queryFn: () =>
      api.get<CepesPage>(
        `/api/cepes-register?limit=${REGISTER_PAGE}&q=${encodeURIComponent(query)}${
          after ? `&after=${encodeURIComponent(after)}` : ''
        }`,
      ),
    placeholderData: keepPreviousData,
  });
}

/** Adds an entry, or replaces the one with `id`; every view of the register (typeahead included) is refreshed. */
export function useSaveCepesEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, entry }: { id: string | null; entry: Partial<CepesEntryInput> }) =>
      id
        ? api.put<CepesEntry>(`/api/cepes-register/${encodeURIComponent(id)}`, entry)
        : api.post<CepesEntry>('/api/cepes-register', entry),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: REGISTER }),
  });
}

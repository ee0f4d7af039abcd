/** The CEPES register as ERCC keeps it (`/api/cepes-register`): pages of what the caller may see, and its writes. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CepesEntry, CepesEntryInput, CepesPage } from '../../../src/cepes/model.js';
import { api } from './client.js';

export type { CepesEntry, CepesEntryInput };

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

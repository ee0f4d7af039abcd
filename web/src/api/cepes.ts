/** The CEPES register as the report form offers it (`GET /api/cepes-register`); the server decides what the caller sees. */
import { useQuery } from '@tanstack/react-query';
import type { CepesPage } from '../../../src/cepes/model.js';
import { api } from './client.js';
import { keys } from './keys.js';

export type { CepesEntry, CepesVerdict } from '../../../src/cepes/model.js';

/** How many suggestions the typeahead shows at once. */
const SUGGESTIONS = 8;

/** Register entries whose name contains `q` (already debounced by the caller); nothing is asked for an empty `q`. */
export function useCepesSuggestions(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: keys.cepesRegister(query),
    queryFn: async () =>
      (await api.get<CepesPage>(`/api/cepes-register?q=${encodeURIComponent(query)}&limit=${SUGGESTIONS}`))
        .items,
    enabled: query.length >= 2,
    staleTime: 60_000,
  });
}

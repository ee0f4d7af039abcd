/** The people an author may choose as TLP:RED recipients (`GET /api/recipients`); the server decides who they are. */
import { useQuery } from '@tanstack/react-query';
import type { RecipientOption } from '../../../src/accounts/model.js';
import { api } from './client.js';
import { keys } from './keys.js';
import type { ListResponse } from './types.js';

export type { RecipientOption } from '../../../src/accounts/model.js';

/** People whose name or address contains `q`; the NATO liaison's people only when the entry is released to NATO. */
export function useRecipientOptions(q: string, nato: boolean) {
  const query = q.trim();
  return useQuery({
    queryKey: keys.recipients(query, nato),
    queryFn: async () =>
      (
        await api.get<ListResponse<RecipientOption>>(
          `/api/recipients?q=${encodeURIComponent(query)}&nato=${nato ? 'true' : 'false'}`,
        )
      ).items,
    staleTime: 30_000,
  });
}

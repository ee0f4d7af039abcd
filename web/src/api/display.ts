/**
 * Wall screens: display tokens that carry one organisation's read rights (created and revoked by its
 * coordinators and organisation administrators), and signing a screen in with one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { forgetEverythingButMe } from './hooks.js';
import { keys } from './keys.js';
import type { ListResponse, Me } from './types.js';

export type { CreatedDisplayToken, DisplayToken } from '../../../src/accounts/model.js';

import type { CreatedDisplayToken, DisplayToken } from '../../../src/accounts/model.js';

export const displayKeys = { tokens: ['display-tokens'] as const };

export function useDisplayTokens(enabled = true) {
  return useQuery({
    queryKey: displayKeys.tokens,
    enabled,
    queryFn: async () => (await api.get<ListResponse<DisplayToken>>('/api/display-tokens')).items,
  });
}

export function useCreateDisplayToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<CreatedDisplayToken>('/api/display-tokens', { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: displayKeys.tokens }),
  });
}

export function useRevokeDisplayToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/display-tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: displayKeys.tokens }),
  });
}

const SCREEN_KEY = 'blueprint.wallScreen';

/**
 * Who this wall screen is (its name and organisation; nothing secret: the token stays in its HttpOnly cookie).
 * `GET /api/me` does not yet answer for a display token (it looks the id up among users and says 404), so the
 * screen remembers what `POST /api/auth/display` answered, to come back after a reload or a power cut. Whether
 * the token still holds is decided by the server on every request: a revoked token gets 401 everywhere.
 */
export function rememberedScreen(): Me | null {
  try {
    const stored = JSON.parse(localStorage.getItem(SCREEN_KEY) ?? 'null') as Me | null;
    return stored && stored.viaDisplay === true && typeof stored.id === 'string' ? stored : null;
  } catch {
    return null;
  }
}

export function forgetScreen(): void {
  try {
    localStorage.removeItem(SCREEN_KEY);
  } catch {
    // Storage may be unavailable; nothing was remembered then.
  }
}

function rememberScreen(me: Me): void {
  try {
    localStorage.setItem(SCREEN_KEY, JSON.stringify(me));
  } catch {
    // Without storage the screen still works until it is reloaded.
  }
}

/** Signs this browser in as a wall screen: the server keeps the token in an HttpOnly cookie. */
export function useDisplaySignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post<{ me: Me }>('/api/auth/display', { token }),
    onSuccess: ({ me }) => {
      forgetEverythingButMe(queryClient);
      rememberScreen(me);
      queryClient.setQueryData(keys.me, me);
    },
  });
}

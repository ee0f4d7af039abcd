/** Hooks for the ways back into an account: reset links, unlocking, recovery codes, second-factor resets. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import type { Me, User } from './types.js';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: { email: string; language?: 'en' | 'nl' }) =>
      api.post<{ message: string }>('/api/auth/password-reset/request', body),
  });
}

export function useCompletePasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; newPassword: string }) =>
      api.post<void>('/api/auth/password-reset/complete', body),
  });
}

function useUserAction(path: (id: string) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<User>(path(encodeURIComponent(id))),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export const useUnlockUser = () => useUserAction((id) => `/api/users/${id}/unlock`);
export const useResetSecondFactor = () => useUserAction((id) => `/api/users/${id}/second-factor/reset`);

export function useSendPasswordReset() {
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ expiresAt: string }>(`/api/users/${encodeURIComponent(id)}/password-reset`),
  });
}

export function useRegenerateRecoveryCodes() {
  return useMutation({
    mutationFn: () => api.post<{ recoveryCodes: string[] }>('/api/me/second-factor/recovery-codes'),
  });
}

/** After the user has stored the recovery codes: who they are now (enrolled), so the app moves on. */
export function useAcceptEnrolment() {
  const queryClient = useQueryClient();
  return (me: Me) => queryClient.setQueryData(keys.me, me);
}

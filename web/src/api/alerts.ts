/** A person's alert channels per trigger, and their organisation's webhooks (`/api/me/alert-preferences`, `/api/webhooks`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertPreferences, ChangeAlertPreferences } from '../../../src/alerting/preferences-model.js';
import type { AlertTrigger } from '../../../src/alerting/triggers.js';
import type {
  ChangeWebhook,
  RegisterWebhook,
  Webhook,
  WebhookDelivery,
} from '../../../src/alerting/webhooks-model.js';
import { api } from './client.js';

export type { AlertPreferences } from '../../../src/alerting/preferences-model.js';
export { ALERT_TRIGGERS } from '../../../src/alerting/triggers.js';
export type { AlertTrigger, Webhook, WebhookDelivery };

export const alertKeys = {
  preferences: ['alert-preferences'] as const,
  webhooks: ['webhooks'] as const,
  deliveries: (id: string) => ['webhooks', id, 'deliveries'] as const,
};

export function useAlertPreferences() {
  return useQuery({
    queryKey: alertKeys.preferences,
    queryFn: () => api.get<AlertPreferences>('/api/me/alert-preferences'),
  });
}

export function useChangeAlertPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: ChangeAlertPreferences) =>
      api.put<AlertPreferences>('/api/me/alert-preferences', change),
    onSuccess: (preferences) => queryClient.setQueryData(alertKeys.preferences, preferences),
  });
}

export function useWebhooks(enabled: boolean) {
  return useQuery({
    queryKey: alertKeys.webhooks,
    enabled,
    queryFn: async () => (await api.get<{ items: Webhook[] }>('/api/webhooks')).items,
  });
}

export function useWebhookDeliveries(id: string) {
  return useQuery({
    queryKey: alertKeys.deliveries(id),
    queryFn: async () =>
      (await api.get<{ items: WebhookDelivery[] }>(`/api/webhooks/${id}/deliveries`)).items,
  });
}

export function useRegisterWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterWebhook) => api.post<Webhook>('/api/webhooks', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.webhooks }),
  });
}

export function useChangeWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: ChangeWebhook }) =>
      api.patch<Webhook>(`/api/webhooks/${id}`, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.webhooks }),
  });
}

export function useRemoveWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ removed: string }>(`/api/webhooks/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.webhooks }),
  });
}

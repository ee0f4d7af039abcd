/** The platform settings a platform administrator reads and changes (`/api/admin/settings`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePlatformSettingsRequest, PlatformSettings } from '../../../src/settings/model.js';
import { api } from './client.js';

export type { PlatformSettings } from '../../../src/settings/model.js';

export const settingsKeys = { platform: ['platform-settings'] as const };

export function usePlatformSettings(enabled = true) {
  return useQuery({
    queryKey: settingsKeys.platform,
    enabled,
    queryFn: () => api.get<PlatformSettings>('/api/admin/settings'),
  });
}

export function useChangePlatformSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: ChangePlatformSettingsRequest) =>
      api.patch<PlatformSettings>('/api/admin/settings', change),
    // The control shows the choice at once; a refusal puts back what the server still has.
    onMutate: (change) => {
      const before = queryClient.getQueryData<PlatformSettings>(settingsKeys.platform);
      if (before) queryClient.setQueryData(settingsKeys.platform, { ...before, ...change });
      return { before };
    },
    onError: (_error, _change, context) => {
      if (context?.before) queryClient.setQueryData(settingsKeys.platform, context.before);
    },
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.platform, settings),
  });
}

/** The Council Presidency calendar as platform administrators keep it (`/api/admin/presidency`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AddTermRequest, PresidencyCalendarState } from '../../../src/presidency/model.js';
import { api } from './client.js';
import { keys } from './keys.js';

export type { AddTermRequest, PresidencyCalendarState } from '../../../src/presidency/model.js';

export const presidencyKeys = { calendar: ['presidency-calendar'] as const };

export function usePresidencyCalendar(enabled = true) {
  return useQuery({
    queryKey: presidencyKeys.calendar,
    enabled,
    queryFn: () => api.get<PresidencyCalendarState>('/api/admin/presidency'),
  });
}

export function useAddPresidencyTerm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (term: AddTermRequest) => api.post('/api/admin/presidency/terms', term),
    // The registry carries the calendar too: everyone's view of the Presidency follows.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: presidencyKeys.calendar });
      await queryClient.invalidateQueries({ queryKey: keys.registry });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdHocInject,
  ExerciseSession,
  StartSessionRequest,
} from '../../../src/exercises/sessions/model.js';
import { api } from './client.js';

export type { AdHocInject, ExerciseSession } from '../../../src/exercises/sessions/model.js';

const keys = {
  sessions: ['exercise-sessions'] as const,
  scenarios: ['exercise-scenarios'] as const,
};

type SessionList = { items: ExerciseSession[]; abilities: { start: boolean } };

/** The facilitator's sessions; a running one moves by the server's clock, so the page looks again often. */
export function useExerciseSessions() {
  return useQuery({
    queryKey: keys.sessions,
    queryFn: () => api.get<SessionList>('/api/exercise-sessions'),
    refetchInterval: (query) => (query.state.data?.items.some((s) => s.state === 'running') ? 2_000 : false),
  });
}

export function useBuiltInScenarios() {
  return useQuery({
    queryKey: keys.scenarios,
    queryFn: () =>
      api.get<{ items: Array<{ name: string; id: string; title: string }> }>('/api/exercise-scenarios'),
  });
}

function useSessionMutation<V>(fn: (v: V) => Promise<ExerciseSession>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export const useStartExercise = () =>
  useSessionMutation((request: StartSessionRequest) =>
    api.post<ExerciseSession>('/api/exercise-sessions', request),
  );

export const usePauseExercise = () =>
  useSessionMutation((id: string) =>
    api.post<ExerciseSession>(`/api/exercise-sessions/${encodeURIComponent(id)}/pause`, {}),
  );

export const useResumeExercise = () =>
  useSessionMutation((id: string) =>
    api.post<ExerciseSession>(`/api/exercise-sessions/${encodeURIComponent(id)}/resume`, {}),
  );

export const useAddInject = () =>
  useSessionMutation(({ id, inject }: { id: string; inject: AdHocInject }) =>
    api.post<ExerciseSession>(`/api/exercise-sessions/${encodeURIComponent(id)}/injects`, inject),
  );

/** The exercise history against the Recommendation, for platform administrators (`/api/admin/exercise-compliance`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ExerciseCompliance,
  HeldExercise,
  RecordOutsideExercise,
} from '../../../src/exercises/compliance-model.js';
import { api } from './client.js';

export type { ExerciseCompliance, HeldExercise } from '../../../src/exercises/compliance-model.js';
export { REPORT_TYPES } from '../../../src/exercises/compliance-model.js';

export const complianceKeys = { standing: ['exercise-compliance'] as const };

export function useExerciseCompliance() {
  return useQuery({
    queryKey: complianceKeys.standing,
    queryFn: () => api.get<ExerciseCompliance>('/api/admin/exercise-compliance'),
  });
}

export function useRecordOutsideExercise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (exercise: RecordOutsideExercise) =>
      api.post<HeldExercise>('/api/admin/outside-exercises', exercise),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complianceKeys.standing }),
  });
}

export function outsideReportPath(id: string): string {
  return `/api/admin/outside-exercises/${encodeURIComponent(id)}/report`;
}

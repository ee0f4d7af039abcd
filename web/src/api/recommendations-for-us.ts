/** "Recommendations for us" (src/after-action/follow-up-*): the server decides what is listed and who follows up. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FollowUpFilter,
  FollowUpStatus,
  RecommendationForUs,
} from '../../../src/after-action/follow-up-model.js';
import { api } from './client.js';

export type {
  FollowUp,
  FollowUpFilter,
  FollowUpStatus,
  RecommendationForUs,
} from '../../../src/after-action/follow-up-model.js';
export { FOLLOW_UP_STATUSES } from '../../../src/after-action/follow-up-model.js';

const forUsKey = ['recommendations-for-us'] as const;

export function useRecommendationsForUs(filter: FollowUpFilter | null) {
  return useQuery({
    queryKey: [...forUsKey, filter],
    queryFn: () =>
      api.get<{ items: RecommendationForUs[] }>(
        `/api/me/recommendations${filter ? `?followUp=${encodeURIComponent(filter)}` : ''}`,
      ),
  });
}

/** Records a follow-up, then reads the list again (and the reports, whose tracked status it moves). */
export function useRecordFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; status: FollowUpStatus; note: string }) =>
      api.post<RecommendationForUs>(
        `/api/after-action/recommendations/${encodeURIComponent(input.id)}/follow-up`,
        { status: input.status, note: input.note },
      ),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: forUsKey }),
        queryClient.invalidateQueries({ queryKey: ['after-action'] }),
        queryClient.invalidateQueries({ queryKey: ['after-action-recommendations'] }),
      ]);
    },
  });
}

import type { FollowUpStatus } from './follow-up-model.js';
import type { RecommendationStatus } from './model.js';

/**
 * A follow-up moves the recommendation's tracked status with it, so the overdue counts follow what the addressed
 * organisation reports: planned work is still open, and a recommendation not taken up is no longer awaited.
 */
const STATUS_AFTER: Record<FollowUpStatus, RecommendationStatus> = {
  planned: 'open',
  'in-progress': 'in-progress',
  done: 'done',
  'not-taken-up': 'dropped',
};

export function statusAfterFollowUp(followUp: FollowUpStatus): RecommendationStatus {
  return STATUS_AFTER[followUp];
}

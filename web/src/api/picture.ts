/**
 * The common picture of an incident (`GET /api/incidents/:id/picture`): impact per state, key figures and
 * staleness as the reader may see them. The server recomputes it from the log, so the live stream's entry,
 * assessment and withdrawal events for an incident make the cached picture stale; a burst of events (an update
 * naming five states) refetches it once.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { ReportingStage } from '../../../src/incidents/model.js';
import { api } from './client.js';
import type { Lists } from './types.js';
import { IMPACT_LEVELS, REPORTING_STAGES } from './workflow.js';

export type { Picture, PictureState } from '../../../src/picture/model.js';

import type { Picture, PictureState } from '../../../src/picture/model.js';

/** Impact levels, most severe first (the order of the legend and of the per-state panel). */
export const LEVELS = IMPACT_LEVELS;

type StalenessValue = NonNullable<PictureState['staleness']>;
export const STALENESS = ['fresh', 'amber', 'red'] as const satisfies readonly StalenessValue[];
export const STALENESS_COMPLETE: Lists<(typeof STALENESS)[number], StalenessValue> = true;

export function isLevel(value: string): value is (typeof LEVELS)[number] {
  return (LEVELS as readonly string[]).includes(value);
}

/** A reporting stage the web names (the list and its completeness check live with the workflow). */
export function isStage(value: string): value is ReportingStage {
  return (REPORTING_STAGES as readonly string[]).includes(value);
}

export const pictureKeys = {
  picture: (incidentId: string) => ['incidents', incidentId, 'picture'] as const,
};

export function usePicture(incidentId: string, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: pictureKeys.picture(incidentId),
    queryFn: () => api.get<Picture>(`/api/incidents/${encodeURIComponent(incidentId)}/picture`),
    // Staleness ages with the clock even when nothing is posted: fetch it again now and then.
    refetchInterval: options.refetchInterval ?? 60_000,
  });
}

const DEBOUNCE_MS = 300;
const pending = new Map<string, ReturnType<typeof setTimeout>>();

/** Something in the incident's log changed: refetch its picture once the burst of events is over. */
export function pictureEventArrived(queryClient: QueryClient, incidentId: string): void {
  clearTimeout(pending.get(incidentId));
  pending.set(
    incidentId,
    setTimeout(() => {
      pending.delete(incidentId);
      void queryClient.invalidateQueries({ queryKey: pictureKeys.picture(incidentId) });
    }, DEBOUNCE_MS),
  );
}

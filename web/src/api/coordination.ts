/** Coordination metrics over the API: one incident's, and the newest incidents' for a comparison over time. */
import { useQuery } from '@tanstack/react-query';
import type {
  CoordinationMetrics,
  IncidentMetrics,
  MetricsOverTime,
} from '../../../src/coordination/model.js';
import { api } from './client.js';

export type { CoordinationMetrics, IncidentMetrics } from '../../../src/coordination/model.js';

export const coordinationKeys = {
  incident: (incidentId: string) => ['incidents', incidentId, 'coordination-metrics'] as const,
  overTime: (exercise: boolean) => ['coordination-metrics', exercise] as const,
};

export function useCoordinationMetrics(incidentId: string) {
  return useQuery({
    queryKey: coordinationKeys.incident(incidentId),
    queryFn: () =>
      api.get<CoordinationMetrics>(`/api/incidents/${encodeURIComponent(incidentId)}/coordination-metrics`),
  });
}

export function useMetricsOverTime(exercise: boolean) {
  return useQuery({
    queryKey: coordinationKeys.overTime(exercise),
    queryFn: async (): Promise<IncidentMetrics[]> =>
      (await api.get<MetricsOverTime>(`/api/coordination-metrics?exercise=${exercise}`)).items,
  });
}

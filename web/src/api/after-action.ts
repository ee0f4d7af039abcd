/** Post-incident (CERG) reports and their recommendations (src/after-action); the server decides who may act. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AfterActionReport, Recommendation } from '../../../src/after-action/model.js';
import { api } from './client.js';
import { incidentPath } from './hooks.js';

export type { AfterActionReport, Recommendation, ReportSectionKey } from '../../../src/after-action/model.js';

const reportsKey = (incidentId: string) => ['after-action', incidentId] as const;
const recommendationsKey = ['after-action-recommendations'] as const;

export const reportPath = (incidentId: string, reportId: string) =>
  `${incidentPath(incidentId)}/after-action/${encodeURIComponent(reportId)}`;

export function useReports(incidentId: string) {
  return useQuery({
    queryKey: reportsKey(incidentId),
    queryFn: () =>
      api.get<{ items: AfterActionReport[]; canDraft: boolean }>(`${incidentPath(incidentId)}/after-action`),
  });
}

/** Every recommendation the reader may see, across incidents. */
export function useRecommendations(overdueOnly = false) {
  return useQuery({
    queryKey: [...recommendationsKey, overdueOnly],
    queryFn: () =>
      api.get<{ items: Recommendation[] }>(
        `/api/after-action/recommendations${overdueOnly ? '?overdue=true' : ''}`,
      ),
  });
}

/** Overdue recommendations counted per owning organisation, without their content: for the admin page. */
export function useOverdueCounts(enabled: boolean) {
  return useQuery({
    queryKey: ['after-action-overdue'],
    enabled,
    queryFn: () => api.get<{ items: Array<{ owner: string; overdue: number }> }>('/api/after-action/overdue'),
  });
}

/** Each command is followed by a fresh read of the incident's reports and of the recommendations list. */
export function useReportCommand<I>(incidentId: string, send: (input: I) => Promise<AfterActionReport>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: reportsKey(incidentId) }),
        queryClient.invalidateQueries({ queryKey: recommendationsKey }),
      ]);
    },
  });
}

export const reportCommands = {
  draft: (incidentId: string, input: { audience: string[]; releasableToNato: boolean }) =>
    api.post<AfterActionReport>(`${incidentPath(incidentId)}/after-action`, input),
  assign: (r: AfterActionReport, key: string, owner: string | null) =>
    api.put<AfterActionReport>(`${reportPath(r.incidentId, r.id)}/sections/${key}/owner`, { owner }),
  write: (r: AfterActionReport, key: string, text: string) =>
    api.put<AfterActionReport>(`${reportPath(r.incidentId, r.id)}/sections/${key}`, { text }),
  review: (r: AfterActionReport) => api.post<AfterActionReport>(`${reportPath(r.incidentId, r.id)}/review`),
  distribute: (r: AfterActionReport) =>
    api.post<AfterActionReport>(`${reportPath(r.incidentId, r.id)}/distribution`),
  recommend: (r: AfterActionReport, input: { text: string; owner: string; dueDate: string }) =>
    api.post<AfterActionReport>(`${reportPath(r.incidentId, r.id)}/recommendations`, input),
  setStatus: (r: AfterActionReport, recommendationId: string, status: Recommendation['status']) =>
    api.patch<AfterActionReport>(
      `${reportPath(r.incidentId, r.id)}/recommendations/${encodeURIComponent(recommendationId)}`,
      { status },
    ),
};

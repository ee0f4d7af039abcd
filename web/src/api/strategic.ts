/** Report once (forwards to EU mechanisms) and the strategic products (ISAA reports, roundtable packs). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type {
  EntryForwarding,
  ForwardPreview,
  IncidentForwards,
} from '../../../src/response/forwarding-model.js';
import type { IncidentIsaaReports, IsaaReport } from '../../../src/response/isaa-model.js';
import { api } from './client.js';
import { incidentPath } from './hooks.js';
import { keys } from './keys.js';
import type { Entry } from './types.js';

export type {
  EntryForwarding,
  Forward,
  ForwardPreview,
  ForwardTarget,
} from '../../../src/response/forwarding-model.js';
export type { IsaaReport } from '../../../src/response/isaa-model.js';

const forwardsKey = (incidentId: string) => ['forwards', incidentId] as const;
const forwardingKey = (incidentId: string, entryId: string) => ['forwarding', incidentId, entryId] as const;
const isaaKey = (incidentId: string) => ['isaa', incidentId] as const;

const FORWARD_KINDS: readonly string[] = ['forwarded'];
const ISAA_KINDS: readonly string[] = ['isaa-report', 'isaa-question', 'isaa-answer', 'isaa-version'];

/**
 * Follows the incident's log as the live stream fills it, once per incident page: when someone else's forward,
 * question, answer or version arrives, the forwards and ISAA reports are read again, without a reload.
 */
export function useStrategicLive(incidentId: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const logKey = JSON.stringify(keys.entries(incidentId));
    const counts = () => {
      const entries = queryClient.getQueryData<Entry[]>(keys.entries(incidentId)) ?? [];
      return [FORWARD_KINDS, ISAA_KINDS].map((kinds) => entries.filter((e) => kinds.includes(e.kind)).length);
    };
    let seen = counts();
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || JSON.stringify(event.query.queryKey) !== logKey) return;
      const now = counts();
      if (now[0] !== seen[0]) void queryClient.invalidateQueries({ queryKey: forwardsKey(incidentId) });
      if (now[1] !== seen[1]) void queryClient.invalidateQueries({ queryKey: isaaKey(incidentId) });
      seen = now;
    });
  }, [queryClient, incidentId]);
}

export function useIncidentForwards(incidentId: string) {
  return useQuery({
    queryKey: forwardsKey(incidentId),
    queryFn: () => api.get<IncidentForwards>(`${incidentPath(incidentId)}/forwards`),
  });
}

/** Where an entry may go: asked only when its author's organisation opens the "Forward to…" action. */
export function useEntryForwarding(incidentId: string, entryId: string, enabled: boolean) {
  return useQuery({
    queryKey: forwardingKey(incidentId, entryId),
    enabled,
    queryFn: () => api.get<EntryForwarding>(`${incidentPath(incidentId)}/entries/${entryId}/forwarding`),
  });
}

export function useForwardPreview(incidentId: string, entryId: string, mechanism: string) {
  return useQuery({
    queryKey: [...forwardingKey(incidentId, entryId), mechanism],
    enabled: mechanism !== '',
    queryFn: () =>
      api.get<ForwardPreview>(
        `${incidentPath(incidentId)}/entries/${entryId}/forwarding/${encodeURIComponent(mechanism)}`,
      ),
  });
}

export function useForward(incidentId: string, entryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mechanism: string) =>
      api.post(`${incidentPath(incidentId)}/entries/${entryId}/forwards`, { mechanism }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: forwardsKey(incidentId) }),
        queryClient.invalidateQueries({ queryKey: forwardingKey(incidentId, entryId) }),
      ]);
    },
  });
}

export function useIsaaReports(incidentId: string) {
  return useQuery({
    queryKey: isaaKey(incidentId),
    queryFn: () => api.get<IncidentIsaaReports>(`${incidentPath(incidentId)}/isaa`),
  });
}

function useIsaaMutation<I>(incidentId: string, send: (input: I) => Promise<IsaaReport>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: isaaKey(incidentId) }),
  });
}

export function useOpenIsaa(incidentId: string) {
  return useIsaaMutation(incidentId, (input: Record<string, unknown>) =>
    api.post<IsaaReport>(`${incidentPath(incidentId)}/isaa`, input),
  );
}

export function useAskIsaa(incidentId: string, reportId: string) {
  return useIsaaMutation(incidentId, (question: string) =>
    api.post<IsaaReport>(`${incidentPath(incidentId)}/isaa/${reportId}/questions`, { question }),
  );
}

export function useAnswerIsaa(incidentId: string, reportId: string) {
  return useIsaaMutation(incidentId, (input: { questionId: string; text: string }) =>
    api.post<IsaaReport>(`${incidentPath(incidentId)}/isaa/${reportId}/answers`, input),
  );
}

export function useIssueIsaaVersion(incidentId: string, reportId: string) {
  return useIsaaMutation(incidentId, (note: string) =>
    api.post<IsaaReport>(`${incidentPath(incidentId)}/isaa/${reportId}/versions`, { note }),
  );
}

export const isaaDocumentPath = (
  incidentId: string,
  reportId: string,
  format: 'pdf' | 'docx',
  version: number | null,
) => `${incidentPath(incidentId)}/isaa/${reportId}/${format}${version ? `?version=${version}` : ''}`;

export const roundtablePackPath = (incidentId: string, meetingId: string, format: 'pdf' | 'docx') =>
  `${incidentPath(incidentId)}/meetings/${meetingId}/pack/${format}`;

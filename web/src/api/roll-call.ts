/** The roll call of an incident's alerts and the contact-point checks (`/api/incidents/:id/roll-call`, `/api/contact-checks`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RollCall } from '../../../src/alerting/roll-call-model.js';
import type {
  ContactCheck,
  ContactPointStanding,
  ScheduleContactCheckRequest,
} from '../../../src/contact-checks/model.js';
import { api } from './client.js';
import { incidentPath } from './hooks.js';

export type { RollCall, RollCallAlert, RollCallDelivery } from '../../../src/alerting/roll-call-model.js';
export type { CheckResult, ContactCheck, ContactPointStanding } from '../../../src/contact-checks/model.js';

export const rollCallKeys = {
  rollCall: (incidentId: string) => ['roll-call', incidentId] as const,
  checks: ['contact-checks'] as const,
  check: (id: string) => ['contact-checks', 'one', id] as const,
  openChecks: ['contact-checks', 'open'] as const,
  standing: ['contact-checks', 'standing'] as const,
};

export function useRollCall(incidentId: string) {
  return useQuery({
    queryKey: rollCallKeys.rollCall(incidentId),
    queryFn: () => api.get<RollCall>(`${incidentPath(incidentId)}/roll-call`),
    // Escalations happen by the clock, not by what the reader does: look again now and then.
    refetchInterval: 30_000,
  });
}

type CheckList = { items: ContactCheck[]; abilities: { schedule: 'all' | 'own' | 'none' } };

export function useContactChecks() {
  return useQuery({
    queryKey: rollCallKeys.checks,
    queryFn: () => api.get<CheckList>('/api/contact-checks'),
  });
}

export function useOpenContactChecks() {
  return useQuery({
    queryKey: rollCallKeys.openChecks,
    queryFn: () => api.get<CheckList>('/api/contact-checks?open=true'),
  });
}

export function useContactCheck(id: string) {
  return useQuery({
    queryKey: rollCallKeys.check(id),
    queryFn: () => api.get<ContactCheck>(`/api/contact-checks/${encodeURIComponent(id)}`),
  });
}

export function useContactPointStandings() {
  return useQuery({
    queryKey: rollCallKeys.standing,
    queryFn: () =>
      api.get<{ staleAfterDays: number; items: ContactPointStanding[] }>('/api/contact-checks/standing'),
  });
}

export function useScheduleContactCheck() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ScheduleContactCheckRequest) =>
      api.post<ContactCheck>('/api/contact-checks', request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rollCallKeys.checks }),
  });
}

export function useAcknowledgeContactCheck() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, via }: { id: string; via?: string | undefined }) =>
      api.post<ContactCheck>(
        `/api/contact-checks/${encodeURIComponent(id)}/acknowledgement`,
        via ? { via } : {},
      ),
    // Not awaited: the answered check leaves the open list, and the caller's confirmation must not wait for that.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: rollCallKeys.checks });
    },
  });
}

type Timings = {
  platform: { acknowledgeWithinMinutes: number; adminsAfterMinutes: number; contactPointStaleDays: number };
  organisation: {
    organisation: string;
    acknowledgeWithinMinutes: number;
    adminsAfterMinutes: number;
    ownAcknowledgeWithin: boolean;
    ownAdminsAfter: boolean;
  };
};

const timingsKey = (organisation: string) => ['alerting-timings', organisation] as const;

export function useAlertingTimings(organisation: string) {
  return useQuery({
    queryKey: timingsKey(organisation),
    queryFn: () => api.get<Timings>(`/api/alerting/timings/${encodeURIComponent(organisation)}`),
  });
}

/** Platform admins change the platform's times (no organisation), org-admins their organisation's. */
export function useChangeAlertingTimings(organisation: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: Record<string, number | null>) =>
      api.patch<unknown>(
        organisation ? `/api/alerting/timings/${encodeURIComponent(organisation)}` : '/api/alerting/timings',
        change,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alerting-timings'] }),
  });
}

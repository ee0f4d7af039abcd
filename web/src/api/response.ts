/** Decisions, action items, meetings and availability for EU asks (src/response); the server decides who may act. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemberStateAvailability } from '../../../src/response/availability-model.js';
import type { ActionItem, Decision, IncidentDecisions } from '../../../src/response/decisions-model.js';
import type { Handover } from '../../../src/response/handover-model.js';
import type { IncidentMeetings, Meeting } from '../../../src/response/meetings-model.js';
import { api } from './client.js';
import { incidentPath } from './hooks.js';

export type { MemberStateAvailability } from '../../../src/response/availability-model.js';
export type { ActionItem, Decision, IncidentDecisions } from '../../../src/response/decisions-model.js';
export type { IncidentMeetings, Meeting } from '../../../src/response/meetings-model.js';

const decisionsKey = (incidentId: string) => ['decisions', incidentId] as const;
const meetingsKey = (incidentId: string) => ['meetings', incidentId] as const;
const myActionsKey = ['my-actions'] as const;

export function useDecisions(incidentId: string) {
  return useQuery({
    queryKey: decisionsKey(incidentId),
    queryFn: () => api.get<IncidentDecisions>(`${incidentPath(incidentId)}/decisions`),
  });
}

export function useMeetings(incidentId: string) {
  return useQuery({
    queryKey: meetingsKey(incidentId),
    queryFn: () => api.get<IncidentMeetings>(`${incidentPath(incidentId)}/meetings`),
  });
}

export function useMyActions() {
  return useQuery({
    queryKey: myActionsKey,
    queryFn: () => api.get<{ items: ActionItem[] }>('/api/me/actions'),
  });
}

export function useAvailability() {
  return useQuery({
    queryKey: ['availability'],
    queryFn: () => api.get<{ items: MemberStateAvailability[] }>('/api/member-states/availability'),
    staleTime: 60_000,
  });
}

export function useAssignees(incidentId: string, organisation: string) {
  return useQuery({
    queryKey: ['assignees', incidentId, organisation],
    enabled: organisation !== '',
    queryFn: () =>
      api.get<{ items: { userId: string; name: string; role: string }[] }>(
        `${incidentPath(incidentId)}/actions/assignees?organisation=${encodeURIComponent(organisation)}`,
      ),
  });
}

/** Each command is followed by a fresh read of the incident's response and of the caller's own actions. */
function useResponseMutation<I, O>(incidentId: string, send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: decisionsKey(incidentId) }),
        queryClient.invalidateQueries({ queryKey: meetingsKey(incidentId) }),
        queryClient.invalidateQueries({ queryKey: myActionsKey }),
      ]);
    },
  });
}

export function useRecordDecision(incidentId: string) {
  return useResponseMutation(incidentId, (input: Record<string, unknown>) =>
    api.post<Decision>(`${incidentPath(incidentId)}/decisions`, input),
  );
}

export function useCreateAction(incidentId: string) {
  return useResponseMutation(incidentId, (input: Record<string, unknown>) =>
    api.post<ActionItem>(`${incidentPath(incidentId)}/actions`, input),
  );
}

export function useChangeActionStatus(incidentId: string) {
  return useResponseMutation(incidentId, (input: { actionId: string; status: string }) =>
    api.post<ActionItem>(`${incidentPath(incidentId)}/actions/${input.actionId}/status`, {
      status: input.status,
    }),
  );
}

export function useConveneMeeting(incidentId: string) {
  return useResponseMutation(incidentId, (input: Record<string, unknown>) =>
    api.post<Meeting>(`${incidentPath(incidentId)}/meetings`, input),
  );
}

export function useRecordMinutes(incidentId: string) {
  return useResponseMutation(incidentId, (input: { meetingId: string; minutes: string }) =>
    api.post<Meeting>(`${incidentPath(incidentId)}/meetings/${input.meetingId}/minutes`, {
      minutes: input.minutes,
    }),
  );
}

export const meetingCalendarPath = (incidentId: string, meetingId: string) =>
  `${incidentPath(incidentId)}/meetings/${meetingId}/ics`;

export type { Handover } from '../../../src/response/handover-model.js';

export function useHandoversAwaitingMe() {
  return useQuery({
    queryKey: ['my-handovers'],
    queryFn: () => api.get<{ items: Handover[] }>('/api/me/handovers'),
  });
}

export function useAcknowledgeHandover() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { incidentId: string; handoverId: string }) =>
      api.post(`${incidentPath(input.incidentId)}/handovers/${input.handoverId}/acknowledge`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-handovers'] }),
  });
}

export function useSetAvailability(memberState: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { availability: string; note: string }) =>
      api.put<MemberStateAvailability>(`/api/member-states/${memberState}/availability`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['availability'] }),
  });
}

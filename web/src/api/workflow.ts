/**
 * The Blueprint workflow over the API: reporting (with drafts), updates, own assessments, activation, the
 * Presidency's consultation, merges and notifications. Types come from the server's models (types only); the
 * value lists are the web's own copies, each checked at compile time to name every value the server knows.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationKind } from '../../../src/alerting/model.js';
import type { BlueprintState, OwnLevel, Position } from '../../../src/blueprint/model.js';
import type {
  Cause,
  Domain,
  ImpactLevel,
  ReportDraft,
  ReportingStage,
  UpdateRequest,
} from '../../../src/incidents/model.js';
import { api } from './client.js';
import { incidentPath } from './hooks.js';
import { keys } from './keys.js';
import type { Incident, IncidentReportInput, ListResponse, Lists } from './types.js';

export type { Notification, NotificationKind } from '../../../src/alerting/model.js';
export type {
  Activation,
  BlueprintState,
  Consultation,
  OwnLevel,
  Position,
} from '../../../src/blueprint/model.js';
export type {
  Cause,
  Domain,
  ImpactLevel,
  ReportDraft,
  ReportingStage,
  StateReporting,
  UpdateRequest,
} from '../../../src/incidents/model.js';

export const DOMAINS = [
  'civil',
  'national-security',
  'defence',
  'law-enforcement',
] as const satisfies readonly Domain[];
export const DOMAINS_COMPLETE: Lists<(typeof DOMAINS)[number], Domain> = true;

export const CAUSES = [
  'physical',
  'cyber',
  'hybrid',
  'natural',
  'technical-failure',
  'human-error',
  'unknown',
] as const satisfies readonly Cause[];
export const CAUSES_COMPLETE: Lists<(typeof CAUSES)[number], Cause> = true;

/** Levels a report or an update may give an impact; `unknown` is the absence of an assessment. */
export const IMPACT_LEVELS = [
  'significant',
  'minor',
  'none',
  'unknown',
] as const satisfies readonly ImpactLevel[];
export const IMPACT_LEVELS_COMPLETE: Lists<(typeof IMPACT_LEVELS)[number], ImpactLevel> = true;

/** A state's own assessment, most severe first (the order of the one-click buttons). */
export const OWN_LEVELS = ['significant', 'minor', 'none'] as const satisfies readonly OwnLevel[];
export const OWN_LEVELS_COMPLETE: Lists<(typeof OWN_LEVELS)[number], OwnLevel> = true;

export const POSITIONS = ['yes', 'no', 'abstain'] as const satisfies readonly Position[];
export const POSITIONS_COMPLETE: Lists<(typeof POSITIONS)[number], Position> = true;

export const BLUEPRINT_STATES = [
  'inactive',
  'active',
  'deactivated',
] as const satisfies readonly BlueprintState[];
export const BLUEPRINT_STATES_COMPLETE: Lists<(typeof BLUEPRINT_STATES)[number], BlueprintState> = true;

/** CER Art. 15 and NIS2 Art. 23 stages, in the order they fall due. */
export const REPORTING_STAGES = [
  'cer-initial-notification',
  'cer-detailed-report',
  'nis2-early-warning',
  'nis2-incident-notification',
  'nis2-final-report',
  'other',
] as const satisfies readonly ReportingStage[];
export const REPORTING_STAGES_COMPLETE: Lists<(typeof REPORTING_STAGES)[number], ReportingStage> = true;

export const NOTIFICATION_KINDS = [
  'confirm-impact',
  'status-changed',
  'activation',
  'activation-joined',
  'deactivation',
  'reopening',
  'consultation-opened',
  'consultation-decided',
  'merged',
  'duplicate-merged-in',
  'sitrep-published',
] as const satisfies readonly NotificationKind[];
export const NOTIFICATION_KINDS_COMPLETE: Lists<(typeof NOTIFICATION_KINDS)[number], NotificationKind> = true;

/** NIS2 stages apply on top of CER when the cause is (partly) cyber, as the server's reporting rules say. */
export function stagesFor(cause: string | undefined): ReportingStage[] {
  const nis2 = cause === 'cyber' || cause === 'hybrid';
  return REPORTING_STAGES.filter((stage) => nis2 || !stage.startsWith('nis2-'));
}

export const workflowKeys = {
  notifications: ['notifications'] as const,
  drafts: ['report-drafts'] as const,
};

/** The server answered with the incident as it now stands: show it at once, and refresh the list. */
function incidentChanged(queryClient: QueryClient, incident: Incident): void {
  queryClient.setQueryData(keys.incident(incident.id), incident);
  void queryClient.invalidateQueries({ queryKey: keys.incidents, exact: true });
  void queryClient.invalidateQueries({ queryKey: workflowKeys.notifications });
}

function useIncidentMutation<Input>(post: (input: Input) => Promise<Incident>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: post,
    onSuccess: (incident) => incidentChanged(queryClient, incident),
  });
}

export function useReportIncident() {
  return useIncidentMutation((report: IncidentReportInput) => api.post<Incident>('/api/incidents', report));
}

export function usePostUpdate(incidentId: string) {
  return useIncidentMutation((update: UpdateRequest) =>
    api.post<Incident>(`${incidentPath(incidentId)}/updates`, update),
  );
}

export interface OwnAssessmentInput {
  incidentId: string;
  memberState: string;
  level: OwnLevel;
}

/** Not bound to one incident: the notifications panel confirms impacts on several. */
export function useGiveOwnAssessment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ incidentId, memberState, level }: OwnAssessmentInput) =>
      api.post<Incident>(`${incidentPath(incidentId)}/assessments`, { memberState, level }),
    onSuccess: (incident) => incidentChanged(queryClient, incident),
  });
}

export function useActivate(incidentId: string) {
  return useIncidentMutation<void>(() => api.post<Incident>(`${incidentPath(incidentId)}/activation`));
}

export function useDeactivate(incidentId: string) {
  return useIncidentMutation((summary: string) =>
    api.post<Incident>(`${incidentPath(incidentId)}/deactivation`, { summary }),
  );
}

export function useReopen(incidentId: string) {
  return useIncidentMutation((reason: string) =>
    api.post<Incident>(`${incidentPath(incidentId)}/reopening`, { reason }),
  );
}

export function useOpenConsultation(incidentId: string) {
  return useIncidentMutation((body: { deadline: string; question?: string }) =>
    api.post<Incident>(`${incidentPath(incidentId)}/consultations`, body),
  );
}

function consultationPath(incidentId: string, consultationId: string): string {
  return `${incidentPath(incidentId)}/consultations/${encodeURIComponent(consultationId)}`;
}

export function useGivePosition(incidentId: string) {
  return useIncidentMutation(
    ({ consultationId, ...body }: { consultationId: string; position: Position; comment?: string }) =>
      api.post<Incident>(`${consultationPath(incidentId, consultationId)}/positions`, body),
  );
}

export function useGiveAdvice(incidentId: string) {
  return useIncidentMutation(({ consultationId, text }: { consultationId: string; text: string }) =>
    api.post<Incident>(`${consultationPath(incidentId, consultationId)}/advice`, { text }),
  );
}

export function useDecide(incidentId: string) {
  return useIncidentMutation(
    ({ consultationId, ...body }: { consultationId: string; decision: 'yes' | 'no'; rationale: string }) =>
      api.post<Incident>(`${consultationPath(incidentId, consultationId)}/decision`, body),
  );
}

export interface MechanismInput {
  mechanism: string;
  state: 'activated' | 'deactivated';
  mode?: string;
  reference?: string;
}

export function useRecordMechanism(incidentId: string) {
  return useIncidentMutation((input: MechanismInput) =>
    api.post<Incident>(`${incidentPath(incidentId)}/mechanisms`, input),
  );
}

export function useMergeDuplicate(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (duplicateId: string) =>
      api.post<Incident>(`${incidentPath(incidentId)}/merge`, { duplicateId }),
    onSuccess: (incident, duplicateId) => {
      incidentChanged(queryClient, incident);
      void queryClient.invalidateQueries({ queryKey: keys.incident(duplicateId), exact: true });
    },
  });
}

/** The signed-in person's own report drafts, newest first. */
export function useReportDrafts(enabled = true) {
  return useQuery({
    queryKey: workflowKeys.drafts,
    enabled,
    queryFn: async () =>
      (await api.get<ListResponse<ReportDraft>>('/api/report-drafts')).items.sort((a, b) =>
        b.updatedAt.localeCompare(a.updatedAt),
      ),
  });
}

export function useSaveDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: Record<string, unknown> }) =>
      id
        ? api.put<ReportDraft>(`/api/report-drafts/${encodeURIComponent(id)}`, { body })
        : api.post<ReportDraft>('/api/report-drafts', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowKeys.drafts }),
  });
}

export function useDeleteDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/report-drafts/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowKeys.drafts }),
  });
}

/** The organisation's open notifications, newest first; the live stream adds new ones as they are sent. */
export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: workflowKeys.notifications,
    enabled,
    queryFn: async () => (await api.get<ListResponse<Notification>>('/api/notifications?open=true')).items,
  });
}

export function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<Notification>(`/api/notifications/${encodeURIComponent(id)}/acknowledgement`),
    onSuccess: (acknowledged) => {
      queryClient.setQueryData<Notification[]>(workflowKeys.notifications, (old) =>
        old?.filter((n) => n.id !== acknowledged.id),
      );
    },
  });
}

/** A notification from the live stream: added to the open list (once), newest first. */
export function notificationArrived(queryClient: QueryClient, notification: Notification): void {
  if (notification.acknowledgedAt) return;
  queryClient.setQueryData<Notification[]>(workflowKeys.notifications, (old) =>
    old ? [notification, ...old.filter((n) => n.id !== notification.id)] : old,
  );
}

/**
 * Entry kinds that change more of the incident than its log (assessment, activation, consultations, reporting
 * deadlines, who may activate): when one arrives live, the incident and the list are fetched again.
 */
const INCIDENT_CHANGING_KINDS: readonly string[] = [
  'report',
  'update',
  'own-assessment',
  'status-change',
  'activation',
  'activation-joined',
  'deactivation',
  'reopening',
  'consultation-opened',
  'consultation-position',
  'consultation-advice',
  'consultation-decision',
  'merge',
];

export function workflowEntryArrived(queryClient: QueryClient, entry: { incidentId: string; kind: string }) {
  if (!INCIDENT_CHANGING_KINDS.includes(entry.kind)) return;
  void queryClient.invalidateQueries({ queryKey: keys.incident(entry.incidentId), exact: true });
  void queryClient.invalidateQueries({ queryKey: keys.incidents, exact: true });
  // An own assessment answers the organisation's request to confirm; a colleague may have given it.
  void queryClient.invalidateQueries({ queryKey: workflowKeys.notifications });
}

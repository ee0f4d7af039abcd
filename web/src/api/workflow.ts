/**
 * The Blueprint workflow over the API: reporting (with drafts), updates, own assessments, activation, the
 * Presidency's consultation, merges and notifications. Types come from the server's models (types only); the
 * value lists are the web's own copies, each checked at compile time to name every value the server knows.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationKind } from '../../../src/alerting/model.js';
import type { BlueprintState, OwnLevel, Position, Proposal } from '../../../src/blueprint/model.js';
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
  MajorityConsultation,
  OwnLevel,
  Position,
  Proposal,
  SilenceProcedure,
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
  'public-security',
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
  'gnss-interference',
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

/** CER Art. 15, NIS2 Art. 23 and DORA Art. 19 stages, regime by regime in the order they fall. */
export const REPORTING_STAGES = [
  'cer-initial-notification',
  'cer-detailed-report',
  'nis2-early-warning',
  'nis2-incident-notification',
  'nis2-intermediate-report',
  'nis2-final-report',
  'nis2-progress-report',
  'dora-initial-notification',
  'dora-intermediate-report',
  'dora-final-report',
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
  'consultation-requested',
  'consultation-objection',
  'consultation-objection-withdrawn',
  'consultation-concluded',
  'merged',
  'duplicate-merged-in',
  'sitrep-published',
  'ipcr-information-sharing',
  'solidarity-clause-invoked',
  'capacity-overwhelmed',
  'presidency-handover',
  'presidency-calendar-running-out',
  'presidency-vacant',
  'incident-reported',
  'action-assigned',
  'reporting-clock-reminder',
  'webhook-paused',
  'after-action-report-distributed',
  'released-to-nato',
] as const satisfies readonly NotificationKind[];
export const NOTIFICATION_KINDS_COMPLETE: Lists<(typeof NOTIFICATION_KINDS)[number], NotificationKind> = true;

/**
 * The stages an update may be tagged with: those of the regimes the server gives the entities the reader sees
 * (their sector decides, not the web), and always "other". With no entity named yet, the CER stages.
 */
export function stagesFor(regimes: readonly string[]): ReportingStage[] {
  const used = regimes.length > 0 ? new Set(regimes) : new Set(['cer']);
  return REPORTING_STAGES.filter((stage) => stage === 'other' || used.has(stage.split('-')[0]!));
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
  return useIncidentMutation((reason: string) =>
    api.post<Incident>(`${incidentPath(incidentId)}/activation`, reason ? { reason } : undefined),
  );
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

export function useRequestConsultation(incidentId: string) {
  return useIncidentMutation((text: string) =>
    api.post<Incident>(`${incidentPath(incidentId)}/consultation-requests`, { text }),
  );
}

export function useOpenConsultation(incidentId: string) {
  return useIncidentMutation(
    (body: { proposal: Proposal; deadline: string; lateJoinerMinimumMinutes?: number; text?: string }) =>
      api.post<Incident>(`${incidentPath(incidentId)}/consultations`, body),
  );
}

/** One step of the open silence procedure: what it posts to, under the consultation's path. */
export type ConsultationStep =
  | 'objections'
  | 'objection-withdrawal'
  | 'consent'
  | 'views'
  | 'advice'
  | 'conclusion'
  | 'decline';

export function useConsultationStep(incidentId: string) {
  return useIncidentMutation(
    ({
      consultationId,
      step,
      ...body
    }: {
      consultationId: string;
      step: ConsultationStep;
      text?: string;
      reason?: string;
    }) => api.post<Incident>(`${consultationPath(incidentId, consultationId)}/${step}`, body),
  );
}

function consultationPath(incidentId: string, consultationId: string): string {
  return `${incidentPath(incidentId)}/consultations/${encodeURIComponent(consultationId)}`;
}

export interface MechanismInput {
  mechanism: string;
  state: 'requested' | 'activated' | 'deactivated';
  mode?: string;
  reference?: string;
  leadContact?: string;
}

export function useRecordMechanism(incidentId: string) {
  return useIncidentMutation((input: MechanismInput) =>
    api.post<Incident>(`${incidentPath(incidentId)}/mechanisms`, input),
  );
}

/** A CER Art. 15 step the reader's member state took, recorded for information. */
export interface CerStepInput {
  kind: 'cer-commission-notified' | 'cer-spoc-informed';
  memberStates: string[];
  text?: string;
}

export function useRecordCerStep(incidentId: string) {
  return useIncidentMutation((input: CerStepInput) =>
    api.post<Incident>(`${incidentPath(incidentId)}/cer-steps`, input),
  );
}

/** The reader's own state says whether its capacity to respond is overwhelmed. */
export function useReportCapacity(incidentId: string) {
  return useIncidentMutation((input: { overwhelmed: boolean; text?: string }) =>
    api.post<Incident>(`${incidentPath(incidentId)}/capacity`, input),
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
  'consultation-requested',
  'silence-procedure-opened',
  'silence-procedure-consulted',
  'silence-procedure-objection',
  'silence-procedure-objection-withdrawn',
  'silence-procedure-consent',
  'silence-procedure-view',
  'silence-procedure-concluded',
  'merge',
];

export function workflowEntryArrived(queryClient: QueryClient, entry: { incidentId: string; kind: string }) {
  if (!INCIDENT_CHANGING_KINDS.includes(entry.kind)) return;
  void queryClient.invalidateQueries({ queryKey: keys.incident(entry.incidentId), exact: true });
  void queryClient.invalidateQueries({ queryKey: keys.incidents, exact: true });
  // An own assessment answers the organisation's request to confirm; a colleague may have given it.
  void queryClient.invalidateQueries({ queryKey: workflowKeys.notifications });
}

import type { RegistryResponse } from '../../../src/registry/model.js';

/**
 * Shapes of API data the web app reads, from the server's zod models. Only types and plain constant arrays
 * are taken from there (never server code); the registry response is declared here because the server keeps
 * its schema in `src/registry/routes.ts`, which the web app must not import.
 */
export type {
  ApiToken,
  CreatedToken,
  CreateUserRequest,
  Me,
  Role,
  SecondFactorSetup,
  UpdateUserRequest,
  User,
} from '../../../src/accounts/model.js';
export type { ContactPoint, UpdateContactPointRequest } from '../../../src/directory/model.js';

export interface ListResponse<T> {
  items: T[];
}

export type OrganisationKind = 'member-state' | 'eu-body' | 'nato';

import type { AssessmentStatus } from '../../../src/blueprint/model.js';

export type { Assessment, AssessmentStatus, Trigger, TriggerId } from '../../../src/blueprint/model.js';
export type {
  Incident,
  IncidentReportInput,
  IncidentSummary,
  TlpMarking,
} from '../../../src/incidents/model.js';

/** `true` only when every member of `All` is listed. */
export type Lists<Listed, All> = [All] extends [Listed] ? true : false;

/** The web's own copy (importing the server's would bundle server code); it must name every status. */
export const ASSESSMENT_STATUSES = [
  'applies',
  'decision-required',
  'below-threshold',
  'out-of-scope',
] as const satisfies readonly AssessmentStatus[];
export const ASSESSMENT_STATUSES_COMPLETE: Lists<(typeof ASSESSMENT_STATUSES)[number], AssessmentStatus> =
  true;

export type {
  Attachment,
  Entry,
  IncidentExport,
  ReachChangeResult,
  SearchHit,
} from '../../../src/entries/model.js';
export type { SharingGroup, WhoCanSee, WithholdingReason } from '../../../src/sharing/model.js';

import type { TlpMarking, WithholdingReason } from '../../../src/sharing/model.js';

/** The web's own copy of the TLP 2.0 markings, least to most restrictive; it must name every marking. */
export const TLP_MARKINGS = [
  'TLP:CLEAR',
  'TLP:GREEN',
  'TLP:AMBER',
  'TLP:AMBER+STRICT',
  'TLP:RED',
] as const satisfies readonly TlpMarking[];
export const TLP_MARKINGS_COMPLETE: Lists<(typeof TLP_MARKINGS)[number], TlpMarking> = true;

/** The web's own copy of the reasons an author may give for withholding a field; it must name every reason. */
export const WITHHOLDING_REASONS = [
  'national-security',
  'commercial-confidentiality',
  'ongoing-investigation',
] as const satisfies readonly WithholdingReason[];
export const WITHHOLDING_REASONS_COMPLETE: Lists<(typeof WITHHOLDING_REASONS)[number], WithholdingReason> =
  true;

import type { EntryKind as ServerEntryKind } from '../../../src/incidents/model.js';

/** Kinds of log entry the web app names and filters by; it must name every kind the server writes. */
export const ENTRY_KINDS = [
  'report',
  'update',
  'note',
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
  'sitrep',
  'reach-change',
  'retraction',
  'mechanism',
  'cer-commission-notified',
  'cer-spoc-informed',
  'capacity-overwhelmed',
  'public-message-drafted',
  'public-message-decision',
  'public-message-published',
  'public-message-embargo',
  'public-message-translation',
  'public-message-comment',
  'public-message-comment-resolved',
  'national-publication',
  'national-publication-withdrawn',
  'national-publication-corrected',
  'key-fact-marked',
  'disinformation',
  'presidency-handover',
  'assistance-request',
  'assistance-offer',
  'assistance-step',
  'decision',
  'action',
  'action-status',
  'meeting',
  'meeting-minutes',
  'shift-handover',
  'shift-handover-acknowledged',
  'forwarded',
  'isaa-report',
  'isaa-question',
  'isaa-answer',
  'isaa-version',
  'intelligence',
] as const satisfies readonly ServerEntryKind[];
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KINDS_COMPLETE: Lists<EntryKind, ServerEntryKind> = true;

/** The reach an author chooses for a new entry, a change of reach or an attachment (CONTRACT "Who sees what"). */
export interface ReachRequest {
  marking: TlpMarking;
  audience?: string[];
  sharingGroup?: string;
  recipients?: string[];
  releasableToNato: boolean;
}

export interface NewNoteRequest extends ReachRequest {
  kind: 'note';
  text: string;
  withheld?: { field: 'text'; reason: WithholdingReason }[];
}

export interface NewSharingGroupRequest {
  name: string;
  members: string[];
  hiddenMembership: boolean;
}

/** `GET /api/registry`. */
export type Registry = RegistryResponse;
export type PresidencyTerm = NonNullable<RegistryResponse['presidency']['current']>;

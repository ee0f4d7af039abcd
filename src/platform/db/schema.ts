import type { Generated } from 'kysely';

/**
 * Column types shared by both engines: flags are 0/1 integers, instants are ISO 8601 UTC text and
 * structured values are JSON text, so one query layer behaves the same on SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  organisation: string;
  role: string;
  password_hash: string;
  active: number;
  on_duty: number;
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: string | null;
  language: string;
  time_zone: string;
  created_at: string;
  last_login_at: string | null;
  /** 1 after an administrator reset the second factor: the user must enrol again before anything else. */
  second_factor_required: Generated<number>;
  /** 1 once the user chose `language`; before that, generated text follows the request's Accept-Language. */
  language_chosen: Generated<number>;
  /** 1 for an exercise-control principal (src/exercises/): inactive for good, writing only an exercise's injects. */
  exercise_control: Generated<number>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  address: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ContactPointsTable {
  organisation: string;
  mailbox: string | null;
  phone: string | null;
  notes: string | null;
  updated_at: string;
  updated_by: string;
}

export interface IncidentsTable {
  id: string;
  title: string;
  /** The title folded for search; null until folded. */
  search_title: string | null;
  reported_by: string;
  occurred_at: string;
  created_at: string;
  last_activity_at: string;
  exercise: number;
  releasable_to_nato: number;
  status: string;
  assessment: string;
  /** Columns added later have database defaults, so inserts may leave them out. */
  blueprint_state: Generated<string>;
  activated_at: Generated<string | null>;
  sectors: Generated<string>;
  member_states: Generated<string>;
  merged_into: Generated<string | null>;
  /** An exercise's Presidency, from its scenario; null for a real incident, whose holder is the calendar's. */
  presidency: Generated<string | null>;
}

export interface NotificationsTable {
  id: string;
  organisation: string;
  kind: string;
  incident_id: string | null;
  body: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export interface ReportDraftsTable {
  id: string;
  user_id: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface EntriesTable {
  id: string;
  /** Position in the platform-wide stream; allocated under the audit lock, so it follows commit order. */
  seq: number;
  incident_id: string;
  kind: string;
  author_user_id: string;
  author_org: string;
  created_at: string;
  marking: string;
  audience: string;
  recipients: string;
  releasable_to_nato: number;
  body: string;
  supersedes: string | null;
  /** The folded text search finds the entry by (src/log/searchable.ts); null until folded. */
  search_text: string | null;
}

export interface EntryAudienceTable {
  entry_id: string;
  organisation: string;
}

export interface AuditRecordsTable {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_org: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  locked_at: string;
}

export interface IdempotencyKeysTable {
  key_hash: string;
  body_hash: string;
  status_code: number;
  /** The answer a repeat gets: the bytes sent when `sent` is 1, else the operation's result as JSON; '' for none. */
  response: string;
  created_at: string;
  /** Method and concrete path of the first request, for reading the table (the key hash covers them). */
  method: string | null;
  path: string | null;
  /** 1 when the route issued a secret: no answer is kept and a repeat is refused (409 `idempotency-secret`). */
  secret: number;
  /** 1 once `response` holds exactly what was sent (with `content_type`). */
  sent: number;
  content_type: string | null;
}

export interface EntryReachTable {
  entry_id: string;
  marking: string;
  audience: string;
  /** JSON list of `{userId, email}`: the accounts a TLP:RED entry is for. */
  recipients: string;
  sharing_group_id: string | null;
  releasable_to_nato: number;
  changed_at: string;
  changed_by_entry: string | null;
}

export interface EntryRecipientsTable {
  entry_id: string;
  /** The address the author named, for the record; access never follows it. */
  email: string;
  /** The account the address was resolved to when the reach was written; null grants nobody access. */
  user_id: string | null;
}

export interface SharingGroupsTable {
  id: string;
  name: string;
  owner_org: string;
  hidden_membership: number;
  created_at: string;
  updated_at: string;
}

export interface SharingGroupMembersTable {
  group_id: string;
  organisation: string;
}

export interface AccessLogTable {
  id: string;
  at: string;
  user_id: string;
  organisation: string;
  entry_id: string;
  marking: string;
  path: string;
}

export interface AttachmentsTable {
  id: string;
  entry_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  marking: string;
  /** JSON `{audience, recipients, releasableToNato}`; TLP:RED recipients as `{userId, email}` accounts. */
  audience: string;
  /** Base64 of the file: stored in the same transaction as its entry, so a crash never leaves half a file. */
  content: string;
  created_at: string;
}

export interface SitrepsTable {
  id: string;
  incident_id: string;
  number: number | null;
  state: string;
  title: string;
  audience: string;
  nato: number;
  marking: string;
  minimum_marking: string;
  sections: string;
  sources: string;
  contributors: string;
  contributions: string;
  created_by: string;
  created_org: string;
  created_at: string;
  updated_at: string;
  approved_by: string | null;
  approved_org: string | null;
  published_at: string | null;
  corrects: string | null;
  entry_id: string | null;
}

export interface DisplayTokensTable {
  id: string;
  organisation: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AlertPreferencesTable {
  user_id: string;
  trigger: string;
  channel: string;
  enabled: number;
  updated_at: string;
}

export interface AlertAddressesTable {
  user_id: string;
  channel: string;
  address: string;
  updated_at: string;
}

export interface AlertQueueTable {
  id: string;
  user_id: string;
  channel: string;
  notification_id: string;
  created_at: string;
}

export interface AlertWindowsTable {
  user_id: string;
  channel: string;
  last_sent_at: string;
}

export interface WebhooksTable {
  id: string;
  organisation: string;
  url: string;
  /** The HMAC secret, sealed (src/alerting/webhooks-secrets.ts): never in plain text. */
  secret: string;
  /** The triggers delivered, as a JSON array. */
  triggers: string;
  created_at: string;
  created_by_user_id: string;
  consecutive_failures: number;
  paused_at: string | null;
  last_success_at: string | null;
  deleted_at: string | null;
}

/** An exercise run from the web (src/exercises/sessions/): its pace and how far it has played. */
export interface ExerciseSessionsTable {
  id: string;
  scenario_id: string;
  title: string;
  scenario_yaml: string;
  /** JSON: the exercise-control principals created for the session. */
  principals: string;
  speed: number;
  state: 'running' | 'paused' | 'finished';
  /** Moves on every pause and resume, so a step job scheduled before either is recognised as stale. */
  generation: number;
  steps_done: number;
  steps_total: number;
  incident_id: string | null;
  started_at: string;
  /** The platform time at which scenario time stood at `anchor_scenario_ms` (start or last resume). */
  anchor_at: string;
  anchor_scenario_ms: number;
  /** JSON: each start, pause and resume with where scenario time stood (`SessionTimeline`). */
  timeline: Generated<string>;
  finished_at: string | null;
  started_by_user_id: string;
  started_by_organisation: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  key: string | null;
  run_at: string;
  /** JSON. */
  payload: string;
  state: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

export interface AuditChecksTable {
  id: string;
  checked_at: string;
  intact: number;
  records: number;
  broken_seq: number | null;
  broken_reason: string | null;
}

export interface StreamEventsTable {
  /** The event's stream position: only increases, in commit order. */
  position: Generated<number>;
  type: string;
  incident_id: string | null;
  entry_id: string | null;
  payload: string;
  created_at: string;
}

/** Sign-in counters: `kind` is 'account' (subject: a hash of the typed e-mail) or 'address' (the client address). */
export interface SignInLimitsTable {
  kind: string;
  subject: string;
  failures: number;
  last_failure_at: string | null;
  locked_until: string | null;
  updated_at: string;
}

export interface OutboxTable {
  id: string;
  channel: string;
  recipient: string;
  /** The channel's message as JSON. */
  content: string;
  /** What caused the message (`password-reset`, …), for the operators' view. */
  cause: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  /** The administrator who sent the link, or null when the user asked for it. */
  requested_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** The CEPES register kept by ERCC; JSON columns hold lists of codes. */
export interface CepesRegisterTable {
  id: string;
  name: string;
  /** The name folded for search (lower case, no accents). */
  search_name: string;
  verdict: string;
  established_in: string | null;
  member_states_served: string;
  sectors: string;
  note: string;
  marking: string;
  audience: string;
  releasable_to_nato: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

export interface CepesRegisterAudienceTable {
  cepes_id: string;
  organisation: string;
}

export interface CepesReferencesTable {
  cepes_id: string;
  incident_id: string;
}

/** The Council Presidency calendar, one row per half-year term (`2031-H1`), extended by administrators. */
export interface PresidencyTermsTable {
  term: string;
  member_state: string;
  starts_at: string;
  ends_at: string;
  added_at: string;
  /** The administrator who added the term; null for the seeded Council decision. */
  added_by: string | null;
}

/** One row (`id` 1): the holder the platform resolves `PRESIDENCY` to, moved by the term-change job. */
export interface PresidencyOfficeTable {
  id: number;
  term: string | null;
  member_state: string | null;
  since: string;
}

/** One platform setting an administrator changed from its default (src/settings/). */
export interface PlatformSettingsTable {
  key: string;
  /** JSON. */
  value: string;
  updated_at: string;
  updated_by: string;
}

/** A member state's availability for EU asks, as its coordinators last set it. */
export interface EuAskAvailabilityTable {
  member_state: string;
  availability: string;
  note: string;
  set_at: string;
  set_by_user_id: string;
}

/** An incident's public page: its token and whether it is switched on (src/comms/public-*). */
export interface PublicPagesTable {
  incident_id: string;
  public_id: string;
  enabled: number;
  changed_at: string;
  changed_by_user_id: string;
}

/** One `blueprint import` of a file by a user into a target (an incident id, or `new`); see src/interchange/. */
export interface ImportRunsTable {
  id: string;
  format: string;
  content_sha256: string;
  user_id: string;
  /** The incident named by the importer, or `new` when the import created its incident. */
  target: string;
  incident_id: string;
  /** JSON of the run's report (src/interchange/import-report.ts), returned again on a rerun. */
  report: string;
  created_at: string;
}

/** Acknowledgement and escalation times and contact-point staleness: '*' for the platform, else an organisation. */
export interface AlertingTimingsTable {
  scope: string;
  acknowledge_within_minutes: number | null;
  admins_after_minutes: number | null;
  contact_point_stale_days: number | null;
  updated_at: string;
  updated_by_user_id: string;
}

/** An important alert's escalation: `awaiting`, then `duty-contacts`, then `org-admins`; `acknowledged` ends it. */
export interface AlertEscalationsTable {
  notification_id: string;
  organisation: string;
  incident_id: string | null;
  stage: string;
  next_at: string | null;
  updated_at: string;
}

export interface ContactChecksTable {
  id: string;
  /** JSON array of organisation ids. */
  organisations: string;
  run_at: string;
  repeat_every_days: number | null;
  note: string;
  scheduled_by_user_id: string;
  scheduled_by_organisation: string;
  created_at: string;
  sent_at: string | null;
}

export interface ContactCheckTargetsTable {
  check_id: string;
  organisation: string;
  sent_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledged_by_user_id: string | null;
  channel: string | null;
}

/** One message of an escalation step or a contact-point check: who, when, through which channel. */
export interface AlertDeliveriesTable {
  id: string;
  notification_id: string | null;
  check_id: string | null;
  organisation: string;
  step: string;
  channel: string;
  recipient: string;
  recipient_user_id: string | null;
  outbox_id: string | null;
  at: string;
}

/** Which scenario an exercise incident was played from (src/exercises/runs.ts). */
export interface ExerciseRunsTable {
  incident_id: string;
  scenario_id: string;
  title: string;
  speed: number;
  started_at: string;
  finished_at: string | null;
  /** The scenario's expected actions (measure, organisation, by), as JSON. */
  targets: string;
  /**
   * JSON: a CLI run's clock as it ran, in a web session's timeline format (src/exercises/sessions/time-rules.ts);
   * null when nothing needs converting (a run without waiting, a web session's run, runs recorded before).
   */
  timeline: Generated<string | null>;
  /** JSON: the ids and names of the exercise-control principals whose writes the run's own clock stamped. */
  principals: Generated<string>;
}

/** An exercise held outside the platform, recorded for compliance with its report (base64). */
export interface OutsideExercisesTable {
  id: string;
  held_on: string;
  title: string;
  report_name: string;
  report_type: string;
  report: string;
  recorded_by: string;
  recorded_at: string;
}

/** A post-incident (CERG) report: src/after-action/. JSON columns: audience, sections, metrics, sources. */
export interface AfterActionReportsTable {
  id: string;
  incident_id: string;
  state: string;
  title: string;
  audience: string;
  nato: number;
  marking: string;
  minimum_marking: string;
  sections: string;
  metrics: string;
  sources: string;
  created_by: string;
  created_org: string;
  created_at: string;
  updated_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  distributed_by: string | null;
  distributed_at: string | null;
}

export interface AfterActionRecommendationsTable {
  id: string;
  report_id: string;
  incident_id: string;
  text: string;
  owner_org: string;
  /** YYYY-MM-DD. */
  due_date: string;
  status: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** A follow-up the addressed organisation recorded on a recommendation: src/after-action/follow-up-*. */
export interface AfterActionFollowUpsTable {
  id: string;
  recommendation_id: string;
  report_id: string;
  organisation: string;
  status: string;
  note: string;
  recorded_by: string;
  recorded_at: string;
}

export interface Database {
  after_action_follow_ups: AfterActionFollowUpsTable;
  after_action_reports: AfterActionReportsTable;
  after_action_recommendations: AfterActionRecommendationsTable;
  alerting_timings: AlertingTimingsTable;
  alert_escalations: AlertEscalationsTable;
  contact_checks: ContactChecksTable;
  contact_check_targets: ContactCheckTargetsTable;
  alert_deliveries: AlertDeliveriesTable;
  import_runs: ImportRunsTable;
  public_pages: PublicPagesTable;
  eu_ask_availability: EuAskAvailabilityTable;
  platform_settings: PlatformSettingsTable;
  presidency_terms: PresidencyTermsTable;
  presidency_office: PresidencyOfficeTable;
  cepes_register: CepesRegisterTable;
  cepes_register_audience: CepesRegisterAudienceTable;
  cepes_references: CepesReferencesTable;
  outbox: OutboxTable;
  alert_preferences: AlertPreferencesTable;
  alert_addresses: AlertAddressesTable;
  alert_queue: AlertQueueTable;
  alert_windows: AlertWindowsTable;
  webhooks: WebhooksTable;
  password_resets: PasswordResetsTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_limits: SignInLimitsTable;
  stream_events: StreamEventsTable;
  jobs: JobsTable;
  exercise_sessions: ExerciseSessionsTable;
  audit_checks: AuditChecksTable;
  display_tokens: DisplayTokensTable;
  sitreps: SitrepsTable;
  exercise_runs: ExerciseRunsTable;
  outside_exercises: OutsideExercisesTable;
  notifications: NotificationsTable;
  report_drafts: ReportDraftsTable;
  entry_reach: EntryReachTable;
  entry_recipients: EntryRecipientsTable;
  sharing_groups: SharingGroupsTable;
  sharing_group_members: SharingGroupMembersTable;
  access_log: AccessLogTable;
  attachments: AttachmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  contact_points: ContactPointsTable;
  incidents: IncidentsTable;
  entries: EntriesTable;
  entry_audience: EntryAudienceTable;
  audit_records: AuditRecordsTable;
  audit_head: AuditHeadTable;
  idempotency_keys: IdempotencyKeysTable;
  _unused?: Generated<number>;
}

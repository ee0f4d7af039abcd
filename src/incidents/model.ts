import { z } from 'zod';
import {
  Activation,
  Assessment,
  AssessmentStatus,
  BlueprintState,
  Consultation,
  Mechanisms,
} from '../blueprint/model.js';
import { CepesEntry } from '../cepes/model.js';
import { countingCountry, memberStateOfTerritory, normaliseCountryCode } from '../registry/countries.js';
import { AudienceMember, CountryCode, OrganisationId, quoted } from '../registry/model.js';
import { normaliseOrganisationId, organisationById } from '../registry/organisations.js';
import { isSector, isSubsector } from '../registry/sectors.js';
import { CerStep } from '../response/model.js';
import {
  IncidentAbilities,
  IncidentSummaryAbilities,
  TLP_MARKINGS,
  WITHHOLDING_REASONS,
} from '../sharing/model.js';

/**
 * Messages a duty officer can act on, in place of zod's defaults ("Invalid input: expected string, received
 * undefined"). Codes not handled here fall through to zod's own message.
 */
const plainMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return 'required';
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be ${article(issue.expected)} ${issue.expected}, not ${kindOf(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : undefined;
      if (issue.origin === 'number' || issue.origin === 'int') return `must be at least ${issue.minimum}`;
      return undefined;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'number' || issue.origin === 'int') return `must be at most ${issue.maximum}`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return undefined;
    default:
      return undefined;
  }
};

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? 'an' : 'a';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `${article(type)} ${type}`;
}

const plain = { error: plainMessages };

/** Long enough for any real list, short enough that a hostile report cannot make assessing it slow. */
const MAX_ITEMS = 1000;

function list<T extends z.ZodType>(item: T) {
  return z.array(item, plain).max(MAX_ITEMS, plain);
}

function text(max: number) {
  return z.string(plain).max(max, plain);
}

function nonEmptyText(max: number) {
  return z.string(plain).trim().min(1, plain).max(max, plain);
}

const DATE_TIME_WITH_ZONE = 'must be an ISO 8601 date-time with zone offset, e.g. 2026-07-01T08:30:00+02:00';

/** Kept as the reporter wrote it: their local offset says where the clock was. */
const DateTimeWithZone = z.iso.datetime({
  offset: true,
  error: (issue) => (issue.input === undefined ? 'required' : DATE_TIME_WITH_ZONE),
});

const Count = z.int(plain).min(0, plain);
const NonNegative = z.number(plain).min(0, plain);
/** A disruption longer than this is a typing slip (minutes or days typed as hours), not a fact. */
const TEN_YEARS_IN_HOURS = 87_660;

function sectorIssues(value: { sector: string; subsector?: string | undefined }, ctx: z.RefinementCtx): void {
  if (!isSector(value.sector)) {
    ctx.addIssue({
      code: 'custom',
      path: ['sector'],
      message: `unknown sector ${quoted(value.sector)}`,
      input: value,
    });
    return;
  }
  if (value.subsector !== undefined && !isSubsector(value.sector, value.subsector)) {
    ctx.addIssue({
      code: 'custom',
      path: ['subsector'],
      message: `unknown subsector ${quoted(value.subsector)} of sector ${quoted(value.sector)}`,
      input: value,
    });
  }
}

export const DOMAINS = [
  'civil',
  'national-security',
  'public-security',
  'defence',
  'law-enforcement',
] as const;
export const Domain = z.enum(DOMAINS, plain);
export type Domain = z.infer<typeof Domain>;

export const CAUSES = [
  'physical',
  'cyber',
  'hybrid',
  'natural',
  'technical-failure',
  'human-error',
  /** Jamming or spoofing of satellite navigation and timing (Galileo, EGNOS, GPS): EUSPA's field. */
  'gnss-interference',
  'unknown',
] as const;
export const Cause = z.enum(CAUSES, plain);
export type Cause = z.infer<typeof Cause>;

export const IMPACT_LEVELS = ['none', 'minor', 'significant', 'unknown'] as const;
export const ImpactLevel = z.enum(IMPACT_LEVELS, plain);
export type ImpactLevel = z.infer<typeof ImpactLevel>;

export { TLP_MARKINGS, WITHHOLDING_REASONS } from '../sharing/model.js';
export const TlpMarking = z.enum(TLP_MARKINGS, plain);
export type TlpMarking = z.infer<typeof TlpMarking>;
export const WithholdingReason = z.enum(WITHHOLDING_REASONS, plain);
export type WithholdingReason = z.infer<typeof WithholdingReason>;

export const SECTOR_STATUSES = ['disrupted', 'degraded', 'restored'] as const;
export type SectorStatus = (typeof SECTOR_STATUSES)[number];

export const SectorRef = z
  .strictObject(
    {
      sector: z.string(plain),
      subsector: z.string(plain).optional(),
      /** How the services of this (sub)sector stand; a later report or update replaces it. */
      status: z.enum(SECTOR_STATUSES, plain).optional(),
    },
    plain,
  )
  .superRefine(sectorIssues);
export type SectorRef = z.output<typeof SectorRef>;

/** A country as it counts: a territory inside the EU is its member state (RE → FR), any other code itself. */
const CountingCountry = CountryCode.transform((code) => countingCountry(code).country);

/** Who gave an assessment: an organisation, or a country outside the EU speaking for itself (NO, XK, UA…). */
const Assessor = z
  .string({
    error: (issue) => (issue.input === undefined ? 'required' : 'must be an organisation id (text)'),
  })
  .transform((input, ctx) => {
    const organisation = normaliseOrganisationId(input);
    if (organisation !== undefined) return organisation;
    const country = normaliseCountryCode(input);
    if (country !== undefined) return countingCountry(country).country;
    ctx.addIssue({ code: 'custom', message: `unknown organisation ${quoted(input)}`, input });
    return z.NEVER;
  })
  .describe('Organisation id, or the code of a country outside the EU giving its own assessment');

interface ImpactShape {
  memberState: string;
  territory?: string | undefined;
  assessedBy?: string | undefined;
}

function impactIssues(impact: ImpactShape, ctx: z.RefinementCtx): void {
  const { country } = countingCountry(impact.memberState);
  if (impact.territory !== undefined && memberStateOfTerritory(impact.territory) !== country) {
    ctx.addIssue({
      code: 'custom',
      path: ['territory'],
      message: `${quoted(impact.territory)} is not a territory of ${country} inside the EU`,
      input: impact.territory,
    });
  }
  const by = impact.assessedBy;
  if (by !== undefined && !isOrganisation(by) && by !== country) {
    ctx.addIssue({
      code: 'custom',
      path: ['assessedBy'],
      message: 'a country outside the EU assesses only itself',
      input: by,
    });
  }
}

/** The impact as it counts: a territory's impact is its member state's, the territory kept beside it. */
function countedImpact<T extends ImpactShape>(impact: T): T {
  const { country, territory } = countingCountry(impact.memberState);
  if (territory === undefined) return impact;
  return { ...impact, memberState: country, territory };
}

export const Entity = z
  .strictObject(
    {
      name: nonEmptyText(300),
      sector: z.string(plain),
      subsector: z.string(plain).optional(),
      /** Where the entity is established (a territory counts for its member state): entitled to assert its disruption. */
      establishedIn: CountingCountry.optional(),
      /** The entry of ERCC's CEPES register this entity is; the register's verdict then overrides the presumption. */
      cepesId: z.string(plain).trim().min(1, plain).max(100, plain).optional(),
      memberStatesServed: list(CountingCountry)
        .default([])
        .transform((states) => [...new Set(states)]),
      cepes: z.boolean(plain).default(false),
      significantlyDisrupted: z.boolean(plain).default(false),
    },
    plain,
  )
  .superRefine(sectorIssues);
export type Entity = z.output<typeof Entity>;

export const Impact = z
  .strictObject(
    {
      memberState: CountryCode,
      /** The territory inside the EU the impact is about (GF, AX, IC…); a territory given as `memberState` lands here. */
      territory: CountryCode.optional(),
      level: ImpactLevel,
      /** Left out, it is the report's `reportedBy`; kept out rather than filled in so callers see what was said. */
      assessedBy: Assessor.optional(),
      /** Who passed on an assessment given by a country outside the EU (ERCC); set by the platform, never trusted. */
      relayedBy: OrganisationId.optional(),
      service: text(1000).optional(),
      usersAffected: Count.optional(),
      proportionAffected: NonNegative.max(100, plain).optional(),
      durationHours: NonNegative.max(TEN_YEARS_IN_HOURS, {
        error: () => `must be at most ${TEN_YEARS_IN_HOURS} hours (10 years)`,
      }).optional(),
      area: text(1000).optional(),
      isolatedAreas: z.boolean(plain).optional(),
    },
    plain,
  )
  .superRefine(impactIssues)
  .transform(countedImpact);
export type Impact = z.output<typeof Impact>;

function isOrganisation(id: string): boolean {
  return organisationById(id) !== undefined;
}

/** A path into the report, such as `entities[0].name`, in the bracket notation errors use. */
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9]*(?:\[\d+\]|\.[A-Za-z][A-Za-z0-9]*)*$/;

export const Withholding = z.strictObject(
  {
    field: z.string(plain).regex(FIELD_PATH, { message: 'must be a field path such as entities[0].name' }),
    reason: WithholdingReason,
  },
  plain,
);
export type Withholding = z.output<typeof Withholding>;

export const IncidentReport = z
  .strictObject(
    {
      title: nonEmptyText(300),
      reportedBy: OrganisationId,
      occurredAt: DateTimeWithZone,
      detectedAt: DateTimeWithZone.optional(),
      description: text(20000).optional(),
      domain: Domain.default('civil'),
      cause: Cause.default('unknown'),
      suspectedDeliberate: z.boolean(plain).default(false),
      /** International security is involved (a state actor, a threat to allies): the EU–NATO dialogue is pointed to. */
      internationalSecurity: z.boolean(plain).default(false),
      /** Public order is affected (unrest, looting, threats to people): law enforcement's emergency protocol is pointed to. */
      publicOrderImpact: z.boolean(plain).default(false),
      sectors: list(SectorRef).default([]),
      entities: list(Entity).default([]),
      impacts: list(Impact).default([]),
      coordinationAgreed: z.boolean(plain).default(false),
      marking: TlpMarking.optional(),
      /** Left out, the report goes to all participating organisations: not the same as an empty list. */
      audience: list(AudienceMember).optional(),
      recipients: list(
        z.email({
          error: (issue) => (issue.input === undefined ? 'required' : 'not a valid e-mail address'),
        }),
      ).optional(),
      releasableToNato: z.boolean(plain).default(false),
      withheld: list(Withholding).default([]),
      exercise: z.boolean(plain).default(false),
    },
    plain,
  )
  .superRefine((report, ctx) => {
    // TLP:RED reaches only named people; without any it would reach no one but its author.
    if (report.marking === 'TLP:RED' && (report.recipients ?? []).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipients'],
        message: 'required for TLP:RED: name at least one recipient',
        input: report.recipients,
      });
    }
  });
export type IncidentReportInput = z.input<typeof IncidentReport>;
export type IncidentReport = z.output<typeof IncidentReport>;

/** Kinds of entry in an incident's log; later features add theirs here. */
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
  // The Presidency's consultation as a silence procedure (BLUEPRINT.md §2); the kinds above are history.
  'consultation-requested',
  'silence-procedure-opened',
  'silence-procedure-consulted',
  'silence-procedure-objection',
  'silence-procedure-objection-withdrawn',
  'silence-procedure-consent',
  'silence-procedure-view',
  'silence-procedure-concluded',
  'merge',
  'reach-change',
  'retraction',
  'sitrep',
  'mechanism',
  'cer-commission-notified',
  'cer-spoc-informed',
  'capacity-overwhelmed',
  // Lines to take for the public (src/comms): drafts, each organisation's word, national publication, embargo.
  'public-message-drafted',
  'public-message-decision',
  'public-message-published',
  'public-message-embargo',
  // Language versions and comments on a line, and what states published for the divergence view (src/comms).
  'public-message-translation',
  'public-message-comment',
  'public-message-comment-resolved',
  'national-publication',
  'national-publication-withdrawn',
  'national-publication-corrected',
  'key-fact-marked',
  'disinformation',
  // Written by the platform at the change of term: what passes from one Presidency to the next.
  'presidency-handover',
  // Technical support between states and EU bodies (src/assistance).
  'assistance-request',
  'assistance-offer',
  'assistance-step',
  // Decisions and actions by level, meetings, duty-shift handovers (src/response, decisions-*, meetings-*, handover-*).
  'decision',
  'action',
  'action-status',
  'meeting',
  'meeting-minutes',
  'shift-handover',
  'shift-handover-acknowledged',
  // Report once (src/response/forwarding-*) and the strategic products (src/response/isaa-*).
  'forwarded',
  'isaa-report',
  'isaa-question',
  'isaa-answer',
  'isaa-version',
  // An object imported from a MISP event or a STIX bundle (src/interchange), mapped or kept whole.
  'intelligence',
] as const;
export const EntryKind = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof EntryKind>;

/** An incident as lists show it: the assessment is the same for everyone who may see the incident. */
export const IncidentSummary = z.object({
  id: z.string(),
  title: z.string(),
  reportedBy: z.string(),
  occurredAt: z.string(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
  exercise: z.boolean(),
  releasableToNato: z.boolean(),
  status: AssessmentStatus,
  assessment: Assessment,
  blueprintState: BlueprintState,
  activatedAt: z.string().nullable(),
  /** CER sectors named in the incident's reports and updates this reader may see (details of those entries). */
  sectors: z.array(z.string()),
  /** EU member states named as affected. */
  memberStates: z.array(z.string()),
  mergedInto: z.string().nullable(),
  /** What the reader may do with it from a list (the full set comes with the incident itself). */
  abilities: IncidentSummaryAbilities,
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const Incident = IncidentSummary.extend({
  marking: TlpMarking,
  /** The first report as its author wrote it, when the reader is in its audience; otherwise null. */
  report: z.record(z.string(), z.unknown()).nullable(),
  activation: Activation,
  consultations: z.array(Consultation),
  /** Member states that may activate (an own assessment of minor or significant impact, or served by a disrupted CEPES). */
  activatingStates: z.array(z.string()),
  /** The member state holding the Council Presidency for this incident now (an exercise's: its scenario's). */
  presidency: z.string().nullable(),
  /** Whether the exercise's scenario seats that Presidency, whatever the calendar says (a change of term keeps it). */
  presidencyOfScenario: z.boolean(),
  reporting: z.array(z.lazy(() => StateReporting)),
  /** The entities' reporting clocks, for information (BLUEPRINT.md §2). */
  reportingClocks: z.array(z.lazy(() => EntityReporting)),
  mechanisms: Mechanisms,
  /** CER Art. 15(1) second subparagraph and Art. 15(3) steps member states recorded. */
  cerSteps: z.array(CerStep),
  /** Member states that said, for themselves, that their capacity to respond is overwhelmed. */
  capacityOverwhelmed: z.array(z.string()),
  /**
   * The CEPES register's entries for entities this incident's reports and updates reference by `cepesId`, only those
   * the reader may see (the register has its own audience); any other entity shows as its report gave it.
   */
  cepesRegister: z.array(CepesEntry),
  /** What the reader may do with this incident, from the sharing rules (the web decides nothing itself). */
  abilities: IncidentAbilities,
});
export type Incident = z.infer<typeof Incident>;

export const IncidentListQuery = z.object({
  status: AssessmentStatus.optional(),
  exercise: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sector: z.string().max(60).optional(),
  memberState: z.string().max(2).optional(),
  blueprint: BlueprintState.optional(),
  /** Include incidents merged into others (hidden by default). */
  merged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const MergeRequest = z.strictObject({ duplicateId: z.string().min(1).max(64) });

export const ReportDraft = z.object({
  id: z.string(),
  title: z.string(),
  body: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReportDraft = z.infer<typeof ReportDraft>;

/** A draft is whatever the form holds so far: it is validated when submitted, not when saved. */
export const SaveDraftRequest = z.strictObject({ body: z.record(z.string(), z.unknown()) });

/** CER Art. 15 and NIS2 Art. 23 reporting stages an update may be tagged with. */
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
] as const;
export const ReportingStage = z.enum(REPORTING_STAGES, plain);
export type ReportingStage = z.infer<typeof ReportingStage>;

/** An update from a participating organisation: new facts, changed impacts, tagged with its reporting stage. */
export const UpdateRequest = z.strictObject(
  {
    stage: ReportingStage,
    text: nonEmptyText(20000),
    /** When the updating organisation became aware of the incident; sets its reporting deadlines. */
    awareAt: DateTimeWithZone.optional(),
    /**
     * Facts that develop (BLUEPRINT.md §2): the reporter or an affected state may change them; left out, they stay as
     * they are. The domain is shared with everyone whatever the update's reach; the latest change wins.
     */
    domain: Domain.optional(),
    cause: Cause.optional(),
    suspectedDeliberate: z.boolean(plain).optional(),
    /** Whether international security is involved, which points to the EU–NATO structured dialogue. */
    internationalSecurity: z.boolean(plain).optional(),
    /** Whether public order is affected, which points to the law-enforcement emergency protocol. */
    publicOrderImpact: z.boolean(plain).optional(),
    impacts: list(Impact).default([]),
    entities: list(Entity).default([]),
    sectors: list(SectorRef).default([]),
    marking: TlpMarking.optional(),
    audience: list(AudienceMember).optional(),
    recipients: list(z.email({ error: () => 'not a valid e-mail address' })).optional(),
    releasableToNato: z.boolean(plain).default(false),
    withheld: list(Withholding).default([]),
  },
  plain,
);
export type UpdateRequest = z.output<typeof UpdateRequest>;

export const REGIMES = ['cer', 'nis2', 'dora'] as const;
export const REGIME_REASONS = [
  'cer-critical-entity',
  'nis2-network-and-information-systems',
  'nis2-digital-whatever-cause',
  'dora-financial-entity',
] as const;
/** What a stage's time runs from, so the reader's language can say it (and that some stages have no time). */
export const STAGE_BASES = [
  'awareness-24h',
  'awareness-72h',
  'awareness-24h-trust-service',
  'initial-notification-1-month',
  'incident-notification-1-month',
  'on-request',
  'while-ongoing',
  'classification-4h-awareness-24h',
  'initial-notification-72h',
  'intermediate-report-1-month',
] as const;

/** One stage of an entity's obligation: when it falls, for information; when a member state recorded it here. */
export const StageClock = z.object({
  regime: z.enum(REGIMES),
  stage: ReportingStage,
  basis: z.enum(STAGE_BASES),
  /** Null when it runs from a stage not yet recorded here, or has no time of its own. */
  dueAt: z.string().nullable(),
  recordedAt: z.string().nullable(),
});
export type StageClock = z.infer<typeof StageClock>;

/**
 * An entity's reporting obligations towards its national authority, shown for information: which regimes its sector
 * puts it under and when their stages fall. Nothing here says anyone is late: sharing under the Blueprint is voluntary.
 */
export const EntityReporting = z.object({
  /** Null when its name is withheld from this reader. */
  entity: z.string().nullable(),
  sector: z.string(),
  subsector: z.string().nullable(),
  /** The organisation that named it here. */
  reportedBy: z.string(),
  awareAt: z.string(),
  regimes: z.array(z.object({ regime: z.enum(REGIMES), reason: z.enum(REGIME_REASONS) })),
  stages: z.array(StageClock),
});
export type EntityReporting = z.infer<typeof EntityReporting>;

/** What a member state has shared of the reporting so far: its latest stage and update, never a deadline of its own. */
export const StateReporting = z.object({
  memberState: z.string(),
  current: ReportingStage.nullable(),
  lastUpdateAt: z.string().nullable(),
});
export type StateReporting = z.infer<typeof StateReporting>;

/**
 * The incident report form as data: what the form holds (also what a draft stores), how it becomes the
 * IncidentReport the API takes, which problems the reader can fix before sending, and on which step of the
 * form a field sits (so a server error such as `impacts[2].memberState` lands on the right row).
 */

import { strings } from '../../api/json.js';
import type { IncidentReportInput, TlpMarking, WithholdingReason } from '../../api/types.js';
import { TLP_MARKINGS, WITHHOLDING_REASONS } from '../../api/types.js';
import {
  CAUSES,
  type Cause,
  DOMAINS,
  type Domain,
  IMPACT_LEVELS,
  type ImpactLevel,
} from '../../api/workflow.js';
import { readNumber } from '../../i18n/numbers.js';
import { localInputToIso } from './localTime.js';

export const REPORT_STEPS = [
  'what',
  'when',
  'cause',
  'sectors',
  'entities',
  'impacts',
  'sharing',
  'withhold',
  'review',
] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

export interface EntityRow {
  /** Stable while the form is open, so rows keep their identity when others are removed. */
  key: string;
  name: string;
  sector: string;
  subsector: string;
  memberStatesServed: string[];
  cepes: boolean;
  significantlyDisrupted: boolean;
  /** The CEPES register entry picked for this entity, '' for none; its verdict then counts, not the presumption. */
  cepesId: string;
  /** Where the entity is established, as the register gave it ('' when not known). */
  establishedIn: string;
  /** The picked entry as the reporter saw it, to show while the form is open and in the draft. */
  register: RegisterPick | null;
}

/** What the form keeps of a register entry picked for an entity. */
export interface RegisterPick {
  name: string;
  verdict: 'cepes' | 'not-cepes' | 'eu-infrastructure';
}

const VERDICTS = ['cepes', 'not-cepes', 'eu-infrastructure'] as const;

export interface ImpactRow {
  key: string;
  memberState: string;
  level: ImpactLevel;
  service: string;
  /** Numbers as typed, so that a half-typed value is not lost or silently changed. */
  usersAffected: string;
  proportionAffected: string;
  durationHours: string;
  area: string;
  isolatedAreas: boolean;
}

export interface ReachState {
  marking: TlpMarking;
  audience: string[];
  recipients: string;
  releasableToNato: boolean;
}

/** Fields an author may withhold, named by row key (indexes change when rows are removed). */
export type WithholdKey =
  | 'description'
  | `entity:${string}:name`
  | `impact:${string}:service`
  | `impact:${string}:area`
  | `impact:${string}:usersAffected`;

export interface ReportFormState {
  title: string;
  description: string;
  domain: Domain;
  exercise: boolean;
  /** `datetime-local` values in the reader's zone. */
  occurredAt: string;
  detectedAt: string;
  cause: Cause;
  suspectedDeliberate: boolean;
  internationalSecurity: boolean;
  publicOrderImpact: boolean;
  /** Chosen sectors, each with the subsectors chosen in it (none: the sector as a whole). */
  sectors: { sector: string; subsectors: string[] }[];
  entities: EntityRow[];
  impacts: ImpactRow[];
  reach: ReachState;
  withheld: Partial<Record<WithholdKey, WithholdingReason>>;
}

let counter = 0;
export function rowKey(): string {
  counter += 1;
  return `row-${Date.now().toString(36)}-${counter}`;
}

export function emptyImpact(memberState = ''): ImpactRow {
  return {
    key: rowKey(),
    memberState,
    level: 'significant',
    service: '',
    usersAffected: '',
    proportionAffected: '',
    durationHours: '',
    area: '',
    isolatedAreas: false,
  };
}

export function emptyEntity(): EntityRow {
  return {
    key: rowKey(),
    name: '',
    sector: '',
    subsector: '',
    memberStatesServed: [],
    cepes: false,
    significantlyDisrupted: false,
    cepesId: '',
    establishedIn: '',
    register: null,
  };
}

/** A fresh report: TLP:GREEN to all participating organisations unless the author chooses otherwise. */
export function emptyReport(allParticipating: readonly string[]): ReportFormState {
  return {
    title: '',
    description: '',
    domain: 'civil',
    exercise: false,
    occurredAt: '',
    detectedAt: '',
    cause: 'unknown',
    suspectedDeliberate: false,
    internationalSecurity: false,
    publicOrderImpact: false,
    sectors: [],
    entities: [],
    impacts: [],
    reach: { marking: 'TLP:GREEN', audience: [...allParticipating], recipients: '', releasableToNato: false },
    withheld: {},
  };
}

// ---- Drafts: whatever the server kept is read back defensively; anything unexpected falls back to the default.

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function bool(value: unknown): boolean {
  return value === true;
}

function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** The form from a saved draft; `allParticipating` fills in the audience when the draft has none. */
export function fromDraft(body: Loose, allParticipating: readonly string[]): ReportFormState {
  const base = emptyReport(allParticipating);
  const reach = isObject(body.reach) ? body.reach : {};
  const withheld: ReportFormState['withheld'] = {};
  if (isObject(body.withheld)) {
    for (const [key, reason] of Object.entries(body.withheld)) {
      if ((WITHHOLDING_REASONS as readonly string[]).includes(str(reason)))
        withheld[key as WithholdKey] = reason as WithholdingReason;
    }
  }
  return {
    title: str(body.title),
    description: str(body.description),
    domain: oneOf(DOMAINS, body.domain, base.domain),
    exercise: bool(body.exercise),
    occurredAt: str(body.occurredAt),
    detectedAt: str(body.detectedAt),
    cause: oneOf(CAUSES, body.cause, base.cause),
    suspectedDeliberate: bool(body.suspectedDeliberate),
    internationalSecurity: bool(body.internationalSecurity),
    publicOrderImpact: bool(body.publicOrderImpact),
    sectors: (Array.isArray(body.sectors) ? body.sectors : []).filter(isObject).map((s) => ({
      sector: str(s.sector),
      subsectors: strings(s.subsectors),
    })),
    entities: (Array.isArray(body.entities) ? body.entities : []).filter(isObject).map((e) => ({
      key: str(e.key) || rowKey(),
      name: str(e.name),
      sector: str(e.sector),
      subsector: str(e.subsector),
      memberStatesServed: strings(e.memberStatesServed),
      cepes: bool(e.cepes),
      significantlyDisrupted: bool(e.significantlyDisrupted),
      cepesId: str(e.cepesId),
      establishedIn: str(e.establishedIn),
      register:
        isObject(e.register) && str(e.cepesId)
          ? { name: str(e.register.name), verdict: oneOf(VERDICTS, e.register.verdict, 'cepes') }
          : null,
    })),
    impacts: (Array.isArray(body.impacts) ? body.impacts : []).filter(isObject).map((i) => ({
      key: str(i.key) || rowKey(),
      memberState: str(i.memberState),
      level: oneOf(IMPACT_LEVELS, i.level, 'significant'),
      service: str(i.service),
      usersAffected: str(i.usersAffected),
      proportionAffected: str(i.proportionAffected),
      durationHours: str(i.durationHours),
      area: str(i.area),
      isolatedAreas: bool(i.isolatedAreas),
    })),
    reach: {
      marking: oneOf(TLP_MARKINGS, reach.marking, base.reach.marking),
      audience: Array.isArray(reach.audience) ? strings(reach.audience) : base.reach.audience,
      recipients: str(reach.recipients),
      releasableToNato: bool(reach.releasableToNato),
    },
    withheld,
  };
}

/** The draft body: the form as it is, plain JSON. */
export function toDraft(state: ReportFormState): Loose {
  return JSON.parse(JSON.stringify(state)) as Loose;
}

// ---- Checking and sending

export type ProblemCode =
  | 'required'
  | 'invalidTime'
  | 'wholeNumber'
  | 'number'
  | 'percentage'
  | 'ambiguousDecimal'
  | 'durationTooLong'
  | 'recipientsRequired'
  | 'detectedBeforeOccurred';

/** Problems by field path in the API's bracket notation (`impacts[2].memberState`). */
export type Problems = Record<string, ProblemCode>;

export function parseRecipients(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((address) => address.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** A disruption longer than ten years is a slip; the server refuses it too. */
const MAX_DURATION_HOURS = 87_660;

function number(text: string, language: string): number {
  const read = readNumber(text, language);
  return typeof read === 'number' ? read : Number.NaN;
}

/** What the server would refuse anyway, said before sending, by field path. */
export function checkReport(state: ReportFormState, language = 'en'): Problems {
  const problems: Problems = {};
  if (state.title.trim() === '') problems.title = 'required';
  if (state.occurredAt.trim() === '') problems.occurredAt = 'required';
  else if (!localInputToIso(state.occurredAt)) problems.occurredAt = 'invalidTime';
  if (state.detectedAt.trim() !== '') {
    const detected = localInputToIso(state.detectedAt);
    const occurred = localInputToIso(state.occurredAt);
    if (!detected) problems.detectedAt = 'invalidTime';
    else if (occurred && Date.parse(detected) < Date.parse(occurred))
      problems.detectedAt = 'detectedBeforeOccurred';
  }
  state.entities.forEach((entity, index) => {
    if (entity.name.trim() === '') problems[`entities[${index}].name`] = 'required';
    if (entity.sector === '') problems[`entities[${index}].sector`] = 'required';
  });
  Object.assign(problems, checkImpacts(state.impacts, language));
  if (state.reach.marking === 'TLP:RED' && parseRecipients(state.reach.recipients).length === 0)
    problems.recipients = 'recipientsRequired';
  return problems;
}

export function checkImpacts(impacts: readonly ImpactRow[], language = 'en'): Problems {
  const problems: Problems = {};
  impacts.forEach((impact, index) => {
    const at = `impacts[${index}]`;
    if (impact.memberState === '') problems[`${at}.memberState`] = 'required';
    const users = readNumber(impact.usersAffected, language);
    if (users === 'ambiguous') problems[`${at}.usersAffected`] = 'ambiguousDecimal';
    else if (impact.usersAffected.trim() !== '' && (users === null || !Number.isInteger(users)))
      problems[`${at}.usersAffected`] = 'wholeNumber';
    const proportion = readNumber(impact.proportionAffected, language);
    if (proportion === 'ambiguous') problems[`${at}.proportionAffected`] = 'ambiguousDecimal';
    else if (impact.proportionAffected.trim() !== '' && (proportion === null || proportion > 100))
      problems[`${at}.proportionAffected`] = 'percentage';
    const hours = readNumber(impact.durationHours, language);
    if (hours === 'ambiguous') problems[`${at}.durationHours`] = 'ambiguousDecimal';
    else if (impact.durationHours.trim() !== '' && hours === null) problems[`${at}.durationHours`] = 'number';
    else if (typeof hours === 'number' && hours > MAX_DURATION_HOURS)
      problems[`${at}.durationHours`] = 'durationTooLong';
  });
  return problems;
}

type ImpactInput = NonNullable<IncidentReportInput['impacts']>[number];
type EntityInput = NonNullable<IncidentReportInput['entities']>[number];

/** An impact row as the API takes it; empty optional fields are left out. */
export function impactRequest(impact: ImpactRow, language = 'en'): ImpactInput {
  const out: ImpactInput = { memberState: impact.memberState, level: impact.level };
  if (impact.service.trim()) out.service = impact.service.trim();
  if (impact.usersAffected.trim()) out.usersAffected = number(impact.usersAffected, language);
  if (impact.proportionAffected.trim()) out.proportionAffected = number(impact.proportionAffected, language);
  if (impact.durationHours.trim()) out.durationHours = number(impact.durationHours, language);
  if (impact.area.trim()) out.area = impact.area.trim();
  if (impact.isolatedAreas) out.isolatedAreas = true;
  return out;
}

export function entityRequest(entity: EntityRow): EntityInput {
  const out: EntityInput = {
    name: entity.name.trim(),
    sector: entity.sector,
    memberStatesServed: [...entity.memberStatesServed],
    cepes: entity.cepes,
    significantlyDisrupted: entity.significantlyDisrupted,
  };
  if (entity.subsector) out.subsector = entity.subsector;
  if (entity.cepesId) out.cepesId = entity.cepesId;
  if (entity.establishedIn) out.establishedIn = entity.establishedIn;
  return out;
}

export function sectorRequest(sectors: ReportFormState['sectors']): { sector: string; subsector?: string }[] {
  return sectors.flatMap(({ sector, subsectors }) =>
    subsectors.length === 0 ? [{ sector }] : subsectors.map((subsector) => ({ sector, subsector })),
  );
}

/** `withheld` with today's indexes: a withheld field of a row that is gone, or that is empty, is dropped. */
export function withheldRequest(
  state: Pick<ReportFormState, 'withheld' | 'entities' | 'impacts' | 'description'>,
): { field: string; reason: WithholdingReason }[] {
  const out: { field: string; reason: WithholdingReason }[] = [];
  for (const [key, reason] of Object.entries(state.withheld) as [WithholdKey, WithholdingReason][]) {
    if (!reason) continue;
    if (key === 'description') {
      if (state.description.trim()) out.push({ field: 'description', reason });
      continue;
    }
    const [kind, rowId, field] = key.split(':') as [string, string, string];
    if (kind === 'entity') {
      const index = state.entities.findIndex((e) => e.key === rowId);
      if (index >= 0 && state.entities[index]?.name.trim()) {
        out.push({ field: `entities[${index}].${field}`, reason });
        // The register entry would name the entity to anyone who may read the register: withheld with it.
        if (field === 'name' && state.entities[index]?.cepesId)
          out.push({ field: `entities[${index}].cepesId`, reason });
      }
    } else if (kind === 'impact') {
      const index = state.impacts.findIndex((i) => i.key === rowId);
      const row = state.impacts[index];
      const value = row ? row[field as 'service' | 'area' | 'usersAffected'] : '';
      if (index >= 0 && value.trim()) out.push({ field: `impacts[${index}].${field}`, reason });
    }
  }
  return out.sort((a, b) => a.field.localeCompare(b.field));
}

/** The reach fields of a report or an update: all participating organisations is sent as no audience at all. */
export function reachRequest(reach: ReachState, allParticipating: readonly string[]) {
  if (reach.marking === 'TLP:RED') {
    return {
      marking: reach.marking,
      recipients: parseRecipients(reach.recipients),
      releasableToNato: false,
    };
  }
  const everyone =
    allParticipating.length > 0 &&
    reach.audience.length === allParticipating.length &&
    allParticipating.every((id) => reach.audience.includes(id));
  return {
    marking: reach.marking,
    ...(everyone ? {} : { audience: [...reach.audience] }),
    releasableToNato: reach.releasableToNato,
  };
}

/** The IncidentReport to send; call only when `checkReport` found nothing. */
export function toReportRequest(
  state: ReportFormState,
  reportedBy: string,
  allParticipating: readonly string[],
  language = 'en',
): IncidentReportInput {
  const report: IncidentReportInput = {
    title: state.title.trim(),
    reportedBy,
    occurredAt: localInputToIso(state.occurredAt) ?? state.occurredAt,
    domain: state.domain,
    cause: state.cause,
    suspectedDeliberate: state.suspectedDeliberate,
    internationalSecurity: state.internationalSecurity,
    publicOrderImpact: state.publicOrderImpact,
    sectors: sectorRequest(state.sectors),
    entities: state.entities.map(entityRequest),
    impacts: state.impacts.map((impact) => impactRequest(impact, language)),
    ...reachRequest(state.reach, allParticipating),
    withheld: withheldRequest(state),
    exercise: state.exercise,
  };
  if (state.description.trim()) report.description = state.description.trim();
  if (state.detectedAt.trim()) report.detectedAt = localInputToIso(state.detectedAt) ?? state.detectedAt;
  return report;
}

const STEP_OF_FIELD: Record<string, ReportStep> = {
  title: 'what',
  description: 'what',
  domain: 'what',
  exercise: 'what',
  occurredAt: 'when',
  detectedAt: 'when',
  cause: 'cause',
  suspectedDeliberate: 'cause',
  internationalSecurity: 'cause',
  publicOrderImpact: 'cause',
  sectors: 'sectors',
  entities: 'entities',
  impacts: 'impacts',
  marking: 'sharing',
  audience: 'sharing',
  recipients: 'sharing',
  releasableToNato: 'sharing',
  withheld: 'withhold',
};

/** The step on which a field path is shown: `impacts[2].memberState` → impacts; unknown fields → review. */
export function stepOfField(path: string): ReportStep {
  const top = path.split(/[.[]/)[0] ?? '';
  return STEP_OF_FIELD[top] ?? 'review';
}

/**
 * Where a server error about a list item is shown: `impacts[2]` or `audience[3]` has no control of its own, so it
 * goes to the nearest field that has one (`impacts[2].memberState`, `audience`).
 */
export function fieldForError(path: string): string {
  if (/^impacts\[\d+\]$/.test(path)) return `${path}.memberState`;
  if (/^entities\[\d+\]$/.test(path)) return `${path}.name`;
  if (/^entities\[\d+\]\.memberStatesServed\[\d+\]$/.test(path)) return path.replace(/\[\d+\]$/, '');
  if (/^(audience|recipients|sectors|withheld)\[/.test(path)) return path.split('[')[0] ?? path;
  return path;
}

export function firstProblemStep(problems: Problems | Record<string, string>): ReportStep | null {
  const fields = Object.keys(problems);
  if (fields.length === 0) return null;
  return REPORT_STEPS.find((step) => fields.some((field) => stepOfField(field) === step)) ?? 'review';
}

import type { Entry } from '../entries/model.js';
import { withoutField } from '../entries/rules.js';
import type { Incident } from '../incidents/model.js';
import { countryName } from '../registry/countries.js';
import { nis2Tags } from '../registry/nis2-sectors.js';
import { organisationById, PARTICIPATING_ORGANISATIONS } from '../registry/organisations.js';
import { mostRestrictive, type TlpMarking } from '../sharing/model.js';
import { isAllowed } from '../sharing/policy.js';
import type { Principal } from '../sharing/principal.js';
import { carryWithheldDetails, travelsInStix } from '../sharing/stix.js';
import { stixId } from './stix-export-ids.js';
import {
  type PlacedObject,
  type StixAudience,
  type StixExportObject,
  type StixObject,
  TLP_2_IDS,
  tlpMarkingDefinition,
} from './stix-export-model.js';

/**
 * Reference data (organisations, countries) is the same for every incident: its objects carry one fixed first
 * version, so a receiving system keeps one copy of each.
 */
const REFERENCE_VERSION = '2024-01-01T00:00:00.000Z';
const SOURCE = 'blueprint';

/** What an incident's STIX view is built from: the incident and its entries exactly as the reader receives them. */
export interface StixExportInput {
  reader: Principal;
  incident: Incident;
  /** The entries the reader may see, presented for them, oldest first. */
  entries: readonly Entry[];
}

/** STIX timestamps are UTC with milliseconds; the platform's may carry an offset or none. */
function stixTime(iso: string): string {
  return new Date(iso).toISOString();
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Custom properties as STIX's schemas accept them: a property is left out rather than sent empty or null (an empty
 * list is not a valid property value).
 */
function present<T extends Record<string, unknown>>(properties: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as Partial<T>;
}

function reference(externalId: string) {
  return [{ source_name: SOURCE, external_id: externalId }];
}

export function identityRef(organisation: string): string {
  return stixId('identity', organisation);
}

function identityOf(organisation: string): StixObject {
  const known = organisationById(organisation);
  const sector =
    known?.kind === 'member-state'
      ? 'government-national'
      : known?.kind === 'nato'
        ? 'defense'
        : 'government';
  return {
    type: 'identity',
    spec_version: '2.1',
    id: identityRef(organisation),
    created: REFERENCE_VERSION,
    modified: REFERENCE_VERSION,
    name: known?.name ?? organisation,
    identity_class: 'organization',
    sectors: [sector],
    object_marking_refs: [TLP_2_IDS['TLP:CLEAR']],
    external_references: reference(organisation),
  };
}

function locationOf(country: string): StixObject {
  return {
    type: 'location',
    spec_version: '2.1',
    id: stixId('location', country),
    created: REFERENCE_VERSION,
    modified: REFERENCE_VERSION,
    name: countryName(country),
    country,
    object_marking_refs: [TLP_2_IDS['TLP:CLEAR']],
    external_references: reference(country),
  };
}

/** Who may see an entry, as the reader is shown it (a hidden group's members are not listed). */
function audienceOf(e: Entry): Partial<StixAudience> {
  return present({
    x_blueprint_audience: e.whoCanSee.organisations,
    x_blueprint_releasable_to_nato: e.whoCanSee.natoLiaison,
    x_blueprint_sharing_group: e.whoCanSee.hiddenGroup ?? e.sharingGroup?.name,
  });
}

/** The entry's body as it may travel: without what its author withheld (see `carryWithheldDetails`). */
function travellingBody(reader: Principal, e: Entry): Record<string, unknown> {
  if (isAllowed(carryWithheldDetails, reader, e.author.organisation)) return e.body;
  let body = e.body;
  for (const w of e.withheld) body = withoutField(body, w.field) as Record<string, unknown>;
  return body;
}

interface EntityShape {
  name?: unknown;
  sector?: unknown;
  subsector?: unknown;
  cepes?: unknown;
  significantlyDisrupted?: unknown;
  establishedIn?: unknown;
  memberStatesServed?: unknown;
  cepesId?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function sectorRefsOf(body: Record<string, unknown>): Array<{ sector: string; subsector?: string }> {
  const refs: Array<{ sector: string; subsector?: string }> = [];
  const lists = [body.sectors, body.entities].filter(Array.isArray) as unknown[][];
  for (const item of lists.flat()) {
    const ref = item as EntityShape | null;
    const sector = text(ref?.sector);
    if (!sector) continue;
    const subsector = text(ref?.subsector);
    refs.push(subsector ? { sector, subsector } : { sector });
  }
  return refs;
}

function tagsOf(refs: ReadonlyArray<{ sector: string; subsector?: string }>): string[] {
  return [...new Set(refs.flatMap((r) => nis2Tags(r)))].sort();
}

/** What a note says: the entry's text, else its description or the reasons of a status change, else its kind. */
function contentOf(e: Entry, body: Record<string, unknown>): string {
  const said = text(body.text) ?? text(body.description) ?? text(body.summary);
  if (said) return said;
  if (e.kind === 'status-change') {
    const reasons = Array.isArray(body.reasons) ? body.reasons.filter((r) => typeof r === 'string') : [];
    const transition = `${text(body.from) ?? '—'} → ${text(body.to) ?? '—'}`;
    return [transition, ...reasons].join('\n');
  }
  return text(body.title) ?? e.kind;
}

interface Built {
  object: StixObject;
  dateAdded: string;
  sharingGroupId: string | null;
  marking: TlpMarking;
}

function infrastructureOf(e: Entry, body: Record<string, unknown>, modified: string): StixObject[] {
  const entities = Array.isArray(body.entities) ? (body.entities as Array<EntityShape | null>) : [];
  const out: StixObject[] = [];
  entities.forEach((entity, i) => {
    // A whole entity its author withheld leaves a hole in the list: nothing of it travels.
    if (!entity || typeof entity !== 'object') return;
    const sector = text(entity.sector);
    const subsector = text(entity.subsector);
    const served = Array.isArray(entity.memberStatesServed) ? entity.memberStatesServed : [];
    out.push({
      type: 'infrastructure',
      spec_version: '2.1',
      id: stixId('infrastructure', `${e.id}/entities[${i}]`),
      created: stixTime(e.createdAt),
      modified,
      created_by_ref: identityRef(e.author.organisation),
      // The contract's words for a name the reader may not take along.
      name: text(entity.name) ?? `withheld by ${e.author.organisation}`,
      object_marking_refs: [TLP_2_IDS[e.marking]],
      external_references: reference(`${e.id}/entities[${i}]`),
      ...present({
        labels: sector ? tagsOf([subsector ? { sector, subsector } : { sector }]) : [],
        x_blueprint_sector: sector,
        x_blueprint_subsector: subsector,
        x_blueprint_cepes: typeof entity.cepes === 'boolean' ? entity.cepes : undefined,
        x_blueprint_cepes_id: text(entity.cepesId),
        x_blueprint_significantly_disrupted:
          typeof entity.significantlyDisrupted === 'boolean' ? entity.significantlyDisrupted : undefined,
        x_blueprint_established_in: text(entity.establishedIn),
        x_blueprint_member_states_served: served.filter((s) => typeof s === 'string'),
      }),
      ...audienceOf(e),
    });
  });
  return out;
}

/**
 * An incident as STIX 2.1 objects for one reader, each with when it reached them: only entries that may travel
 * (`travelsInStix`), each under its own TLP 2.0 marking with its audience beside it, without withheld details.
 * Pure: the flow loads what the reader may see, this decides how it is written.
 */
export function stixObjectsOf(input: StixExportInput): PlacedObject[] {
  const { reader, incident } = input;
  const incidentRef = stixId('incident', incident.id);
  const travelling = input.entries.filter(
    (e) => e.kind !== 'reach-change' && isAllowed(travelsInStix, e.marking),
  );
  const travellingIds = new Set(travelling.map((e) => e.id));
  const built: Built[] = [];
  const countries = new Set(incident.memberStates);
  const sectorRefs: Array<{ sector: string; subsector?: string }> = [];
  let description: { text: string; marking: TlpMarking } | undefined;

  for (const e of travelling) {
    const body = travellingBody(reader, e);
    const modified = stixTime(later(e.createdAt, e.reachChangedAt ?? e.createdAt));
    const group = e.sharingGroup?.id ?? null;
    const infrastructure =
      e.kind === 'report' || e.kind === 'update' ? infrastructureOf(e, body, modified) : [];
    if (e.kind === 'report' || e.kind === 'update') {
      sectorRefs.push(...sectorRefsOf(body));
      const impacts = Array.isArray(body.impacts) ? (body.impacts as Array<{ memberState?: unknown }>) : [];
      for (const impact of impacts)
        if (text(impact?.memberState)) countries.add(impact.memberState as string);
    }
    if (e.kind === 'report' && !description && text(body.description))
      description = { text: body.description as string, marking: e.marking };
    for (const object of infrastructure)
      built.push({ object, dateAdded: modified, sharingGroupId: group, marking: e.marking });
    const supersedes =
      e.supersedes && travellingIds.has(e.supersedes) ? stixId('note', e.supersedes) : undefined;
    // The text is the note's content; who was withheld what travels as its own property; recipients never do.
    const { text: _text, withheld: _withheld, recipients: _recipients, ...details } = body;
    built.push({
      dateAdded: modified,
      sharingGroupId: group,
      marking: e.marking,
      object: {
        type: 'note',
        spec_version: '2.1',
        id: stixId('note', e.id),
        created: stixTime(e.createdAt),
        modified,
        created_by_ref: identityRef(e.author.organisation),
        abstract: e.kind,
        content: contentOf(e, body),
        authors: [organisationById(e.author.organisation)?.name ?? e.author.organisation],
        object_refs: [incidentRef, ...infrastructure.map((o) => o.id), ...(supersedes ? [supersedes] : [])],
        object_marking_refs: [TLP_2_IDS[e.marking]],
        external_references: reference(e.id),
        ...present({
          labels: tagsOf(sectorRefsOf(body)),
          x_blueprint_kind: e.kind,
          x_blueprint_body: Object.keys(details).length > 0 ? details : undefined,
          x_blueprint_withheld: e.withheld.map((w) => ({ field: w.field, reason: w.reason, by: w.by })),
          x_blueprint_supersedes: supersedes,
        }),
        ...audienceOf(e),
      },
    });
  }

  // The incident's shared facts reach every participating organisation: TLP:GREEN, or the report's marking when
  // its description comes along.
  const incidentMarking = mostRestrictive(['TLP:GREEN', ...(description ? [description.marking] : [])]);
  const modified = built.reduce((m, b) => later(m, b.dateAdded), stixTime(incident.createdAt));
  const incidentObject: StixObject = {
    type: 'incident',
    spec_version: '2.1',
    id: incidentRef,
    created: stixTime(incident.createdAt),
    modified,
    created_by_ref: identityRef(incident.reportedBy),
    name: incident.title,
    object_marking_refs: [TLP_2_IDS[incidentMarking]],
    external_references: reference(incident.id),
    ...present({
      description: description?.text,
      labels: [...tagsOf(sectorRefs), ...(incident.exercise ? ['exercise'] : [])],
      x_blueprint_status: incident.status,
      x_blueprint_state: incident.blueprintState,
      x_blueprint_triggers_met: incident.assessment.triggers.filter((t) => t.met).map((t) => t.id),
      x_blueprint_significantly_affected: incident.assessment.significantlyAffected,
      x_blueprint_affected_states: incident.memberStates,
      x_blueprint_reported_by: incident.reportedBy,
      x_blueprint_occurred_at: stixTime(incident.occurredAt),
      x_blueprint_exercise: incident.exercise,
      x_blueprint_audience: PARTICIPATING_ORGANISATIONS.map((o) => o.id),
      x_blueprint_releasable_to_nato: incident.releasableToNato,
    }),
  };
  built.unshift({
    object: incidentObject,
    dateAdded: modified,
    sharingGroupId: null,
    marking: incidentMarking,
  });

  const organisations = new Set([incident.reportedBy, ...travelling.map((e) => e.author.organisation)]);
  const referenceData: Built[] = [
    ...[...organisations].sort().map((o) => identityOf(o)),
    ...[...countries].sort().map((c) => locationOf(c)),
  ].map((object) => ({ object, dateAdded: modified, sharingGroupId: null, marking: 'TLP:CLEAR' as const }));

  // The compiled report carries the most restrictive marking among what it gathers.
  const all = [...referenceData, ...built];
  const reportMarking = mostRestrictive(all.map((b) => b.marking));
  const report: StixObject = {
    type: 'report',
    spec_version: '2.1',
    id: stixId('report', incident.id),
    created: stixTime(incident.createdAt),
    modified,
    name: incident.title,
    published: modified,
    report_types: ['incident'],
    object_refs: all.map((b) => b.object.id),
    object_marking_refs: [TLP_2_IDS[reportMarking]],
    external_references: reference(incident.id),
    ...present({ labels: incident.exercise ? ['exercise'] : [] }),
  };
  all.push({ object: report, dateAdded: modified, sharingGroupId: null, marking: reportMarking });

  const markings = [...new Set(all.map((b) => b.marking))].sort();
  const placed: PlacedObject[] = [
    ...markings.map((m) => {
      const object: StixExportObject = tlpMarkingDefinition(m);
      return { object, dateAdded: modified, version: object.created, sharingGroupId: null };
    }),
    ...all.map((b) => ({
      object: b.object,
      dateAdded: b.dateAdded,
      version: b.object.modified,
      sharingGroupId: b.sharingGroupId,
    })),
  ];
  return withReferenceDates(placed);
}

/**
 * Reference objects (markings, organisations, countries) reach a reader with the first object that refers to them,
 * so a TAXII client asking only for what was added after its last pull still receives what its new objects name.
 */
export function withReferenceDates(placed: readonly PlacedObject[]): PlacedObject[] {
  const firstUse = new Map<string, string>();
  const isReference = (o: StixExportObject) =>
    o.type === 'marking-definition' || o.type === 'identity' || o.type === 'location';
  for (const p of placed) {
    if (isReference(p.object)) continue;
    const o = p.object as StixObject;
    const refs = [
      ...(o.created_by_ref ? [o.created_by_ref] : []),
      ...o.object_marking_refs,
      ...(Array.isArray(o.object_refs) ? (o.object_refs as string[]) : []),
    ];
    for (const ref of refs) {
      const seen = firstUse.get(ref);
      if (!seen || p.dateAdded < seen) firstUse.set(ref, p.dateAdded);
    }
  }
  return placed.map((p) =>
    isReference(p.object) ? { ...p, dateAdded: firstUse.get(p.object.id) ?? p.dateAdded } : p,
  );
}

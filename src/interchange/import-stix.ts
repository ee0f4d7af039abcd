import type { TlpMarking } from '../sharing/model.js';
import { utcInstant } from './import-dates.js';
import { firstExerciseMark, type MarkedPart, refuseExerciseData } from './import-exercise.js';
import { IMPORT_LIMITS, type ImportLimits, ImportRefused } from './import-limits.js';
import { strictestOr, tlpOfMarkingId, tlpOfName, UNMARKED } from './import-markings.js';
import { distinctSectors, sectorOfTag } from './import-sectors.js';
import type { ImportPlan, PlannedItem, Refusal } from './model.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * STIX domain and relationship objects the platform maps to entries: what a CSIRT's bundle is made of. Cyber
 * observables (`ipv4-addr`, `file`…), extension definitions and custom `x-` objects are kept whole as attachments.
 */
const MAPPED_TYPES = new Set([
  'indicator',
  'report',
  'note',
  'opinion',
  'grouping',
  'incident',
  'campaign',
  'intrusion-set',
  'threat-actor',
  'malware',
  'malware-analysis',
  'tool',
  'attack-pattern',
  'vulnerability',
  'course-of-action',
  'infrastructure',
  'identity',
  'location',
  'observed-data',
  'sighting',
  'relationship',
]);

const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-fA-F-]{36}$/;

/** The objects of a bundle; a lone STIX object is read as a bundle of one. */
function objectsOf(doc: unknown): { objects: unknown[]; base: string } {
  if (!isObject(doc)) throw new ImportRefused('FILE: a STIX 2.1 bundle is a JSON object');
  // A bundle that left out its `type` but says what it is by its id still is one (FIRST's own TLP 2.0 files do).
  if (doc.type === 'bundle' || (doc.type === undefined && str(doc.id).startsWith('bundle--'))) {
    if (!Array.isArray(doc.objects)) throw new ImportRefused('objects: must be a list', 'objects');
    if (doc.objects.length === 0) throw new ImportRefused('objects: the bundle is empty', 'objects');
    return { objects: doc.objects, base: 'objects' };
  }
  if (typeof doc.type === 'string' && typeof doc.id === 'string') return { objects: [doc], base: '' };
  throw new ImportRefused('type: must be "bundle" (this is not a STIX 2.1 bundle)', 'type');
}

/** The TLP a marking-definition object of the bundle stands for: TLP 2.0 by name and extension, or STIX 2.0's form. */
function tlpOfDefinition(def: Json): TlpMarking | undefined {
  const known = tlpOfMarkingId(str(def.id));
  if (known) return known;
  if (def.definition_type === 'tlp' && isObject(def.definition)) return tlpOfName(str(def.definition.tlp));
  const extensions = isObject(def.extensions) ? Object.values(def.extensions) : [];
  for (const ext of extensions) if (isObject(ext) && str(ext.tlp_2_0)) return tlpOfName(str(ext.tlp_2_0));
  return undefined;
}

/** What the bundle's marking definitions mean: a TLP level, a statement (a notice, no reach), or unknown. */
type MarkingMeaning = { tlp: TlpMarking } | { statement: string };

function markingDefinitions(objects: readonly unknown[]): Map<string, MarkingMeaning> {
  const out = new Map<string, MarkingMeaning>();
  for (const o of objects) {
    if (!isObject(o) || o.type !== 'marking-definition') continue;
    const tlp = tlpOfDefinition(o);
    if (tlp) out.set(str(o.id), { tlp });
    else if (o.definition_type === 'statement' && isObject(o.definition))
      out.set(str(o.id), { statement: str(o.definition.statement) });
  }
  return out;
}

/**
 * The marking of one object: the strictest TLP among its object markings and granular markings (an entry has one
 * marking, so a part marked more strictly makes the whole entry so). A reference the platform cannot read refuses
 * the object: importing it with a guessed marking could widen it.
 */
function markingOf(
  o: Json,
  definitions: Map<string, MarkingMeaning>,
): { marking: TlpMarking; statements: string[] } | { reason: string } {
  const refs = strings(o.object_marking_refs).map((id, i) => ({ id, path: `object_marking_refs[${i}]` }));
  const granular = Array.isArray(o.granular_markings) ? o.granular_markings : [];
  for (const [i, g] of granular.entries()) {
    if (isObject(g) && typeof g.marking_ref === 'string')
      refs.push({ id: g.marking_ref, path: `granular_markings[${i}].marking_ref` });
  }
  const found: TlpMarking[] = [];
  const statements: string[] = [];
  for (const ref of refs) {
    const known = tlpOfMarkingId(ref.id);
    const meaning: MarkingMeaning | undefined = known ? { tlp: known } : definitions.get(ref.id);
    if (!meaning) return { reason: `${ref.path}: unknown marking definition "${ref.id}"` };
    if ('tlp' in meaning) found.push(meaning.tlp);
    else statements.push(meaning.statement);
  }
  return { marking: strictestOr(found, UNMARKED), statements };
}

/** The lines that say what an object is, from the properties its type has. */
function describe(o: Json, identities: ReadonlyMap<string, string>): { title: string; text: string } {
  const type = str(o.type);
  const name = str(o.name) || str(o.abstract) || str(o.value);
  const lines: string[] = [];
  if (str(o.description)) lines.push(str(o.description));
  if (str(o.content)) lines.push(str(o.content));
  if (type === 'opinion' && str(o.opinion)) lines.push(`Opinion: ${str(o.opinion)}`);
  if (str(o.explanation)) lines.push(str(o.explanation));
  const kinds = [
    ...strings(o.indicator_types),
    ...strings(o.malware_types),
    ...strings(o.threat_actor_types),
    ...strings(o.tool_types),
    ...strings(o.infrastructure_types),
    ...strings(o.report_types),
  ];
  if (kinds.length > 0) lines.push(`Types: ${kinds.join(', ')}`);
  if (type === 'relationship')
    lines.push(`${str(o.source_ref)} ${str(o.relationship_type)} ${str(o.target_ref)}`);
  if (type === 'sighting') {
    lines.push(`Sighting of ${str(o.sighting_of_ref)}`);
    if (typeof o.count === 'number') lines.push(`Count: ${o.count}`);
  }
  const refs = [
    ...strings(o.object_refs),
    ...strings(o.observed_data_refs),
    ...strings(o.where_sighted_refs),
  ];
  if (refs.length > 0) lines.push(`Refers to: ${refs.join(', ')}`);
  if (type === 'location') {
    const place = [str(o.city), str(o.region), str(o.country)].filter(Boolean).join(', ');
    if (place) lines.push(place);
  }
  for (const ref of Array.isArray(o.external_references) ? o.external_references : []) {
    if (!isObject(ref)) continue;
    const id = [str(ref.source_name), str(ref.external_id)].filter(Boolean).join(' ');
    lines.push([id, str(ref.url)].filter(Boolean).join(': '));
  }
  const source = identities.get(str(o.created_by_ref));
  if (source && type !== 'identity') lines.push(`Source: ${source}`);
  const title =
    name ||
    (type === 'relationship' ? `Relationship: ${str(o.relationship_type)}` : '') ||
    (type === 'sighting' ? 'Sighting' : '') ||
    (type === 'observed-data' ? 'Observed data' : '') ||
    type;
  return { title: title.slice(0, 300), text: lines.filter(Boolean).join('\n') };
}

/** The labels of each object, named by its path in the file: MISP's conversion puts an event's tags there. */
function* labelledParts(objects: readonly unknown[], base: string): Generator<MarkedPart> {
  for (const [i, o] of objects.entries())
    if (isObject(o))
      yield {
        field: base ? `${base}[${i}].labels` : 'labels',
        what: `the ${str(o.type).slice(0, 60) || 'object'}`,
        names: strings(o.labels),
      };
}

/** Maps a STIX 2.1 bundle to entries: each object mapped or kept, or refused with a reason. Pure. */
export function planStixImport(doc: unknown, limits: ImportLimits = IMPORT_LIMITS): ImportPlan {
  const { objects, base } = objectsOf(doc);
  if (objects.length > limits.maxObjects)
    throw new ImportRefused(
      `FILE: ${objects.length} objects is over the limit of ${limits.maxObjects} in one import`,
    );
  refuseExerciseData(firstExerciseMark(labelledParts(objects, base)));
  const definitions = markingDefinitions(objects);
  // Who made each object, by the bundle's identities: a reader weighs intelligence by its source.
  const identities = new Map(
    objects
      .filter(isObject)
      .flatMap((o) => (o.type === 'identity' && str(o.name) ? [[str(o.id), str(o.name)]] : [])) as Array<
      [string, string]
    >,
  );
  const items: PlannedItem[] = [];
  const refused: Refusal[] = [];
  for (const [i, o] of objects.entries()) {
    const ref = base ? `${base}[${i}]` : '(object)';
    if (!isObject(o)) {
      refused.push({ ref, type: 'unknown', reason: 'not a STIX object (a JSON object)' });
      continue;
    }
    const type = str(o.type);
    if (!type || !STIX_ID.test(str(o.id)) || !str(o.id).startsWith(`${type}--`)) {
      refused.push({ ref, type: type || 'unknown', reason: 'id: must be "<type>--<UUID>"' });
      continue;
    }
    if (o.revoked === true) {
      refused.push({ ref, type, reason: 'revoked at the source' });
      continue;
    }
    const marking = markingOf(o, definitions);
    if ('reason' in marking) {
      refused.push({ ref, type, reason: marking.reason });
      continue;
    }
    const labels = [...strings(o.labels), ...marking.statements.map((s) => `statement: ${s}`)];
    if (type === 'marking-definition' && definitions.get(str(o.id)) !== undefined) {
      // A TLP or statement definition becomes the markings and labels of the objects that refer to it.
      items.push({
        ref,
        type,
        outcome: 'mapped',
        marking: marking.marking,
        distribution: 'unspecified',
        body: {
          format: 'stix',
          objectType: type,
          sourceId: str(o.id),
          title: str(o.name) || type,
          text: '',
          labels,
          sectors: [],
          pattern: null,
          validFrom: null,
          kept: false,
        },
      });
      continue;
    }
    const { title, text } = describe(o, identities);
    const mapped = MAPPED_TYPES.has(type);
    items.push({
      ref,
      type,
      outcome: mapped ? 'mapped' : 'kept',
      marking: marking.marking,
      distribution: 'unspecified',
      body: {
        format: 'stix',
        objectType: type,
        sourceId: str(o.id),
        title,
        text: mapped
          ? text
          : `Kept as the attached file ${type}.json: the platform does not map STIX ${type}.`,
        labels,
        // The platform's own export labels sectors with `nis2` machine tags: they read back as the same sectors.
        sectors: distinctSectors(labels.flatMap((label) => sectorOfTag(label) ?? [])),
        pattern:
          type === 'indicator' && str(o.pattern)
            ? { type: str(o.pattern_type) || 'stix', value: str(o.pattern) }
            : null,
        validFrom:
          utcInstant(o.valid_from) ??
          utcInstant(o.published) ??
          utcInstant(o.first_seen) ??
          utcInstant(o.first_observed) ??
          null,
        kept: !mapped,
      },
      ...(mapped ? {} : { attachment: { name: `${type}.json`, json: JSON.stringify(o, null, 2) } }),
    });
  }
  return { format: 'stix', incident: incidentOf(doc, objects, items), items, refused };
}

const CONTEXT_TYPES = new Set(['marking-definition', 'identity', 'location', 'relationship']);

/** The incident a bundle describes when none is named: its first report, else incident, else the bundle. */
function incidentOf(doc: unknown, objects: readonly unknown[], items: readonly PlannedItem[]) {
  const lead =
    items.find((i) => i.type === 'report' && !i.body.kept) ??
    items.find((i) => i.type === 'incident' && !i.body.kept) ??
    // Who made it and where are context, not what happened: a campaign or an indicator names the incident better.
    items.find((i) => !i.body.kept && !CONTEXT_TYPES.has(i.type)) ??
    items.find((i) => !i.body.kept && i.type !== 'marking-definition');
  const times = objects
    .filter(isObject)
    .map((o) => utcInstant(o.published) ?? utcInstant(o.first_seen) ?? utcInstant(o.created))
    .filter((t): t is string => t !== undefined)
    .sort();
  const bundleId = isObject(doc) ? str(doc.id) : '';
  return {
    title: (lead?.body.title ?? `STIX bundle ${bundleId}`).slice(0, 300),
    occurredAt: lead?.body.validFrom ?? times[0] ?? '',
    description: lead?.body.text.slice(0, 20000) ?? '',
    marking: lead?.marking ?? UNMARKED,
    distribution: 'unspecified' as const,
    sectors: lead?.body.sectors ?? [],
  };
}

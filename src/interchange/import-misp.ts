import type { SourceDistribution } from '../sharing/imports.js';
import type { TlpMarking } from '../sharing/model.js';
import { utcInstant } from './import-dates.js';
import { firstExerciseMark, type MarkedPart, refuseExerciseData } from './import-exercise.js';
import { IMPORT_LIMITS, type ImportLimits, ImportRefused } from './import-limits.js';
import { strictestOr, tlpOfName, UNMARKED } from './import-markings.js';
import { distinctSectors, sectorOfTag } from './import-sectors.js';
import type { ImportPlan, PlannedItem, Refusal } from './model.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * MISP's distribution levels: 0 your organisation only, 1 this community only, 2 connected communities, 3 all
 * communities, 4 a sharing group, 5 inherit the event's. The platform's participating organisations are the
 * community; a MISP sharing group has no counterpart here, so it is read as the importing organisation alone.
 */
function distributionOf(value: unknown): SourceDistribution | 'inherit' {
  switch (str(value)) {
    case '0':
      return 'organisation';
    case '1':
    case '2':
    case '3':
      return 'community';
    case '4':
      return 'sharing-group';
    case '5':
      return 'inherit';
    default:
      return 'unspecified';
  }
}

const NARROWNESS: Record<SourceDistribution, number> = {
  organisation: 0,
  'sharing-group': 1,
  community: 2,
  unspecified: 3,
};

/** The narrower of an item's own distribution and its event's: an attribute never travels further than its event. */
function narrower(own: SourceDistribution | 'inherit', event: SourceDistribution): SourceDistribution {
  if (own === 'inherit' || own === 'unspecified') return event;
  return NARROWNESS[own] < NARROWNESS[event] ? own : event;
}

/** Tag names of a MISP `Tag` list (objects with `name`, or plain strings in some exports). */
function tagNames(tags: unknown): string[] {
  return list(tags)
    .map((t) => (isObject(t) ? str(t.name) : str(t)))
    .filter((t) => t.length > 0);
}

/** Galaxy clusters as the machine tags MISP itself gives them: `misp-galaxy:<type>="<value>"`. */
function galaxyLabels(galaxies: unknown): string[] {
  const out: string[] = [];
  for (const g of list(galaxies)) {
    if (!isObject(g)) continue;
    for (const c of list(g.GalaxyCluster)) {
      if (isObject(c) && str(c.value))
        out.push(`misp-galaxy:${str(c.type) || str(g.type)}="${str(c.value)}"`);
    }
  }
  return out;
}

interface Tagged {
  markings: TlpMarking[];
  labels: string[];
  sectors: Array<{ sector: string; subsector?: string }>;
}

/** What a list of tags says: TLP markings, sectors (nis/nis2), and everything else as labels. */
function readTags(names: readonly string[]): Tagged {
  const out: Tagged = { markings: [], labels: [], sectors: [] };
  for (const name of names) {
    if (/^tlp:/i.test(name)) {
      const tlp = tlpOfName(name);
      // `tlp:ex:chr`, `tlp:unclear` name no level: kept as labels, the marking comes from elsewhere.
      if (tlp) {
        out.markings.push(tlp);
        continue;
      }
    }
    const sector = sectorOfTag(name);
    if (sector) out.sectors.push(sector);
    out.labels.push(name);
  }
  return out;
}

const unique = (xs: readonly string[]) => [...new Set(xs)];

/** The event object of a MISP JSON export: wrapped in `Event`, or the event's own keys at the top. */
function eventOf(doc: unknown): Json {
  if (!isObject(doc)) throw new ImportRefused('FILE: a MISP event is a JSON object');
  const event = isObject(doc.Event) ? doc.Event : doc;
  if (typeof event.info !== 'string' || event.info.trim() === '')
    throw new ImportRefused('Event.info: required (this is not a MISP event)', 'Event.info');
  if (event.Attribute !== undefined && !Array.isArray(event.Attribute))
    throw new ImportRefused('Event.Attribute: must be a list', 'Event.Attribute');
  if (event.Object !== undefined && !Array.isArray(event.Object))
    throw new ImportRefused('Event.Object: must be a list', 'Event.Object');
  return event;
}

/** Keys of an event that are its own description, or mapped below; any other non-empty value is kept. */
const EVENT_FIELDS = new Set([
  'Attribute',
  'Object',
  'Tag',
  'Galaxy',
  'Org',
  'Orgc',
  'id',
  'uuid',
  'info',
  'date',
  'timestamp',
  'publish_timestamp',
  'published',
  'analysis',
  'threat_level_id',
  'distribution',
  'sharing_group_id',
  'org_id',
  'orgc_id',
  'attribute_count',
  'locked',
  'disable_correlation',
  'proposal_email_lock',
  'event_creator_email',
  'extends_uuid',
]);

/** The tag lists of an event, its attributes and its objects' attributes, each named by its path in the file. */
function* taggedParts(event: Json, base: string): Generator<MarkedPart> {
  yield { field: `${base}Tag`, what: 'the event', names: tagNames(event.Tag) };
  for (const [i, a] of list(event.Attribute).entries())
    if (isObject(a))
      yield {
        field: `${base}Attribute[${i}].Tag`,
        what: 'an attribute of the event',
        names: tagNames(a.Tag),
      };
  for (const [i, o] of list(event.Object).entries())
    for (const [j, a] of list(isObject(o) ? o.Attribute : undefined).entries())
      if (isObject(a))
        yield {
          field: `${base}Object[${i}].Attribute[${j}].Tag`,
          what: 'an attribute of the event',
          names: tagNames(a.Tag),
        };
}

const THREAT_LEVELS: Record<string, string> = { '1': 'high', '2': 'medium', '3': 'low', '4': 'undefined' };
const ANALYSIS: Record<string, string> = { '0': 'initial', '1': 'ongoing', '2': 'complete' };

/** Maps a MISP event (core format JSON) to entries: the event, each attribute and each object. Pure. */
export function planMispImport(doc: unknown, limits: ImportLimits = IMPORT_LIMITS): ImportPlan {
  const event = eventOf(doc);
  const base = event === (doc as Json) ? '' : 'Event.';
  refuseExerciseData(firstExerciseMark(taggedParts(event, base)));
  const eventTags = readTags(tagNames(event.Tag));
  const eventMarking = strictestOr(eventTags.markings, UNMARKED);
  const eventDistribution = narrower(distributionOf(event.distribution), 'unspecified');
  const occurredAt = utcInstant(event.date) ?? utcInstant(event.timestamp);
  if (!occurredAt) throw new ImportRefused(`${base}date: not a date (YYYY-MM-DD)`, `${base}date`);
  const attributes = list(event.Attribute);
  const objects = list(event.Object);
  const count = 1 + attributes.length + objects.length;
  if (count > limits.maxObjects)
    throw new ImportRefused(`FILE: ${count} objects is over the limit of ${limits.maxObjects} in one import`);

  const items: PlannedItem[] = [];
  const refused: Refusal[] = [];
  const source = str(isObject(event.Orgc) ? event.Orgc.name : '');
  const labels = unique([...eventTags.labels, ...galaxyLabels(event.Galaxy)]);
  const sectors = distinctSectors(eventTags.sectors);
  const facts = [
    source && `Source: ${source}`,
    THREAT_LEVELS[str(event.threat_level_id)] && `Threat level: ${THREAT_LEVELS[str(event.threat_level_id)]}`,
    ANALYSIS[str(event.analysis)] && `Analysis: ${ANALYSIS[str(event.analysis)]}`,
    `${attributes.length} attributes, ${objects.length} objects`,
  ].filter(Boolean);
  items.push({
    ref: base ? 'Event' : '(event)',
    type: 'misp-event',
    outcome: 'mapped',
    marking: eventMarking,
    distribution: eventDistribution,
    body: {
      format: 'misp',
      objectType: 'misp-event',
      sourceId: str(event.uuid) || null,
      title: str(event.info).trim(),
      text: facts.join('\n'),
      labels,
      sectors,
      pattern: null,
      validFrom: occurredAt,
      kept: false,
    },
  });

  for (const [i, a] of attributes.entries()) {
    const ref = `${base}Attribute[${i}]`;
    const planned = planAttribute(a, ref, eventMarking, eventDistribution);
    if ('reason' in planned) refused.push(planned);
    else items.push(planned);
  }
  for (const [i, o] of objects.entries()) {
    const ref = `${base}Object[${i}]`;
    const planned = planObject(o, ref, eventMarking, eventDistribution);
    if ('reason' in planned) refused.push(planned);
    else items.push(planned);
  }
  // What the event carries besides (related events, proposals, reports, sightings): kept whole, never dropped.
  for (const [key, value] of Object.entries(event)) {
    if (EVENT_FIELDS.has(key)) continue;
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty || (!Array.isArray(value) && !isObject(value))) continue;
    items.push({
      ref: `${base}${key}`,
      type: `misp-${key}`,
      outcome: 'kept',
      marking: eventMarking,
      distribution: eventDistribution,
      body: {
        format: 'misp',
        objectType: `misp-${key}`,
        sourceId: str(event.uuid) || null,
        title: `${key} of the MISP event "${str(event.info).trim()}"`,
        text: `Kept as the attached file ${key}.json: the platform does not map MISP's ${key}.`,
        labels: [],
        sectors: [],
        pattern: null,
        validFrom: null,
        kept: true,
      },
      attachment: { name: `${key}.json`, json: JSON.stringify(value, null, 2) },
    });
  }

  return {
    format: 'misp',
    incident: {
      title: str(event.info).trim().slice(0, 300),
      occurredAt,
      description: facts.join('\n'),
      marking: eventMarking,
      distribution: eventDistribution,
      sectors,
    },
    items,
    refused,
  };
}

function planAttribute(
  a: unknown,
  ref: string,
  eventMarking: TlpMarking,
  eventDistribution: SourceDistribution,
): PlannedItem | Refusal {
  if (!isObject(a)) return { ref, type: 'misp-attribute', reason: 'not an attribute (a JSON object)' };
  const type = str(a.type);
  if (!type) return { ref, type: 'misp-attribute', reason: 'type: required' };
  if (a.deleted === true || a.deleted === '1') return { ref, type, reason: 'deleted at the source' };
  const value = str(a.value);
  if (!value) return { ref, type, reason: 'value: required' };
  const tags = readTags([...tagNames(a.Tag), ...galaxyLabels(a.Galaxy)]);
  const sightings = list(a.Sighting).length;
  const comment = str(a.comment).trim();
  const text = [
    value,
    comment && `Comment: ${comment}`,
    sightings > 0 && `Sighted ${sightings} time${sightings === 1 ? '' : 's'} at the source`,
  ].filter(Boolean);
  const toIds = a.to_ids === true || a.to_ids === '1';
  return {
    ref,
    type,
    outcome: 'mapped',
    // An attribute's own TLP tag may narrow its event's marking, never widen it.
    marking: strictestOr([eventMarking, ...tags.markings], eventMarking),
    distribution: narrower(distributionOf(a.distribution), eventDistribution),
    body: {
      format: 'misp',
      objectType: `misp-attribute:${type}`,
      sourceId: str(a.uuid) || null,
      title: `${str(a.category) || 'Attribute'}: ${type}`,
      text: text.join('\n'),
      labels: unique(tags.labels),
      sectors: distinctSectors(tags.sectors),
      pattern: toIds ? { type: `misp:${type}`, value } : null,
      validFrom: utcInstant(a.first_seen) ?? utcInstant(a.timestamp) ?? null,
      kept: false,
    },
  };
}

function planObject(
  o: unknown,
  ref: string,
  eventMarking: TlpMarking,
  eventDistribution: SourceDistribution,
): PlannedItem | Refusal {
  if (!isObject(o)) return { ref, type: 'misp-object', reason: 'not an object (a JSON object)' };
  const name = str(o.name);
  if (!name) return { ref, type: 'misp-object', reason: 'name: required' };
  if (o.deleted === true || o.deleted === '1') return { ref, type: name, reason: 'deleted at the source' };
  const attributes = list(o.Attribute).filter(isObject);
  const markings: TlpMarking[] = [eventMarking];
  let distribution = narrower(distributionOf(o.distribution), eventDistribution);
  const labels: string[] = [];
  const lines: string[] = [];
  for (const a of attributes) {
    const tags = readTags(tagNames(a.Tag));
    markings.push(...tags.markings);
    // One entry for the whole object: its narrowest attribute decides how far it goes.
    distribution = narrower(distributionOf(a.distribution), distribution);
    labels.push(...tags.labels);
    lines.push(`${str(a.object_relation) || str(a.type)} (${str(a.type)}): ${str(a.value)}`);
  }
  for (const r of list(o.ObjectReference).filter(isObject)) {
    lines.push(`${str(r.relationship_type) || 'related-to'} → ${str(r.referenced_uuid)}`);
  }
  if (lines.length === 0) return { ref, type: name, reason: 'has no attributes' };
  const comment = str(o.comment).trim();
  const toIds = attributes.some((a) => a.to_ids === true || a.to_ids === '1');
  return {
    ref,
    type: name,
    outcome: 'mapped',
    marking: strictestOr(markings, eventMarking),
    distribution,
    body: {
      format: 'misp',
      objectType: `misp-object:${name}`,
      sourceId: str(o.uuid) || null,
      title: `${name}${str(o['meta-category']) ? ` (${str(o['meta-category'])})` : ''}`,
      text: [...(comment ? [comment] : []), ...lines].join('\n'),
      labels: unique(labels),
      sectors: [],
      pattern: toIds
        ? {
            type: `misp-object:${name}`,
            value: attributes
              .filter((a) => a.to_ids === true || a.to_ids === '1')
              .map((a) => `${str(a.type)}=${str(a.value)}`)
              .join(' AND '),
          }
        : null,
      validFrom: utcInstant(o.first_seen) ?? utcInstant(o.timestamp) ?? null,
      kept: false,
    },
  };
}

import { type CollectionObject, MAX_PAGE, type ObjectQuery, type Page, TaxiiError } from './model.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const raw = Array.isArray(value) ? value.join(',') : String(value);
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** `next` is opaque to clients: the position after which the following page starts. */
export function nextToken(o: { dateAdded: string; object: { id: string } }): string {
  return Buffer.from(JSON.stringify([o.dateAdded, o.object.id]), 'utf8').toString('base64url');
}

function readNext(token: string): { dateAdded: string; id: string } {
  try {
    const [dateAdded, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    if (typeof dateAdded === 'string' && TIMESTAMP.test(dateAdded) && typeof id === 'string')
      return { dateAdded, id };
  } catch {
    // falls through to the refusal below
  }
  throw new TaxiiError(400, 'Invalid next', 'next must be a value this server returned in an envelope');
}

/** TAXII's URL parameters for objects and manifests, checked: a bad one is a 400 in TAXII's error format. */
export function objectQueryOf(q: Record<string, unknown>): ObjectQuery {
  const query: ObjectQuery = { limit: MAX_PAGE, versions: ['last'] };
  if (q.added_after !== undefined) {
    const at = String(q.added_after);
    if (!TIMESTAMP.test(at) || Number.isNaN(Date.parse(at)))
      throw new TaxiiError(
        400,
        'Invalid added_after',
        'added_after must be a UTC timestamp such as 2026-11-28T06:00:00.000Z',
      );
    query.addedAfter = new Date(at).toISOString();
  }
  if (q.limit !== undefined) {
    const limit = Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new TaxiiError(400, 'Invalid limit', 'limit must be a whole number of at least 1');
    query.limit = Math.min(limit, MAX_PAGE);
  }
  if (q.next !== undefined) query.after = readNext(String(q.next));
  const ids = list(q['match[id]']);
  if (ids) query.ids = ids;
  const types = list(q['match[type]']);
  if (types) query.types = types;
  const versions = list(q['match[version]']);
  if (versions) {
    for (const v of versions)
      if (!['last', 'first', 'all'].includes(v) && !TIMESTAMP.test(v))
        throw new TaxiiError(
          400,
          'Invalid match[version]',
          'match[version] takes last, first, all or timestamps',
        );
    query.versions = versions;
  }
  const specVersions = list(q['match[spec_version]']);
  if (specVersions) query.specVersions = specVersions;
  return query;
}

const byAdded = (a: CollectionObject, b: CollectionObject) =>
  a.dateAdded < b.dateAdded ? -1 : a.dateAdded > b.dateAdded ? 1 : a.object.id < b.object.id ? -1 : 1;

function matches(o: CollectionObject, q: ObjectQuery): boolean {
  if (q.addedAfter && !(o.dateAdded > q.addedAfter)) return false;
  if (q.ids && !q.ids.includes(o.object.id)) return false;
  if (q.types && !q.types.includes(o.object.type)) return false;
  if (q.specVersions && !q.specVersions.includes(o.object.spec_version)) return false;
  // One version of each object is kept, so it is the first, the last and all of them.
  const named = q.versions.filter((v) => TIMESTAMP.test(v));
  if (named.length === q.versions.length && !named.some((v) => Date.parse(v) === Date.parse(o.version)))
    return false;
  return true;
}

/**
 * One page of a collection, oldest addition first: the objects the query matches after the previous page's end,
 * at most `limit`, with `next` when more follow, and the first and last `date_added` of the page.
 */
export function pageOf(objects: readonly CollectionObject[], q: ObjectQuery): Page<CollectionObject> {
  const after = q.after;
  const matching = objects
    .filter((o) => matches(o, q))
    .filter(
      (o) =>
        !after ||
        o.dateAdded > after.dateAdded ||
        (o.dateAdded === after.dateAdded && o.object.id > after.id),
    )
    .sort(byAdded);
  const items = matching.slice(0, q.limit);
  const more = matching.length > items.length;
  const last = items[items.length - 1];
  return {
    items,
    more,
    ...(more && last ? { next: nextToken(last) } : {}),
    ...(items.length > 0 ? { dateAddedFirst: items[0]!.dateAdded, dateAddedLast: last!.dateAdded } : {}),
  };
}

/**
 * Whether a request's Accept header takes TAXII 2.1: none given, any type, or TAXII's media type without a version
 * or with version 2.1.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/taxii+json') return false;
    const version = params
      .find((p) => p.startsWith('version='))
      ?.slice('version='.length)
      .replace(/"/g, '');
    return version === undefined || version === '2.1';
  });
}

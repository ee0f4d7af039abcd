import { describe, expect, it } from 'vitest';
import type { CollectionObject } from './model.js';
import { acceptsTaxii, objectQueryOf, pageOf } from './rules.js';

const object = (id: string, dateAdded: string, type = 'note'): CollectionObject => ({
  object: {
    type,
    spec_version: '2.1',
    id: `${type}--${id}`,
    created: dateAdded,
    modified: dateAdded,
    object_marking_refs: [],
  },
  dateAdded,
  version: dateAdded,
});

const T1 = '2026-11-28T06:00:00.000Z';
const T2 = '2026-11-28T07:00:00.000Z';
const objects = [object('c', T2), object('a', T1), object('b', T1), object('d', T2, 'incident')];

describe('TAXII paging and filters', () => {
  it('pages in the order objects were added, ties by id, and resumes exactly after next', () => {
    const first = pageOf(objects, objectQueryOf({ limit: '2' }));
    expect(first.items.map((o) => o.object.id)).toEqual(['note--a', 'note--b']);
    expect(first).toMatchObject({ more: true, dateAddedFirst: T1, dateAddedLast: T1 });
    const second = pageOf(objects, objectQueryOf({ limit: '2', next: first.next }));
    expect(second.items.map((o) => o.object.id)).toEqual(['incident--d', 'note--c']);
    expect(second.more).toBe(false);
    expect(second.next).toBeUndefined();
  });

  it('filters by added_after (strictly later), type, id and version', () => {
    expect(pageOf(objects, objectQueryOf({ added_after: T1 })).items).toHaveLength(2);
    expect(pageOf(objects, objectQueryOf({ 'match[type]': 'incident' })).items).toHaveLength(1);
    expect(pageOf(objects, objectQueryOf({ 'match[id]': 'note--a,note--c' })).items).toHaveLength(2);
    expect(pageOf(objects, objectQueryOf({ 'match[version]': T2 })).items).toHaveLength(2);
    expect(pageOf(objects, objectQueryOf({ 'match[version]': 'first' })).items).toHaveLength(4);
    expect(pageOf(objects, objectQueryOf({ 'match[spec_version]': '2.0' })).items).toHaveLength(0);
    const none = pageOf(objects, objectQueryOf({ added_after: T2 }));
    expect(none).toEqual({ items: [], more: false });
  });

  it('refuses bad parameters', () => {
    for (const q of [
      { limit: '0' },
      { limit: 'ten' },
      { added_after: '28 Nov' },
      { next: 'x' },
      { 'match[version]': 'newest' },
    ])
      expect(() => objectQueryOf(q), JSON.stringify(q)).toThrow();
  });

  it('takes TAXII 2.1 or any type, and nothing else', () => {
    expect(acceptsTaxii(undefined)).toBe(true);
    expect(acceptsTaxii('application/taxii+json;version=2.1')).toBe(true);
    expect(acceptsTaxii('application/taxii+json')).toBe(true);
    expect(acceptsTaxii('text/html, */*;q=0.1')).toBe(true);
    expect(acceptsTaxii('application/taxii+json;version=2.0')).toBe(false);
    expect(acceptsTaxii('application/json')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { utcInstant } from './import-dates.js';
import { type ImportLimits, ImportRefused, parseUntrusted } from './import-limits.js';
import { tlpOfMarkingId, tlpOfName } from './import-markings.js';
import { planMispImport } from './import-misp.js';
import { sectorOfTag } from './import-sectors.js';
import { planStixImport } from './import-stix.js';
import { printable } from './printable.js';

const small: ImportLimits = { maxBytes: 200, maxDepth: 3, maxValues: 10, maxObjects: 2 };
const parse = (text: string, limits = small) => parseUntrusted(Buffer.from(text), limits);

describe('reading an untrusted file', () => {
  it('counts nesting and values outside strings only', () => {
    expect(parse('[[["]]]]]]", "{{{{"]]]')).toEqual([[[']]]]]]', '{{{{']]]);
    expect(() => parse('[[[[1]]]]')).toThrow(/nested deeper than the limit of 3/);
    expect(parse('[1, 2, 3, true, null, "x\\"y"]')).toHaveLength(6);
    expect(() => parse('[1,2,3,4,5,6,7,8,9,10]')).toThrow(/more than the limit of 10 values/);
    expect(() => parse(' '.repeat(201))).toThrow(/201 bytes is over the limit of 200/);
  });

  it('refuses XML, naming a DTD or entity, and text that is not JSON', () => {
    expect(() => parse('\uFEFF  <!DOCTYPE x>')).toThrow(/DTD/);
    expect(() => parse('<a>&amp;</a>')).toThrow(/XML is not accepted/);
    expect(() => parse('{"a": 1,}')).toThrow(ImportRefused);
  });
});

describe('what a source says', () => {
  it.each([
    ['2017-12-21', '2017-12-21T00:00:00.000Z'],
    ['2017-02-30', undefined],
    ['1472541011', '2016-08-30T07:10:11.000Z'],
    ['2014-06-29T13:49:37.079Z', '2014-06-29T13:49:37.079Z'],
    ['2014-06-29T15:49:37+02:00', '2014-06-29T13:49:37.000Z'],
    ['2014-06-29T13:49:37', undefined],
    ['yesterday', undefined],
  ])('the time %s is %s', (value, expected) => {
    expect(utcInstant(value)).toBe(expected);
  });

  it.each([
    ['nis:impact-sectors-impacted="energy"', { sector: 'energy' }],
    [
      'nis:impact-sectors-impacted="communications"',
      { sector: 'digital-infrastructure', subsector: 'electronic-communications' },
    ],
    ['nis2:impact-sectors-impacted="public-administration"', { sector: 'public-administration' }],
    [
      'nis2:impact-subsectors-impacted="district-heating-and-cooling"',
      { sector: 'energy', subsector: 'district-heating-cooling' },
    ],
    ['nis2:impact-sectors-impacted="courier"', undefined],
    ['nis:impact-severity="red"', undefined],
    ['tlp:amber', undefined],
  ])('the tag %s names the sector %j', (tag, expected) => {
    expect(sectorOfTag(tag)).toEqual(expected);
  });

  it('reads TLP names and the well-known marking definitions', () => {
    expect(tlpOfName('tlp:white')).toBe('TLP:CLEAR');
    expect(tlpOfName('TLP:AMBER+STRICT')).toBe('TLP:AMBER+STRICT');
    expect(tlpOfName('tlp:ex:chr')).toBeUndefined();
    expect(tlpOfMarkingId('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1')).toBe('TLP:RED');
    expect(tlpOfMarkingId('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82')).toBe('TLP:AMBER');
  });
});

describe('mapping a MISP event', () => {
  const event = (extra: Record<string, unknown> = {}) => ({
    Event: {
      info: 'Wiper at a gas TSO',
      date: '2026-11-30',
      distribution: '3',
      Tag: [{ name: 'tlp:green' }, { name: 'nis2:impact-subsectors-impacted="gas"' }],
      Attribute: [
        {
          type: 'ip-dst',
          category: 'Network activity',
          value: '198.51.100.7',
          to_ids: true,
          distribution: '0',
        },
        { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', Tag: [{ name: 'tlp:clear' }] },
        { type: 'comment', value: '', distribution: '5' },
      ],
      ...extra,
    },
  });

  it('keeps the event marking unless an attribute is stricter, and an attribute never travels further', () => {
    const plan = planMispImport(
      event({
        Attribute: [...event().Event.Attribute, { type: 'text', value: 'x', Tag: [{ name: 'tlp:red' }] }],
      }),
    );
    const [head, ip, md5, red] = plan.items;
    expect(head).toMatchObject({ type: 'misp-event', marking: 'TLP:GREEN', distribution: 'community' });
    expect(head!.body.sectors).toEqual([{ sector: 'energy', subsector: 'gas' }]);
    expect(ip).toMatchObject({ marking: 'TLP:GREEN', distribution: 'organisation' });
    expect(ip!.body.pattern).toEqual({ type: 'misp:ip-dst', value: '198.51.100.7' });
    expect(md5!.marking).toBe('TLP:GREEN');
    expect(red!.marking).toBe('TLP:RED');
    expect(plan.refused).toEqual([{ ref: 'Event.Attribute[2]', type: 'comment', reason: 'value: required' }]);
    expect(plan.incident).toMatchObject({ occurredAt: '2026-11-30T00:00:00.000Z', marking: 'TLP:GREEN' });
  });

  it('refuses what is not an event, or more objects than the limit', () => {
    expect(() => planMispImport({ Event: { date: '2026-11-30' } })).toThrow(/Event.info/);
    expect(() => planMispImport({ info: 'x', date: 'soon' })).toThrow(/date/);
    expect(() => planMispImport(event(), small)).toThrow(/4 objects is over the limit of 2/);
  });
});

describe('mapping a STIX bundle', () => {
  it('names the source of an object by the identity that created it', () => {
    const plan = planStixImport({
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [
        { type: 'identity', id: 'identity--5d0092c5-5f74-4287-9642-33f4c354e56e', name: 'CERT-EE' },
        {
          type: 'indicator',
          id: 'indicator--5d0092c5-5f74-4287-9642-33f4c354e56f',
          name: 'C2',
          pattern: "[ipv4-addr:value = '198.51.100.7']",
          pattern_type: 'stix',
          created_by_ref: 'identity--5d0092c5-5f74-4287-9642-33f4c354e56e',
        },
      ],
    });
    expect(plan.items[1]!.body.text).toContain('Source: CERT-EE');
    expect(plan.items[1]!.marking).toBe('TLP:AMBER');
  });

  it('refuses an empty bundle and an object whose id does not fit its type', () => {
    expect(() => planStixImport({ type: 'bundle', id: 'bundle--x', objects: [] })).toThrow(/empty/);
    const plan = planStixImport({
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [{ type: 'indicator', id: 'malware--5d0092c5-5f74-4287-9642-33f4c354e56d' }],
    });
    expect(plan.refused[0]?.reason).toMatch(/id: must be/);
  });
});

describe('a file marked as an exercise', () => {
  const misp = (tags: unknown, where: 'event' | 'attribute' | 'object' = 'event') => ({
    Event: {
      info: 'Wiper at a gas TSO',
      date: '2026-11-30',
      Tag: where === 'event' ? tags : [{ name: 'tlp:green' }],
      Attribute: [
        { type: 'ip-dst', value: '198.51.100.7' },
        { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', Tag: where === 'attribute' ? tags : [] },
      ],
      Object: [
        {
          name: 'file',
          Attribute: [
            { type: 'filename', value: 'a.exe' },
            { type: 'sha1', value: 'x', Tag: where === 'object' ? tags : [] },
          ],
        },
      ],
    },
  });
  const stix = (labels: string[]) => ({
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    objects: [
      { type: 'identity', id: 'identity--5d0092c5-5f74-4287-9642-33f4c354e56e', name: 'CERT-EE' },
      {
        type: 'report',
        id: 'report--5d0092c5-5f74-4287-9642-33f4c354e56f',
        name: 'Wiper at a gas TSO',
        published: '2026-11-30T10:00:00Z',
        labels: ['Threat-Report', ...labels],
      },
    ],
  });
  const refusal = (plan: () => unknown) => {
    try {
      plan();
    } catch (e) {
      if (e instanceof ImportRefused) return { field: e.field, refusal: e.refusal, message: e.message };
      throw e;
    }
    return undefined;
  };

  it.each([
    [
      'an event tag',
      misp([{ name: 'tlp:green' }, { name: 'exercise:cyber-europe' }]),
      'Event.Tag',
      'the event',
      'exercise:cyber-europe',
    ],
    [
      'a tag with a value, in any case',
      misp(['EXERCISE:locked-shields="2024"']),
      'Event.Tag',
      'the event',
      'EXERCISE:locked-shields="2024"',
    ],
    [
      'an event at the top',
      misp([{ name: 'exercise:generic="comcheck"' }]).Event,
      'Tag',
      'the event',
      'exercise:generic="comcheck"',
    ],
    [
      'an attribute tag',
      misp([{ name: 'exercise:cyber-sopex="2025"' }], 'attribute'),
      'Event.Attribute[1].Tag',
      'an attribute of the event',
      'exercise:cyber-sopex="2025"',
    ],
    [
      "an object's attribute tag",
      misp([{ name: 'exercise:pace' }], 'object'),
      'Event.Object[0].Attribute[1].Tag',
      'an attribute of the event',
      'exercise:pace',
    ],
  ])('refuses a MISP event whole for %s, naming where', (_, doc, field, what, mark) => {
    expect(refusal(() => planMispImport(doc))).toEqual({
      field,
      refusal: 'file',
      message: `${field}: ${what} is marked as an exercise (${JSON.stringify(mark)}); exercise data never become a real incident, so nothing was written`,
    });
  });

  it.each([
    ['a MISP exercise tag carried over as a label', ['exercise:cyber-europe="2026"'], 'objects[1].labels'],
    ["the platform's own label for an exercise incident", ['exercise'], 'objects[1].labels'],
  ])('refuses a STIX bundle whole for %s', (_, labels, field) => {
    expect(refusal(() => planStixImport(stix(labels)))).toMatchObject({
      field,
      refusal: 'file',
      message: expect.stringMatching(/^objects\[1\]\.labels: the report is marked as an exercise \(/),
    });
  });

  it.each([
    [
      'a TLP and sector tag',
      misp([{ name: 'tlp:green' }, { name: 'nis2:impact-sectors-impacted="energy"' }]),
    ],
    [
      'a tag that only mentions an exercise',
      misp([{ name: 'misp:tool="exercise-planner"' }, { name: 'exercises' }]),
    ],
  ])('imports a MISP event with %s', (_, doc) => {
    expect(refusal(() => planMispImport(doc))).toBeUndefined();
  });

  it('imports a STIX bundle whose labels only mention an exercise', () => {
    expect(refusal(() => planStixImport(stix(['after-exercise-review', 'exercises'])))).toBeUndefined();
  });
});

describe('printing what a file says', () => {
  it('escapes control characters, keeping the rest of the text as it is', () => {
    expect(printable('\u001b[2Jgone\r\nFAKE\u0085\u2028ok')).toBe(
      '\\u001b[2Jgone\\u000d\\u000aFAKE\\u0085\\u2028ok',
    );
    expect(printable('Sofacy — Fancy Bear 🐻, tab\tend')).toBe('Sofacy — Fancy Bear 🐻, tab\\u0009end');
  });
});

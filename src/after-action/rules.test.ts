import { describe, expect, it } from 'vitest';
import type { Metric } from '../coordination/metrics-rules.js';
import type { Entry } from '../entries/model.js';
import { isOverdue, prefillReport } from './rules.js';

const entry = (kind: string, at: string, organisation: string, body: Record<string, unknown> = {}) =>
  ({
    id: `${kind}-${at}`,
    kind,
    createdAt: at,
    author: { organisation },
    body,
    text: null,
  }) as unknown as Entry;

const log = [
  entry('report', '2026-11-18T06:00:00.000Z', 'FI', { title: 'Cable cut' }),
  entry('status-change', '2026-11-18T06:00:00.000Z', 'FI', { from: null, to: 'below-threshold' }),
  entry('own-assessment', '2026-11-18T06:12:00.000Z', 'DE', { memberState: 'DE', level: 'minor' }),
  entry('status-change', '2026-11-18T07:00:00.000Z', 'EE', {
    from: 'below-threshold',
    to: 'decision-required',
  }),
  entry('sitrep', '2026-11-18T07:50:00.000Z', 'ERCC', { text: 'SITREP 1 published' }),
  entry('public-message-published', '2026-11-18T08:05:00.000Z', 'EE', { text: 'Line published' }),
  entry('note', '2026-11-18T08:10:00.000Z', 'EE', { text: 'Coffee' }),
];

/** The figures the report is given (measured by src/coordination/, as the metrics page measures them). */
const metrics: Metric[] = [
  { organisation: 'DE', measure: 'own-assessment', seconds: 720 },
  { organisation: null, measure: 'status-changed', seconds: 3600 },
];

describe('the first draft', () => {
  const sections = prefillReport({
    title: 'Cable cut',
    entries: log,
    metrics,
    deactivatedAt: '2026-11-19T10:00:00.000Z',
    closingSummary: 'Repaired.',
    exercise: true,
  });
  const text = (key: string) => sections.find((s) => s.key === key)!.text;

  it.each([
    [
      'summary',
      /^EXERCISE — Cable cut\. First reported 2026-11-18 06:00 UTC\. Blueprint deactivated 2026-11-19 10:00 UTC\. Repaired\.$/,
    ],
    [
      'timeline',
      /06:00 UTC · FI · first report: Cable cut\n.*status below-threshold\n.*status below-threshold → decision-required/,
    ],
    ['assessment', /own assessment of DE: minor/],
    ['communication', /EE · Line published/],
    ['metrics', /own assessment \(DE\): 12 min after the first report\n.*first change of status: 1 h 00 min/],
    ['assistance', /^None recorded/],
    ['lessons', /^$/],
  ])('%s says %s', (key, pattern) => {
    expect(text(key)).toMatch(pattern);
  });

  it('leaves notes out of the timeline', () => {
    expect(text('timeline')).not.toMatch(/Coffee/);
  });
});

describe('the first draft in Dutch', () => {
  const sections = prefillReport({
    title: 'Kabelbreuk',
    entries: log,
    metrics,
    deactivatedAt: null,
    closingSummary: null,
    exercise: true,
    language: 'nl',
  });
  const text = (key: string) => sections.find((s) => s.key === key)!.text;

  it.each([
    ['summary', /^OEFENING — Kabelbreuk\. Eerst gemeld 2026-11-18 06:00 UTC\.$/],
    ['timeline', /FI · eerste melding: Cable cut/],
    ['assessment', /eigen beoordeling van DE: minor/],
    ['metrics', /eigen beoordeling \(DE\): 12 min na de eerste melding/],
    ['assistance', /^Niets vastgelegd/],
  ])('%s says %s', (key, pattern) => {
    expect(text(key)).toMatch(pattern);
  });

  it('titles its sections in Dutch', () => {
    expect(sections.map((s) => s.title)).toContain('Geleerde lessen');
  });
});

describe('the communication section, as the divergence view has the publications', () => {
  const published = entry('national-publication', '2026-11-18T08:20:00.000Z', 'FI', {
    organisation: 'FI',
    publishedAt: '2026-11-18T08:15:00.000Z',
    link: 'https://wrong.example.fi',
    text: 'Power back on Friday',
  });
  const line = entry('public-message-published', '2026-11-18T08:30:00.000Z', 'EE', {
    messageId: 'm1',
    version: 1,
    organisation: 'EE',
    publishedAt: '2026-11-18T08:30:00.000Z',
    link: 'https://wrong.example.ee',
  });
  const withdrawn = (of: Entry) =>
    entry('national-publication-withdrawn', '2026-11-18T09:00:00.000Z', of.author.organisation, {
      publicationId: of.id,
      reason: 'wrong link',
    });
  const corrected = (of: Entry, at: string, link: string | null, text: string | null) =>
    entry('national-publication-corrected', at, of.author.organisation, {
      publicationId: of.id,
      reason: 'typo',
      link,
      text,
    });
  const communication = (extra: Entry[]) =>
    prefillReport({
      title: 'Cable cut',
      entries: [...log, published, line, ...extra],
      metrics,
      deactivatedAt: null,
      closingSummary: null,
      exercise: false,
    }).find((s) => s.key === 'communication')!.text;

  it.each<[string, Entry[], string[], string[]]>([
    [
      'as recorded',
      [],
      [
        'FI · Power back on Friday — https://wrong.example.fi',
        'EE · Line published',
        'https://wrong.example.ee',
      ],
      [],
    ],
    [
      'the entered one withdrawn',
      [withdrawn(published)],
      ['https://wrong.example.ee'],
      ['Power back on Friday'],
    ],
    ["the line's withdrawn", [withdrawn(line)], ['https://wrong.example.fi'], ['https://wrong.example.ee']],
    [
      'the entered one corrected, the later correction winning',
      [
        corrected(published, '2026-11-18T09:00:00.000Z', 'https://a.example.fi', null),
        corrected(
          published,
          '2026-11-18T09:10:00.000Z',
          'https://right.example.fi',
          'Power back on Thursday',
        ),
      ],
      ['FI · Power back on Thursday — https://right.example.fi'],
      ['Friday', 'wrong.example.fi', 'a.example.fi'],
    ],
    [
      "the line's link corrected",
      [corrected(line, '2026-11-18T09:00:00.000Z', 'https://right.example.ee', null)],
      ['https://right.example.ee'],
      ['https://wrong.example.ee'],
    ],
    [
      'a withdrawal of another publication',
      [withdrawn({ ...published, id: 'elsewhere' } as Entry)],
      ['Power back on Friday', 'https://wrong.example.ee'],
      [],
    ],
  ])('%s', (_case, extra, present, absent) => {
    const text = communication(extra);
    for (const p of present) expect(text).toContain(p);
    for (const a of absent) expect(text).not.toContain(a);
  });
});

describe('overdue recommendations', () => {
  const now = new Date('2026-12-02T09:00:00Z');
  it.each([
    ['open', '2026-12-01', true],
    ['in-progress', '2026-12-01', true],
    ['open', '2026-12-02', false],
    ['done', '2026-11-01', false],
    ['dropped', '2026-11-01', false],
  ] as const)('%s due %s is overdue: %s', (status, due, overdue) => {
    expect(isOverdue(status, due, now)).toBe(overdue);
  });
});

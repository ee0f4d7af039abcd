import { describe, expect, it } from 'vitest';
import type { Entry } from '../entries/model.js';
import { prefillReport } from './rules.js';

const entry = (
  kind: string,
  at: string,
  organisation: string,
  body: Record<string, unknown>,
  offset?: number,
) =>
  ({
    id: `${kind}-${at}`,
    kind,
    createdAt: at,
    author: { organisation },
    body,
    text: null,
    ...(offset === undefined ? {} : { scenarioOffsetSeconds: offset }),
  }) as unknown as Entry;

/** A session at ×60: the wall moved a minute and a quarter while the scenario moved an hour and a quarter. */
const exercise = [
  entry('report', '2026-11-18T06:00:00.000Z', 'FI', { title: 'Cable cut' }, 0),
  entry('own-assessment', '2026-11-18T06:00:30.000Z', 'EE', { memberState: 'EE', level: 'minor' }, 1_800),
  entry(
    'status-change',
    '2026-11-18T06:01:15.000Z',
    'DE',
    { from: 'below-threshold', to: 'decision-required' },
    4_500,
  ),
];

const draft = (entries: Entry[], language: 'en' | 'nl') =>
  prefillReport({
    title: 'Cable cut',
    entries,
    metrics: [],
    deactivatedAt: null,
    closingSummary: null,
    exercise: true,
    language,
  });
const text = (sections: ReturnType<typeof draft>, key: string) => sections.find((s) => s.key === key)!.text;

describe("an exercise's timeline in the report's first draft", () => {
  it('reads each event in scenario time, with the wall time beside it', () => {
    const sections = draft(exercise, 'en');
    expect(text(sections, 'timeline').split('\n')).toEqual([
      "Each event in scenario time (T+hours:minutes from the scenario's first inject), then as the platform's clock stamped it.",
      'T+00:00 · 2026-11-18 06:00 UTC · FI · first report: Cable cut',
      'T+01:15 · 2026-11-18 06:01 UTC · DE · status below-threshold → decision-required',
    ]);
    expect(text(sections, 'assessment')).toContain(
      'T+00:30 · 2026-11-18 06:00 UTC · EE · own assessment of EE: minor',
    );
  });

  it('says so in Dutch', () => {
    const sections = draft(exercise, 'nl');
    expect(text(sections, 'timeline').split('\n')).toEqual([
      'Elke gebeurtenis in scenariotijd (T+uren:minuten vanaf de eerste inject van het scenario), daarna zoals de klok van het platform haar vastlegde.',
      'T+00:00 · 2026-11-18 06:00 UTC · FI · eerste melding: Cable cut',
      'T+01:15 · 2026-11-18 06:01 UTC · DE · status below-threshold → decision-required',
    ]);
  });

  it('keeps the wall time alone where the log has no scenario time (a real incident, a run without a clock)', () => {
    const real = exercise.map(({ scenarioOffsetSeconds: _, ...e }) => e as Entry);
    const timeline = text(draft(real, 'en'), 'timeline');
    expect(timeline).not.toContain('T+');
    expect(timeline.split('\n')[0]).toBe('2026-11-18 06:00 UTC · FI · first report: Cable cut');
  });
});

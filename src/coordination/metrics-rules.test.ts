import { describe, expect, it } from 'vitest';
import {
  againstTargets,
  coordinationSteps,
  type LoggedFact,
  measure,
  measureOnClock,
  stepsOfLog,
} from './metrics-rules.js';

const START = '2026-11-18T06:00:00.000Z';
const at = (minutes: number, seconds = 0) =>
  new Date(Date.parse(START) + minutes * 60_000 + seconds * 1000).toISOString();
const fact = (
  kind: string,
  authorOrg: string,
  minutes: number,
  body: Record<string, unknown> = {},
): LoggedFact => ({
  kind,
  authorOrg,
  createdAt: at(minutes),
  body,
});

describe('steps read from the log', () => {
  it.each([
    [
      'own assessments, per state',
      [fact('own-assessment', 'EE', 12), fact('own-assessment', 'DE', 3)],
      [
        { measure: 'own-assessment', organisation: 'DE', at: at(3) },
        { measure: 'own-assessment', organisation: 'EE', at: at(12) },
      ],
    ],
    [
      'the status the incident started with is no change',
      [fact('status-change', 'FI', 0, { from: null, to: 'decision-required' })],
      [],
    ],
    [
      'the first status different from the start',
      [
        fact('status-change', 'FI', 0, { from: null, to: 'below-threshold' }),
        fact('status-change', 'EE', 40, { from: 'below-threshold', to: 'decision-required' }),
        fact('status-change', 'EE', 50, { from: 'decision-required', to: 'applies' }),
      ],
      [{ measure: 'status-changed', organisation: null, at: at(40) }],
    ],
    [
      'activation',
      [fact('activation', 'PL', 90)],
      [{ measure: 'activated', organisation: null, at: at(90) }],
    ],
    ['notes count for nothing', [fact('note', 'FI', 1), fact('update', 'FI', 2)], []],
  ])('%s', (_label, facts, steps) => {
    expect(stepsOfLog(facts)).toEqual(steps);
  });
});

describe('measures', () => {
  it.each([
    [
      'whole seconds from the start',
      [{ measure: 'own-assessment' as const, organisation: 'EE', at: at(12, 0.9) }],
      [{ organisation: 'EE', measure: 'own-assessment', seconds: 720 }],
    ],
    [
      'only the first time per organisation',
      [
        { measure: 'acknowledged' as const, organisation: 'EE', at: at(5) },
        { measure: 'acknowledged' as const, organisation: 'EE', at: at(2) },
        { measure: 'acknowledged' as const, organisation: 'DE', at: at(4) },
      ],
      [
        { organisation: 'EE', measure: 'acknowledged', seconds: 120 },
        { organisation: 'DE', measure: 'acknowledged', seconds: 240 },
      ],
    ],
    [
      'incident-wide measures have no organisation',
      [{ measure: 'first-sitrep' as const, organisation: 'ERCC', at: at(110) }],
      [{ organisation: null, measure: 'first-sitrep', seconds: 6600 }],
    ],
    ['nothing before the start', [{ measure: 'activated' as const, organisation: null, at: at(-1) }], []],
  ])('%s', (_label, steps, metrics) => {
    expect(measure(START, steps)).toEqual(metrics);
  });

  it('compares with the targets: met, late, never', () => {
    const metrics = measure(START, [
      { measure: 'own-assessment', organisation: 'EE', at: at(70) },
      { measure: 'status-changed', organisation: null, at: at(95) },
    ]);
    expect(
      againstTargets(metrics, [
        { measure: 'own-assessment', organisation: 'EE', by: 75 },
        { measure: 'status-changed', by: 80 },
        { measure: 'activated', by: 120 },
      ]),
    ).toEqual([
      { measure: 'own-assessment', organisation: 'EE', targetSeconds: 4500, seconds: 4200, met: true },
      { measure: 'status-changed', organisation: null, targetSeconds: 4800, seconds: 5700, met: false },
      { measure: 'activated', organisation: null, targetSeconds: 7200, seconds: null, met: false },
    ]);
  });
});

describe('every step an incident shows its reader', () => {
  const entry = (kind: string, authorOrg: string, minutes: number, body: Record<string, unknown> = {}) => ({
    ...fact(kind, authorOrg, minutes, body),
    id: `${kind}-${minutes}`,
    marking: 'TLP:GREEN',
  });
  const steps = coordinationSteps({
    entries: [
      entry('status-change', 'FI', 0, { from: null, to: 'below-threshold' }),
      entry('own-assessment', 'EE', 12),
      entry('note', 'EE', 13),
    ],
    sitrepsPublished: [{ at: at(50) }, { at: at(40) }],
    acknowledgements: [{ organisation: 'DE', at: at(2) }],
  });

  it('reads the log, the published sitreps and the acknowledgements, and measures the first of each', () => {
    expect(measure(START, steps)).toEqual([
      { organisation: 'DE', measure: 'acknowledged', seconds: 120 },
      { organisation: 'EE', measure: 'own-assessment', seconds: 720 },
      { organisation: null, measure: 'first-sitrep', seconds: 2400 },
    ]);
  });

  it("reads each instant through the run's clock when it has one", () => {
    // At sixty times, a wall-clock minute after the start is an hour of scenario time.
    const sixtyTimes = (instant: string) =>
      new Date(Date.parse(START) + (Date.parse(instant) - Date.parse(START)) * 60).toISOString();
    expect(measureOnClock(START, steps, sixtyTimes)).toContainEqual({
      organisation: 'EE',
      measure: 'own-assessment',
      seconds: 12 * 3600,
    });
    expect(measureOnClock(START, steps)).toEqual(measure(START, steps));
  });
});

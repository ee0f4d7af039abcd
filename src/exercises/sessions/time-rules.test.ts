import { describe, expect, it } from 'vitest';
import { inScenarioTime, type SessionTimeline, scenarioMsAt, timelineOf } from './time-rules.js';

const START = '2026-11-18T06:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();
const MINUTE = 60_000;

/** At ×60: 30 s running, paused for 10 minutes at T+30, resumed. */
const TIMELINE: SessionTimeline = [
  { at: START, scenarioMs: 0, running: true },
  { at: at(30), scenarioMs: 30 * MINUTE, running: false },
  { at: at(630), scenarioMs: 30 * MINUTE, running: true },
];

describe('a web session’s clock read in scenario time', () => {
  it.each([
    [0, 0],
    [10, 10 * MINUTE],
    [30, 30 * MINUTE],
    [300, 30 * MINUTE], // paused
    [630, 30 * MINUTE],
    [650, 50 * MINUTE],
  ])('%i s after the start on the platform clock is %i ms of scenario time', (seconds, scenarioMs) => {
    expect(scenarioMsAt(TIMELINE, 60, Date.parse(at(seconds)))).toBe(scenarioMs);
  });

  it('puts instants before the start before the first inject, so the measure leaves them out', () => {
    expect(scenarioMsAt(TIMELINE, 60, Date.parse(at(-1)))).toBeLessThan(0);
  });

  it('converts instants to the scenario’s, counted from the run’s start', () => {
    const toScenario = inScenarioTime(TIMELINE, 60, START);
    expect(toScenario(at(650))).toBe(new Date(Date.parse(START) + 50 * MINUTE).toISOString());
  });

  it('reads a session stored before its turns were kept as running from its start', () => {
    expect(timelineOf('[]', START)).toEqual([{ at: START, scenarioMs: 0, running: true }]);
    expect(timelineOf(JSON.stringify(TIMELINE), START)).toEqual(TIMELINE);
  });
});

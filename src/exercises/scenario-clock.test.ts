import { describe, expect, it } from 'vitest';
import { cliRunClock, cliRunTimeline, sessionClock } from './run-clock.js';
import { scenarioOffsetSeconds } from './scenario-clock.js';

const WALL = Date.parse('2026-11-18T06:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe("an entry's scenario time", () => {
  it("reads a web session's instants through its timeline, paused time left out", () => {
    const session = {
      started_at: iso(WALL),
      speed: 60,
      timeline: JSON.stringify([
        { at: iso(WALL), scenarioMs: 0, running: true },
        { at: iso(WALL + 30 * SECOND), scenarioMs: 30 * MINUTE, running: false },
        { at: iso(WALL + 330 * SECOND), scenarioMs: 30 * MINUTE, running: true },
      ]),
    };
    const time = { start: session.started_at, clock: sessionClock(session, session.started_at) };
    expect(scenarioOffsetSeconds(time, iso(WALL), 'player')).toBe(0);
    expect(scenarioOffsetSeconds(time, iso(WALL + 30 * SECOND), 'player')).toBe(30 * 60);
    expect(scenarioOffsetSeconds(time, iso(WALL + 200 * SECOND), 'player')).toBe(30 * 60);
    expect(scenarioOffsetSeconds(time, iso(WALL + 375 * SECOND), 'player')).toBe(75 * 60);
  });

  it("leaves a CLI run's own writes as its clock stamped them and reads its players' through the recorded clock", () => {
    // The run's scenario started an hour before the wall start (at ×60 a 60-minute scenario starts that early).
    const start = WALL - 59 * MINUTE;
    const run = {
      started_at: iso(start),
      speed: 60,
      timeline: cliRunTimeline(WALL, 60),
      principals: JSON.stringify([{ id: 'principal-de', name: 'Exercise control Germany' }]),
    };
    const time = { start: run.started_at, clock: cliRunClock(run)! };
    expect(scenarioOffsetSeconds(time, iso(start + 45 * MINUTE), 'principal-de')).toBe(45 * 60);
    expect(scenarioOffsetSeconds(time, iso(WALL + 30 * SECOND), 'player')).toBe(30 * 60);
  });
});

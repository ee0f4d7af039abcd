import { describe, expect, it } from 'vitest';
import { scenarioReading } from './scenario-reading.js';

describe('scenario time as facilitators read it', () => {
  it.each([
    [0, 'T+00:00'],
    [59, 'T+00:00'],
    [60, 'T+00:01'],
    [75 * 60, 'T+01:15'],
    [75 * 60 + 59, 'T+01:15'],
    [26 * 3600 + 5 * 60, 'T+26:05'],
    [125 * 3600, 'T+125:00'],
    [-5 * 60, 'T-00:05'],
  ])('%i s from the start reads %s', (seconds, reading) => {
    expect(scenarioReading(seconds)).toBe(reading);
  });
});

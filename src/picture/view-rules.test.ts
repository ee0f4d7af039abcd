import { describe, expect, it } from 'vitest';
import { actorOf, logOf, reportBody, storedEntry, updateBody } from '../../test/support/incident-log.js';
import { pictureOf } from './view-rules.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const STALE_AFTER = 60;

describe('the picture, projected from the log', () => {
  const report = storedEntry(
    'report',
    reportBody({
      sectors: [{ sector: 'energy', subsector: 'electricity', status: 'degraded' }],
      impacts: [{ memberState: 'FI', level: 'significant', service: 'power', usersAffected: 1000 }],
    }),
  );
  // An update for FI and EE only: its details, sector and marking reach no one else.
  const amber = storedEntry(
    'update',
    updateBody({
      sectors: [{ sector: 'transport' }],
      impacts: [{ memberState: 'EE', level: 'minor', service: 'ferries', usersAffected: 50 }],
    }),
    { marking: 'TLP:AMBER', audience: ['FI', 'EE'] },
  );
  const entries = [report, amber];

  it('shows every reader the same levels, and details only from entries they may see', () => {
    const de = pictureOf(logOf(entries, [report]), actorOf('DE'), NOW, STALE_AFTER);
    const ee = pictureOf(logOf(entries, entries), actorOf('EE'), NOW, STALE_AFTER);
    expect(de.states.map((s) => [s.code, s.level])).toEqual([
      ['EE', 'minor'],
      ['FI', 'significant'],
    ]);
    expect(ee.states.map((s) => [s.code, s.level])).toEqual(de.states.map((s) => [s.code, s.level]));
    const deEstonia = de.states.find((s) => s.code === 'EE')!;
    expect(deEstonia.services).toEqual([]);
    expect(deEstonia.usersAffected).toBeNull();
    expect(ee.states.find((s) => s.code === 'EE')!.services).toEqual(['ferries']);
    expect(de.keyFigures.usersAffected).toBe(1000);
    expect(ee.keyFigures.usersAffected).toBe(1050);
  });

  it('carries the most restrictive marking of the details shown, GREEN at least', () => {
    expect(pictureOf(logOf(entries, [report]), actorOf('DE'), NOW, STALE_AFTER).marking).toBe('TLP:GREEN');
    expect(pictureOf(logOf(entries, entries), actorOf('EE'), NOW, STALE_AFTER).marking).toBe('TLP:AMBER');
  });

  it('names the sectors, and how they stand, from entries the reader may see', () => {
    const de = pictureOf(logOf(entries, [report]), actorOf('DE'), NOW, STALE_AFTER);
    expect(de.keyFigures.sectors).toEqual([
      { sector: 'energy', subsectors: ['electricity'], status: 'degraded' },
    ]);
    const ee = pictureOf(logOf(entries, entries), actorOf('EE'), NOW, STALE_AFTER);
    expect(ee.keyFigures.sectors.map((s) => s.sector)).toEqual(['energy', 'transport']);
  });

  it("dates each state's last update from what the reader saw it write, and marks it stale", () => {
    const latestContribution = new Map([['FI', '2026-11-28T11:30:00.000Z']]);
    const picture = pictureOf(
      logOf(entries, [report], { latestContribution }),
      actorOf('DE'),
      NOW,
      STALE_AFTER,
    );
    const finland = picture.states.find((s) => s.code === 'FI')!;
    expect(finland.lastUpdateAt).toBe('2026-11-28T11:30:00.000Z');
    expect(finland.staleness).toBe('fresh');
    const later = pictureOf(
      logOf(entries, [report], { latestContribution }),
      actorOf('DE'),
      new Date('2026-11-28T14:00:00Z'),
      STALE_AFTER,
    );
    expect(later.states.find((s) => s.code === 'FI')!.staleness).toBe('red');
    expect(picture.states.find((s) => s.code === 'EE')!.lastUpdateAt).toBeNull();
  });
});

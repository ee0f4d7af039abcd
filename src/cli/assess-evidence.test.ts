import { describe, expect, it } from 'vitest';
import { Assessment } from '../blueprint/model.js';
import { runAssess } from './assess.js';

const report = (fields: Record<string, unknown>) =>
  JSON.stringify({ title: 'Gas interconnector damaged', occurredAt: '2026-07-01T08:30:00+02:00', ...fields });

const gasco = {
  name: 'Gasco',
  sector: 'energy',
  establishedIn: 'FI',
  memberStatesServed: ['EE', 'LT', 'LV', 'PL', 'SE', 'DK'],
  significantlyDisrupted: true,
};

function assessed(input: string): Assessment {
  const outcome = runAssess(input);
  if (outcome.exitCode !== 0) throw new Error(outcome.stderr);
  return Assessment.parse(JSON.parse(outcome.stdout));
}

describe('blueprint assess: a report’s facts are asserted by its reportedBy (CONTRACT)', () => {
  it.each([
    ['FI', true, []],
    ['EE', true, []],
    ['ERCC', true, []],
    ['DE', false, ['Gasco']],
  ] as const)(
    'a CEPES disruption reported by %s: T2 met %s, unconfirmed %j',
    (reportedBy, met, unconfirmed) => {
      const assessment = assessed(report({ reportedBy, entities: [gasco] }));
      expect(assessment.triggers[1]).toMatchObject({ id: 'T2', met });
      expect(assessment.unconfirmedCepes).toEqual(unconfirmed);
    },
  );

  it('always prints unconfirmedCepes', () => {
    const outcome = runAssess(report({ reportedBy: 'FI' }));
    expect(outcome.exitCode === 0 && JSON.parse(outcome.stdout)).toMatchObject({ unconfirmedCepes: [] });
  });

  it('counts territories for their member state and Kosovo as a country outside the EU', () => {
    const assessment = assessed(
      report({
        reportedBy: 'ERCC',
        impacts: [
          { memberState: 'RE', level: 'significant', assessedBy: 'FR' },
          { memberState: 'AX', level: 'significant', assessedBy: 'FI' },
          { memberState: 'XK', level: 'significant', assessedBy: 'XK' },
        ],
      }),
    );
    expect(assessment).toMatchObject({ significantlyAffected: ['FI', 'FR'], thirdCountriesAffected: ['XK'] });
  });

  it('exits 2 when a country outside the EU assesses another', () => {
    const outcome = runAssess(
      report({
        reportedBy: 'ERCC',
        impacts: [
          { memberState: 'FI', level: 'minor' },
          { memberState: 'SE', level: 'significant', assessedBy: 'NO' },
        ],
      }),
    );
    expect(outcome).toEqual({
      exitCode: 2,
      stderr: 'impacts[1].assessedBy: a country outside the EU assesses only itself\n',
    });
  });

  it('accepts the public-security domain as out of scope', () => {
    expect(assessed(report({ reportedBy: 'FI', domain: 'public-security' })).status).toBe('out-of-scope');
  });
});

import { describe, expect, it } from 'vitest';
import { Assessment } from '../blueprint/model.js';
import { runAssess } from './assess.js';

const report = {
  title: 'Iberian power outage',
  reportedBy: 'ES',
  occurredAt: '2026-04-28T12:33:00+02:00',
  impacts: [
    { memberState: 'ES', level: 'significant' },
    { memberState: 'PT', level: 'significant', assessedBy: 'PT' },
    { memberState: 'FR', level: 'significant' },
    { memberState: 'NO', level: 'significant' },
  ],
};

describe('runAssess', () => {
  it('prints the assessment as pretty JSON with a final newline', () => {
    const outcome = runAssess(JSON.stringify(report));
    if (outcome.exitCode !== 0) throw new Error(outcome.stderr);
    expect(outcome.stdout.endsWith('}\n')).toBe(true);
    expect(outcome.stdout).toContain('\n  "status": "decision-required"');
    const assessment = Assessment.parse(JSON.parse(outcome.stdout));
    expect(assessment).toMatchObject({
      status: 'decision-required',
      significantlyAffected: ['ES', 'PT'],
      unconfirmed: ['FR'],
      thirdCountriesAffected: ['NO'],
      cepesAffected: [],
    });
    expect(assessment.triggers.map((t) => [t.id, t.met])).toEqual([
      ['T1', false],
      ['T2', false],
      ['T3', false],
    ]);
  });

  it('accepts a GNSS interference cause and the international-security flag', () => {
    const jamming = { ...report, cause: 'gnss-interference', internationalSecurity: true };
    expect(runAssess(JSON.stringify(jamming)).exitCode).toBe(0);
    const unknown = runAssess(JSON.stringify({ ...report, cause: 'gnss-jamming' }));
    if (unknown.exitCode !== 2) throw new Error('an unknown cause must be refused');
    expect(unknown.stderr).toContain('cause');
  });

  it('ignores the sharing fields', () => {
    const shared = {
      ...report,
      marking: 'TLP:AMBER',
      audience: ['ES', 'PT', 'ERCC'],
      recipients: ['duty@example.eu'],
      releasableToNato: true,
      withheld: [{ field: 'impacts[0].service', reason: 'national-security' }],
    };
    expect(runAssess(JSON.stringify(shared))).toEqual(runAssess(JSON.stringify(report)));
  });

  it.each([
    ['', /^input: invalid JSON \(/],
    ['{"title":', /^input: invalid JSON \(/],
    ['[1, 2]', /^input: must be an object, not an array$/],
    ['null', /^input: must be an object, not null$/],
    [JSON.stringify({ ...report, title: undefined }), /^title: required$/],
    [
      JSON.stringify({
        ...report,
        impacts: [...report.impacts.slice(0, 2), { memberState: 'XX', level: 'minor' }],
      }),
      /^impacts\[2\]\.memberState: unknown country "XX"$/,
    ],
    [
      JSON.stringify({ ...report, impacts: [{ memberState: 'ES', level: 'minor', colour: 'red' }] }),
      /^impacts\[0\]\.colour: unknown property$/,
    ],
    [JSON.stringify({ ...report, 'bad\nkey': 1 }), /^bad key: unknown property$/],
  ])('refuses %j with exit 2 and one line naming the field', (input, message) => {
    const outcome = runAssess(input);
    expect(outcome.exitCode).toBe(2);
    if (outcome.exitCode !== 2) return;
    expect(outcome.stderr).toMatch(/^[^\n]*\n$/);
    expect(outcome.stderr.trimEnd()).toMatch(message);
  });
});

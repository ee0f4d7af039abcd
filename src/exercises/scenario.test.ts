import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './scenario-file.js';

const SCENARIOS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scenarios');
const BUILT_IN = ['baltic-cables', 'iberian-blackout', 'gas-tso-cyber', 'gnss-jamming'];

/** The smallest valid scenario, to break one field at a time. */
const MINIMAL = `
id: small
title: A small exercise
presidency: PL
participants: [FI, EE]
principals:
  - { id: fi-control, organisation: FI, name: Exercise control Finland }
injects:
  - { at: 0, as: fi-control, kind: report, report: { title: Cable down } }
  - { at: 5, as: EXERCISE-CONTROL, kind: media-report, outlet: Radio, text: A ship was seen }
expected:
  - { measure: own-assessment, organisation: EE, by: 10 }
`;

function problems(text: string): Array<{ path: string; message: string }> {
  try {
    parseScenario(text, 'test.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  throw new Error('the scenario was accepted');
}

describe('scenario files', () => {
  it.each(BUILT_IN)('reads the built-in scenario %s', (id) => {
    const scenario = parseScenario(fs.readFileSync(path.join(SCENARIOS, `${id}.yaml`), 'utf8'), `${id}.yaml`);
    expect(scenario.id).toBe(id);
    expect(scenario.injects[0]!.kind).toBe('report');
    // Every scenario can run unattended: each scripted action names a principal of an organisation that takes part.
    expect(scenario.expected.some((a) => a.script)).toBe(true);
  });

  it('reads a minimal scenario with its defaults', () => {
    const scenario = parseScenario(MINIMAL);
    expect(scenario.injects[1]).toMatchObject({ kind: 'media-report', as: 'EXERCISE-CONTROL' });
    expect(scenario.description).toBe('');
  });

  it.each([
    [
      'an unknown principal',
      MINIMAL.replace('as: fi-control, kind: report', 'as: nobody, kind: report'),
      'injects[0].as',
      /no principal nobody/,
    ],
    [
      'a first inject that is not the report',
      MINIMAL.replace('kind: report, report: { title: Cable down }', 'kind: note, text: hello'),
      'injects[0].kind',
      /the report/,
    ],
    [
      'an inject before the first',
      MINIMAL.replace('at: 5,', 'at: -1,'),
      'injects[1].at',
      /before the first inject/,
    ],
    [
      'a principal of an organisation not taking part',
      MINIMAL.replace('organisation: FI,', 'organisation: DE,'),
      'principals[0].organisation',
      /not among the participants/,
    ],
    [
      'a per-organisation measure without its organisation',
      MINIMAL.replace('organisation: EE, by: 10', 'by: 10'),
      'expected[0].organisation',
      /required/,
    ],
    [
      'an incident-wide measure with an organisation',
      MINIMAL.replace('own-assessment, organisation: EE', 'activated, organisation: EE'),
      'expected[0].organisation',
      /incident-wide/,
    ],
    [
      'a Presidency that is not a member state',
      MINIMAL.replace('presidency: PL', 'presidency: NO'),
      'presidency',
      /member state/,
    ],
    [
      'an unknown inject kind',
      MINIMAL.replace('kind: media-report', 'kind: telegram'),
      'injects[1].kind',
      /./,
    ],
    [
      'an unknown field',
      MINIMAL.replace('title: A small exercise', 'title: A small exercise\nweather: fine'),
      '',
      /weather/,
    ],
  ])('refuses %s, naming where', (_label, text, where, message) => {
    const found = problems(text);
    const problem = found.find((p) => p.path === where) ?? found[0];
    expect(problem?.path).toBe(where);
    expect(problem?.message).toMatch(message);
  });

  it('refuses a file that is not YAML, and a scripted sitrep without a second person to approve it', () => {
    expect(problems('id: [unclosed')[0]!.path).toBe('');
    const unapproved = `${MINIMAL}  - { measure: first-sitrep, by: 60, script: { at: 50, as: fi-control } }\n`;
    expect(problems(unapproved)).toContainEqual({
      path: 'expected[1].script.approvedBy',
      message: 'required: a sitrep is approved by someone other than who compiled it',
    });
  });

  it('refuses a file built to expand without bound', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 60 }, (_, i) => `k${i}: *a`).join('\n')}\n`;
    expect(problems(bomb)[0]!.message).toMatch(/alias/i);
  });
});

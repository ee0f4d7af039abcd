import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/model.js';
import { MECHANISMS, mechanismById } from '../registry/mechanisms.js';
import { type MechanismRecording, mechanismAbilities, recordMechanism } from './mechanisms.js';
import { isAllowed } from './policy.js';

const PRESIDENCY = 'IE';
const who = (organisation: string, role: Role = 'coordinator') => ({ userId: 'u', organisation, role });
const recording = (
  id: string,
  state: MechanismRecording['state'],
  mode: string | null = null,
): MechanismRecording => ({
  mechanism: mechanismById(id)!,
  state,
  mode,
  presidency: PRESIDENCY,
});

describe('who records which mechanism', () => {
  const cases: ReadonlyArray<
    [
      org: string,
      mechanism: string,
      state: MechanismRecording['state'],
      mode: string | null,
      allowed: boolean,
    ]
  > = [
    // IPCR is the Presidency's.
    [PRESIDENCY, 'ipcr', 'activated', 'full-activation', true],
    [PRESIDENCY, 'ipcr', 'activated', 'information-sharing', true],
    [PRESIDENCY, 'ipcr', 'deactivated', null, true],
    ['FI', 'ipcr', 'activated', 'information-sharing', false],
    ['FI', 'ipcr', 'activated', 'full-activation', false],
    // The GSC, the Commission (ERCC) and the EEAS start information sharing in consultation with the Presidency.
    ['GSC', 'ipcr', 'activated', 'information-sharing', true],
    ['ERCC', 'ipcr', 'activated', 'information-sharing', true],
    ['EEAS', 'ipcr', 'activated', 'information-sharing', true],
    ['GSC', 'ipcr', 'activated', 'full-activation', false],
    ['EEAS', 'ipcr', 'deactivated', null, false],
    ['EUROPOL', 'ipcr', 'activated', 'information-sharing', false],
    // Who runs it records it; ERCC for the Commission's services without an account.
    ['ERCC', 'argus', 'activated', null, true],
    ['FI', 'argus', 'activated', null, false],
    ['ERCC', 'electricity-coordination-group', 'activated', null, true],
    ['ERCC', 'gas-coordination-group', 'deactivated', null, true],
    ['GSC', 'gas-coordination-group', 'activated', null, false],
    ['ERCC', 'ucpm', 'activated', null, true],
    ['EE', 'ucpm', 'activated', null, false],
    ['EEAS', 'eu-nato-dialogue', 'activated', null, true],
    ['ERCC', 'eu-nato-dialogue', 'activated', null, true],
    ['NATO', 'eu-nato-dialogue', 'activated', null, false],
    ['EEAS', 'hybrid-toolbox', 'activated', null, true],
    [PRESIDENCY, 'cyber-diplomacy-toolbox', 'activated', null, true],
    ['FI', 'cyber-diplomacy-toolbox', 'activated', null, false],
    ['ENISA', 'csirts-network', 'activated', null, true],
    ['ENISA', 'eu-cybersecurity-reserve', 'activated', null, true],
    ['EUROPOL', 'le-emergency-protocol', 'activated', null, true],
    ['EUSPA', 'euspa-gsmc', 'activated', null, true],
    ['FI', 'solidarity-clause', 'activated', null, true],
    ['ERCC', 'solidarity-clause', 'activated', null, false],
  ];
  it.each(cases)('%s records %s %s (%s): %s', (org, mechanism, state, mode, allowed) => {
    expect(isAllowed(recordMechanism, who(org), recording(mechanism, state, mode))).toBe(allowed);
  });

  it('a viewer records nothing, not even for the Presidency', () => {
    expect(
      isAllowed(
        recordMechanism,
        who(PRESIDENCY, 'viewer'),
        recording('ipcr', 'activated', 'full-activation'),
      ),
    ).toBe(false);
    expect(isAllowed(recordMechanism, who('ERCC', 'viewer'), recording('argus', 'activated'))).toBe(false);
  });

  it('abilities answer by the same rules, mode by mode', () => {
    const gsc = mechanismAbilities(who('GSC'), MECHANISMS, PRESIDENCY).find((a) => a.mechanism === 'ipcr');
    expect(gsc).toEqual({
      mechanism: 'ipcr',
      activate: true,
      modes: ['information-sharing'],
      standDown: false,
    });
    const noPresidency = mechanismAbilities(who(PRESIDENCY), MECHANISMS, null);
    expect(noPresidency.map((a) => a.mechanism)).toEqual(['solidarity-clause']);
    expect(mechanismAbilities(who('FI', 'viewer'), MECHANISMS, PRESIDENCY)).toEqual([]);
  });
});

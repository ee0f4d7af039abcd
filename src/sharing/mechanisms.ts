import { isMemberState } from '../registry/countries.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** What deciding who may record a mechanism needs to know: which one, what is recorded, and who holds the Presidency. */
export interface MechanismRecording {
  mechanism: { id: string; recordedBy: readonly string[] };
  /** Requesting an engagement follows the same rules as recording it active. */
  state: 'requested' | 'activated' | 'deactivated';
  mode: string | null;
  /** The member state holding the Council Presidency at this instant. */
  presidency: string | null;
}

/** Bodies that may start IPCR's information-sharing mode, in consultation with the Presidency (the IPCR arrangements). */
export const IPCR_CONSULTING_BODIES: readonly string[] = ['GSC', 'ERCC', 'EEAS'];

const isPresidency = (p: Principal, r: MechanismRecording) =>
  writesContent(p) && r.presidency !== null && p.organisation === r.presidency;

/** IPCR is the Presidency's: monitoring is its default watch, not a mode anyone records. */
export const recordIpcr = [
  rule(
    "Presidency coordinators set IPCR's mode, activate it fully or stand it down",
    (p: Principal, r: MechanismRecording) => r.mechanism.id === 'ipcr' && isPresidency(p, r),
  ),
  rule(
    'GSC, ERCC or EEAS coordinators record IPCR information-sharing mode in consultation with the Presidency',
    (p: Principal, r: MechanismRecording) =>
      r.mechanism.id === 'ipcr' &&
      writesContent(p) &&
      IPCR_CONSULTING_BODIES.includes(p.organisation) &&
      r.state !== 'deactivated' &&
      r.mode === 'information-sharing',
  ),
];

/** Any other mechanism: who records it follows who runs it, with ERCC for the Commission's services without an account. */
export const recordOtherMechanism = [
  rule(
    'coordinators of an organisation that runs the mechanism, or records it for the Commission, record it',
    (p: Principal, r: MechanismRecording) =>
      r.mechanism.id !== 'ipcr' && writesContent(p) && r.mechanism.recordedBy.includes(p.organisation),
  ),
  rule(
    'Presidency coordinators record a mechanism the Presidency takes part in running',
    (p: Principal, r: MechanismRecording) =>
      r.mechanism.id !== 'ipcr' && r.mechanism.recordedBy.includes('PRESIDENCY') && isPresidency(p, r),
  ),
  rule(
    'coordinators of a member state invoke the solidarity clause for their state',
    (p: Principal, r: MechanismRecording) =>
      r.mechanism.id !== 'ipcr' &&
      r.mechanism.recordedBy.includes('MEMBER-STATE') &&
      writesContent(p) &&
      isMemberState(p.organisation),
  ),
];

export const recordMechanism = [...recordIpcr, ...recordOtherMechanism];

/** A recording of information-sharing mode by someone other than the Presidency is made in consultation with it. */
export function inConsultationWithPresidency(p: Principal, r: MechanismRecording): boolean {
  return r.mechanism.id === 'ipcr' && r.presidency !== null && p.organisation !== r.presidency;
}

/** What the reader may record of one mechanism: activate it (in which modes), and stand it down. */
export interface MechanismAbility {
  mechanism: string;
  activate: boolean;
  /** The modes the reader may record it in (IPCR: the Presidency both, the GSC, ERCC or EEAS information sharing). */
  modes: string[];
  standDown: boolean;
}

/**
 * The mechanisms the reader may record, each with what they may do, by the rules the command checks. Those they may
 * not record at all are left out: a reader learns nothing from the list but their own rights.
 */
export function mechanismAbilities(
  p: Principal,
  mechanisms: ReadonlyArray<{ id: string; recordedBy: readonly string[]; modes?: readonly string[] }>,
  presidency: string | null,
): MechanismAbility[] {
  return mechanisms.flatMap((mechanism) => {
    const may = (state: MechanismRecording['state'], mode: string | null) =>
      recordMechanism.some((r) => r.allows(p, { mechanism, state, mode, presidency }));
    const modes = (mechanism.modes ?? []).filter((mode) => may('activated', mode));
    // IPCR is recorded in a mode; any other mechanism without one.
    const activate = mechanism.id === 'ipcr' ? modes.length > 0 : may('activated', null);
    const standDown = may('deactivated', null);
    return activate || standDown ? [{ mechanism: mechanism.id, activate, modes, standDown }] : [];
  });
}

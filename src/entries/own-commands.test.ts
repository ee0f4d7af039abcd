import { describe, expect, it } from 'vitest';
import { ownCommandOf } from './own-commands.js';

describe('which kinds change only by their concept’s own commands', () => {
  const cases: [string, string | null][] = [
    ['action', 'action-step'],
    ['action-status', 'action-step'],
    ['isaa-report', 'isaa-part'],
    ['isaa-question', 'isaa-part'],
    ['isaa-answer', 'isaa-part'],
    ['isaa-version', 'isaa-part'],
    ['assistance-step', 'assistance-step'],
    ['assistance-request', null],
    ['assistance-offer', null],
    ['decision', null],
    ['meeting', null],
    ['shift-handover', null],
    ['note', null],
  ];
  it.each(cases)('%s → %s', (kind, code) => {
    expect(ownCommandOf(kind)?.code ?? null).toBe(code);
  });
});

// The Blueprint procedure's steps and the platform's records change by their own commands: a retraction in the log
// would undo a decision (a coordination agreed, an activation, a status) without the procedure knowing.
describe('which workflow kinds change only by their own commands', () => {
  const cases: [string, string | null][] = [
    ['status-change', 'assessment'],
    ['activation', 'activation'],
    ['activation-joined', 'activation'],
    ['deactivation', 'activation'],
    ['reopening', 'activation'],
    ['consultation-requested', 'consultation-step'],
    ['consultation-opened', 'consultation-step'],
    ['consultation-position', 'consultation-step'],
    ['consultation-advice', 'consultation-step'],
    ['consultation-decision', 'consultation-step'],
    ['silence-procedure-opened', 'consultation-step'],
    ['silence-procedure-consulted', 'consultation-step'],
    ['silence-procedure-objection', 'consultation-step'],
    ['silence-procedure-objection-withdrawn', 'consultation-step'],
    ['silence-procedure-consent', 'consultation-step'],
    ['silence-procedure-view', 'consultation-step'],
    ['silence-procedure-concluded', 'consultation-step'],
    ['merge', 'merge'],
    ['presidency-handover', 'presidency-handover'],
    ['mechanism', 'mechanism-step'],
    ['cer-commission-notified', 'response-step'],
    ['cer-spoc-informed', 'response-step'],
    ['capacity-overwhelmed', 'response-step'],
    ['sitrep', 'sitrep'],
    ['forwarded', 'forward'],
    // Written by people and followed by their lists: the log's correction and retraction apply.
    ['report', null],
    ['update', null],
    ['own-assessment', null],
    ['disinformation', null],
    ['intelligence', null],
    ['meeting-minutes', null],
    ['shift-handover-acknowledged', null],
  ];
  it.each(cases)('%s → %s', (kind, code) => {
    expect(ownCommandOf(kind)?.code ?? null).toBe(code);
  });

  it('names the command to use: an objection is withdrawn by its own step', () => {
    expect(ownCommandOf('silence-procedure-objection')?.command).toContain('/objection-withdrawal');
    expect(ownCommandOf('silence-procedure-concluded')?.command).toContain('/consultations');
  });
});

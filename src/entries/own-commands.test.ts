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

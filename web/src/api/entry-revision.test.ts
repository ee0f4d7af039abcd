import { describe, expect, it } from 'vitest';
import { NewEntryRequest } from '../../../src/entries/model.js';
import { correctionOf } from './entry-revision.js';
import type { Entry } from './types.js';

function entry(over: Partial<Entry> = {}): Entry {
  return {
    id: 'e-1',
    incidentId: 'inc-1',
    seq: 3,
    kind: 'note',
    createdAt: '2026-11-28T08:00:00.000Z',
    author: { userId: 'u1', name: 'Aino', organisation: 'FI' },
    marking: 'TLP:AMBER',
    audience: ['EE', 'FI'],
    resolvedAudience: ['EE', 'FI'],
    sharingGroup: null,
    recipients: [],
    releasableToNato: true,
    text: 'Two cables cut',
    body: { text: 'Two cables cut' },
    withheld: [],
    track: 'consequence-management',
    supersedes: null,
    supersededBy: null,
    reachChangedAt: null,
    whoCanSee: { organisations: ['EE', 'FI'], people: [], natoLiaison: true, hiddenGroup: null },
    attachments: [],
    abilities: { changeReach: true, attach: true, correct: true, retract: true },
    ...over,
  };
}

describe('the correction the log sends', () => {
  it('keeps the marking and NATO release, names no audience of its own, and is a request the server accepts', () => {
    const body = correctionOf(entry(), 'One cable cut', 'aino@fi.example.eu');
    expect(body).toEqual({
      kind: 'note',
      text: 'One cable cut',
      marking: 'TLP:AMBER',
      releasableToNato: true,
      supersedes: 'e-1',
      audience: [],
    });
    expect(NewEntryRequest.safeParse(body).success).toBe(true);
  });

  it('withholds the text from the readers the original withheld it from', () => {
    const body = correctionOf(
      entry({ withheld: [{ field: 'text', reason: 'national-security', by: 'FI' }], text: 'Two cables cut' }),
      'One cable cut',
      'aino@fi.example.eu',
    );
    expect(body.withheld).toEqual([{ field: 'text', reason: 'national-security' }]);
    expect(NewEntryRequest.safeParse(body).success).toBe(true);
  });

  it('names recipients for a TLP:RED entry: those whose address the author sees, else the corrector', () => {
    const red = { marking: 'TLP:RED' as const, audience: [], resolvedAudience: [] };
    const named = correctionOf(
      entry({
        ...red,
        recipients: [
          { userId: 'u2', name: 'Jaan', organisation: 'EE', email: 'jaan@ee.example.eu' },
          { userId: 'u3', name: 'Mari', organisation: 'EE' },
        ],
      }),
      'One cable cut',
      'aino@fi.example.eu',
    );
    expect(named.recipients).toEqual(['jaan@ee.example.eu']);
    expect(named.audience).toBeUndefined();
    expect(NewEntryRequest.safeParse(named).success).toBe(true);
    const unnamed = correctionOf(
      entry({ ...red, recipients: [{ userId: 'u3', name: 'Mari', organisation: 'EE' }] }),
      'One cable cut',
      'aino@fi.example.eu',
    );
    expect(unnamed.recipients).toEqual(['aino@fi.example.eu']);
    expect(NewEntryRequest.safeParse(unnamed).success).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { CepesEntryInput } from './model.js';
import {
  cursorOf,
  defaultAudience,
  entryIssue,
  positionOf,
  referencedIds,
  searchKey,
  verdictOf,
} from './rules.js';

const SEVEN = ['DE', 'AT', 'CZ', 'PL', 'NL', 'BE', 'FR'];
const entry = (over: Record<string, unknown> = {}) =>
  CepesEntryInput.parse({
    name: 'Gas TSO',
    verdict: 'cepes',
    establishedIn: 'DE',
    memberStatesServed: SEVEN,
    sectors: ['energy'],
    marking: 'TLP:AMBER',
    ...over,
  });

describe('what the register may say', () => {
  it.each([
    ['a CEPES established in a member state serving seven', {}, undefined],
    ['a CEPES serving five', { memberStatesServed: SEVEN.slice(0, 5) }, 'memberStatesServed'],
    [
      'a CEPES serving six, two of them outside the EU',
      { memberStatesServed: [...SEVEN.slice(0, 4), 'NO', 'CH'] },
      'memberStatesServed',
    ],
    ['a CEPES established outside the EU', { establishedIn: 'NO' }, 'establishedIn'],
    ['a CEPES without a state of establishment', { establishedIn: undefined }, 'establishedIn'],
    ['a CEPES in banking (CER Art. 8)', { sectors: ['energy', 'banking'] }, 'sectors[1]'],
    ['a CEPES in digital infrastructure', { sectors: ['digital-infrastructure'] }, 'sectors[0]'],
    ['Galileo as a CEPES', { name: 'Galileo ground segment' }, 'verdict'],
    ['EGNOS as a CEPES', { name: 'EGNOS' }, 'verdict'],
    ['IRIS² as a CEPES', { name: 'IRIS² constellation' }, 'verdict'],
    ['an Irish gas TSO as a CEPES', { name: 'Irish Gas Networks' }, undefined],
    ['not a CEPES, serving two', { verdict: 'not-cepes', memberStatesServed: ['DE', 'AT'] }, undefined],
    ['not a CEPES, established in Norway', { verdict: 'not-cepes', establishedIn: 'NO' }, undefined],
    [
      'not a CEPES, with no state of establishment',
      { verdict: 'not-cepes', establishedIn: undefined },
      'establishedIn',
    ],
    [
      'Galileo as EU infrastructure',
      { name: 'Galileo', verdict: 'eu-infrastructure', establishedIn: undefined },
      undefined,
    ],
    [
      'EU infrastructure established in a state',
      { name: 'Galileo', verdict: 'eu-infrastructure' },
      'establishedIn',
    ],
  ])('%s', (_case, over, field) => {
    expect(entryIssue(entry(over))?.field).toBe(field);
  });
});

describe('the register, as the rules and lists read it', () => {
  it('folds names so a search finds them whatever the case and accents', () => {
    expect(searchKey('  Nordström   Netz ')).toBe('nordstrom netz');
    expect(searchKey('ÉLECTRICITÉ')).toBe('electricite');
    // The letters no accent removal reaches fold as the platform's search folds them.
    expect(searchKey('Łódź Ørsted Straße')).toBe('lodz orsted strasse');
    expect(searchKey('ΔΕΣΦΑ Αερίου Ελλάδος')).toBe('δεσφα αεριου ελλαδοσ');
  });

  it('reaches by default ERCC and the states an entry concerns, EUSPA for EU infrastructure', () => {
    expect(defaultAudience(entry({ memberStatesServed: ['AT', 'NO', 'AT'] }))).toEqual(['AT', 'DE', 'ERCC']);
    expect(
      defaultAudience(
        entry({ verdict: 'eu-infrastructure', establishedIn: undefined, memberStatesServed: ['FR'] }),
      ),
    ).toEqual(['ERCC', 'EUSPA', 'FR']);
  });

  it('gives the trigger rules its verdict, EU infrastructure held by EUSPA', () => {
    const row = {
      id: 'g',
      name: 'Galileo',
      verdict: 'eu-infrastructure',
      established_in: null,
      member_states_served: '["FR"]',
      sectors: '["space"]',
    };
    expect(verdictOf(row)).toEqual({
      id: 'g',
      name: 'Galileo',
      kind: 'eu-infrastructure',
      establishedIn: 'EUSPA',
      memberStatesServed: ['FR'],
      sectors: ['space'],
    });
  });

  it('lists each referenced entry once', () => {
    expect(referencedIds([{ cepesId: 'a' }, {}, { cepesId: 'b' }, { cepesId: 'a' }])).toEqual(['a', 'b']);
  });

  it('reads back only the page positions it gave', () => {
    const cursor = cursorOf({ search_name: 'gas tso', id: '0190' });
    expect(positionOf(cursor)).toEqual({ searchName: 'gas tso', id: '0190' });
    expect(positionOf('garbage')).toBeUndefined();
    expect(positionOf(Buffer.from('{"a":1}').toString('base64url'))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { MEMBER_STATES } from './countries.js';
import {
  isParticipatingOrganisation,
  normaliseOrganisationId,
  ORGANISATIONS,
  organisationById,
  PARTICIPATING_ORGANISATIONS,
} from './organisations.js';

const EU_BODY_IDS = [
  'ERCC',
  'EEAS',
  'EUROPOL',
  'ENISA',
  'EUSPA',
  'CERG',
  'GSC',
  'CSIRTS-NETWORK',
  'EU-CYCLONE',
  'CERT-EU',
  'EMSA',
  'EASA',
  'ACER',
  'SATCEN',
];

describe('organisations', () => {
  it('are the 27 member states, 14 EU bodies and the NATO liaison, each once', () => {
    expect(ORGANISATIONS.filter((o) => o.kind === 'member-state')).toHaveLength(27);
    expect(ORGANISATIONS.filter((o) => o.kind === 'eu-body').map((o) => o.id)).toEqual(EU_BODY_IDS);
    expect(ORGANISATIONS.filter((o) => o.kind === 'nato').map((o) => o.id)).toEqual(['NATO']);
    expect(ORGANISATIONS).toHaveLength(42);
    expect(new Set(ORGANISATIONS.map((o) => o.id)).size).toBe(42);
  });

  it('identify a member state by its code', () => {
    for (const state of MEMBER_STATES) {
      expect(organisationById(state.code)).toEqual({
        id: state.code,
        kind: 'member-state',
        name: state.name,
      });
    }
  });

  it.each([
    ['ERCC', 'Emergency Response Coordination Centre (European Commission)'],
    ['GSC', 'General Secretariat of the Council'],
    ['CERG', 'Critical Entities Resilience Group'],
    ['EU-CYCLONE', 'European cyber crisis liaison organisation network'],
    ['CSIRTS-NETWORK', 'CSIRTs Network'],
    ['EUSPA', 'EU Agency for the Space Programme'],
    ['NATO', 'NATO liaison'],
  ])('name %s in full', (id, name) => {
    expect(organisationById(id)?.name).toBe(name);
  });

  it('participating organisations are the 41 without NATO', () => {
    expect(PARTICIPATING_ORGANISATIONS).toHaveLength(41);
    expect(PARTICIPATING_ORGANISATIONS.map((o) => o.id)).not.toContain('NATO');
    expect(isParticipatingOrganisation('FI')).toBe(true);
    expect(isParticipatingOrganisation('ERCC')).toBe(true);
    expect(isParticipatingOrganisation('NATO')).toBe(false);
    expect(isParticipatingOrganisation('NO')).toBe(false);
  });

  it.each([
    ['FI', 'FI'],
    ['fi', 'FI'],
    [' ercc ', 'ERCC'],
    ['csirts-network', 'CSIRTS-NETWORK'],
    ['EL', 'GR'],
    ['el', 'GR'],
    ['GR', 'GR'],
    ['nato', 'NATO'],
    ['UK', undefined],
    ['GB', undefined],
    ['NO', undefined],
    ['XX', undefined],
    ['', undefined],
  ])('normaliseOrganisationId(%j) is %s', (input, expected) => {
    expect(normaliseOrganisationId(input)).toBe(expected);
  });
});

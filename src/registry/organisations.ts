import { MEMBER_STATES } from './countries.js';

export type OrganisationKind = 'member-state' | 'eu-body' | 'nato';

export interface Organisation {
  readonly id: string;
  readonly kind: OrganisationKind;
  readonly name: string;
}

const EU_BODIES: readonly Organisation[] = [
  { id: 'ERCC', kind: 'eu-body', name: 'Emergency Response Coordination Centre (European Commission)' },
  // INTCEN is a directorate of the EEAS: its assessments reach the platform through the EEAS's account (and, being
  // mostly classified, are referred to, not uploaded), so it is not an organisation of its own.
  { id: 'EEAS', kind: 'eu-body', name: 'European External Action Service (including EU INTCEN)' },
  { id: 'EUROPOL', kind: 'eu-body', name: 'European Union Agency for Law Enforcement Cooperation (Europol)' },
  { id: 'ENISA', kind: 'eu-body', name: 'European Union Agency for Cybersecurity' },
  { id: 'EUSPA', kind: 'eu-body', name: 'EU Agency for the Space Programme' },
  { id: 'CERG', kind: 'eu-body', name: 'Critical Entities Resilience Group' },
  { id: 'GSC', kind: 'eu-body', name: 'General Secretariat of the Council' },
  { id: 'CSIRTS-NETWORK', kind: 'eu-body', name: 'CSIRTs Network' },
  { id: 'EU-CYCLONE', kind: 'eu-body', name: 'European cyber crisis liaison organisation network' },
  {
    id: 'CERT-EU',
    kind: 'eu-body',
    name: 'Cybersecurity Service for the Union institutions, bodies, offices and agencies (CERT-EU)',
  },
  { id: 'EMSA', kind: 'eu-body', name: 'European Maritime Safety Agency' },
  { id: 'EASA', kind: 'eu-body', name: 'European Union Aviation Safety Agency' },
  { id: 'ACER', kind: 'eu-body', name: 'European Union Agency for the Cooperation of Energy Regulators' },
  { id: 'SATCEN', kind: 'eu-body', name: 'European Union Satellite Centre' },
];

const NATO_LIAISON: Organisation = { id: 'NATO', kind: 'nato', name: 'NATO liaison' };

export const ORGANISATIONS: readonly Organisation[] = [
  ...MEMBER_STATES.map((state): Organisation => ({ id: state.code, kind: 'member-state', name: state.name })),
  ...EU_BODIES,
  NATO_LIAISON,
];

/** Those that share the Blueprint's facts by right; NATO only sees what a report releases to it. */
export const PARTICIPATING_ORGANISATIONS: readonly Organisation[] = ORGANISATIONS.filter(
  (organisation) => organisation.kind !== 'nato',
);

const byId: ReadonlyMap<string, Organisation> = new Map(ORGANISATIONS.map((o) => [o.id, o]));
const participating: ReadonlySet<string> = new Set(PARTICIPATING_ORGANISATIONS.map((o) => o.id));

/** Canonical id only (GR, not EL). */
export function organisationById(id: string): Organisation | undefined {
  return byId.get(id);
}

/** The canonical id for `input` (any case, EL for Greece), or undefined when no such organisation exists. */
export function normaliseOrganisationId(input: string): string | undefined {
  const upper = input.trim().toUpperCase();
  const id = upper === 'EL' ? 'GR' : upper;
  return byId.has(id) ? id : undefined;
}

/** Canonical id only. */
export function isParticipatingOrganisation(id: string): boolean {
  return participating.has(id);
}

/** Existing EU mechanisms the Blueprint works with, never replaces (BLUEPRINT.md §4). */
export interface Mechanism {
  readonly id: string;
  readonly name: string;
  /** Who runs it. */
  readonly lead: string;
  readonly what: string;
  readonly modes?: readonly string[];
}

export const MECHANISMS = [
  {
    id: 'ipcr',
    name: 'Integrated Political Crisis Response (IPCR)',
    lead: 'GSC',
    what: 'Political crisis coordination; the Presidency decides the mode.',
    modes: ['monitoring', 'information-sharing', 'full-activation'],
  },
  {
    id: 'ucpm',
    name: 'Union Civil Protection Mechanism (UCPM, via ERCC and CECIS)',
    lead: 'ERCC',
    what: 'Requests and offers of assistance between member states.',
  },
  {
    id: 'argus',
    name: 'ARGUS',
    lead: 'ERCC',
    what: "The Commission's internal rapid alert and crisis coordination.",
  },
  {
    id: 'csirts-network',
    name: 'CSIRTs Network',
    lead: 'CSIRTS-NETWORK',
    what: 'Technical cyber incident handling.',
  },
  {
    id: 'eu-cyclone',
    name: 'EU-CyCLONe',
    lead: 'EU-CYCLONE',
    what: 'Operational cyber crisis management (Cyber Blueprint).',
  },
  {
    id: 'hybrid-toolbox',
    name: 'EU Hybrid Toolbox',
    lead: 'EEAS',
    what: 'Response to hybrid campaigns and their actors.',
  },
  {
    id: 'le-emergency-protocol',
    name: 'EU law-enforcement emergency response protocol',
    lead: 'EUROPOL',
    what: 'Criminal investigation of deliberate damage.',
  },
  {
    id: 'electricity-coordination-group',
    name: 'Electricity Coordination Group',
    lead: 'ERCC',
    what: 'Sectoral handling of electricity crises.',
  },
  {
    id: 'gas-coordination-group',
    name: 'Gas Coordination Group',
    lead: 'ERCC',
    what: 'Sectoral handling of gas supply crises.',
  },
  {
    id: 'eu-nato-dialogue',
    name: 'EU–NATO structured dialogue',
    lead: 'EEAS',
    what: 'Shared awareness with NATO on resilience.',
  },
] as const satisfies readonly Mechanism[];

export type MechanismId = (typeof MECHANISMS)[number]['id'];
export const MECHANISM_IDS = MECHANISMS.map((m) => m.id) as [MechanismId, ...MechanismId[]];

export function mechanismById(id: string): Mechanism | undefined {
  return MECHANISMS.find((m) => m.id === id);
}

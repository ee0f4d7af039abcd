/** Existing EU mechanisms the Blueprint works with, never replaces (BLUEPRINT.md §4). */
export interface Mechanism {
  readonly id: string;
  readonly name: string;
  /**
   * Who runs it: an organisation on the platform, `PRESIDENCY` (the member state holding the Council Presidency that
   * day), or a body without an account here (`COMMISSION-SG`, `COMMISSION-ENER`, `COUNCIL`).
   */
  readonly lead: string;
  /**
   * Whose coordinators record it as active or stood down: those who run it, and ERCC for the Commission's services and
   * bodies that have no account. IPCR has its own, finer rules (src/sharing/mechanisms.ts).
   */
  readonly recordedBy: readonly string[];
  readonly what: string;
  readonly modes?: readonly string[];
}

export const MECHANISMS = [
  {
    id: 'ipcr',
    name: 'Integrated Political Crisis Response (IPCR)',
    lead: 'PRESIDENCY',
    recordedBy: ['PRESIDENCY', 'GSC', 'ERCC', 'EEAS'],
    what: 'Political crisis coordination, supported by the GSC. Without activation IPCR monitors; the Presidency decides on information-sharing mode or full activation (the GSC, the Commission or the EEAS may start information sharing in consultation with it).',
    modes: ['information-sharing', 'full-activation'],
  },
  {
    id: 'solidarity-clause',
    name: 'Solidarity clause (Art. 222 TFEU)',
    lead: 'COUNCIL',
    recordedBy: ['MEMBER-STATE'],
    what: 'Invoked by a member state that is the object of an attack or a disaster and overwhelmed; it means full IPCR activation.',
  },
  {
    id: 'ucpm',
    name: 'Union Civil Protection Mechanism (UCPM, via ERCC and CECIS)',
    lead: 'ERCC',
    recordedBy: ['ERCC'],
    what: 'Requests and offers of assistance when a member state’s capacity is overwhelmed.',
  },
  {
    id: 'argus',
    name: 'ARGUS',
    lead: 'COMMISSION-SG',
    recordedBy: ['ERCC'],
    what: "The Commission's internal rapid alert system and Crisis Coordination Committee, run by its Secretariat-General.",
  },
  {
    id: 'csirts-network',
    name: 'CSIRTs Network',
    lead: 'CSIRTS-NETWORK',
    recordedBy: ['CSIRTS-NETWORK', 'ENISA'],
    what: 'Technical cyber incident handling between the national CSIRTs (ENISA provides the secretariat).',
  },
  {
    id: 'eu-cyclone',
    name: 'EU-CyCLONe',
    lead: 'EU-CYCLONE',
    recordedBy: ['EU-CYCLONE', 'ENISA'],
    what: 'Operational cyber crisis management (Cyber Blueprint).',
  },
  {
    id: 'eu-cybersecurity-reserve',
    name: 'EU Cybersecurity Reserve (Cyber Solidarity Act)',
    lead: 'COMMISSION',
    recordedBy: ['ERCC', 'ENISA'],
    what: 'Incident response services from trusted private providers, on request, for significant and large-scale cyber incidents.',
  },
  {
    id: 'cyber-emergency-mechanism',
    name: 'Cybersecurity Emergency Mechanism (Cyber Solidarity Act)',
    lead: 'COMMISSION',
    recordedBy: ['ERCC', 'ENISA'],
    what: 'Preparedness, the EU Cybersecurity Reserve and mutual assistance between member states for large-scale cyber incidents.',
  },
  {
    id: 'hybrid-toolbox',
    name: 'EU Hybrid Toolbox',
    lead: 'EEAS',
    recordedBy: ['EEAS', 'PRESIDENCY'],
    what: 'Response to hybrid campaigns and their actors; consequence management and attribution on separate tracks.',
  },
  {
    id: 'hybrid-rapid-response-teams',
    name: 'Hybrid Rapid Response Teams',
    lead: 'EEAS',
    recordedBy: ['EEAS', 'PRESIDENCY'],
    what: 'Tailored, short-term civilian and military expertise deployed on a member state’s request against hybrid threats.',
  },
  {
    id: 'cyber-diplomacy-toolbox',
    name: 'Cyber Diplomacy Toolbox',
    lead: 'EEAS',
    recordedBy: ['EEAS', 'PRESIDENCY'],
    what: 'The joint diplomatic response to malicious cyber activities, up to restrictive measures decided by the Council.',
  },
  {
    id: 'le-emergency-protocol',
    name: 'EU law-enforcement emergency response protocol',
    lead: 'EUROPOL',
    recordedBy: ['EUROPOL'],
    what: 'Criminal investigation of deliberate damage.',
  },
  {
    id: 'euspa-gsmc',
    name: 'EUSPA Galileo Security Monitoring Centre',
    lead: 'EUSPA',
    recordedBy: ['EUSPA'],
    what: 'Space-based services (Galileo, EGNOS, GOVSATCOM) and GNSS interference.',
  },
  {
    id: 'electricity-coordination-group',
    name: 'Electricity Coordination Group',
    lead: 'COMMISSION-ENER',
    recordedBy: ['ERCC'],
    what: "Sectoral handling of electricity crises, chaired by the Commission's energy directorate-general.",
  },
  {
    id: 'gas-coordination-group',
    name: 'Gas Coordination Group',
    lead: 'COMMISSION-ENER',
    recordedBy: ['ERCC'],
    what: "Sectoral handling of gas supply crises, chaired by the Commission's energy directorate-general.",
  },
  {
    id: 'eu-nato-dialogue',
    name: 'EU–NATO structured dialogue',
    lead: 'EEAS',
    recordedBy: ['EEAS', 'ERCC'],
    what: 'Shared awareness with NATO on resilience, conducted by the EEAS and the Commission.',
  },
] as const satisfies readonly Mechanism[];

export type MechanismId = (typeof MECHANISMS)[number]['id'];
export const MECHANISM_IDS = MECHANISMS.map((m) => m.id) as [MechanismId, ...MechanismId[]];

export function mechanismById(id: string): Mechanism | undefined {
  return MECHANISMS.find((m) => m.id === id);
}

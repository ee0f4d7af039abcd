import { TLP_MEANINGS, type TlpMarking } from '../sharing/model.js';
import type { ForwardFormat, PreparedSummary } from './forwarding-model.js';

/**
 * How each mechanism takes information in: its form, and the organisations on the platform that receive for it
 * (`PRESIDENCY` is the member state holding it when the forward is made). NATO is reached through the EU–NATO
 * dialogue only, and only with what is released to it. The solidarity clause takes no report: it is invoked.
 */
export interface MechanismForm {
  format: ForwardFormat;
  recipients: readonly string[];
  nato: boolean;
}

export const MECHANISM_FORMS: Readonly<Record<string, MechanismForm>> = {
  ipcr: { format: 'isaa-contribution', recipients: ['PRESIDENCY', 'GSC'], nato: false },
  ucpm: { format: 'cecis-request-summary', recipients: ['ERCC'], nato: false },
  argus: { format: 'commission-alert-summary', recipients: ['ERCC'], nato: false },
  'csirts-network': { format: 'cyber-incident-summary', recipients: ['CSIRTS-NETWORK'], nato: false },
  'eu-cyclone': { format: 'cyber-crisis-summary', recipients: ['EU-CYCLONE'], nato: false },
  'eu-cybersecurity-reserve': { format: 'cyber-incident-summary', recipients: ['ERCC'], nato: false },
  'cyber-emergency-mechanism': { format: 'cyber-incident-summary', recipients: ['ERCC'], nato: false },
  'hybrid-toolbox': { format: 'hybrid-threat-summary', recipients: ['EEAS'], nato: false },
  'hybrid-rapid-response-teams': { format: 'hybrid-threat-summary', recipients: ['EEAS'], nato: false },
  'cyber-diplomacy-toolbox': { format: 'hybrid-threat-summary', recipients: ['EEAS'], nato: false },
  'le-emergency-protocol': { format: 'law-enforcement-summary', recipients: ['EUROPOL'], nato: false },
  'euspa-gsmc': { format: 'gnss-interference-summary', recipients: ['EUSPA'], nato: false },
  'electricity-coordination-group': { format: 'sectoral-summary', recipients: ['ERCC'], nato: false },
  'gas-coordination-group': { format: 'sectoral-summary', recipients: ['ERCC'], nato: false },
  'eu-nato-dialogue': { format: 'shared-awareness-summary', recipients: ['EEAS'], nato: true },
};

export function mechanismFormOf(mechanism: string): MechanismForm | undefined {
  return MECHANISM_FORMS[mechanism];
}

/** Kinds of entry that carry a member state's own account of the incident, and so may be reported once. */
export const FORWARDABLE_KINDS = ['report', 'update', 'note'] as const;

export function isForwardable(kind: string): boolean {
  return (FORWARDABLE_KINDS as readonly string[]).includes(kind);
}

/** What each form asks for, beyond the account itself: the parts of an update it carries. */
type Part = 'impacts' | 'sectors' | 'entities' | 'cause' | 'awareness';

const PARTS: Record<ForwardFormat, readonly Part[]> = {
  'isaa-contribution': ['impacts', 'sectors', 'entities', 'cause'],
  'cecis-request-summary': ['impacts', 'sectors'],
  'commission-alert-summary': ['impacts', 'sectors', 'cause'],
  'cyber-incident-summary': ['sectors', 'entities', 'cause', 'awareness'],
  'cyber-crisis-summary': ['impacts', 'sectors', 'cause'],
  'hybrid-threat-summary': ['impacts', 'sectors', 'cause'],
  'law-enforcement-summary': ['entities', 'cause', 'awareness'],
  'gnss-interference-summary': ['impacts', 'sectors', 'cause'],
  'sectoral-summary': ['impacts', 'sectors', 'entities'],
  'shared-awareness-summary': ['impacts', 'sectors', 'cause'],
};

export const FORMAT_TITLES: Record<ForwardFormat, string> = {
  'isaa-contribution': 'IPCR — contribution to the ISAA report',
  'cecis-request-summary': 'UCPM — request summary for CECIS',
  'commission-alert-summary': 'ARGUS — alert summary for the Commission',
  'cyber-incident-summary': 'Cyber incident summary',
  'cyber-crisis-summary': 'EU-CyCLONe — cyber crisis summary',
  'hybrid-threat-summary': 'Hybrid threat summary for the EEAS',
  'law-enforcement-summary': 'Europol — law-enforcement summary',
  'gnss-interference-summary': 'EUSPA — GNSS interference summary',
  'sectoral-summary': 'Sector coordination group summary',
  'shared-awareness-summary': 'EU–NATO structured dialogue — shared awareness',
};

/** The entry as the mechanism's organisation may see it: its body already without the fields its author withheld. */
export interface ForwardedEntry {
  id: string;
  kind: string;
  createdAt: string;
  authorOrg: string;
  marking: TlpMarking;
  body: Record<string, unknown>;
  withheld: readonly { field: string; reason: string }[];
}

export interface SummaryContext {
  incident: { id: string; title: string; exercise: boolean };
  mechanism: { id: string; name: string };
  format: ForwardFormat;
  recipients: readonly string[];
  reference: string | null;
  entry: ForwardedEntry;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object') : [];

/** Only the fields of an object that are present, so that a withheld or unset field never appears as empty. */
function present(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
}

function impactsOf(body: Record<string, unknown>) {
  return list(body.impacts).map((i) =>
    present({
      memberState: str(i.memberState),
      territory: str(i.territory),
      level: str(i.level),
      service: str(i.service),
      usersAffected: num(i.usersAffected),
      proportionAffected: num(i.proportionAffected),
      durationHours: num(i.durationHours),
      area: str(i.area),
    }),
  );
}

function sectorsOf(body: Record<string, unknown>) {
  return list(body.sectors).map((s) =>
    present({ sector: str(s.sector), subsector: str(s.subsector), status: str(s.status) }),
  );
}

function entitiesOf(body: Record<string, unknown>) {
  return list(body.entities).map((e) =>
    present({
      name: str(e.name),
      sector: str(e.sector),
      subsector: str(e.subsector),
      establishedIn: str(e.establishedIn),
      significantlyDisrupted: typeof e.significantlyDisrupted === 'boolean' ? e.significantlyDisrupted : null,
    }),
  );
}

/** The account's own words: an update's or a note's text, a report's description. */
function accountOf(entry: ForwardedEntry): string | null {
  return entry.kind === 'report' ? str(entry.body.description) : str(entry.body.text);
}

function line(label: string, value: string | null | undefined): string[] {
  return value ? [`${label}: ${value}`] : [];
}

/**
 * The prepared summary of one entry for one mechanism, in that mechanism's form: only what the entry's body holds
 * for its readers outside the author's organisation (withheld fields are already gone and are named as withheld),
 * the marking it keeps and what that marking allows. Pure: the same entry and form give the same summary.
 */
export function prepareSummary(ctx: SummaryContext): PreparedSummary {
  const { entry, format } = ctx;
  const parts = new Set(PARTS[format]);
  const body = entry.body;
  const account = accountOf(entry);
  const impacts = parts.has('impacts') ? impactsOf(body) : [];
  const sectors = parts.has('sectors') ? sectorsOf(body) : [];
  const entities = parts.has('entities') ? entitiesOf(body).filter((e) => e.name !== undefined) : [];
  const cause = parts.has('cause') ? str(body.cause) : null;
  const deliberate =
    parts.has('cause') && typeof body.suspectedDeliberate === 'boolean' ? body.suspectedDeliberate : null;
  const awareAt = parts.has('awareness') ? str(body.awareAt) : null;
  const data = present({
    format,
    mechanism: ctx.mechanism.id,
    reference: ctx.reference,
    exercise: ctx.incident.exercise || null,
    incident: { id: ctx.incident.id, title: ctx.incident.title },
    from: entry.authorOrg,
    recipients: [...ctx.recipients],
    source: { entryId: entry.id, kind: entry.kind, writtenAt: entry.createdAt, stage: str(body.stage) },
    marking: entry.marking,
    handling: TLP_MEANINGS[entry.marking],
    account,
    cause,
    suspectedDeliberate: deliberate,
    awareAt,
    impacts: parts.has('impacts') ? impacts : null,
    sectors: parts.has('sectors') ? sectors : null,
    entities: parts.has('entities') ? entities : null,
    withheld: entry.withheld.length > 0 ? entry.withheld.map((w) => ({ ...w, by: entry.authorOrg })) : null,
  });
  const text = [
    ...(ctx.incident.exercise ? ['EXERCISE'] : []),
    entry.marking,
    FORMAT_TITLES[format],
    ...line('Case reference', ctx.reference),
    `Incident: ${ctx.incident.title}`,
    `From: ${entry.authorOrg}, ${entry.createdAt.slice(0, 16).replace('T', ' ')} UTC`,
    ...line('Reporting stage', str(body.stage)),
    ...line('Cause', cause),
    ...(deliberate === null ? [] : [`Deliberate act suspected: ${deliberate ? 'yes' : 'no'}`]),
    ...line('Aware since', awareAt),
    ...(account ? ['', account] : []),
    ...(impacts.length > 0 ? ['', 'Impact:', ...impacts.map(impactLine)] : []),
    ...(sectors.length > 0 ? ['', 'Sectors:', ...sectors.map(sectorLine)] : []),
    ...(entities.length > 0 ? ['', 'Entities:', ...entities.map(entityLine)] : []),
    ...entry.withheld.map((w) => `Withheld by ${entry.authorOrg}: ${w.field} (${w.reason})`),
    '',
    `${entry.marking}: ${TLP_MEANINGS[entry.marking]}`,
  ].join('\n');
  return { text, data };
}

function impactLine(i: Record<string, unknown>): string {
  const where = [i.memberState, i.territory].filter(Boolean).join('/');
  const facts = [
    i.service,
    i.usersAffected !== undefined ? `${i.usersAffected} users` : null,
    i.proportionAffected !== undefined ? `${i.proportionAffected}% of users` : null,
    i.durationHours !== undefined ? `${i.durationHours} h` : null,
    i.area,
  ].filter(Boolean);
  return `- ${where}: ${i.level ?? 'unknown'}${facts.length > 0 ? ` — ${facts.join(', ')}` : ''}`;
}

function sectorLine(s: Record<string, unknown>): string {
  return `- ${[s.sector, s.subsector].filter(Boolean).join('/')}${s.status ? `: ${s.status}` : ''}`;
}

function entityLine(e: Record<string, unknown>): string {
  const where = e.establishedIn ? `, established in ${e.establishedIn}` : '';
  return `- ${e.name} (${[e.sector, e.subsector].filter(Boolean).join('/')}${where})${
    e.significantlyDisrupted ? ', significantly disrupted' : ''
  }`;
}

import { z } from 'zod';

/**
 * Report once (issue 12 item 6): a member state's update, forwarded to an engaged mechanism in that mechanism's own
 * form, so nobody asks the state for the same facts twice. The forward is an entry of the log (`forwarded`) that
 * carries exactly the summary that went, with the reach of the entry it came from.
 */

/** The forms the mechanisms take information in; one prepared summary each. */
export const FORWARD_FORMATS = [
  /** IPCR: a contribution to the integrated situational awareness and analysis (ISAA) report. */
  'isaa-contribution',
  /** UCPM: a request summary as CECIS asks for it (who, where, what is hit, for how long). */
  'cecis-request-summary',
  /** ARGUS: the Commission's internal alert, relayed by ERCC. */
  'commission-alert-summary',
  /** CSIRTs Network, Cyber Reserve, Emergency Mechanism: technical incident summary. */
  'cyber-incident-summary',
  /** EU-CyCLONe: operational cyber crisis summary. */
  'cyber-crisis-summary',
  /** Hybrid Toolbox, Hybrid Rapid Response Teams, Cyber Diplomacy Toolbox (EEAS). */
  'hybrid-threat-summary',
  /** Europol and the law-enforcement emergency response protocol. */
  'law-enforcement-summary',
  /** EUSPA's Galileo Security Monitoring Centre. */
  'gnss-interference-summary',
  /** Electricity and Gas Coordination Groups. */
  'sectoral-summary',
  /** EU–NATO structured dialogue: only what is released to NATO. */
  'shared-awareness-summary',
] as const;
export const ForwardFormat = z.enum(FORWARD_FORMATS);
export type ForwardFormat = z.infer<typeof ForwardFormat>;

/** The summary as prepared: a text to paste into the mechanism's own system, and the same as structured data. */
export const PreparedSummary = z.object({
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type PreparedSummary = z.infer<typeof PreparedSummary>;

/** The body of a `forwarded` entry: which entry went to which mechanism, in which form, to whom, and what went. */
export const ForwardedBody = z.object({
  entryId: z.string(),
  mechanism: z.string(),
  format: ForwardFormat,
  /** The organisations that receive for the mechanism (`PRESIDENCY` as a role), and NATO for the dialogue. */
  recipients: z.array(z.string()).min(1),
  /** The mechanism's own case reference, when its engagement has one. */
  reference: z.string().nullable(),
  summary: PreparedSummary,
});

export const ForwardRequest = z.strictObject({
  mechanism: z.string().trim().min(1).max(64),
});
export type ForwardRequest = z.infer<typeof ForwardRequest>;

export const Forward = z.object({
  id: z.string(),
  incidentId: z.string(),
  entryId: z.string(),
  mechanism: z.string(),
  mechanismName: z.string(),
  format: ForwardFormat,
  recipients: z.array(z.string()),
  reference: z.string().nullable(),
  forwardedBy: z.object({ organisation: z.string(), name: z.string() }),
  forwardedAt: z.string(),
  marking: z.string(),
  summary: PreparedSummary,
});
export type Forward = z.infer<typeof Forward>;

/** A mechanism an entry may go to now: engaged, receiving organisations within the entry's reach, not sent yet. */
export const ForwardTarget = z.object({
  mechanism: z.string(),
  name: z.string(),
  format: ForwardFormat,
  recipients: z.array(z.string()),
  reference: z.string().nullable(),
});
export type ForwardTarget = z.infer<typeof ForwardTarget>;

export const EntryForwarding = z.object({
  /** Where the reader may forward the entry; empty when they may not forward it at all. */
  targets: z.array(ForwardTarget),
  /** Forwards of this entry the reader may see. */
  forwarded: z.array(Forward),
});
export type EntryForwarding = z.infer<typeof EntryForwarding>;

export const IncidentForwards = z.object({ items: z.array(Forward) });
export type IncidentForwards = z.infer<typeof IncidentForwards>;

/** The summary a forward would send, before it is sent. */
export const ForwardPreview = z.object({
  mechanism: z.string(),
  format: ForwardFormat,
  recipients: z.array(z.string()),
  marking: z.string(),
  summary: PreparedSummary,
});
export type ForwardPreview = z.infer<typeof ForwardPreview>;

import { z } from 'zod';

export const TLP_MARKINGS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export const TlpMarking = z.enum(TLP_MARKINGS);
export type TlpMarking = z.infer<typeof TlpMarking>;

/** FIRST's TLP 2.0 colours: the label's text colour on a black background. */
export const TLP_COLOURS: Record<TlpMarking, { text: string; background: string }> = {
  'TLP:CLEAR': { text: '#FFFFFF', background: '#000000' },
  'TLP:GREEN': { text: '#33FF00', background: '#000000' },
  'TLP:AMBER': { text: '#FFC000', background: '#000000' },
  'TLP:AMBER+STRICT': { text: '#FFC000', background: '#000000' },
  'TLP:RED': { text: '#FF2B2B', background: '#000000' },
};

/** What each marking lets a reader do with an entry beyond the platform, in plain words. */
export const TLP_MEANINGS: Record<TlpMarking, string> = {
  'TLP:CLEAR': 'May be published: no limit on disclosure.',
  'TLP:GREEN': 'Stays within the participating organisations and their communities; not for publication.',
  'TLP:AMBER':
    "Recipients may pass it to their own organisation's people who need to know, keeping the marking.",
  'TLP:AMBER+STRICT': 'Stays within the recipient organisations; not passed on, not exported.',
  'TLP:RED': 'For the named recipients only; never passed on or exported.',
};

const RANK: Record<TlpMarking, number> = {
  'TLP:CLEAR': 0,
  'TLP:GREEN': 1,
  'TLP:AMBER': 2,
  'TLP:AMBER+STRICT': 3,
  'TLP:RED': 4,
};

export function markingRank(m: TlpMarking): number {
  return RANK[m];
}

/** The most restrictive marking among several; a compiled product with no entries is CLEAR. */
export function mostRestrictive(markings: Iterable<TlpMarking>): TlpMarking {
  let worst: TlpMarking = 'TLP:CLEAR';
  for (const m of markings) if (RANK[m] > RANK[worst]) worst = m;
  return worst;
}

/** Markings a recipient may take beyond the platform in an export. */
export function exportableByRecipient(m: TlpMarking): boolean {
  return m !== 'TLP:AMBER+STRICT' && m !== 'TLP:RED';
}

export const WITHHOLDING_REASONS = [
  'national-security',
  'commercial-confidentiality',
  'ongoing-investigation',
] as const;
export const WithholdingReason = z.enum(WITHHOLDING_REASONS);
export type WithholdingReason = z.infer<typeof WithholdingReason>;

export const SharingGroup = z.object({
  id: z.string(),
  name: z.string(),
  ownerOrganisation: z.string(),
  hiddenMembership: z.boolean(),
  /** Empty for readers from whom the membership is hidden. */
  members: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SharingGroup = z.infer<typeof SharingGroup>;

/** Who can see an entry, resolved for the reader; a hidden group's members are not listed. */
export const WhoCanSee = z.object({
  organisations: z.array(z.string()),
  people: z.array(z.string()),
  natoLiaison: z.boolean(),
  hiddenGroup: z.string().nullable(),
});
export type WhoCanSee = z.infer<typeof WhoCanSee>;

/** What the signed-in caller may do anywhere: sent with `/api/me` so the web shows only allowed actions. */
export const MeAbilities = z.object({
  reportIncidents: z.boolean(),
  writeEntries: z.boolean(),
  manageSharingGroups: z.boolean(),
  administerUsers: z.boolean(),
  /** Roles this caller may give the users it creates. */
  assignableRoles: z.array(z.enum(['coordinator', 'viewer', 'org-admin', 'admin'])),
  manageWallScreens: z.boolean(),
  /** Register, change, resume and remove the organisation's webhooks, and read their delivery log. */
  manageWebhooks: z.boolean(),
  /** Whose contact point this caller keeps: every organisation's, its own, or none. */
  editContactPoints: z.enum(['all', 'own', 'none']),
  /** Adds to and changes the CEPES register (ERCC coordinators). */
  keepCepesRegister: z.boolean(),
  /** Sees the board of open requests for assistance across incidents (ERCC). */
  readAssistanceBoard: z.boolean(),
  /** Starts and steers exercises from the facilitator's page (ERCC coordinators, org-admins). */
  runExercises: z.boolean(),
  /** Has the "Recommendations for us" page: those addressed to its organisation in distributed reports. */
  readRecommendationsForUs: z.boolean(),
});
export type MeAbilities = z.infer<typeof MeAbilities>;

/** What the caller may do to help one user back into their account (the admin pages show exactly these). */
export const UserAbilities = z.object({
  unlock: z.boolean(),
  sendPasswordReset: z.boolean(),
  resetSecondFactor: z.boolean(),
});
export type UserAbilities = z.infer<typeof UserAbilities>;

/** What the caller may do with one incident, by the workflow, sitrep and merge rules (state checks aside). */
export const IncidentAbilities = z.object({
  activate: z.boolean(),
  deactivate: z.boolean(),
  reopen: z.boolean(),
  /** Ask the Presidency to open a consultation (an affected state, while none is open). */
  requestConsultation: z.boolean(),
  openConsultation: z.boolean(),
  /** Object to or consent in the open consultation (a consulted state, before its own deadline). */
  answerConsultation: z.boolean(),
  withdrawObjection: z.boolean(),
  addConsultationView: z.boolean(),
  giveAdvice: z.boolean(),
  /** Conclude the open consultation early (the Presidency, once every consulted state has answered). */
  concludeConsultation: z.boolean(),
  /** Close the open consultation early to decline (the Presidency). */
  declineConsultation: z.boolean(),
  compileSitrep: z.boolean(),
  /** Merge this incident, as a duplicate, into another one. */
  mergeAway: z.boolean(),
  /** Release the incident to NATO by releasing its first report (its reporting organisation's coordinators). */
  releaseToNato: z.boolean().default(false),
  writeEntries: z.boolean(),
  /** The mechanisms the reader may record, and how: who records follows who runs it (IPCR: the Presidency's). */
  mechanisms: z.array(
    z.object({
      mechanism: z.string(),
      activate: z.boolean(),
      modes: z.array(z.string()),
      standDown: z.boolean(),
    }),
  ),
  /** Record a CER Art. 15 step (a member state's coordinators). */
  recordCerSteps: z.boolean(),
  /** Say whether the reader's own state's capacity is overwhelmed (a member state's coordinators). */
  reportCapacity: z.boolean(),
});
export type IncidentAbilities = z.infer<typeof IncidentAbilities>;

/** What a list of incidents says the reader may do with each, without loading each incident's workflow. */
export const IncidentSummaryAbilities = IncidentAbilities.pick({ mergeAway: true });
export type IncidentSummaryAbilities = z.infer<typeof IncidentSummaryAbilities>;

/** What the reader may do with one entry of the log. */
export const EntryAbilities = z.object({
  /** Change its marking, audience or NATO release. */
  changeReach: z.boolean(),
  attach: z.boolean(),
  /** Supersede it with a correction (a note that rewords it). */
  correct: z.boolean(),
  /** Withdraw it with a retraction: never the incident's first report, which is corrected instead. */
  retract: z.boolean(),
});
export type EntryAbilities = z.infer<typeof EntryAbilities>;

export const SitrepAbilities = z.object({
  edit: z.boolean(),
  contribute: z.boolean(),
  approve: z.boolean(),
  /** The reader would approve but compiled it, and four eyes are asked: another person of ERCC or the Presidency must. */
  awaitsSecondApprover: z.boolean(),
});
export type SitrepAbilities = z.infer<typeof SitrepAbilities>;

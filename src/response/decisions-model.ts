import { z } from 'zod';

/**
 * Decisions and action items (BLUEPRINT.md §4, issue 12 item 4). Both are entries in the incident's log, so their
 * marking and audience decide who sees them on every read path like any entry; an action's current state is a
 * projection over its own entry and the status entries that reference it.
 */

/** Operational/technical (the duty officers, the technical groups) or strategic/political (IPCR, ministers). */
export const DECISION_LEVELS = ['operational', 'strategic'] as const;
export const DecisionLevel = z.enum(DECISION_LEVELS);
export type DecisionLevel = z.infer<typeof DecisionLevel>;

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** The reach an author chooses; RED is for named people and belongs in a note, not in a shared decision log. */
const ChosenReach = {
  marking: z.enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT']).default('TLP:GREEN'),
  audience: z.array(z.string().min(2).max(32)).max(64).optional(),
};

const Id = z.string().min(1).max(64);
const Time = z.iso.datetime({ offset: true });

/**
 * The hybrid-response track a decision belongs to (src/sharing/tracks.ts): consequence management, or attribution
 * and response to the actor, whose decisions go to the EEAS and the affected states when no audience is chosen.
 */
export const DecisionTrack = z.enum(['consequence-management', 'attribution']);
export type DecisionTrack = z.infer<typeof DecisionTrack>;

export const NewDecision = z.strictObject({
  level: DecisionLevel,
  /** Who decided, in words: "IPCR roundtable", "ENTSO-E and the TSOs of FI and EE". */
  decidedBy: z.string().trim().min(1).max(300),
  what: z.string().trim().min(1).max(5000),
  rationale: z.string().trim().max(5000).default(''),
  linkedEntries: z.array(Id).max(50).default([]),
  meetingId: Id.optional(),
  /** Absent: consequence management. */
  track: DecisionTrack.optional(),
  ...ChosenReach,
});
export type NewDecision = z.infer<typeof NewDecision>;

export const Decision = z.object({
  id: z.string(),
  incidentId: z.string(),
  level: DecisionLevel,
  decidedBy: z.string(),
  what: z.string(),
  rationale: z.string(),
  linkedEntries: z.array(z.string()),
  meetingId: z.string().nullable(),
  track: DecisionTrack,
  recordedBy: z.object({ organisation: z.string(), name: z.string() }),
  recordedAt: z.string(),
  marking: z.string(),
  audience: z.array(z.string()),
});
export type Decision = z.infer<typeof Decision>;

export const NewAction = z.strictObject({
  title: z.string().trim().min(1).max(500),
  details: z.string().trim().max(5000).default(''),
  ownerOrganisation: z.string().min(2).max(32),
  /** An account of the owner organisation; absent, the organisation assigns it later (or acts as a whole). */
  assigneeUserId: Id.optional(),
  dueAt: Time.optional(),
  decisionId: Id.optional(),
  meetingId: Id.optional(),
  ...ChosenReach,
});
export type NewAction = z.infer<typeof NewAction>;

export const ActionStatusRequest = z.strictObject({
  status: ActionStatus,
  note: z.string().trim().max(2000).default(''),
});
export type ActionStatusRequest = z.infer<typeof ActionStatusRequest>;

export const ActionItem = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentTitle: z.string(),
  title: z.string(),
  details: z.string(),
  ownerOrganisation: z.string(),
  assignee: z.object({ userId: z.string(), name: z.string() }).nullable(),
  dueAt: z.string().nullable(),
  decisionId: z.string().nullable(),
  meetingId: z.string().nullable(),
  status: ActionStatus,
  /** Open past its due time by the platform's clock. */
  overdue: z.boolean(),
  createdBy: z.object({ userId: z.string(), organisation: z.string(), name: z.string() }),
  createdAt: z.string(),
  /** Who set the latest status, and when; null while no one has. */
  lastChange: z
    .object({
      status: ActionStatus,
      organisation: z.string(),
      name: z.string(),
      at: z.string(),
      note: z.string(),
    })
    .nullable(),
  marking: z.string(),
  audience: z.array(z.string()),
  abilities: z.object({ changeStatus: z.boolean() }),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const IncidentDecisions = z.object({
  decisions: z.array(Decision),
  actions: z.array(ActionItem),
  abilities: z.object({ recordDecision: z.boolean(), createAction: z.boolean() }),
});
export type IncidentDecisions = z.infer<typeof IncidentDecisions>;

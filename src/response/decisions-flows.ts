import { notifyActionAssigned } from '../alerting/action-assigned.js';
import { readerOf } from '../entries/flows.js';
import { attributionTrackAudience } from '../entries/track-audience.js';
import { openIncident } from '../incidents/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import { isParticipatingOrganisation } from '../registry/organisations.js';
import * as policy from '../sharing/decisions.js';
import { defaultAudience } from '../sharing/entries.js';
import * as incidentPolicy from '../sharing/incidents.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { PRESIDENCY } from '../sharing/presidency.js';
import { trackOf } from '../sharing/tracks.js';
import type {
  ActionItem,
  ActionStatusRequest,
  Decision,
  IncidentDecisions,
  NewAction,
  NewDecision,
} from './decisions-model.js';
import {
  type ActionState,
  byUrgency,
  decisionsOf,
  projectActions,
  type ResponseEntry,
  statusChangeProblem,
} from './decisions-rules.js';
import {
  getAccount,
  getAccountNames,
  getAssignableAccounts,
  getVisibleResponseEntries,
  getVisibleSupersessions,
  lockEntry,
  visibleEntryIds,
} from './decisions-store.js';

const KINDS = ['decision', 'action', 'action-status', 'meeting'] as const;

/** The audience an author chose, or everyone; NATO is added only by release, never listed. */
export function chosenAudience(
  chosen: readonly string[] | undefined,
  mustInclude: readonly string[],
): string[] {
  const audience = chosen ?? defaultAudience();
  for (const [i, o] of audience.entries()) {
    if (o === 'NATO')
      throw new Invalid('audience: NATO is reached by release to NATO, never listed', `audience.${i}`);
    if (o !== PRESIDENCY && !isParticipatingOrganisation(o))
      throw new Invalid(`audience: ${o} is not a participating organisation`, `audience.${i}`);
  }
  return [...new Set([...audience, ...mustInclude])];
}

export function decisionView(e: ResponseEntry): Decision {
  const b = e.body;
  return {
    id: e.id,
    incidentId: e.incidentId,
    level: b.level as Decision['level'],
    decidedBy: String(b.decidedBy ?? ''),
    what: String(b.what ?? ''),
    rationale: String(b.rationale ?? ''),
    linkedEntries: Array.isArray(b.linkedEntries) ? (b.linkedEntries as string[]) : [],
    meetingId: (b.meetingId as string | null) ?? null,
    track: trackOf(b),
    recordedBy: { organisation: e.authorOrg, name: e.authorName },
    recordedAt: e.createdAt,
    marking: e.marking,
    audience: e.audience,
  };
}

function actionView(actor: Actor, a: ActionState, names: Map<string, string>): ActionItem {
  const b = a.entry.body;
  const assigneeUserId = (b.assigneeUserId as string | null) ?? null;
  const ownerOrganisation = String(b.ownerOrganisation ?? '');
  return {
    id: a.entry.id,
    incidentId: a.entry.incidentId,
    incidentTitle: a.entry.incidentTitle,
    title: String(b.title ?? ''),
    details: String(b.details ?? ''),
    ownerOrganisation,
    assignee: assigneeUserId ? { userId: assigneeUserId, name: names.get(assigneeUserId) ?? '' } : null,
    dueAt: (b.dueAt as string | null) ?? null,
    decisionId: (b.decisionId as string | null) ?? null,
    meetingId: (b.meetingId as string | null) ?? null,
    status: a.status,
    overdue: a.overdue,
    createdBy: { userId: a.entry.authorUserId, organisation: a.entry.authorOrg, name: a.entry.authorName },
    createdAt: a.entry.createdAt,
    lastChange: a.lastChange,
    marking: a.entry.marking,
    audience: a.entry.audience,
    abilities: {
      changeStatus: isAllowed(policy.changeActionStatus, actor, {
        ownerOrganisation,
        createdByUserId: a.entry.authorUserId,
      }),
    },
  };
}

/** The actions among `entries` as this reader sees them now, with their assignees' names read in one query. */
export async function actionItems(
  db: Parameters<typeof getAccountNames>[0],
  actor: Actor,
  entries: readonly ResponseEntry[],
  now: Date,
): Promise<ActionItem[]> {
  const states = projectActions(entries, now).sort(byUrgency);
  const names = await getAccountNames(
    db,
    states.map((s) => s.entry.body.assigneeUserId).filter((id): id is string => typeof id === 'string'),
  );
  return states.map((s) => actionView(actor, s, names));
}

/** The incident's decision log and action items as this reader may see them. */
export async function listDecisions(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<IncidentDecisions> {
  const db = platform.db.kysely;
  await visibleIncidentRow(db, actor, incidentId);
  const reader = readerOf(actor);
  const entries = await getVisibleResponseEntries(db, reader, KINDS, { incidentId });
  const supersessions = await getVisibleSupersessions(
    db,
    reader,
    entries.filter((e) => e.kind === 'decision').map((e) => e.id),
  );
  return {
    decisions: decisionsOf(entries, supersessions).map(decisionView),
    actions: await actionItems(db, actor, entries, platform.clock.now()),
    abilities: {
      recordDecision: isAllowed(policy.recordDecision, actor),
      createAction: isAllowed(policy.createAction, actor),
    },
  };
}

/**
 * The reader's open actions across incidents: assigned to them, or to their organisation with no one named yet.
 * Three queries whatever the number of incidents and actions (the entries, the assignees' names, nothing per row).
 */
export async function myActions(platform: Platform, actor: Actor): Promise<ActionItem[]> {
  const db = platform.db.kysely;
  const entries = (
    await getVisibleResponseEntries(db, readerOf(actor), ['action', 'action-status'], {})
  ).filter((e) =>
    isAllowed(incidentPolicy.readIncident, actor, { releasableToNato: e.incidentReleasableToNato }),
  );
  const items = await actionItems(db, actor, entries, platform.clock.now());
  return items.filter(
    (a) =>
      a.status === 'open' &&
      (a.assignee?.userId === actor.userId ||
        (a.assignee === null && a.ownerOrganisation === actor.organisation)),
  );
}

/** A coordinator of a participating organisation records a decision, at its level, with the entries it rests on. */
export function recordDecision(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: NewDecision,
  idempotency?: IdempotencyScope,
): Promise<Decision> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    assertAllowed(policy.recordDecision, onlyAsRulesSay(policy.recordDecision), actor);
    const reader = readerOf(actor);
    const linked = await visibleEntryIds(w.trx, reader, incidentId, input.linkedEntries);
    for (const [i, id] of input.linkedEntries.entries())
      if (!linked.has(id))
        throw new Invalid(`linkedEntries: no entry ${id} in this incident`, `linkedEntries.${i}`);
    if (input.meetingId)
      await assertVisibleOfKind(w.trx, actor, incidentId, input.meetingId, 'meeting', 'meetingId');
    // Left without an audience, an attribution-track decision goes to the EEAS and the affected states, as a note does.
    const audience =
      input.audience ??
      (input.track === 'attribution' ? await attributionTrackAudience(w.trx, incidentId) : undefined);
    const appended = await appendEntry(w, {
      incidentId,
      kind: 'decision',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: input.marking,
      audience: chosenAudience(audience, []),
      recipients: [],
      releasableToNato: false,
      body: {
        level: input.level,
        decidedBy: input.decidedBy,
        what: input.what,
        rationale: input.rationale,
        linkedEntries: [...new Set(input.linkedEntries)],
        meetingId: input.meetingId ?? null,
        ...(input.track === 'attribution' ? { track: input.track } : {}),
      },
    });
    const [entry] = await getVisibleResponseEntries(w.trx, reader, ['decision'], { incidentId }).then(
      (rows) => rows.filter((r) => r.id === appended.id),
    );
    return decisionView(entry!);
  });
}

async function assertVisibleOfKind(
  db: Parameters<typeof getVisibleResponseEntries>[0],
  actor: Actor,
  incidentId: string,
  id: string,
  kind: string,
  field: string,
): Promise<ResponseEntry> {
  const found = (await getVisibleResponseEntries(db, readerOf(actor), [kind], { incidentId })).find(
    (e) => e.id === id,
  );
  if (!found) throw new Invalid(`${field}: no ${kind} ${id} in this incident`, field);
  // A retracted decision or meeting is gone from the decision log and the meetings: nothing comes out of it now.
  const latest = (await getVisibleSupersessions(db, readerOf(actor), [id])).at(-1);
  if (latest?.kind === 'retraction')
    throw new Invalid(`${field}: the ${kind} ${id} was retracted`, field, 'retracted');
  return found;
}

/**
 * An action item for an organisation, optionally for one of its people, from a decision or a meeting. The owner
 * organisation is always in its audience: an action its owner could not see would never be done.
 */
export function createAction(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: NewAction,
  idempotency?: IdempotencyScope,
): Promise<ActionItem> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    assertAllowed(policy.createAction, onlyAsRulesSay(policy.createAction), actor);
    if (!isParticipatingOrganisation(input.ownerOrganisation) || input.ownerOrganisation === 'NATO')
      throw new Invalid(
        `ownerOrganisation: ${input.ownerOrganisation} is not a participating organisation`,
        'ownerOrganisation',
      );
    if (input.assigneeUserId) {
      const account = await getAccount(w.trx, input.assigneeUserId);
      if (!account || account.role === 'admin' || account.organisation !== input.ownerOrganisation)
        throw new Invalid(
          `assigneeUserId: the assignee must be an active account of ${input.ownerOrganisation}`,
          'assigneeUserId',
        );
    }
    if (input.decisionId)
      await assertVisibleOfKind(w.trx, actor, incidentId, input.decisionId, 'decision', 'decisionId');
    if (input.meetingId)
      await assertVisibleOfKind(w.trx, actor, incidentId, input.meetingId, 'meeting', 'meetingId');
    const appended = await appendEntry(w, {
      incidentId,
      kind: 'action',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: input.marking,
      audience: chosenAudience(input.audience, [input.ownerOrganisation]),
      recipients: [],
      releasableToNato: false,
      body: {
        title: input.title,
        details: input.details,
        ownerOrganisation: input.ownerOrganisation,
        assigneeUserId: input.assigneeUserId ?? null,
        dueAt: input.dueAt ? new Date(input.dueAt).toISOString() : null,
        decisionId: input.decisionId ?? null,
        meetingId: input.meetingId ?? null,
      },
    });
    await notifyActionAssigned(w, {
      incidentId,
      entryId: appended.id,
      by: actor.organisation,
      ownerOrganisation: input.ownerOrganisation,
      assigneeUserId: input.assigneeUserId ?? null,
      dueAt: input.dueAt ? new Date(input.dueAt).toISOString() : null,
    });
    return actionIn(w.trx, actor, incidentId, appended.id, new Date(w.now));
  });
}

async function actionIn(
  db: Parameters<typeof getVisibleResponseEntries>[0],
  actor: Actor,
  incidentId: string,
  actionId: string,
  now: Date,
): Promise<ActionItem> {
  const entries = await getVisibleResponseEntries(db, readerOf(actor), ['action', 'action-status'], {
    incidentId,
  });
  const item = (await actionItems(db, actor, entries, now)).find((a) => a.id === actionId);
  if (!item) throw new NotFound(`no action ${actionId} in this incident`);
  return item;
}

/**
 * The owner organisation's coordinators, or the action's creator, mark it done, cancel it or reopen it. The status
 * entry carries the action's own reach, so whoever sees the action sees its state and no one else does.
 */
export function changeActionStatus(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  actionId: string,
  input: ActionStatusRequest,
  idempotency?: IdempotencyScope,
): Promise<ActionItem> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    await lockEntry(w, actionId);
    const now = new Date(w.now);
    const entries = await getVisibleResponseEntries(w.trx, readerOf(actor), ['action', 'action-status'], {
      incidentId,
    });
    const own = entries.find((e) => e.id === actionId && e.kind === 'action');
    const current = own && (await actionItems(w.trx, actor, entries, now)).find((a) => a.id === actionId);
    if (!own || !current) throw new NotFound(`no action ${actionId} in this incident`);
    assertAllowed(policy.changeActionStatus, onlyAsRulesSay(policy.changeActionStatus), actor, {
      ownerOrganisation: current.ownerOrganisation,
      createdByUserId: current.createdBy.userId,
    });
    if (statusChangeProblem(current.status, input.status))
      throw new Conflict(`the action is already ${input.status}`, 'status', 'unchanged');
    await appendEntry(w, {
      incidentId,
      kind: 'action-status',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: current.marking,
      audience: current.audience,
      recipients: [],
      releasableToNato: own.releasableToNato,
      body: { actionId, status: input.status, note: input.note },
    });
    return actionIn(w.trx, actor, incidentId, actionId, now);
  });
}

/** Whom an action for `organisation` can go to: for those who may create actions in an incident they can see. */
export async function assignableAccounts(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  organisation: string,
): Promise<{ userId: string; name: string; role: string }[]> {
  await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  assertAllowed(policy.createAction, onlyAsRulesSay(policy.createAction), actor);
  return getAssignableAccounts(platform.db.kysely, organisation);
}

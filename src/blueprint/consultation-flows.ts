/**
 * The commands of the Presidency's consultation on Union-level coordination (T3), a silence procedure (BLUEPRINT.md
 * §2). Each loads the incident under its row lock, decides with the pure rules and writes inside one `inWrite`.
 */
import { notify } from '../alerting/flows.js';
import { registerFor } from '../cepes/references.js';
import {
  appendFact,
  type IncidentRef,
  incidentFor,
  loadFacts,
  loadWorkflow,
  openIncident,
  reassess,
} from '../incidents/flows.js';
import type { Incident } from '../incidents/model.js';
import { currentFacts } from '../incidents/rules.js';
import * as incidentStore from '../incidents/store.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import type { JobHandler } from '../platform/jobs/runner.js';
import { schedule } from '../platform/jobs/store.js';
import { presidencyOf } from '../presidency/flows.js';
import { notifyAsked } from '../response/availability-asks.js';
import * as consultationRules from '../sharing/consultations.js';
import { assertAllowed } from '../sharing/policy.js';
import * as workflow from '../sharing/workflow.js';
import {
  conclude,
  consultationSituation,
  DEFAULT_LATE_JOINER_MINIMUM_MINUTES,
  deadlineOf,
  lateJoiners,
  openProcedure,
  silenceProcedures,
} from './consultation-rules.js';
import type { ConclusionReason, Proposal, SilenceProcedure } from './model.js';
import { activatingStates, activationState, assessIncidentFacts, type WorkflowFact } from './rules.js';

/** The job that concludes a silence procedure when its last deadline passes. */
export const CONCLUDE_CONSULTATION_JOB = 'consultation.conclude';

/** Everything a consultation command decides on, read inside its transaction. */
async function situationOf(w: WriteContext, incidentId: string) {
  const [facts, flow] = await Promise.all([loadFacts(w.trx, incidentId), loadWorkflow(w.trx, incidentId)]);
  const report = currentFacts(facts);
  // The register's verdicts decide which entities are CEPES, and so which states are affected by one.
  const register = await registerFor(w.trx, report.entities);
  const assessment = assessIncidentFacts(report, register);
  const procedures = silenceProcedures(flow);
  const open = openProcedure(procedures);
  const presidency = await presidencyOf(w.trx, incidentId);
  const activation = activationState(flow);
  const affected = activatingStates(report, register);
  const context: consultationRules.ConsultationContext = {
    ...consultationSituation(open, assessment.significantlyAffected, w.now),
    affectedStates: affected,
    presidency,
  };
  const workflowContext: workflow.WorkflowContext = {
    activatingStates: affected,
    activators: activation.activatedBy ? [activation.activatedBy, ...activation.joinedBy] : [],
    significantlyAffected: assessment.significantlyAffected,
    presidency,
  };
  return { assessment, procedures, open, presidency, context, workflowContext };
}
type Situation = Awaited<ReturnType<typeof situationOf>>;

function step(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  idempotency: IdempotencyScope | undefined,
  run: (w: WriteContext, s: Situation, incident: IncidentRef) => Promise<void>,
) {
  return inWrite(platform, { actor, idempotency }, async (w): Promise<Incident> => {
    // Locks the incident's row on PostgreSQL: two answers or an answer and the conclusion never interleave.
    const incident = await openIncident(w, actor, incidentId);
    await run(w, await situationOf(w, incidentId), incident);
    return incidentFor(w.trx, actor, incidentId, new Date(w.now));
  });
}

function mustBeDecisionRequired(s: Situation) {
  if (s.assessment.status !== 'decision-required') {
    throw new Conflict(
      `a consultation is for incidents whose status is decision-required; it is ${s.assessment.status}`,
      'status',
      'no-decision-required',
    );
  }
}

/** The open procedure this command is about; a concluded one or one under the earlier rule is 409. */
function openProcedureOrThrow(s: Situation, consultationId: string): SilenceProcedure {
  const c = s.procedures.find((x) => x.id === consultationId);
  if (!c) {
    throw new NotFound(`no consultation ${consultationId} under the silence procedure`);
  }
  if (!c.open) throw new Conflict('this consultation has concluded', 'consultation', 'consultation-closed');
  return c;
}

function scheduleConclusion(w: WriteContext, incidentId: string, consultationId: string, at: string) {
  return schedule(w, {
    kind: CONCLUDE_CONSULTATION_JOB,
    runAt: at,
    payload: { incidentId, consultationId },
    key: `${CONCLUDE_CONSULTATION_JOB}:${consultationId}:${at}`,
  });
}

/** An affected state asks the Presidency to consult; the Presidency holder at this instant is alerted. */
export function requestConsultation(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: { text: string },
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    if (s.open) throw new Conflict('a consultation is already open', 'consultation', 'consultation-open');
    assertAllowed(
      consultationRules.requestConsultation,
      'only coordinators of an affected member state request a consultation',
      actor,
      s.context,
    );
    mustBeDecisionRequired(s);
    if (!s.presidency) {
      throw new Conflict(
        'no member state holds the Presidency now to be asked',
        'presidency',
        'no-presidency',
      );
    }
    await appendFact(w, platform, incident, actor, 'consultation-requested', { text: input.text });
    await notify(w, {
      organisations: [s.presidency],
      kind: 'consultation-requested',
      incidentId: incident.id,
      body: { by: actor.organisation },
    });
  });
}

/**
 * The Presidency opens a silence procedure with its proposal and a deadline; the significantly affected states are
 * consulted at once, ERCC is asked for the Commission's advice, and the platform concludes at the last deadline.
 */
export function openConsultation(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: {
    proposal: Proposal;
    deadline: string;
    lateJoinerMinimumMinutes?: number | undefined;
    text?: string | undefined;
  },
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    assertAllowed(
      workflow.openConsultation,
      'only the Presidency opens a consultation',
      actor,
      s.workflowContext,
    );
    mustBeDecisionRequired(s);
    if (s.open) throw new Conflict('a consultation is already open', 'consultation', 'consultation-open');
    const deadline = new Date(input.deadline).toISOString();
    if (Date.parse(deadline) <= Date.parse(w.now))
      throw new Invalid('deadline: must be in the future', 'deadline');
    const consulted = s.assessment.significantlyAffected.map((memberState) => ({ memberState, deadline }));
    const opened = await appendFact(w, platform, incident, actor, 'silence-procedure-opened', {
      proposal: input.proposal,
      deadline,
      lateJoinerMinimumMinutes: input.lateJoinerMinimumMinutes ?? DEFAULT_LATE_JOINER_MINIMUM_MINUTES,
      text: input.text ?? '',
      consulted,
    });
    await scheduleConclusion(w, incident.id, opened.id, deadline);
    await notifyAsked(w, {
      organisations: consulted.map((c) => c.memberState),
      kind: 'consultation-opened',
      incidentId: incident.id,
      body: { by: actor.organisation, proposal: input.proposal, deadline, role: 'consulted' },
    });
    await notify(w, {
      organisations: ['ERCC'].filter((o) => o !== actor.organisation),
      kind: 'consultation-opened',
      incidentId: incident.id,
      body: { by: actor.organisation, proposal: input.proposal, deadline, role: 'advice' },
    });
  });
}

/** Refuses an answer after the state's own deadline with 409, and one by a state not consulted with 403. */
function mayAnswerOrThrow(s: Situation, c: SilenceProcedure, actor: Actor, now: string) {
  const deadline = deadlineOf(c, actor.organisation);
  if (deadline !== undefined && Date.parse(now) >= Date.parse(deadline)) {
    throw new Conflict(`your deadline (${deadline}) has passed`, 'deadline', 'deadline-passed');
  }
  assertAllowed(
    consultationRules.answerConsultation,
    'only coordinators of a consulted member state object or consent',
    actor,
    s.context,
  );
}

/** A consulted state objects, with its reason; the Presidency is told. */
export function object(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  consultationId: string,
  input: { reason: string },
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    const c = openProcedureOrThrow(s, consultationId);
    mayAnswerOrThrow(s, c, actor, w.now);
    await appendFact(w, platform, incident, actor, 'silence-procedure-objection', {
      consultationId,
      text: input.reason,
    });
    await notify(w, {
      organisations: [s.presidency ?? c.openedBy].filter((o) => o !== actor.organisation),
      kind: 'consultation-objection',
      incidentId: incident.id,
      body: { by: actor.organisation, consultationId },
    });
  });
}

/** A consulted state consents, so the consultation can conclude before the deadline. */
export function consent(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  consultationId: string,
  input: { text?: string | undefined },
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    const c = openProcedureOrThrow(s, consultationId);
    mayAnswerOrThrow(s, c, actor, w.now);
    await appendFact(w, platform, incident, actor, 'silence-procedure-consent', {
      consultationId,
      text: input.text ?? '',
    });
  });
}

/** A state withdraws its objection before its own deadline; its silence is consent again. */
export function withdrawObjection(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  consultationId: string,
  input: { text?: string | undefined },
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    const c = openProcedureOrThrow(s, consultationId);
    mayAnswerOrThrow(s, c, actor, w.now);
    if (!s.context.objecting.includes(actor.organisation)) {
      throw new Conflict(`${actor.organisation} has no standing objection`, 'objection', 'no-objection');
    }
    assertAllowed(
      consultationRules.withdrawObjection,
      'only the objecting state withdraws',
      actor,
      s.context,
    );
    await appendFact(w, platform, incident, actor, 'silence-procedure-objection-withdrawn', {
      consultationId,
      text: input.text ?? '',
    });
    await notify(w, {
      organisations: [s.presidency ?? c.openedBy].filter((o) => o !== actor.organisation),
      kind: 'consultation-objection-withdrawn',
      incidentId: incident.id,
      body: { by: actor.organisation, consultationId },
    });
  });
}

/** Any participating organisation adds its view to an open consultation. */
export function addView(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  consultationId: string,
  input: { text: string },
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    openProcedureOrThrow(s, consultationId);
    assertAllowed(consultationRules.addView, 'only participating organisations add a view', actor, s.context);
    await appendFact(w, platform, incident, actor, 'silence-procedure-view', {
      consultationId,
      text: input.text,
    });
  });
}

/** ERCC gives the Commission's advice on an open consultation. */
export function giveAdvice(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  consultationId: string,
  text: string,
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    openProcedureOrThrow(s, consultationId);
    assertAllowed(workflow.giveAdvice, "only ERCC gives the Commission's advice", actor, s.workflowContext);
    await appendFact(w, platform, incident, actor, 'consultation-advice', { consultationId, text });
  });
}

/**
 * The Presidency ends the consultation early: to decline (always possible while open), or to conclude once every
 * consulted state has answered (then the outcome is the procedure's own: agreed unless an objection stands).
 */
export function endEarly(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  consultationId: string,
  input: { reason: 'declined' | 'all-answered'; text?: string | undefined },
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    const c = openProcedureOrThrow(s, consultationId);
    assertAllowed(
      consultationRules.declineConsultation,
      'only the Presidency ends a consultation early',
      actor,
      s.context,
    );
    const conclusion = conclude(c, s.assessment.significantlyAffected, w.now, input.reason);
    if (!conclusion.ok) throw new Conflict(conclusion.message, 'consultation', conclusion.code);
    await finish(w, platform, incident, actor, c, s, {
      ...conclusion.body,
      text: input.text ?? '',
      byPlatform: false,
    });
  });
}

async function finish(
  w: WriteContext,
  platform: Platform,
  incident: IncidentRef,
  author: Pick<Actor, 'userId' | 'organisation'>,
  c: SilenceProcedure,
  s: Situation,
  body: {
    outcome: 'agreed' | 'not-agreed' | 'declined';
    agreed: boolean;
    reason: ConclusionReason;
    standingObjections: string[];
    text: string;
    byPlatform: boolean;
  },
) {
  await appendFact(w, platform, incident, author, 'silence-procedure-concluded', {
    consultationId: c.id,
    ...body,
  });
  await reassess(w, platform, incident, author);
  await notify(w, {
    // When the platform concludes, the Presidency learns it like everyone else; when it concluded, it knows.
    organisations: [
      ...c.consulted.map((x) => x.memberState),
      ...s.assessment.significantlyAffected,
      'ERCC',
      s.presidency ?? c.openedBy,
    ].filter((o) => body.byPlatform || o !== author.organisation),
    kind: 'consultation-concluded',
    incidentId: incident.id,
    body: { consultationId: c.id, outcome: body.outcome, agreed: body.agreed, reason: body.reason },
  });
}

/**
 * When the last deadline of a procedure has passed, the platform concludes it on the Presidency's behalf (the entry
 * is written as the procedure's opener: silence procedures conclude by themselves). A job for an earlier deadline
 * that a late joiner moved does nothing; the job for the later one concludes.
 */
export function concludeConsultationJob(platform: Platform): JobHandler {
  return {
    kind: CONCLUDE_CONSULTATION_JOB,
    async run(w, job) {
      const { incidentId, consultationId } = job.payload as { incidentId: string; consultationId: string };
      const row = await incidentStore.getIncident(w.trx, incidentId, w.engine === 'postgres');
      if (!row || row.merged_into) return;
      const s = await situationOf(w, incidentId);
      const c = s.procedures.find((x) => x.id === consultationId);
      if (!c) return;
      const conclusion = conclude(c, s.assessment.significantlyAffected, w.now, 'deadline');
      if (!conclusion.ok) return;
      const opener = await w.trx
        .selectFrom('entries')
        .select(['author_user_id', 'author_org'])
        .where('id', '=', consultationId)
        .executeTakeFirstOrThrow();
      const incident = { id: row.id, releasableToNato: row.releasable_to_nato === 1, title: row.title };
      const author = { userId: opener.author_user_id, organisation: opener.author_org };
      await finish(w, platform, incident, author, c, s, { ...conclusion.body, text: '', byPlatform: true });
    },
  };
}

/**
 * Consults at once every state that became significantly affected while a procedure is open (BLUEPRINT.md §2):
 * recorded on the procedure's behalf, notified, with its own deadline; a later last deadline gets its own job.
 * Called by the reassessment inside the write that changed the facts. Whether it wrote anything.
 */
export async function consultLateJoiners(
  w: WriteContext,
  platform: Platform,
  incident: IncidentRef,
  entries: ReadonlyArray<{
    id: string;
    kind: string;
    authorOrg: string;
    authorName: string;
    authorUserId: string;
    createdAt: string;
    body: string;
  }>,
  significantlyAffected: readonly string[],
): Promise<boolean> {
  if (!entries.some((e) => e.kind === 'silence-procedure-opened')) return false;
  const facts: WorkflowFact[] = entries.map((e) => ({
    id: e.id,
    kind: e.kind,
    authorOrg: e.authorOrg,
    authorName: e.authorName,
    createdAt: e.createdAt,
    body: JSON.parse(e.body) as Record<string, unknown>,
  }));
  const c = openProcedure(silenceProcedures(facts));
  if (!c) return false;
  const joining = lateJoiners(c, significantlyAffected, w.now);
  if (joining.length === 0) return false;
  const opener = entries.find((e) => e.id === c.id)!;
  const author = { userId: opener.authorUserId, organisation: opener.authorOrg };
  for (const joiner of joining) {
    await appendFact(w, platform, incident, author, 'silence-procedure-consulted', {
      consultationId: c.id,
      ...joiner,
    });
    if (Date.parse(joiner.deadline) > Date.parse(c.lastDeadline))
      await scheduleConclusion(w, incident.id, c.id, joiner.deadline);
    await notifyAsked(w, {
      organisations: [joiner.memberState],
      kind: 'consultation-opened',
      incidentId: incident.id,
      body: {
        by: c.openedBy,
        proposal: c.proposal,
        deadline: joiner.deadline,
        role: 'consulted',
        late: true,
      },
    });
  }
  return true;
}

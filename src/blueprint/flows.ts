import { notify } from '../alerting/flows.js';
import { registerFor } from '../cepes/references.js';
import { appendFact, incidentFor, loadFacts, loadWorkflow, openIncident } from '../incidents/flows.js';
import type { Incident } from '../incidents/model.js';
import { currentFacts } from '../incidents/rules.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict } from '../platform/errors.js';
import { presidencyOf } from '../presidency/flows.js';
import { assertAllowed } from '../sharing/policy.js';
import * as workflow from '../sharing/workflow.js';
import { activatingStates, activationState, assessIncident } from './rules.js';

/**
 * The NATO liaison follows an activation through the EU–NATO structured dialogue: activation, joining, deactivation
 * and reopening are facts released with the incident (their entries carry the incident's release), so it is told of
 * them on an incident released to NATO; the sharing rules keep it out of any other (src/sharing/notifications.ts).
 */
const NATO_FOLLOWS = ['NATO'] as const;

/** Everything a workflow step decides on, read inside its transaction so two steps never act on a stale state. */
async function situation(w: WriteContext, incidentId: string) {
  const [facts, flow] = await Promise.all([loadFacts(w.trx, incidentId), loadWorkflow(w.trx, incidentId)]);
  const report = currentFacts(facts);
  // States served by a disrupted CEPES activate too: the register's verdicts decide which entities are CEPES.
  const register = await registerFor(w.trx, report.entities);
  const assessment = assessIncident(report, register);
  const activation = activationState(flow);
  const presidency = await presidencyOf(w.trx, incidentId);
  const context: workflow.WorkflowContext = {
    activatingStates: activatingStates(report, register),
    activators: activation.activatedBy ? [activation.activatedBy, ...activation.joinedBy] : [],
    significantlyAffected: assessment.significantlyAffected,
    presidency,
  };
  return { assessment, activation, presidency, context };
}

type Step = (
  w: WriteContext,
  s: Awaited<ReturnType<typeof situation>>,
  incident: Awaited<ReturnType<typeof openIncident>>,
) => Promise<void>;

/**
 * Runs one workflow step: load the incident (visible, not merged) and its situation under the write lock, apply the
 * step, answer with the incident. Nothing is read before the transaction opens, so no step decides on a stale state.
 */
async function step(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  idempotency: IdempotencyScope | undefined,
  run: Step,
) {
  return inWrite(platform, { actor, idempotency }, async (w): Promise<Incident> => {
    const incident = await openIncident(w, actor, incidentId);
    await run(w, await situation(w, incidentId), incident);
    return incidentFor(w.trx, actor, incidentId, new Date(w.now));
  });
}

/**
 * Activates the Blueprint (or joins an activation). Only when its status is *applies*, and only by an affected
 * member state; the Presidency holder at this instant, ERCC and the other affected states are notified.
 */
export function activate(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  idempotency?: IdempotencyScope,
  reason?: string,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    if (s.assessment.status !== 'applies') {
      throw new Conflict(
        `the Blueprint applies only when a trigger is met; the status is ${s.assessment.status}`,
        'status',
        'not-applicable',
      );
    }
    assertAllowed(
      workflow.activate,
      'only coordinators of an affected member state activate the Blueprint',
      actor,
      s.context,
    );
    if (s.activation.state === 'deactivated')
      throw new Conflict('the Blueprint was deactivated; reopen it instead', 'state', 'deactivated');
    const joining = s.activation.state === 'active';
    if (joining && s.context.activators.includes(actor.organisation)) {
      throw new Conflict(
        `${actor.organisation} already takes part in this activation`,
        'state',
        'already-active',
      );
    }
    await appendFact(w, platform, incident, actor, joining ? 'activation-joined' : 'activation', {
      presidency: s.presidency,
      status: s.assessment.status,
      met: s.assessment.triggers.filter((t) => t.met).map((t) => t.id),
      ...(reason ? { reason } : {}),
    });
    if (!joining) {
      await w.trx
        .updateTable('incidents')
        .set({ blueprint_state: 'active', activated_at: w.now })
        .where('id', '=', incidentId)
        .execute();
    }
    await notify(w, {
      organisations: [...s.context.activatingStates, 'ERCC', s.presidency ?? '', ...NATO_FOLLOWS].filter(
        (o) => o && o !== actor.organisation,
      ),
      kind: joining ? 'activation-joined' : 'activation',
      incidentId,
      body: { by: actor.organisation, presidency: s.presidency },
      releasedToNato: incident.releasableToNato,
    });
  });
}

export function deactivate(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  summary: string,
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    if (s.activation.state !== 'active')
      throw new Conflict('the Blueprint is not active for this incident', 'state', 'not-active');
    assertAllowed(
      workflow.deactivate,
      'only a state that activated or joined, or the Presidency, deactivates',
      actor,
      s.context,
    );
    await appendFact(w, platform, incident, actor, 'deactivation', { text: summary });
    await w.trx
      .updateTable('incidents')
      .set({ blueprint_state: 'deactivated' })
      .where('id', '=', incidentId)
      .execute();
    await notify(w, {
      organisations: [
        ...s.context.activators,
        ...s.context.activatingStates,
        'ERCC',
        s.presidency ?? '',
        ...NATO_FOLLOWS,
      ].filter((o) => o && o !== actor.organisation),
      kind: 'deactivation',
      incidentId,
      body: { by: actor.organisation },
      releasedToNato: incident.releasableToNato,
    });
  });
}

export function reopen(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  reason: string,
  idempotency?: IdempotencyScope,
) {
  return step(platform, actor, incidentId, idempotency, async (w, s, incident) => {
    if (s.activation.state !== 'deactivated')
      throw new Conflict('only a deactivated Blueprint can be reopened', 'state', 'not-deactivated');
    assertAllowed(
      workflow.reopen,
      'only an affected state or the Presidency reopens the Blueprint',
      actor,
      s.context,
    );
    await appendFact(w, platform, incident, actor, 'reopening', { text: reason });
    await w.trx
      .updateTable('incidents')
      .set({ blueprint_state: 'active' })
      .where('id', '=', incidentId)
      .execute();
    await notify(w, {
      organisations: [...s.context.activators, 'ERCC', s.presidency ?? '', ...NATO_FOLLOWS].filter(
        (o) => o && o !== actor.organisation,
      ),
      kind: 'reopening',
      incidentId,
      body: { by: actor.organisation },
      releasedToNato: incident.releasableToNato,
    });
  });
}

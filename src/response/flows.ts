import { notify } from '../alerting/flows.js';
import { appendFact, incidentFor, loadWorkflow, openIncident } from '../incidents/flows.js';
import type { Incident } from '../incidents/model.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { Conflict, Invalid } from '../platform/errors.js';
import { presidencyOf } from '../presidency/flows.js';
import { isMemberState, normaliseCountryCode } from '../registry/countries.js';
import { mechanismById } from '../registry/mechanisms.js';
import * as mechanismPolicy from '../sharing/mechanisms.js';
import { assertAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import * as responsePolicy from '../sharing/response.js';
import type { CapacityRequest, CerStepRequest } from './model.js';
import { activeMechanisms } from './rules.js';

export interface MechanismInput {
  mechanism: string;
  state: 'requested' | 'activated' | 'deactivated';
  mode?: string | undefined;
  reference?: string | undefined;
  leadContact?: string | undefined;
  note?: string | undefined;
}

/**
 * Records that an existing EU mechanism was activated or stood down for this incident, with its case reference. Who
 * may record follows who runs it (src/sharing/mechanisms.ts), decided on the Presidency holder at this instant inside
 * the write. Information-sharing mode recorded by the GSC, ERCC or EEAS is in consultation with the Presidency, who
 * is notified; invoking the solidarity clause means full IPCR activation, recorded with it.
 */
export function recordMechanism(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: MechanismInput,
  idempotency?: IdempotencyScope,
): Promise<Incident> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await openIncident(w, actor, incidentId);
    const mechanism = mechanismById(input.mechanism);
    if (!mechanism) throw new Invalid(`mechanism: unknown mechanism "${input.mechanism}"`, 'mechanism');
    if (input.mode && !(mechanism.modes ?? []).includes(input.mode)) {
      const hint =
        mechanism.id === 'ipcr' && input.mode === 'monitoring' ? ' (monitoring is its default watch)' : '';
      throw new Invalid(`mode: ${mechanism.name} has no mode "${input.mode}"${hint}`, 'mode');
    }
    if (mechanism.id === 'ipcr' && input.state === 'activated' && !input.mode) {
      throw new Invalid('mode: say which IPCR mode: information-sharing or full-activation', 'mode');
    }
    // The incident's holder (an exercise's from its scenario, else the calendar's), read in this transaction.
    const presidency = await presidencyOf(w.trx, incidentId);
    const recording: mechanismPolicy.MechanismRecording = {
      mechanism,
      state: input.state,
      mode: input.mode ?? null,
      presidency,
    };
    const rules = mechanism.id === 'ipcr' ? mechanismPolicy.recordIpcr : mechanismPolicy.recordOtherMechanism;
    assertAllowed(rules, onlyAsRulesSay(rules), actor, recording);
    const consulting = mechanismPolicy.inConsultationWithPresidency(actor, recording);
    await appendFact(w, platform, incident, actor, 'mechanism', {
      mechanism: mechanism.id,
      state: input.state,
      mode: input.mode ?? null,
      reference: input.reference ?? null,
      leadContact: input.leadContact ?? null,
      text: input.note ?? '',
      ...(consulting ? { inConsultationWithPresidency: true } : {}),
    });
    if (consulting && presidency) {
      await notify(w, {
        organisations: [presidency],
        kind: 'ipcr-information-sharing',
        incidentId,
        body: { by: actor.organisation, mode: input.mode ?? null },
      });
    }
    if (mechanism.id === 'solidarity-clause' && input.state === 'activated') {
      const ipcr = activeMechanisms(await loadWorkflow(w.trx, incidentId)).find(
        (m) => m.mechanism === 'ipcr',
      );
      if (ipcr?.mode !== 'full-activation') {
        await appendFact(w, platform, incident, actor, 'mechanism', {
          mechanism: 'ipcr',
          state: 'activated',
          mode: 'full-activation',
          reference: null,
          text: 'The solidarity clause (Art. 222 TFEU) was invoked: IPCR is fully activated.',
        });
      }
      await notify(w, {
        organisations: [presidency ?? '', 'GSC', 'ERCC'].filter((o) => o && o !== actor.organisation),
        kind: 'solidarity-clause-invoked',
        incidentId,
        body: { by: actor.organisation },
      });
    }
    return incidentFor(w.trx, actor, incidentId, new Date(w.now));
  });
}

/** The member states a request names, canonical; the first one that is not a member state is refused by its field. */
function memberStatesOf(codes: readonly string[]): string[] {
  return [
    ...new Set(
      codes.map((code, index) => {
        const canonical = normaliseCountryCode(code);
        if (!canonical || !isMemberState(canonical))
          throw new Invalid(
            `memberStates[${index}]: "${code}" is not an EU member state`,
            `memberStates[${index}]`,
          );
        return canonical;
      }),
    ),
  ].sort();
}

/**
 * Records a step of CER Art. 15 a member state took: its competent authority notified the Commission of an incident
 * affecting six or more member states (Art. 15(1), second subparagraph), or its single point of contact informed
 * those of other affected states (Art. 15(3)). A record of what was done, never a demand: nothing counts it as due.
 */
export function recordCerStep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: CerStepRequest,
  idempotency?: IdempotencyScope,
): Promise<Incident> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await openIncident(w, actor, incidentId);
    assertAllowed(responsePolicy.recordCerStep, onlyAsRulesSay(responsePolicy.recordCerStep), actor);
    const states = memberStatesOf(input.memberStates);
    if (input.kind === 'cer-commission-notified') {
      await appendFact(w, platform, incident, actor, 'cer-commission-notified', {
        memberStates: states,
        text: input.text ?? '',
      });
    } else {
      const informed = states.filter((s) => s !== actor.organisation);
      if (informed.length === 0)
        throw new Invalid(
          'memberStates: name the other member states whose contact points were informed',
          'memberStates',
        );
      await appendFact(w, platform, incident, actor, 'cer-spoc-informed', {
        informed,
        text: input.text ?? '',
      });
    }
    return incidentFor(w.trx, actor, incidentId, new Date(w.now));
  });
}

/**
 * A member state says, for itself alone, that its capacity to respond is overwhelmed, or no longer is. ERCC (which
 * runs UCPM) and the Presidency are told when it becomes overwhelmed; saying what already stands is a conflict.
 */
export function recordCapacity(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: CapacityRequest,
  idempotency?: IdempotencyScope,
): Promise<Incident> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await openIncident(w, actor, incidentId);
    assertAllowed(responsePolicy.reportCapacity, onlyAsRulesSay(responsePolicy.reportCapacity), actor);
    const current = await incidentFor(w.trx, actor, incidentId, new Date(w.now));
    if (current.capacityOverwhelmed.includes(actor.organisation) === input.overwhelmed) {
      throw new Conflict(
        input.overwhelmed
          ? `${actor.organisation} already said its capacity is overwhelmed`
          : `${actor.organisation} has not said its capacity is overwhelmed`,
        'overwhelmed',
        'unchanged',
      );
    }
    await appendFact(w, platform, incident, actor, 'capacity-overwhelmed', {
      memberState: actor.organisation,
      overwhelmed: input.overwhelmed,
      text: input.text ?? '',
    });
    if (input.overwhelmed) {
      const presidency = await presidencyOf(w.trx, incidentId);
      await notify(w, {
        organisations: ['ERCC', presidency ?? ''].filter((o) => o && o !== actor.organisation),
        kind: 'capacity-overwhelmed',
        incidentId,
        body: { by: actor.organisation },
      });
    }
    return incidentFor(w.trx, actor, incidentId, new Date(w.now));
  });
}

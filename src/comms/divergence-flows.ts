/**
 * The divergence view and its two commands: recording what a state published nationally (TLP:CLEAR: it is public
 * already) and marking a key fact in a publication (TLP:GREEN: the coordinators' reading of it). Everything is read
 * through the entries' own reach, and every command decides on what it reads inside its transaction.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { openIncident } from '../incidents/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import * as rulesOf from '../sharing/comms-review.js';
import { defaultAudience } from '../sharing/entries.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import type {
  DivergenceView,
  KeyFactRequest,
  NationalPublicationBody,
  NationalPublicationCorrectedBody,
  NationalPublicationRequest,
  NationalPublicationWithdrawnBody,
  PublicationCorrectionRequest,
  WithdrawalRequest,
} from './divergence-model.js';
import {
  correctedPublications,
  correctionProblem,
  currentFacts,
  divergenceFlags,
  type FactMark,
  marksByPublication,
  newestFirst,
  type Publication,
  withdrawalProblem,
  withdrawnPublications,
} from './divergence-rules.js';
import { affectedStatesOf } from './flows.js';
import type { LineText, PublicMessagePublishedBody } from './model.js';
import { factsOfKinds } from './review-store.js';
import { COMMS_KINDS, type CommsFact, publicMessages } from './rules.js';

// COMMS_KINDS carries the withdrawals and corrections of national publications too.
const KINDS = [...COMMS_KINDS, 'national-publication', 'key-fact-marked'] as const;

const asText = (t: LineText) => [t.headline, t.text, t.instruction].filter((x) => x !== '').join('\n');

function withdrawnOf(facts: readonly CommsFact[]): Set<string> {
  return withdrawnPublications(
    facts
      .filter((f) => f.kind === 'national-publication-withdrawn')
      .map((f) => f.body as z.infer<typeof NationalPublicationWithdrawnBody>),
  );
}

/** The publications that stand: those recorded, as corrected, less those their recorder withdrew. */
function publicationsOf(facts: readonly CommsFact[]): Publication[] {
  const withdrawn = withdrawnOf(facts);
  return recordedPublications(facts).filter((p) => !withdrawn.has(p.id));
}

/** Every publication recorded, withdrawn ones included, with the corrections its recorder made. */
function recordedPublications(facts: readonly CommsFact[]): Publication[] {
  const corrections = facts
    .filter((f) => f.kind === 'national-publication-corrected')
    .map((f) => f.body as z.infer<typeof NationalPublicationCorrectedBody>);
  return correctedPublications(publicationsAsRecorded(facts), corrections);
}

/** Every publication as first recorded: lines to take a state published, in its wording, and those entered here. */
function publicationsAsRecorded(facts: readonly CommsFact[]): Publication[] {
  const messages = publicMessages(facts);
  const out: Publication[] = [];
  for (const [order, f] of facts.entries()) {
    if (f.kind === 'national-publication') {
      const b = f.body as z.infer<typeof NationalPublicationBody>;
      out.push({ id: f.id, source: 'entered', recordedBy: f.authorOrg, order, ...b });
    } else if (f.kind === 'public-message-published') {
      const b = f.body as z.infer<typeof PublicMessagePublishedBody>;
      const v = messages
        .find((m) => m.messageId === b.messageId)
        ?.versions.find((x) => x.version === b.version);
      const r = v?.records.get(b.organisation);
      // The state's own wording: its adaptation, else the approved text in its language other than English.
      const own =
        r?.adaptation[0] ??
        v?.texts.find((t) => t.language !== 'en' && r?.languages.includes(t.language)) ??
        v?.texts[0];
      out.push({
        id: f.id,
        organisation: b.organisation,
        source: 'line',
        publishedAt: b.publishedAt,
        link: b.link,
        text: own ? asText(own) : null,
        recordedBy: f.authorOrg,
        order,
      });
    }
  }
  return out;
}

function marksOf(facts: readonly CommsFact[]): FactMark[] {
  return facts.filter((f) => f.kind === 'key-fact-marked').map((f) => f.body as FactMark);
}

function viewOf(facts: readonly CommsFact[], affected: readonly string[], actor: Actor): DivergenceView {
  const publications = publicationsOf(facts);
  const marks = marksByPublication(marksOf(facts));
  const organisations = [...new Set([...affected, ...publications.map((p) => p.organisation)])];
  const states = organisations.map((organisation) => {
    const current = currentFacts(organisation, publications, marks);
    return {
      organisation,
      publications: newestFirst(publications.filter((p) => p.organisation === organisation)).map((p) => ({
        id: p.id,
        source: p.source,
        publishedAt: p.publishedAt,
        link: p.link,
        text: p.text,
        recordedBy: p.recordedBy,
        facts: [...(marks.get(p.id) ?? new Map()).entries()].map(([fact, value]) => ({ fact, value })),
        abilities: {
          withdraw: isAllowed(rulesOf.withdrawNationalPublication, actor, { recordedBy: p.recordedBy }),
          correct: isAllowed(rulesOf.correctNationalPublication, actor, { recordedBy: p.recordedBy }),
        },
      })),
      current: current.current,
      facts: current,
    };
  });
  return {
    states: states.map(({ facts: _facts, ...s }) => s),
    flags: divergenceFlags(states.map((s) => s.facts)),
    abilities: {
      recordFor: affected.filter((state) =>
        isAllowed(rulesOf.recordNationalPublication, actor, { affectedStates: affected, state }),
      ),
      mark: isAllowed(rulesOf.markKeyFact, actor, { affectedStates: affected }),
    },
  };
}

async function readView(db: Kysely<Database>, actor: Actor, incidentId: string) {
  const [facts, affected] = await Promise.all([
    factsOfKinds(db, incidentId, KINDS, actor),
    affectedStatesOf(db, incidentId),
  ]);
  return { facts, affected, view: viewOf(facts, affected, actor) };
}

export async function divergenceOf(platform: Platform, actor: Actor, incidentId: string) {
  await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  return (await readView(platform.db.kysely, actor, incidentId)).view;
}

/** A state's coordinator (or ERCC, naming the state) records a national publication, as text, link or both. */
export function recordNationalPublication(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: NationalPublicationRequest,
  idempotency?: IdempotencyScope,
): Promise<DivergenceView> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await openIncident(w, actor, incidentId);
    const affected = await affectedStatesOf(w.trx, incidentId);
    const state = input.state ?? actor.organisation;
    assertAllowed(
      rulesOf.recordNationalPublication,
      onlyAsRulesSay(rulesOf.recordNationalPublication),
      actor,
      { affectedStates: affected, state },
    );
    const publishedAt = new Date(input.publishedAt).toISOString();
    if (Date.parse(publishedAt) > Date.parse(w.now))
      throw new Invalid('publishedAt: a publication is recorded once it is out', 'publishedAt');
    await appendEntry(w, {
      incidentId,
      kind: 'national-publication',
      body: { organisation: state, publishedAt, link: input.link ?? null, text: input.text ?? null },
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: 'TLP:CLEAR',
      audience: defaultAudience(),
      recipients: [],
      releasableToNato: incident.releasableToNato,
    });
    return (await readView(w.trx, actor, incidentId)).view;
  });
}

/** A coordinator of ERCC or an affected state marks what a publication says on a key fact. */
export function markKeyFact(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: KeyFactRequest,
  idempotency?: IdempotencyScope,
): Promise<DivergenceView> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await openIncident(w, actor, incidentId);
    const { facts, affected } = await readView(w.trx, actor, incidentId);
    assertAllowed(rulesOf.markKeyFact, onlyAsRulesSay(rulesOf.markKeyFact), actor, {
      affectedStates: affected,
    });
    if (!publicationsOf(facts).some((p) => p.id === input.publicationId))
      throw new NotFound(`no national publication ${input.publicationId} in this incident`);
    await appendEntry(w, {
      incidentId,
      kind: 'key-fact-marked',
      body: { publicationId: input.publicationId, fact: input.fact, value: input.value },
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: 'TLP:GREEN',
      audience: defaultAudience(),
      recipients: [],
      releasableToNato: incident.releasableToNato,
    });
    return (await readView(w.trx, actor, incidentId)).view;
  });
}

/**
 * A national publication its recorder may still withdraw or correct, read under the write's lock: unknown is 404,
 * someone else's is 403, one already withdrawn is 409.
 */
async function publicationToChange(
  w: WriteContext,
  actor: Actor,
  incidentId: string,
  publicationId: string,
  change: 'withdraw' | 'correct',
) {
  const incident = await openIncident(w, actor, incidentId);
  const { facts } = await readView(w.trx, actor, incidentId);
  const recorded = recordedPublications(facts);
  const problem = withdrawalProblem(recorded, withdrawnOf(facts), publicationId);
  if (problem?.code === 'unknown') throw new NotFound(problem.message);
  const publication = recorded.find((p) => p.id === publicationId)!;
  const rule =
    change === 'withdraw' ? rulesOf.withdrawNationalPublication : rulesOf.correctNationalPublication;
  assertAllowed(rule, onlyAsRulesSay(rule), actor, { recordedBy: publication.recordedBy });
  if (problem) throw new Conflict(problem.message, 'publicationId', problem.code);
  return { incident, publication };
}

/**
 * The organisation that recorded a national publication withdraws it, saying why: it leaves the divergence view with
 * its marks, and a line's publication no longer counts as published (the state may record the right one).
 */
export function withdrawNationalPublication(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  publicationId: string,
  input: WithdrawalRequest,
  idempotency?: IdempotencyScope,
): Promise<DivergenceView> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const { incident } = await publicationToChange(w, actor, incidentId, publicationId, 'withdraw');
    await appendEntry(w, {
      incidentId,
      kind: 'national-publication-withdrawn',
      body: { publicationId, reason: input.reason },
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: 'TLP:CLEAR',
      audience: defaultAudience(),
      recipients: [],
      releasableToNato: incident.releasableToNato,
    });
    return (await readView(w.trx, actor, incidentId)).view;
  });
}

/**
 * The organisation that recorded a national publication puts its link (and, for one entered here, its text) right,
 * saying what was wrong; the marks stay with the publication, and a line's corrected link is the state's link.
 */
export function correctNationalPublication(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  publicationId: string,
  input: PublicationCorrectionRequest,
  idempotency?: IdempotencyScope,
): Promise<DivergenceView> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const { incident, publication } = await publicationToChange(
      w,
      actor,
      incidentId,
      publicationId,
      'correct',
    );
    const misfit = correctionProblem(publication, input);
    if (misfit) throw new Invalid(misfit.message, misfit.field);
    await appendEntry(w, {
      incidentId,
      kind: 'national-publication-corrected',
      body: { publicationId, reason: input.reason, link: input.link ?? null, text: input.text ?? null },
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: 'TLP:CLEAR',
      audience: defaultAudience(),
      recipients: [],
      releasableToNato: incident.releasableToNato,
    });
    return (await readView(w.trx, actor, incidentId)).view;
  });
}

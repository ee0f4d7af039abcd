import type { Kysely } from 'kysely';
import { listEntries, readerOf } from '../entries/flows.js';
import type { Entry } from '../entries/model.js';
import { withoutField } from '../entries/rules.js';
import { loadWorkflow, openIncident } from '../incidents/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import { presidencyOf } from '../presidency/flows.js';
import { mechanismById } from '../registry/mechanisms.js';
import {
  type ForwardedReach,
  type ForwardProblem,
  forwardAudience,
  forwardEntry as forwardPolicy,
  forwardProblem,
  forwardWithinReach,
} from '../sharing/forwarding.js';
import type { TlpMarking } from '../sharing/model.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { PRESIDENCY } from '../sharing/presidency.js';
import { getVisibleResponseEntries } from './decisions-store.js';
import type {
  EntryForwarding,
  Forward,
  ForwardFormat,
  ForwardPreview,
  ForwardRequest,
  ForwardTarget,
  IncidentForwards,
  PreparedSummary,
} from './forwarding-model.js';
import { isForwardable, type MechanismForm, mechanismFormOf, prepareSummary } from './forwarding-rules.js';
import { getEntryPosition } from './forwarding-store.js';
import type { Engagement } from './model.js';
import { engagements } from './rules.js';

const name = (mechanism: string) => mechanismById(mechanism)?.name ?? mechanism;

/** One forwardable entry as this reader receives it through the entries' read path, or 404. */
async function forwardableEntry(
  platform: Platform,
  db: Kysely<Database>,
  actor: Actor,
  incidentId: string,
  entryId: string,
): Promise<Entry> {
  const position = await getEntryPosition(db, incidentId, entryId);
  const [entry] = position
    ? await listEntries(
        platform,
        actor,
        incidentId,
        { kinds: [position.kind], beforeSeq: position.seq + 1, limit: 1, order: 'desc' },
        db,
      )
    : [];
  if (!entry || entry.id !== entryId) throw new NotFound(`no entry ${entryId} in this incident`);
  return entry;
}

function reachOf(entry: Entry): ForwardedReach {
  return {
    marking: entry.marking,
    readers: entry.whoCanSee.organisations,
    releasableToNato: entry.releasableToNato,
  };
}

/** The organisations receiving for a mechanism, `PRESIDENCY` resolved to the holder now; null when none holds it. */
function recipientsOf(form: MechanismForm, presidency: string | null): string[] | null {
  if (form.recipients.includes(PRESIDENCY) && !presidency) return null;
  return form.recipients.map((o) => (o === PRESIDENCY ? presidency! : o));
}

/** The body as any reader outside the author's organisation receives it: the fields its author withheld are gone. */
function bodyForMechanism(entry: Entry): Record<string, unknown> {
  let body = entry.body;
  for (const w of entry.withheld) body = withoutField(body, w.field) as Record<string, unknown>;
  return body;
}

function summaryFor(
  incident: { id: string; title: string; exercise: boolean },
  entry: Entry,
  engagement: Engagement,
  form: MechanismForm,
  recipients: readonly string[],
): PreparedSummary {
  return prepareSummary({
    incident,
    mechanism: { id: engagement.mechanism, name: name(engagement.mechanism) },
    format: form.format,
    recipients: [...recipients, ...(form.nato ? ['NATO'] : [])],
    reference: engagement.reference,
    entry: {
      id: entry.id,
      kind: entry.kind,
      createdAt: entry.createdAt,
      authorOrg: entry.author.organisation,
      marking: entry.marking as TlpMarking,
      body: bodyForMechanism(entry),
      withheld: entry.withheld.map((w) => ({ field: w.field, reason: w.reason })),
    },
  });
}

function refusal(problem: ForwardProblem, mechanism: string, entry: Entry): Conflict {
  switch (problem.code) {
    case 'red-not-forwarded':
      return new Conflict(
        'a TLP:RED entry is for its named recipients only and is never forwarded to a mechanism',
        'mechanism',
        problem.code,
      );
    case 'no-presidency':
      return new Conflict(
        `no member state holds the Presidency now, so ${name(mechanism)} has no one to receive it`,
        'mechanism',
        problem.code,
      );
    case 'beyond-audience':
      return new Conflict(
        `${problem.outside.join(', ')}, receiving for ${name(mechanism)}, may not see this ${entry.marking} entry (it reaches ${entry.whoCanSee.organisations.join(', ')}): a forward never takes it beyond its audience; widen its reach first if you mean to`,
        'mechanism',
        problem.code,
      );
    case 'not-released-to-nato':
      return new Conflict(
        `${name(mechanism)} shares with NATO, and this entry is not released to NATO`,
        'mechanism',
        problem.code,
      );
  }
}

interface Plan {
  engagement: Engagement;
  form: MechanismForm;
  recipients: string[];
}

/** Whether the entry may go to this engaged mechanism now; the problem when it may not. */
function plan(
  entry: Entry,
  engagement: Engagement,
  presidency: string | null,
): { plan: Plan } | { problem: ForwardProblem } | null {
  const form = mechanismFormOf(engagement.mechanism);
  if (!form) return null;
  const recipients = recipientsOf(form, presidency);
  if (!recipients) return { problem: { code: 'no-presidency' } };
  const to = { organisations: recipients, nato: form.nato };
  if (!isAllowed(forwardWithinReach, reachOf(entry), to)) {
    return { problem: forwardProblem(reachOf(entry), to) ?? { code: 'beyond-audience', outside: [] } };
  }
  return { plan: { engagement, form, recipients } };
}

/** Engagements a forward can go to: requested or active; a stood-down mechanism takes nothing more. */
const engaged = (all: readonly Engagement[]) => all.filter((e) => e.status !== 'stood-down');

function forwardView(e: {
  id: string;
  incidentId: string;
  authorOrg: string;
  authorName: string;
  createdAt: string;
  marking: string;
  body: Record<string, unknown>;
}): Forward {
  const b = e.body;
  const mechanism = String(b.mechanism ?? '');
  return {
    id: e.id,
    incidentId: e.incidentId,
    entryId: String(b.entryId ?? ''),
    mechanism,
    mechanismName: name(mechanism),
    format: b.format as ForwardFormat,
    recipients: Array.isArray(b.recipients) ? (b.recipients as string[]) : [],
    reference: typeof b.reference === 'string' ? b.reference : null,
    forwardedBy: { organisation: e.authorOrg, name: e.authorName },
    forwardedAt: e.createdAt,
    marking: e.marking,
    summary: (b.summary as PreparedSummary | undefined) ?? { text: '', data: {} },
  };
}

async function forwardsIn(db: Kysely<Database>, actor: Actor, incidentId: string): Promise<Forward[]> {
  const rows = await getVisibleResponseEntries(db, readerOf(actor), ['forwarded'], { incidentId });
  return rows.map(forwardView);
}

/** Every forward of the incident the reader may see, oldest first: the engagements panel groups them. */
export async function listForwards(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<IncidentForwards> {
  await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  return { items: await forwardsIn(platform.db.kysely, actor, incidentId) };
}

/**
 * Where the reader may forward an entry now (only its author's organisation may, and only to engaged mechanisms
 * whose receiving organisations may already see it, not yet sent there), and the forwards of it the reader may see.
 */
export async function entryForwarding(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  entryId: string,
): Promise<EntryForwarding> {
  const db = platform.db.kysely;
  const entry = await forwardableEntry(platform, db, actor, incidentId, entryId);
  const forwarded = (await forwardsIn(db, actor, incidentId)).filter((f) => f.entryId === entryId);
  if (
    !isForwardable(entry.kind) ||
    !isAllowed(forwardPolicy, actor, { authorOrg: entry.author.organisation })
  )
    return { targets: [], forwarded };
  const presidency = await presidencyOf(db, incidentId);
  const targets: ForwardTarget[] = [];
  for (const engagement of engaged(engagements(await loadWorkflow(db, incidentId)))) {
    if (forwarded.some((f) => f.mechanism === engagement.mechanism)) continue;
    const decided = plan(entry, engagement, presidency);
    if (decided && 'plan' in decided)
      targets.push({
        mechanism: engagement.mechanism,
        name: name(engagement.mechanism),
        format: decided.plan.form.format,
        recipients: decided.plan.recipients,
        reference: engagement.reference,
      });
  }
  return { targets, forwarded };
}

interface Decided {
  entry: Entry;
  plan: Plan;
  incident: { id: string; title: string; exercise: boolean };
}

/** Loads and decides a forward: the entry, the author's right, the engagement, the reach. Throws what stops it. */
async function decideForward(
  platform: Platform,
  db: Kysely<Database>,
  actor: Actor,
  incident: { id: string; title: string; exercise: boolean },
  entryId: string,
  mechanism: string,
): Promise<Decided> {
  const entry = await forwardableEntry(platform, db, actor, incident.id, entryId);
  if (!isForwardable(entry.kind))
    throw new Invalid(`entryId: a ${entry.kind} entry is not a member state's account to forward`, 'entryId');
  assertAllowed(forwardPolicy, onlyAsRulesSay(forwardPolicy), actor, {
    authorOrg: entry.author.organisation,
  });
  if (!mechanismById(mechanism))
    throw new Invalid(`mechanism: unknown mechanism "${mechanism}"`, 'mechanism');
  if (!mechanismFormOf(mechanism))
    throw new Invalid(`mechanism: ${name(mechanism)} takes no forwarded reports`, 'mechanism');
  const engagement = engaged(engagements(await loadWorkflow(db, incident.id))).find(
    (e) => e.mechanism === mechanism,
  );
  if (!engagement)
    throw new Conflict(
      `${name(mechanism)} is not engaged for this incident: record its engagement first`,
      'mechanism',
      'not-engaged',
    );
  const decided = plan(entry, engagement, await presidencyOf(db, incident.id));
  if (!decided) throw new Invalid(`mechanism: ${name(mechanism)} takes no forwarded reports`, 'mechanism');
  if ('problem' in decided) throw refusal(decided.problem, mechanism, entry);
  return { entry, plan: decided.plan, incident };
}

async function incidentOf(db: Kysely<Database>, actor: Actor, incidentId: string) {
  const row = await visibleIncidentRow(db, actor, incidentId);
  return { id: row.id, title: row.title, exercise: row.exercise === 1 };
}

/** The summary a forward would send, for the author's organisation to read before it sends. */
export async function previewForward(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  entryId: string,
  mechanism: string,
): Promise<ForwardPreview> {
  const db = platform.db.kysely;
  const incident = await incidentOf(db, actor, incidentId);
  const d = await decideForward(platform, db, actor, incident, entryId, mechanism);
  return {
    mechanism,
    format: d.plan.form.format,
    recipients: d.plan.recipients,
    marking: d.entry.marking,
    summary: summaryFor(incident, d.entry, d.plan.engagement, d.plan.form, d.plan.recipients),
  };
}

/**
 * Forwards a member state's entry to an engaged mechanism, in its form, decided inside the write on the entry's
 * reach and the engagements as they stand. The `forwarded` entry carries the summary that went, with the entry's
 * marking, to the parties of the forward only: the author's organisation and those receiving for the mechanism
 * (all of whom may see the entry). Like anything sent, it stays with them if the entry is narrowed later, and it
 * never reaches anyone else. Once per entry and mechanism: report once.
 */
export function forwardToMechanism(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  entryId: string,
  input: ForwardRequest,
  idempotency?: IdempotencyScope,
): Promise<Forward> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const ref = await openIncident(w, actor, incidentId);
    const incident = { id: ref.id, title: ref.title, exercise: ref.row.exercise === 1 };
    const d = await decideForward(platform, w.trx, actor, incident, entryId, input.mechanism);
    const earlier = (await forwardsIn(w.trx, actor, incidentId)).find(
      (f) => f.entryId === entryId && f.mechanism === input.mechanism,
    );
    if (earlier)
      throw new Conflict(
        `this entry already went to ${name(input.mechanism)} on ${earlier.forwardedAt}`,
        'mechanism',
        'already-forwarded',
      );
    const recipients = [
      ...d.plan.form.recipients.filter((o) => o === PRESIDENCY || d.plan.recipients.includes(o)),
      ...(d.plan.form.nato ? ['NATO'] : []),
    ];
    const appended = await appendEntry(w, {
      incidentId,
      kind: 'forwarded',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: d.entry.marking,
      audience: forwardAudience(
        recipients.filter((o) => o !== 'NATO'),
        { presidency: await presidencyOf(w.trx, incidentId), entryAudience: d.entry.audience },
      ),
      recipients: [],
      releasableToNato: d.plan.form.nato,
      body: {
        entryId,
        mechanism: input.mechanism,
        format: d.plan.form.format,
        recipients,
        reference: d.plan.engagement.reference,
        summary: summaryFor(incident, d.entry, d.plan.engagement, d.plan.form, d.plan.recipients),
      },
    });
    const forward = (await forwardsIn(w.trx, actor, incidentId)).find((f) => f.id === appended.id);
    if (!forward) throw new NotFound(`no forward ${appended.id}`);
    return forward;
  });
}

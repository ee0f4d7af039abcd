import type { Kysely, Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { notify } from '../alerting/flows.js';
import { listEntries } from '../entries/flows.js';
import { incidentFor, loadFacts, openIncident } from '../incidents/flows.js';
import { currentFacts } from '../incidents/rules.js';
import { buildPicture } from '../picture/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database, SitrepsTable } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import { appendEntry } from '../platform/log.js';
import { presidencyAt } from '../registry/presidency.js';
import { markingRank, mostRestrictive, type TlpMarking } from '../sharing/model.js';
import { assertAllowed, isAllowed } from '../sharing/policy.js';
import { compileProduct } from '../sharing/products.js';
import * as sitrepPolicy from '../sharing/sitreps.js';
import { reachOfEntry } from './entry-reach.js';
import type { CompileSitrepRequest, EditSitrepRequest, Section, Sitrep, SitrepDiff } from './model.js';
import { diffSitreps, prefill } from './rules.js';

type Row = Selectable<SitrepsTable>;

function approversAt(now: Date): string[] {
  const presidency = presidencyAt(now)?.memberState;
  return presidency ? ['ERCC', presidency] : ['ERCC'];
}

function reachOf(row: Row): sitrepPolicy.SitrepReach {
  return {
    state: row.state as 'draft' | 'published',
    authorOrg: row.created_org,
    audience: JSON.parse(row.audience) as string[],
    nato: row.nato === 1,
    contributors: JSON.parse(row.contributors) as string[],
    approvers: approversAt(new Date()),
  };
}

async function names(db: Kysely<Database>, ids: Array<string | null>) {
  const wanted = ids.filter((x): x is string => x !== null);
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

async function toSitrep(db: Kysely<Database>, row: Row): Promise<Sitrep> {
  const who = await names(db, [row.created_by, row.approved_by]);
  const sources = JSON.parse(row.sources) as { entries: number; notVisibleToAll: number };
  return {
    id: row.id,
    incidentId: row.incident_id,
    number: row.number,
    state: row.state as Sitrep['state'],
    title: row.title,
    audience: JSON.parse(row.audience) as string[],
    releasableToNato: row.nato === 1,
    marking: row.marking as TlpMarking,
    minimumMarking: row.minimum_marking as TlpMarking,
    sections: JSON.parse(row.sections) as Section[],
    contributors: JSON.parse(row.contributors) as string[],
    contributions: JSON.parse(row.contributions) as Sitrep['contributions'],
    sources,
    createdBy: { name: who.get(row.created_by) ?? row.created_by, organisation: row.created_org },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    approvedBy: row.approved_by
      ? { name: who.get(row.approved_by) ?? row.approved_by, organisation: row.approved_org ?? '' }
      : null,
    publishedAt: row.published_at,
    corrects: row.corrects,
  };
}

/** A sitrep the actor may read; otherwise 404, so its existence is not revealed either. */
async function readable(platform: Platform, actor: Actor, incidentId: string, id: string): Promise<Row> {
  const row = await platform.db.kysely
    .selectFrom('sitreps')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.incident_id !== incidentId || !isAllowed(sitrepPolicy.readSitrep, actor, reachOf(row))) {
    throw new NotFound(`no sitrep ${id}`);
  }
  return row;
}

/**
 * Compiles a draft sitrep for a chosen audience from what every reader of it may see, under the most restrictive
 * marking among those entries.
 */
export async function compileSitrep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  req: CompileSitrepRequest,
  options: { corrects?: Row } = {},
): Promise<Sitrep> {
  const incident = await openIncident(platform, actor, incidentId);
  const full = await incidentFor(platform.db.kysely, actor, incidentId);
  const presidency = presidencyAt(new Date())?.memberState ?? null;
  const affectedStates = [
    ...new Set([
      ...full.activatingStates,
      ...full.assessment.significantlyAffected,
      ...full.assessment.unconfirmed,
    ]),
  ];
  assertAllowed(
    sitrepPolicy.compileSitrep,
    'only ERCC, the Presidency or an affected member state compile sitreps',
    actor,
    {
      affectedStates,
      presidency,
    },
  );
  if (req.releasableToNato && !incident.releasableToNato) {
    throw new Invalid('releasableToNato: this incident is not released to NATO', 'releasableToNato');
  }
  const audience = [...new Set([actor.organisation, ...req.audience])].sort();
  const visible = (await listEntries(platform, actor, incidentId)).filter((e) => e.kind !== 'reach-change');
  const product = compileProduct(
    visible,
    reachOfEntry,
    { organisations: audience, nato: req.releasableToNato },
    {
      compiledBy: actor.organisation,
      leavesPlatform: false,
    },
  );
  const picture = await buildPicture(platform, actor, incidentId);
  const facts = currentFacts(await loadFacts(platform.db.kysely, incidentId));
  // Details on the picture come from entries the compiler sees; keep only those every reader of the sitrep may see.
  const included = new Set(product.included.map((e) => e.id));
  const detailSources = visible.filter(
    (e) => (e.kind === 'report' || e.kind === 'update') && !included.has(e.id),
  );
  const states = picture.states.map((s) =>
    detailSources.length > 0 ? { ...s, services: [], usersAffected: null } : s,
  );
  const sections = options.corrects
    ? (JSON.parse(options.corrects.sections) as Section[])
    : prefill({
        title: full.title,
        occurredAt: full.occurredAt,
        cause: facts.cause,
        assessment: full.assessment,
        activation: full.activation,
        consultations: full.consultations,
        states,
        sectors: picture.keyFigures.sectors,
        reporting: full.reporting,
        entries: product.included,
        now: new Date(),
      });
  const minimum = mostRestrictive([product.marking, 'TLP:GREEN']);
  return inWrite(platform, { actor }, async (w) => {
    const id = uuidv7();
    const row: Row = {
      id,
      incident_id: incidentId,
      number: null,
      state: 'draft',
      title: req.title ?? options.corrects?.title ?? `Situation report: ${full.title}`,
      audience: JSON.stringify(audience),
      nato: req.releasableToNato ? 1 : 0,
      marking: minimum,
      minimum_marking: minimum,
      sections: JSON.stringify(sections),
      sources: JSON.stringify({ entries: product.included.length, notVisibleToAll: product.notVisibleToAll }),
      contributors: '[]',
      contributions: '[]',
      created_by: actor.userId,
      created_org: actor.organisation,
      created_at: w.now,
      updated_at: w.now,
      approved_by: null,
      approved_org: null,
      published_at: null,
      corrects: options.corrects?.id ?? null,
      entry_id: null,
    };
    await w.trx.insertInto('sitreps').values(row).execute();
    await w.audit({
      action: 'sitrep.compiled',
      subjectType: 'sitrep',
      subjectId: id,
      details: { incidentId, audience, marking: minimum },
    });
    return toSitrep(w.trx, row);
  });
}

export async function listSitreps(platform: Platform, actor: Actor, incidentId: string): Promise<Sitrep[]> {
  await incidentFor(platform.db.kysely, actor, incidentId);
  const rows = await platform.db.kysely
    .selectFrom('sitreps')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at', 'desc')
    .execute();
  const out: Sitrep[] = [];
  for (const row of rows)
    if (isAllowed(sitrepPolicy.readSitrep, actor, reachOf(row)))
      out.push(await toSitrep(platform.db.kysely, row));
  return out;
}

export async function getSitrep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
): Promise<Sitrep> {
  await incidentFor(platform.db.kysely, actor, incidentId);
  const row = await readable(platform, actor, incidentId, id);
  if (row.state === 'published') {
    platform.accessLog.record([
      {
        userId: actor.userId,
        organisation: actor.organisation,
        entryId: row.entry_id ?? row.id,
        marking: row.marking,
        path: 'sitrep',
      },
    ]);
  }
  return toSitrep(platform.db.kysely, row);
}

async function draftFor(platform: Platform, actor: Actor, incidentId: string, id: string) {
  const row = await readable(platform, actor, incidentId, id);
  if (row.state !== 'draft')
    throw new Conflict(
      'a published sitrep is never changed; compile a correction instead',
      'state',
      'published',
    );
  return row;
}

export async function editSitrep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  req: EditSitrepRequest,
) {
  const row = await draftFor(platform, actor, incidentId, id);
  assertAllowed(
    sitrepPolicy.editSitrep,
    'only the compiling organisation edits the draft',
    actor,
    reachOf(row),
  );
  if (req.marking && markingRank(req.marking) < markingRank(row.minimum_marking as TlpMarking)) {
    throw new Invalid(
      `marking: may not be below ${row.minimum_marking}, the most restrictive marking of its sources`,
      'marking',
    );
  }
  return inWrite(platform, { actor }, async (w) => {
    const sections = JSON.parse(row.sections) as Section[];
    for (const change of req.sections ?? []) {
      const s = sections.find((x) => x.key === change.key);
      if (s) s.text = change.text;
    }
    await w.trx
      .updateTable('sitreps')
      .set({
        sections: JSON.stringify(sections),
        title: req.title ?? row.title,
        marking: req.marking ?? row.marking,
        updated_at: w.now,
      })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'sitrep.edited', subjectType: 'sitrep', subjectId: id });
    return toSitrep(
      w.trx,
      (await w.trx.selectFrom('sitreps').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Row,
    );
  });
}

export async function addContributor(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  organisation: string,
) {
  const row = await draftFor(platform, actor, incidentId, id);
  assertAllowed(
    sitrepPolicy.editSitrep,
    'only the compiling organisation names contributors',
    actor,
    reachOf(row),
  );
  const reach = reachOf(row);
  if (!reach.audience.includes(organisation)) {
    throw new Invalid(
      `organisation: ${organisation} is not in the sitrep's audience, so it may not read the draft`,
      'organisation',
    );
  }
  return inWrite(platform, { actor }, async (w) => {
    const contributors = [...new Set([...reach.contributors, organisation])];
    await w.trx
      .updateTable('sitreps')
      .set({ contributors: JSON.stringify(contributors), updated_at: w.now })
      .where('id', '=', id)
      .execute();
    await w.audit({
      action: 'sitrep.contributor-added',
      subjectType: 'sitrep',
      subjectId: id,
      details: { organisation },
    });
    return toSitrep(
      w.trx,
      (await w.trx.selectFrom('sitreps').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Row,
    );
  });
}

export async function contribute(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  input: { title: string; text: string },
) {
  const row = await draftFor(platform, actor, incidentId, id);
  assertAllowed(sitrepPolicy.contributeToSitrep, 'only named contributors add sections', actor, reachOf(row));
  return inWrite(platform, { actor }, async (w) => {
    const fresh = (await w.trx
      .selectFrom('sitreps')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()) as Row;
    const contributions = JSON.parse(fresh.contributions) as Sitrep['contributions'];
    const others = contributions.filter((c) => c.organisation !== actor.organisation);
    others.push({
      organisation: actor.organisation,
      author: actor.displayName,
      title: input.title,
      text: input.text,
      at: w.now,
    });
    await w.trx
      .updateTable('sitreps')
      .set({ contributions: JSON.stringify(others), updated_at: w.now })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'sitrep.contributed', subjectType: 'sitrep', subjectId: id });
    return toSitrep(
      w.trx,
      (await w.trx.selectFrom('sitreps').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Row,
    );
  });
}

/**
 * Approval publishes: the sitrep gets the next number, is frozen, and is distributed to its audience as an entry of
 * the incident's log with the sitrep's marking.
 */
export async function approveSitrep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  idempotency?: IdempotencyScope,
) {
  const incident = await openIncident(platform, actor, incidentId);
  const row = await draftFor(platform, actor, incidentId, id);
  assertAllowed(
    sitrepPolicy.approveSitrep,
    'only ERCC or the Presidency, in the audience, approve a sitrep',
    actor,
    reachOf(row),
  );
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const last = await w.trx
      .selectFrom('sitreps')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const audience = JSON.parse(row.audience) as string[];
    const entry = await appendEntry(w, platform.bus, {
      incidentId,
      kind: 'sitrep',
      authorUserId: row.created_by,
      authorOrg: row.created_org,
      marking: row.marking,
      audience,
      recipients: [],
      releasableToNato: row.nato === 1,
      body: { sitrepId: id, number, title: row.title, text: `SITREP ${number} published: ${row.title}` },
    });
    await w.trx
      .updateTable('sitreps')
      .set({
        state: 'published',
        number,
        approved_by: actor.userId,
        approved_org: actor.organisation,
        published_at: w.now,
        updated_at: w.now,
        entry_id: entry.id,
      })
      .where('id', '=', id)
      .execute();
    await w.trx
      .updateTable('incidents')
      .set({ last_activity_at: w.now })
      .where('id', '=', incidentId)
      .execute();
    await w.audit({
      action: 'sitrep.published',
      subjectType: 'sitrep',
      subjectId: id,
      details: { incidentId, number, marking: row.marking },
    });
    await notify(w, platform.bus, {
      organisations: audience.filter((o) => o !== actor.organisation),
      kind: 'sitrep-published',
      incidentId: incident.id,
      body: { number, sitrepId: id },
    });
    return toSitrep(
      w.trx,
      (await w.trx.selectFrom('sitreps').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Row,
    );
  });
}

/** A published sitrep never changes: its correction is a new draft that will carry the next number. */
export async function correctSitrep(platform: Platform, actor: Actor, incidentId: string, id: string) {
  const row = await readable(platform, actor, incidentId, id);
  if (row.state !== 'published')
    throw new Conflict('only a published sitrep is corrected; edit the draft instead', 'state', 'draft');
  return compileSitrep(
    platform,
    actor,
    incidentId,
    { audience: JSON.parse(row.audience) as string[], releasableToNato: row.nato === 1, title: row.title },
    { corrects: row },
  );
}

export async function diff(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  fromId: string,
  toId: string,
): Promise<SitrepDiff> {
  const [a, b] = await Promise.all([
    getSitrep(platform, actor, incidentId, fromId),
    getSitrep(platform, actor, incidentId, toId),
  ]);
  return diffSitreps(a, b);
}

/**
 * An incident's public page (issue 13, item 6): the approved lines to take, past their embargo, that anyone may read
 * without an account, reached by an unguessable token. What it may show is decided by src/sharing/public-page.ts;
 * everything here reads only the comms entries of the one incident the token names.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openIncident } from '../incidents/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { NotFound } from '../platform/errors.js';
import { entriesWithReach } from '../sharing/entries.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import * as policy from '../sharing/public-page.js';
import { writeCap } from './cap.js';
import { capAlertOf } from './cap-export.js';
import { affectedStatesOf } from './flows.js';
import type { LineText, MessageType } from './model.js';
import type { PublicPageSetting } from './public-model.js';
import {
  approvedByDrafter,
  approvedLanguages,
  COMMS_KINDS,
  type CommsFact,
  embargoPassed,
  type MessageVersion,
  publicMessages,
  sentAt,
} from './rules.js';

/** One version of a line to take as the public reads it: the approved languages only. */
export interface PublicLine {
  messageId: string;
  version: number;
  msgType: MessageType;
  event: string;
  sentAt: string;
  texts: LineText[];
  cap: { name: string; xml: string };
}

export interface PublicPage {
  publicId: string;
  exercise: boolean;
  /** Every version the public may read, oldest first (a feed carries each Update and Cancel). */
  lines: PublicLine[];
  /** Whether the page has feeds: never for an exercise, whose page is a preview. */
  feeds: boolean;
}

const pathOf = (publicId: string) => `/public/incidents/${publicId}`;

async function pageRow(db: Kysely<Database>, incidentId: string) {
  return db.selectFrom('public_pages').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

export async function publicPageSetting(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<PublicPageSetting> {
  const row = await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  const page = await pageRow(platform.db.kysely, incidentId);
  return {
    enabled: page?.enabled === 1,
    path: page ? pathOf(page.public_id) : null,
    abilities: { switch: isAllowed(policy.switchPublicPage, actor, { reportedBy: row.reported_by }) },
  };
}

/** The reporter's or ERCC's coordinators switch the page; the first switch-on draws its token. */
export function switchPublicPage(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  enabled: boolean,
  idempotency?: IdempotencyScope,
): Promise<PublicPageSetting> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const { row } = await openIncident(w, actor, incidentId);
    const context = { reportedBy: row.reported_by };
    assertAllowed(policy.switchPublicPage, onlyAsRulesSay(policy.switchPublicPage), actor, context);
    const existing = await pageRow(w.trx, incidentId);
    const change = { enabled: enabled ? 1 : 0, changed_at: w.now, changed_by_user_id: actor.userId };
    if (existing) {
      await w.trx.updateTable('public_pages').set(change).where('incident_id', '=', incidentId).execute();
    } else {
      await w.trx
        .insertInto('public_pages')
        .values({ incident_id: incidentId, public_id: randomBytes(24).toString('base64url'), ...change })
        .execute();
    }
    // Opening an incident to the public is a change of reach like any other: it goes to the audit chain.
    await w.audit({
      action: 'public-page.switched',
      subjectType: 'incident',
      subjectId: incidentId,
      details: { enabled, previous: existing?.enabled === 1 },
    });
    const page = (await pageRow(w.trx, incidentId))!;
    return { enabled, path: pathOf(page.public_id), abilities: { switch: true } };
  });
}

/** The incident's comms entries with their marking, so the public rule decides on each line's own. */
async function markedCommsFacts(db: Kysely<Database>, incidentId: string) {
  const rows = await entriesWithReach(db)
    .select([
      'entries.id',
      'entries.kind',
      'entries.author_org',
      'entries.created_at',
      'entries.body',
      'r.marking',
    ])
    .where('entries.incident_id', '=', incidentId)
    .where('entries.kind', 'in', [...COMMS_KINDS])
    .orderBy('entries.seq')
    .execute();
  const markings = new Map(rows.map((r) => [r.id, r.marking]));
  // Only TLP:CLEAR entries are folded at all: nothing else can even count towards an approval here.
  const facts: CommsFact[] = rows
    .filter((r) => r.marking === 'TLP:CLEAR')
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      authorOrg: r.author_org,
      createdAt: r.created_at,
      body: JSON.parse(r.body) as unknown,
    }));
  return { facts, markingOf: (v: MessageVersion) => markings.get(v.id) ?? 'TLP:RED' };
}

/**
 * The page behind a token, for anyone: 404 for an unknown token or a page switched off, alike. Its CAP alerts
 * name the page's token where an export names the incident, so nothing on it leads to the incident itself.
 */
export async function publicPageOf(platform: Platform, publicId: string): Promise<PublicPage> {
  const db = platform.db.kysely;
  const page = await db
    .selectFrom('public_pages')
    .innerJoin('incidents', 'incidents.id', 'public_pages.incident_id')
    .select(['public_pages.incident_id', 'incidents.exercise'])
    .where('public_pages.public_id', '=', publicId)
    .where('public_pages.enabled', '=', 1)
    .executeTakeFirst();
  if (!page) throw new NotFound('no public page here');
  const exercise = Number(page.exercise) === 1;
  const [{ facts, markingOf }, affected] = await Promise.all([
    markedCommsFacts(db, page.incident_id),
    affectedStatesOf(db, page.incident_id),
  ]);
  const now = platform.clock.now();
  const shown = { id: publicId, exercise };
  const lines = publicMessages(facts).flatMap((m) =>
    m.versions
      .filter((v) =>
        isAllowed(policy.readOnPublicPage, {
          marking: markingOf(v),
          approvedByDrafter: approvedByDrafter(v),
          embargoPassed: embargoPassed(v, now),
        }),
      )
      .map((v) => ({
        messageId: m.messageId,
        version: v.version,
        msgType: v.msgType,
        event: v.event,
        sentAt: sentAt(v),
        texts: approvedLanguages(v),
        cap: {
          name: `${m.messageId}-v${v.version}.xml`,
          xml: writeCap(capAlertOf(shown, m, v, affected)),
        },
      })),
  );
  lines.sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
  return { publicId, exercise, lines, feeds: isAllowed(policy.publicFeed, { exercise }) };
}

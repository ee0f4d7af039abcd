import type { Kysely } from 'kysely';
import { reportsForAlert } from '../after-action/alert-facts.js';
import { loadEntries, mayReadLoaded, presentLoaded } from '../entries/live.js';
import type { Actor } from '../platform/actor.js';
import type { Database } from '../platform/db/schema.js';
import { isLanguage, type Language } from '../platform/language.js';
import { readIncident } from '../sharing/incidents.js';
import type { TlpMarking } from '../sharing/model.js';
import { mostRestrictive } from '../sharing/model.js';
import { isAllowed } from '../sharing/policy.js';
import type { AlertPerson, PersonalAlert } from './channels/model.js';
import { triggerOf } from './triggers.js';

/** What every addressee of a notification shares (CONTRACT, Who sees what): its facts stay within the participants. */
const FACTS_MARKING: TlpMarking = 'TLP:GREEN';

export interface Recipient {
  actor: Actor;
  person: AlertPerson;
}

/** A person as the sharing rules and the channels see them, from their account row. */
export function recipientOf(
  u: {
    id: string;
    email: string;
    display_name: string;
    organisation: string;
    role: string;
    language: string;
    language_chosen: number;
  },
  addresses: Readonly<Record<string, string>>,
): Recipient {
  const language: Language = Number(u.language_chosen) === 1 && isLanguage(u.language) ? u.language : 'en';
  return {
    actor: {
      userId: u.id,
      email: u.email,
      displayName: u.display_name,
      organisation: u.organisation,
      role: u.role as Actor['role'],
      via: 'session',
      language,
    },
    person: {
      userId: u.id,
      email: u.email,
      displayName: u.display_name,
      organisation: u.organisation,
      language,
      addresses,
    },
  };
}

/** The first line of an entry's text the reader may see, short enough for a message. */
function lineOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  for (const field of ['description', 'title', 'text', 'summary']) {
    const v = b[field];
    if (typeof v === 'string' && v.trim()) {
      const line = v.trim().split('\n')[0]!;
      return line.length > 300 ? `${line.slice(0, 299)}…` : line;
    }
  }
  return null;
}

/**
 * The notifications as this person may see them now, when their message is composed: an incident they may not
 * see is only "something to look at"; a line from the entry behind the alert only when they may read that entry,
 * with that entry's marking.
 */
export async function personalAlerts(
  db: Kysely<Database>,
  recipient: Recipient,
  notificationIds: readonly string[],
  home: string,
): Promise<PersonalAlert[]> {
  if (notificationIds.length === 0) return [];
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('incidents as i', 'i.id', 'n.incident_id')
    .select([
      'n.id',
      'n.kind',
      'n.incident_id',
      'n.body',
      'n.created_at',
      'i.title',
      'i.exercise',
      'i.releasable_to_nato',
    ])
    .where('n.id', 'in', [...notificationIds])
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
  const body = (r: (typeof rows)[number]) => JSON.parse(r.body) as Record<string, unknown>;
  const entryIds = rows.map((r) => body(r).entryId).filter((v): v is string => typeof v === 'string');
  const loaded = new Map((await loadEntries(db, entryIds)).map((l) => [l.entry.id, l]));
  const reportIds = rows.map((r) => body(r).reportId).filter((v): v is string => typeof v === 'string');
  const reports = await reportsForAlert(db, recipient.actor, reportIds);
  return rows.map((r) => {
    const facts = body(r);
    // An alert about a post-incident report says anything only to someone who may read the report.
    const report = typeof facts.reportId === 'string' ? reports.get(facts.reportId) : undefined;
    const visible =
      (r.incident_id === null ||
        isAllowed(readIncident, recipient.actor, { releasableToNato: Number(r.releasable_to_nato) === 1 })) &&
      (typeof facts.reportId !== 'string' || report !== undefined);
    const behind = typeof facts.entryId === 'string' ? loaded.get(facts.entryId) : undefined;
    const line =
      visible && behind && mayReadLoaded(recipient.actor, behind)
        ? lineOf(presentLoaded(recipient.actor, behind).body)
        : null;
    const detail =
      line && behind
        ? { text: line, marking: behind.entry.marking, entryId: behind.entry.id }
        : visible && report
          ? { text: report.title, marking: report.marking, entryId: report.id }
          : null;
    return {
      notificationId: r.id,
      kind: r.kind,
      trigger: triggerOf(r.kind),
      createdAt: r.created_at,
      visible,
      incidentId: visible ? r.incident_id : null,
      incidentTitle: visible ? r.title : null,
      exercise: Number(r.exercise ?? 0) === 1,
      body: visible ? facts : {},
      detail,
      marking: mostRestrictive([FACTS_MARKING, ...(detail ? [detail.marking as TlpMarking] : [])]),
      link: r.incident_id && visible ? `${home}/incidents/${encodeURIComponent(r.incident_id)}` : home,
    };
  });
}

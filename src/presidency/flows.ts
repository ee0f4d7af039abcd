import type { Kysely } from 'kysely';
import { notify } from '../alerting/flows.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Invalid } from '../platform/errors.js';
import { getJobsOfKind, schedule } from '../platform/jobs/store.js';
import type { PresidencyTerm } from '../registry/presidency.js';
import { PLATFORM_ADMINISTRATORS } from '../sharing/notifications.js';
import { assertAllowed } from '../sharing/policy.js';
import { extendPresidencyCalendar, PRESIDENCY, readPresidencyCalendar } from '../sharing/presidency.js';
import type { AddTermRequest, PresidencyCalendarState } from './model.js';
import {
  checkExtension,
  followingTerm,
  nextChangeAt,
  parseTerm,
  presidencyAt,
  runningOut,
  runsOutAt,
  termName,
  warningAt,
} from './rules.js';
import * as store from './store.js';

export const TERM_CHANGE_KIND = 'presidency-term-change';
export const CALENDAR_WARNING_KIND = 'presidency-calendar-warning';

/** The calendar as `db` sees it: pass a write's `w.trx` to decide on it inside that write. One query, all terms. */
export function presidencyCalendar(db: Kysely<Database>): Promise<PresidencyTerm[]> {
  return store.getCalendar(db);
}

/**
 * The member state holding the Presidency for the platform now: the holder the term-change job seated at the last
 * boundary (by the platform clock), the same one `PRESIDENCY` audiences resolve to; null when the calendar has no
 * Presidency. Workflow rights (opening a consultation, approving sitreps) follow it. Pass `w.trx` inside a write.
 */
export async function presidencyHolding(db: Kysely<Database>): Promise<string | null> {
  return (await store.getOffice(db)).memberState;
}

/**
 * The member state holding the Presidency for this incident: the one its exercise's scenario names, or for a real
 * incident the platform's holder (`presidencyHolding`). Every rule asking who holds the Presidency for an incident
 * (consultations, IPCR mode, sitrep approvals, `PRESIDENCY` audiences, alerts) is given this one. One query; pass
 * `w.trx` inside a write.
 */
export async function presidencyOf(db: Kysely<Database>, incidentId: string): Promise<string | null> {
  return store.getPresidencyOf(db, incidentId);
}

/** `presidencyOf` for several incidents in two queries, by incident id. */
export function presidenciesOf(
  db: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<Map<string, string | null>> {
  return store.getPresidenciesOf(db, incidentIds);
}

/** The term in office for the platform now, with its bounds; undefined when no Presidency holds office. */
export async function presidencyTermHolding(db: Kysely<Database>): Promise<PresidencyTerm | undefined> {
  const office = await store.getOffice(db);
  if (!office.term) return undefined;
  return (await store.getCalendar(db)).find((t) => t.term === office.term);
}

/**
 * Schedules, once per instant, the next change of term and the warning that the calendar runs out. Keys carry the
 * instant, so several instances or restarts schedule each one once, and a job may schedule its successor.
 */
async function scheduleCalendarJobs(w: WriteContext, calendar: readonly PresidencyTerm[]): Promise<void> {
  const change = nextChangeAt(calendar, new Date(w.now));
  if (change) await scheduleOnce(w, TERM_CHANGE_KIND, change);
  const warning = warningAt(calendar);
  if (warning) await scheduleOnce(w, CALENDAR_WARNING_KIND, warning);
}

async function scheduleOnce(w: WriteContext, kind: string, runAt: string): Promise<void> {
  const key = `${kind}:${runAt}`;
  // A job that already ran keeps its key: a restart must not warn twice for the same date.
  if ((await getJobsOfKind(w.trx, kind)).some((j) => j.key === key)) return;
  await schedule(w, { kind, runAt, key });
}

/**
 * Seats the calendar's holder when the platform first opens a database (the office starts empty), and schedules the
 * calendar's jobs. Nothing changes hands, so there is no handover; with no Presidency, administrators are alerted.
 */
export async function seatPresidency(platform: Platform): Promise<void> {
  if ((await store.getOffice(platform.db.kysely)).since !== store.NEVER_SEATED) return;
  await inWrite(platform, { actor: { userId: null, organisation: null } }, async (w) => {
    const office = await store.getOfficeForUpdate(w);
    if (office.since !== store.NEVER_SEATED) return;
    const calendar = await store.getCalendar(w.trx);
    const holding = presidencyAt(new Date(w.now), calendar);
    await store.setOffice(w, holding);
    await scheduleCalendarJobs(w, calendar);
    if (!holding) await alertVacancy(w, calendar);
  });
}

/** Schedules the calendar's jobs when they are missing (the server does this as it starts its job runner). */
export function ensureCalendarJobs(w: WriteContext): Promise<void> {
  return store.getCalendar(w.trx).then((calendar) => scheduleCalendarJobs(w, calendar));
}

/**
 * Adds the next term to the calendar (`blueprint presidency add`, or an administrator over HTTP; `actor` null for
 * the command line). Validated against the calendar read inside the write; audited. When no Presidency held office
 * and the new term covers now, it takes office at once.
 */
export async function addTerm(
  platform: Platform,
  actor: Actor | null,
  req: AddTermRequest,
  idempotency?: IdempotencyScope,
): Promise<PresidencyTerm> {
  return inWrite(
    platform,
    { actor: { userId: actor?.userId ?? null, organisation: actor?.organisation ?? null }, idempotency },
    async (w) => {
      if (actor)
        assertAllowed(extendPresidencyCalendar, 'only platform administrators extend the calendar', actor);
      const calendar = await store.getCalendar(w.trx);
      const checked = checkExtension(calendar, req.term, req.state);
      if (!checked.ok)
        throw new Invalid(`${checked.problem.field}: ${checked.problem.message}`, checked.problem.field);
      await store.insertTerm(w, checked.term, actor?.userId ?? null);
      await w.audit({
        action: 'presidency.term-added',
        subjectType: 'presidency-term',
        subjectId: checked.term.term,
        details: { memberState: checked.term.memberState, startsAt: checked.term.startsAt },
      });
      const extended = [...calendar, checked.term];
      const office = await store.getOfficeForUpdate(w);
      if (office.since !== store.NEVER_SEATED && office.memberState === null) await changeOfTerm(w);
      else await scheduleCalendarJobs(w, extended);
      return checked.term;
    },
  );
}

/** What administrators see of the calendar. */
export async function calendarState(platform: Platform, actor: Actor): Promise<PresidencyCalendarState> {
  assertAllowed(readPresidencyCalendar, 'only platform administrators keep the Presidency calendar', actor);
  const db = platform.db.kysely;
  const [calendar, office] = await Promise.all([store.getCalendar(db), store.getOffice(db)]);
  const last = calendar.at(-1);
  return {
    calendar,
    holder: office,
    runsOutAt: runsOutAt(calendar) ?? null,
    warningAt: warningAt(calendar) ?? null,
    runningOut: runningOut(calendar, platform.clock.now()),
    nextTerm: last ? termName(followingTerm(parseTerm(last.term)!)) : null,
  };
}

/**
 * The change of term, run by its job at the boundary (by the platform clock): the holder the calendar gives for now
 * takes office; entries addressed to `PRESIDENCY` follow (the live event moves them on open streams); each incident
 * with open matters gets a handover note for the outgoing and incoming Presidency and ERCC; the next change is
 * scheduled. With no Presidency in the calendar, administrators are alerted. Running it again changes nothing.
 */
export async function changeOfTerm(w: WriteContext): Promise<void> {
  const office = await store.getOfficeForUpdate(w);
  const calendar = await store.getCalendar(w.trx);
  const holding = presidencyAt(new Date(w.now), calendar);
  await scheduleCalendarJobs(w, calendar);
  const next = holding?.memberState ?? null;
  if ((holding?.term ?? null) === office.term && next === office.memberState) return;
  await store.setOffice(w, holding);
  await w.audit({
    action: 'presidency.changed',
    subjectType: 'presidency',
    subjectId: holding?.term ?? 'none',
    details: { from: office.memberState, to: next, previousTerm: office.term },
  });
  if (next !== office.memberState) {
    await w.emit({ type: 'presidency-changed', previous: office.memberState, next });
    await handOver(w, office.memberState, next, holding?.term ?? null);
  }
  if (!holding) await alertVacancy(w, calendar);
}

/** Every incident with open matters gets its handover note, and both Presidencies are notified of it. */
async function handOver(w: WriteContext, from: string | null, to: string | null, term: string | null) {
  const incidents = await store.getOpenIncidents(w.trx);
  if (incidents.length === 0) return;
  const author = await store.ensurePlatformAccount(w);
  const matters = await store.getOpenMatters(
    w.trx,
    incidents.map((i) => i.id),
    PRESIDENCY,
  );
  for (const incident of incidents) {
    const m = matters.get(incident.id) ?? { openConsultations: [], addressedToPresidency: 0 };
    await appendEntry(w, {
      kind: 'presidency-handover',
      incidentId: incident.id,
      authorUserId: author.userId,
      authorOrg: author.organisation,
      marking: 'TLP:AMBER',
      audience: [...new Set([from, to, 'ERCC'].filter((o): o is string => o !== null))],
      recipients: [],
      releasableToNato: false,
      body: { from, to, term, ...m },
    });
    await notify(w, {
      organisations: [from, to].filter((o): o is string => o !== null),
      kind: 'presidency-handover',
      incidentId: incident.id,
      body: { from, to, term },
    });
  }
}

/** No Presidency holds office: `PRESIDENCY` reaches nobody, and administrators must extend the calendar. */
async function alertVacancy(w: WriteContext, calendar: readonly PresidencyTerm[]) {
  await notify(w, {
    organisations: [PLATFORM_ADMINISTRATORS],
    kind: 'presidency-vacant',
    incidentId: null,
    body: { lastTerm: calendar.at(-1)?.term ?? null, runsOutAt: runsOutAt(calendar) ?? null },
  });
}

/**
 * The warning a year before the calendar runs out, run by its job: administrators are told what to add. When the
 * calendar was extended since the job was scheduled, the warning moves to the new date instead.
 */
export async function warnIfRunningOut(w: WriteContext): Promise<void> {
  const calendar = await store.getCalendar(w.trx);
  if (!runningOut(calendar, new Date(w.now))) {
    await scheduleCalendarJobs(w, calendar);
    return;
  }
  const last = calendar.at(-1);
  await notify(w, {
    organisations: [PLATFORM_ADMINISTRATORS],
    kind: 'presidency-calendar-running-out',
    incidentId: null,
    body: {
      runsOutAt: runsOutAt(calendar) ?? null,
      lastTerm: last?.term ?? null,
      nextTerm: last ? termName(followingTerm(parseTerm(last.term)!)) : null,
    },
  });
}

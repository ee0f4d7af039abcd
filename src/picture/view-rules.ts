import type { StoredEntry } from '../entries/store.js';
import type { Impact, SectorRef, SectorStatus } from '../incidents/model.js';
import { currentFacts } from '../incidents/rules.js';
import { standingFacts } from '../incidents/standing-facts.js';
import { factsOf, type IncidentLog, incidentView, presentLogEntry } from '../incidents/view-rules.js';
import type { Actor } from '../platform/actor.js';
import { seeWithheldDetails } from '../sharing/entries.js';
import { mostRestrictive, type TlpMarking } from '../sharing/model.js';
import { isAllowed } from '../sharing/policy.js';
import type { Picture, PictureState } from './model.js';
import { splitCountries, staleness, stateLevels } from './rules.js';

const SECTOR_SEVERITY: Record<SectorStatus, number> = { restored: 0, degraded: 1, disrupted: 2 };

interface RawImpact {
  memberState?: string;
  assessedBy?: string;
  service?: string;
  usersAffected?: number;
}

/** The report and update entries this reader may see and no retraction withdrew: the picture's details come from these alone. */
export function detailEntries(log: IncidentLog): StoredEntry[] {
  return standingFacts(log.entries, ['report', 'update']).filter((e) => log.visible.has(e.id));
}

/** Who relayed the latest own assessment of a country outside the EU (ERCC over the API), if anyone did. */
function relayerOf(impacts: readonly Impact[], country: string): string | null {
  const own = impacts.filter((i) => i.memberState === country && i.assessedBy === country);
  return own.at(-1)?.relayedBy ?? null;
}

/**
 * The common picture as this reader may see it. The levels per state are assessment facts, the same for everyone;
 * services, numbers and update times come only from entries the reader may see, and the picture carries the most
 * restrictive marking among those entries.
 * A pure projection of the incident's log for this reader at `now`; states not updated for `after` minutes go stale.
 */
export function pictureOf(log: IncidentLog, actor: Actor, now: Date, after: number): Picture {
  const incident = incidentView(log, actor, now);
  const facts = currentFacts(factsOf(log));
  const levels = stateLevels(facts);
  // Only the entries that carry details, as this reader receives them; when each state last wrote is loaded with
  // the log, among the entries the reader may see.
  const visible = detailEntries(log).map((e) => presentLogEntry(log, actor, e));
  const lastUpdate = log.latestContribution;

  // Details from what the reader may see: a later claim by the same assessor about a state replaces the earlier.
  const claims = new Map<string, RawImpact>();
  // The levels themselves are assessment facts shared with every participating organisation: GREEN at least.
  const markings: TlpMarking[] = ['TLP:GREEN'];
  for (const e of visible) {
    if (e.kind !== 'report' && e.kind !== 'update') continue;
    const body = e.body as { impacts?: RawImpact[]; reportedBy?: string };
    const speaker = e.kind === 'report' ? (body.reportedBy ?? e.author.organisation) : e.author.organisation;
    const impacts = (body.impacts ?? []).filter((i) => typeof i.memberState === 'string');
    if (impacts.length > 0) markings.push(e.marking);
    for (const i of impacts) claims.set(`${i.memberState}|${i.assessedBy ?? speaker}`, i);
  }
  const details = new Map<string, { services: string[]; usersAffected: number | null }>();
  for (const i of claims.values()) {
    const d = details.get(i.memberState!) ?? { services: [], usersAffected: null };
    if (i.service && !d.services.includes(i.service)) d.services.push(i.service);
    if (typeof i.usersAffected === 'number')
      d.usersAffected = Math.max(d.usersAffected ?? 0, i.usersAffected);
    details.set(i.memberState!, d);
  }
  const all: PictureState[] = [...levels.entries()]
    .map(([code, l]) => {
      const reporting = incident.reporting.find((r) => r.memberState === code);
      const last = lastUpdate.get(code) ?? null;
      return {
        code,
        level: l.level,
        ownAssessment: l.own,
        claimedBy: l.claimedBy,
        lastUpdateAt: last,
        staleness: staleness(last, now, after),
        currentStage: reporting?.current ?? null,
        capacityOverwhelmed: incident.capacityOverwhelmed.includes(code),
        services: details.get(code)?.services ?? [],
        usersAffected: details.get(code)?.usersAffected ?? null,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  const { members, third } = splitCountries(all);
  const people = members.map((s) => s.usersAffected).filter((n): n is number => n !== null);
  const sectors = new Map<string, { subsectors: string[]; status: SectorStatus | null }>();
  const worst = (a: SectorStatus | null, b: SectorStatus | undefined): SectorStatus | null =>
    b === undefined ? a : a === null || SECTOR_SEVERITY[b] > SECTOR_SEVERITY[a] ? b : a;
  // Which sectors are hit, and how they stand, are details of the entries that say so: only entries this reader may
  // see count (like the incident's own sector list), so an update outside their reach leaves what they see as it was.
  const visibleFacts = factsOf(log, true);
  const visibleStatus = new Map<string, SectorStatus>();
  const visibleRefs: SectorRef[] = [];
  for (const f of visibleFacts) {
    if (f.kind !== 'report' && f.kind !== 'update') continue;
    if (
      !isAllowed(seeWithheldDetails, actor, f.authorOrg) &&
      f.body.withheld.some((w) => /^sectors\b/.test(w.field))
    )
      continue;
    // As in the incident's facts, a later status replaces the earlier one.
    for (const ref of f.body.sectors) {
      visibleRefs.push(ref);
      if (ref.status) visibleStatus.set(`${ref.sector}|${ref.subsector ?? ''}`, ref.status);
    }
  }
  for (const ref of visibleRefs) {
    const s = sectors.get(ref.sector) ?? { subsectors: [], status: null };
    if (ref.subsector && !s.subsectors.includes(ref.subsector)) s.subsectors.push(ref.subsector);
    s.status = worst(s.status, visibleStatus.get(`${ref.sector}|${ref.subsector ?? ''}`));
    sectors.set(ref.sector, s);
  }
  return {
    incidentId: incident.id,
    title: incident.title,
    exercise: incident.exercise,
    generatedAt: now.toISOString(),
    occurredAt: incident.occurredAt,
    marking: mostRestrictive(markings),
    states: members,
    thirdCountries: third.map((s) => ({
      code: s.code,
      level: s.level,
      ownAssessment: s.ownAssessment,
      relayedBy: s.ownAssessment ? relayerOf(facts.impacts, s.code) : null,
    })),
    keyFigures: {
      significant: incident.assessment.significantlyAffected.length,
      unconfirmed: incident.assessment.unconfirmed.length,
      minor: incident.assessment.minorlyAffected.length,
      usersAffected: people.length > 0 ? people.reduce((a, b) => a + b, 0) : null,
      sectors: [...sectors.entries()].map(([sector, s]) => ({
        sector,
        subsectors: s.subsectors,
        status: s.status,
      })),
      mechanisms: incident.mechanisms.active,
      hoursSinceOccurrence: Math.max(
        0,
        Math.round(((now.getTime() - Date.parse(incident.occurredAt)) / 3_600_000) * 10) / 10,
      ),
    },
    assessment: incident.assessment,
    activation: incident.activation,
    capacityOverwhelmed: incident.capacityOverwhelmed,
    staleAfterMinutes: after,
  };
}

import type { Cause, EntityReporting, ReportingStage, StageClock } from './model.js';
import type { LogFact } from './rules.js';

/**
 * The reporting obligations of the entities involved (BLUEPRINT.md §2): CER Art. 15, NIS2 Art. 23 and DORA Art. 19
 * bind an entity towards its national authority, and which applies follows the entity's sector and type. The
 * platform shows these clocks for information only: sharing under the Blueprint is voluntary, so nothing here says
 * that anyone, least of all a member state, is late.
 */
export type Regime = 'cer' | 'nis2' | 'dora';

/** Why a regime applies to an entity, as a fact the reader's language renders. */
export type RegimeReason =
  /** CER Chapter III: a critical entity outside banking, financial market infrastructure and digital infrastructure. */
  | 'cer-critical-entity'
  /** NIS2: the incident touches network and information systems (a cyber or hybrid cause). */
  | 'nis2-network-and-information-systems'
  /** NIS2 covers digital infrastructure and ICT service management whatever the cause. */
  | 'nis2-digital-whatever-cause'
  /** DORA: banking and financial market infrastructure report major ICT-related incidents under it, not CER or NIS2. */
  | 'dora-financial-entity';

export interface RegimeFact {
  regime: Regime;
  reason: RegimeReason;
}

/** Sectors whose entities report under DORA (CER Art. 8 and NIS2 Art. 4 leave them to it). */
const DORA_SECTORS: readonly string[] = ['banking', 'financial-market-infrastructure'];
/** Sectors whose service is itself network and information systems: NIS2 whatever the cause, no CER Chapter III. */
const NIS2_WHATEVER_CAUSE: readonly string[] = ['digital-infrastructure', 'ict-service-management'];

/** The regimes an entity of this sector reports under for an incident of this cause, with why. */
export function regimesFor(
  entity: { sector: string; subsector?: string | undefined },
  cause: Cause,
): RegimeFact[] {
  if (DORA_SECTORS.includes(entity.sector)) return [{ regime: 'dora', reason: 'dora-financial-entity' }];
  if (NIS2_WHATEVER_CAUSE.includes(entity.sector))
    return [{ regime: 'nis2', reason: 'nis2-digital-whatever-cause' }];
  const regimes: RegimeFact[] = [{ regime: 'cer', reason: 'cer-critical-entity' }];
  if (cause === 'cyber' || cause === 'hybrid')
    regimes.push({ regime: 'nis2', reason: 'nis2-network-and-information-systems' });
  return regimes;
}

/** NIS2 Art. 23(4)(b): a trust service provider notifies the incident within 24 h, not 72 h. */
export function isTrustService(entity: { sector: string; subsector?: string | undefined }): boolean {
  return entity.sector === 'digital-infrastructure' && entity.subsector === 'trust-services';
}

const HOUR = 3_600_000;

function plusHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * HOUR).toISOString();
}

/** One calendar month later, in UTC (31 January + 1 month is the last day of February). */
export function addMonth(iso: string): string {
  const d = new Date(iso);
  const target = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString();
}

/**
 * The stages of one regime for one entity. A stage that runs from an earlier one has its time once that one is
 * recorded on the platform; a stage that has no time of its own (on request, while it lasts) says so in `basis`.
 */
export function stagesOf(
  regime: Regime,
  awareAt: string,
  recorded: ReadonlyMap<ReportingStage, string>,
  trustService: boolean,
): StageClock[] {
  const clock = (stage: ReportingStage, basis: StageClock['basis'], dueAt: string | null): StageClock => ({
    regime,
    stage,
    basis,
    dueAt,
    recordedAt: recorded.get(stage) ?? null,
  });
  const after = (stage: ReportingStage, then: (iso: string) => string) => {
    const at = recorded.get(stage);
    return at ? then(at) : null;
  };
  switch (regime) {
    case 'cer':
      return [
        clock('cer-initial-notification', 'awareness-24h', plusHours(awareAt, 24)),
        clock(
          'cer-detailed-report',
          'initial-notification-1-month',
          after('cer-initial-notification', addMonth),
        ),
      ];
    case 'nis2': {
      const final = after('nis2-incident-notification', addMonth);
      return [
        clock('nis2-early-warning', 'awareness-24h', plusHours(awareAt, 24)),
        trustService
          ? clock('nis2-incident-notification', 'awareness-24h-trust-service', plusHours(awareAt, 24))
          : clock('nis2-incident-notification', 'awareness-72h', plusHours(awareAt, 72)),
        clock('nis2-intermediate-report', 'on-request', null),
        clock('nis2-final-report', 'incident-notification-1-month', final),
        clock('nis2-progress-report', 'while-ongoing', final),
      ];
    }
    case 'dora':
      return [
        clock('dora-initial-notification', 'classification-4h-awareness-24h', plusHours(awareAt, 24)),
        clock(
          'dora-intermediate-report',
          'initial-notification-72h',
          after('dora-initial-notification', (at) => plusHours(at, 72)),
        ),
        clock(
          'dora-final-report',
          'intermediate-report-1-month',
          after('dora-intermediate-report', addMonth),
        ),
      ];
  }
}

interface Named {
  key: string;
  name: string | null;
  sector: string;
  subsector: string | undefined;
  reportedBy: string;
  awareAt: string;
  recorded: Map<ReportingStage, string>;
}

/** An entity as an entry states it; the name may have been withheld from this reader. */
interface StatedEntity {
  name?: string;
  sector?: string;
  subsector?: string;
}

/**
 * Whether an update can move any entity's clocks, as `entityReporting` reads them: by naming entities, recording a
 * stage or changing the cause. Any other update leaves them as they were, so nothing needs to look at them again.
 */
export function updateMayMoveClocks(update: {
  stage: ReportingStage;
  entities: readonly unknown[];
  cause?: Cause | undefined;
}): boolean {
  return update.entities.length > 0 || update.stage !== 'other' || update.cause !== undefined;
}

/**
 * Each entity's clocks, per regime, from the facts the reader receives (names they may not see are absent, and
 * such an entity is shown without its name). An entity became aware when the report naming it says it detected the
 * incident, else when it was first named here; an update that names the entity and gives `awareAt` sets it. A stage
 * is recorded when an update tagged with it comes from the organisation that named the entity or names the entity.
 */
export function entityReporting(facts: readonly LogFact[], cause: Cause): EntityReporting[] {
  const named: Named[] = [];
  const byKey = new Map<string, Named>();
  facts.forEach((f, index) => {
    if (f.kind !== 'report' && f.kind !== 'update') return;
    const speaker = f.kind === 'report' ? f.body.reportedBy : f.authorOrg;
    const aware =
      f.kind === 'report'
        ? f.body.detectedAt
          ? new Date(f.body.detectedAt).toISOString()
          : f.createdAt
        : f.body.awareAt
          ? new Date(f.body.awareAt).toISOString()
          : undefined;
    const stated = (f.body.entities ?? []) as readonly StatedEntity[];
    stated.forEach((e, position) => {
      if (typeof e.sector !== 'string') return;
      // A withheld name cannot be matched with later mentions: it stays its own line.
      const key = typeof e.name === 'string' ? `name:${e.name}` : `entry:${index}:${position}`;
      const existing = byKey.get(key);
      if (existing) {
        existing.sector = e.sector;
        existing.subsector = e.subsector;
        if (f.kind === 'update' && aware) existing.awareAt = aware;
        return;
      }
      const entity: Named = {
        key,
        name: typeof e.name === 'string' ? e.name : null,
        sector: e.sector,
        subsector: e.subsector,
        reportedBy: speaker,
        awareAt: aware ?? f.createdAt,
        recorded: new Map(),
      };
      byKey.set(key, entity);
      named.push(entity);
    });
    if (f.kind === 'update' && f.body.stage !== 'other') {
      const naming = new Set(stated.map((e) => (typeof e.name === 'string' ? `name:${e.name}` : '')));
      for (const entity of named) {
        if (entity.reportedBy !== f.authorOrg && !naming.has(entity.key)) continue;
        if (!entity.recorded.has(f.body.stage)) entity.recorded.set(f.body.stage, f.createdAt);
      }
    }
  });
  return named.map((entity) => {
    const regimes = regimesFor(entity, cause);
    const trust = isTrustService(entity);
    return {
      entity: entity.name,
      sector: entity.sector,
      subsector: entity.subsector ?? null,
      reportedBy: entity.reportedBy,
      awareAt: entity.awareAt,
      regimes,
      stages: regimes.flatMap((r) => stagesOf(r.regime, entity.awareAt, entity.recorded, trust)),
    };
  });
}

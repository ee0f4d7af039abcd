import { approvedByDrafter, COMMS_KINDS, type CommsFact, isClear, publicMessages } from '../comms/rules.js';
import { MEASURES, type Measure, PER_ORGANISATION } from '../exercises/scenario-model.js';

/**
 * Coordination speed, measured from the log: how long from the first report (in an exercise, the first inject) to
 * each step the Blueprint exists to speed up. Pure functions over what a reader may see, so the same figures come
 * out for an exercise run, a real incident and the post-incident report.
 */

/** One step taken, as the log records it. */
export interface CoordinationStep {
  measure: Measure;
  /** Who took it, for the measures taken per organisation; null for incident-wide ones. */
  organisation: string | null;
  at: string;
  /** Stamped by an exercise run's own clock (a CLI run's principals), so in scenario time already. */
  onRunClock?: boolean;
}

export interface Metric {
  organisation: string | null;
  measure: Measure;
  /** Whole seconds from the start. */
  seconds: number;
}

/** The facts of a log entry the steps are read from (its body parsed). */
export interface LoggedFact {
  kind: string;
  authorOrg: string;
  createdAt: string;
  body: Record<string, unknown>;
  /** Written by an exercise run's principal on the run's own clock (src/exercises/run-clock.ts). */
  onRunClock?: boolean;
}

/**
 * The steps a log shows: each state's own assessment, the first status other than the one the incident started
 * with, activation. (Acknowledgements, approved sitreps and public lines live beside the log and are added by
 * their loaders.)
 */
export function stepsOfLog(facts: readonly LoggedFact[]): CoordinationStep[] {
  const steps: CoordinationStep[] = [];
  let initial: unknown;
  let changed = false;
  for (const fact of [...facts].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const clock = fact.onRunClock ? { onRunClock: true } : {};
    if (fact.kind === 'own-assessment')
      steps.push({ measure: 'own-assessment', organisation: fact.authorOrg, at: fact.createdAt, ...clock });
    else if (fact.kind === 'status-change') {
      if (fact.body.from === null || initial === undefined) initial ??= fact.body.to;
      else if (!changed && fact.body.to !== initial) {
        changed = true;
        steps.push({ measure: 'status-changed', organisation: null, at: fact.createdAt, ...clock });
      }
    } else if (fact.kind === 'activation')
      steps.push({ measure: 'activated', organisation: null, at: fact.createdAt, ...clock });
  }
  return steps;
}

/** An entry of the log as the measure reads it: its facts, and its effective marking (a public line is CLEAR). */
export interface MeasuredEntry extends LoggedFact {
  id: string;
  marking: string;
}

/**
 * What an incident's figures are read from, as its reader may see it: one person on the metrics page, or every
 * reader of a compiled product (the post-incident report). Each loader filters by its own rules; the steps and
 * their measure are then the same for both.
 */
export interface MeasuredIncident {
  entries: readonly MeasuredEntry[];
  /** When each sitrep the reader may read was published. */
  sitrepsPublished: ReadonlyArray<{ at: string; onRunClock?: boolean }>;
  /** The acknowledgements of alerts the reader may see, by organisation. */
  acknowledgements: ReadonlyArray<{ organisation: string; at: string; onRunClock?: boolean }>;
}

const COMMS: ReadonlySet<string> = new Set(COMMS_KINDS);

/** When a line to take was first approved for use: its drafter approved a TLP:CLEAR version. */
function firstApprovedLines(facts: readonly CommsFact[]): CoordinationStep[] {
  const steps: CoordinationStep[] = [];
  for (const message of publicMessages(facts))
    for (const v of message.versions) {
      const at = v.records.get(v.draftedBy)?.decidedAt;
      if (at && approvedByDrafter(v) && isClear(v))
        steps.push({ measure: 'first-public-line', organisation: null, at });
    }
  return steps;
}

/** Every step an incident shows its reader: the log's, its public lines, its published sitreps, acknowledgements. */
export function coordinationSteps(incident: MeasuredIncident): CoordinationStep[] {
  return [
    ...stepsOfLog(incident.entries.filter((e) => !COMMS.has(e.kind))),
    ...firstApprovedLines(incident.entries.filter((e) => COMMS.has(e.kind))),
    ...incident.sitrepsPublished.map((s) => ({ ...s, measure: 'first-sitrep' as const, organisation: null })),
    ...incident.acknowledgements.map((a) => ({ ...a, measure: 'acknowledged' as const })),
  ];
}

/**
 * `measure`, with each step's instant first read through the run's clock when it has one (`toScenario`, from a
 * recorded exercise clock: src/exercises/run-clock.ts), so an accelerated exercise counts scenario time. A step
 * the run's own clock stamped is in scenario time already and is left as it is.
 */
export function measureOnClock(
  start: string,
  steps: readonly CoordinationStep[],
  toScenario?: (instant: string) => string,
): Metric[] {
  return measure(
    start,
    toScenario ? steps.map((s) => (s.onRunClock ? s : { ...s, at: toScenario(s.at) })) : steps,
  );
}

/** The first time each step was taken (per organisation where it is per organisation), never before the start. */
export function measure(start: string, steps: readonly CoordinationStep[]): Metric[] {
  const startMs = Date.parse(start);
  const first = new Map<string, Metric>();
  for (const step of steps) {
    const ms = Date.parse(step.at) - startMs;
    if (!(ms >= 0)) continue;
    const organisation = PER_ORGANISATION.has(step.measure) ? step.organisation : null;
    const key = `${step.measure} ${organisation ?? ''}`;
    const seconds = Math.floor(ms / 1000);
    const known = first.get(key);
    if (!known || seconds < known.seconds) first.set(key, { organisation, measure: step.measure, seconds });
  }
  return [...first.values()].sort(
    (a, b) =>
      a.seconds - b.seconds ||
      MEASURES.indexOf(a.measure) - MEASURES.indexOf(b.measure) ||
      (a.organisation ?? '').localeCompare(b.organisation ?? ''),
  );
}

export interface TargetResult {
  measure: Measure;
  organisation: string | null;
  targetSeconds: number;
  /** Null when the step was never taken. */
  seconds: number | null;
  met: boolean;
}

/** Each expected action against what was measured: reached by its target, late, or never. */
export function againstTargets(
  metrics: readonly Metric[],
  expected: ReadonlyArray<{ measure: Measure; organisation?: string | undefined; by: number }>,
): TargetResult[] {
  return expected.map((e) => {
    const organisation = e.organisation ?? null;
    const found = metrics.find((m) => m.measure === e.measure && m.organisation === organisation);
    const targetSeconds = Math.round(e.by * 60);
    const seconds = found?.seconds ?? null;
    return {
      measure: e.measure,
      organisation,
      targetSeconds,
      seconds,
      met: seconds !== null && seconds <= targetSeconds,
    };
  });
}

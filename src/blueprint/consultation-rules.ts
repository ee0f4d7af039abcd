/**
 * The Presidency's consultation on Union-level coordination (T3) as a silence procedure, BLUEPRINT.md §2: pure rules,
 * folded from the log and decided at an instant, so the commands, the deadline job and the web all say the same.
 */
import { bodyOf } from '../log/kinds.js';
import type {
  ConclusionReason,
  Consultation,
  ConsultationAnswer,
  ConsultationOutcome,
  Proposal,
  SilenceProcedure,
} from './model.js';
import { majorityConsultations, type WorkflowFact } from './rules.js';

const MINUTE = 60_000;

/** The minimum a late joiner gets when the Presidency names none: long enough for a duty officer to be reached. */
export const DEFAULT_LATE_JOINER_MINIMUM_MINUTES = 120;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const ms = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();

/** A state consulted while the procedure is open answers by the later of the deadline and its joining plus the minimum. */
export function ownDeadline(deadline: string, joinedAt: string, minimumMinutes: number): string {
  return iso(Math.max(ms(deadline), ms(joinedAt) + minimumMinutes * MINUTE));
}

function latest(instants: readonly string[]): string {
  return iso(Math.max(...instants.map(ms)));
}

/** Every silence procedure of an incident, oldest first, folded from its entries. */
export function silenceProcedures(facts: readonly WorkflowFact[]): SilenceProcedure[] {
  const out: SilenceProcedure[] = [];
  const byId = new Map<string, SilenceProcedure>();
  for (const f of facts) {
    const opened = bodyOf(f, 'silence-procedure-opened');
    if (opened) {
      const deadline = text(opened.deadline);
      const consulted = (Array.isArray(opened.consulted) ? opened.consulted : []).map((c) => ({
        memberState: c.memberState,
        since: f.createdAt,
        deadline: c.deadline,
      }));
      const c: SilenceProcedure = {
        procedure: 'silence',
        id: f.id,
        openedAt: f.createdAt,
        openedBy: f.authorOrg,
        proposal: opened.proposal === 'do-not-coordinate' ? 'do-not-coordinate' : 'coordinate',
        text: text(opened.text),
        deadline,
        lateJoinerMinimumMinutes: Number(opened.lateJoinerMinimumMinutes ?? 0),
        consulted,
        answers: [],
        withdrawnObjections: [],
        views: [],
        advice: [],
        lastDeadline: latest([deadline, ...consulted.map((s) => s.deadline)]),
        conclusion: null,
        open: true,
      };
      out.push(c);
      byId.set(c.id, c);
      continue;
    }
    const c = byId.get(text(f.body.consultationId));
    if (!c) continue;
    if (f.kind === 'consultation-advice') {
      c.advice.push({
        text: text(f.body.text),
        at: f.createdAt,
        by: f.authorName,
        organisation: f.authorOrg,
      });
      continue;
    }
    if (!c.open) continue;
    const joined = bodyOf(f, 'silence-procedure-consulted');
    const concluded = bodyOf(f, 'silence-procedure-concluded');
    if (joined) {
      const state = text(joined.memberState);
      if (c.consulted.some((s) => s.memberState === state)) continue;
      c.consulted.push({ memberState: state, since: f.createdAt, deadline: text(joined.deadline) });
      c.lastDeadline = latest([c.lastDeadline, text(joined.deadline)]);
    } else if (f.kind === 'silence-procedure-view') {
      c.views.push({ organisation: f.authorOrg, text: text(f.body.text), at: f.createdAt, by: f.authorName });
    } else if (f.kind === 'silence-procedure-objection' || f.kind === 'silence-procedure-consent') {
      // Only a consulted state's answer before its own deadline counts; the commands refuse the rest anyway.
      if (!answersInTime(c, f.authorOrg, f.createdAt)) continue;
      const answer: ConsultationAnswer = f.kind === 'silence-procedure-objection' ? 'objection' : 'consent';
      c.answers = c.answers.filter((a) => a.memberState !== f.authorOrg);
      c.answers.push({
        memberState: f.authorOrg,
        answer,
        text: text(f.body.text),
        at: f.createdAt,
        by: f.authorName,
      });
    } else if (f.kind === 'silence-procedure-objection-withdrawn') {
      const standing = c.answers.find((a) => a.memberState === f.authorOrg && a.answer === 'objection');
      if (!standing || !answersInTime(c, f.authorOrg, f.createdAt)) continue;
      c.answers = c.answers.filter((a) => a !== standing);
      c.withdrawnObjections.push({
        memberState: f.authorOrg,
        reason: standing.text,
        at: standing.at,
        withdrawnAt: f.createdAt,
      });
    } else if (concluded) {
      c.open = false;
      c.conclusion = {
        outcome: (concluded.outcome ?? 'not-agreed') as ConsultationOutcome,
        agreed: concluded.agreed === true,
        reason: (concluded.reason ?? 'deadline') as ConclusionReason,
        standingObjections: Array.isArray(concluded.standingObjections) ? concluded.standingObjections : [],
        text: text(concluded.text),
        at: f.createdAt,
        by: concluded.byPlatform ? null : f.authorOrg,
      };
    }
  }
  return out;
}

/** Every consultation of an incident, oldest first: silence procedures, and majority counts as history. */
export function consultations(facts: readonly WorkflowFact[]): Consultation[] {
  return [...majorityConsultations(facts), ...silenceProcedures(facts)].sort((a, b) =>
    a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0,
  );
}

/** The silence procedure still open, if any (there is at most one). */
export function openProcedure(procedures: readonly SilenceProcedure[]): SilenceProcedure | undefined {
  return procedures.find((c) => c.open);
}

/** The consulted state's own deadline, or undefined for a state not consulted. */
export function deadlineOf(c: SilenceProcedure, state: string): string | undefined {
  return c.consulted.find((s) => s.memberState === state)?.deadline;
}

function answersInTime(c: SilenceProcedure, state: string, at: string): boolean {
  const deadline = deadlineOf(c, state);
  return deadline !== undefined && ms(at) < ms(deadline);
}

/** Whether this state may object or consent now: consulted, the procedure open, and before its own deadline. */
export function mayAnswer(c: SilenceProcedure, state: string, now: string): boolean {
  return c.open && answersInTime(c, state, now);
}

/** Whether this state may withdraw its objection now: it stands, and its own deadline has not passed. */
export function mayWithdraw(c: SilenceProcedure, state: string, now: string): boolean {
  return mayAnswer(c, state, now) && answerOf(c, state) === 'objection';
}

export function answerOf(c: SilenceProcedure, state: string): ConsultationAnswer | undefined {
  return c.answers.find((a) => a.memberState === state)?.answer;
}

/**
 * States significantly affected now that the open procedure has not consulted, with their own deadlines. None once
 * the last deadline has passed: the procedure is then concluding, and a state nobody asked never counts in it.
 */
export function lateJoiners(
  c: SilenceProcedure,
  significantlyAffected: readonly string[],
  now: string,
): Array<{ memberState: string; deadline: string }> {
  if (!c.open || ms(now) >= ms(c.lastDeadline)) return [];
  return significantlyAffected
    .filter((state) => deadlineOf(c, state) === undefined)
    .map((memberState) => ({
      memberState,
      deadline: ownDeadline(c.deadline, now, c.lateJoinerMinimumMinutes),
    }));
}

/**
 * Objections that stand: not withdrawn, by a consulted state that is significantly affected now. An objection by a
 * state no longer significantly affected does not count (BLUEPRINT.md §2).
 */
export function standingObjections(c: SilenceProcedure, significantlyAffected: readonly string[]): string[] {
  return c.answers
    .filter((a) => a.answer === 'objection' && significantlyAffected.includes(a.memberState))
    .map((a) => a.memberState)
    .sort();
}

/** Consulted states whose answer is still awaited: significantly affected, and neither objecting nor consenting. */
export function awaitedAnswers(c: SilenceProcedure, significantlyAffected: readonly string[]): string[] {
  return c.consulted
    .map((s) => s.memberState)
    .filter((state) => significantlyAffected.includes(state) && answerOf(c, state) === undefined)
    .sort();
}

/** Agreed when the proposal is to coordinate and no objection stands; silence is consent. */
export function outcomeOf(
  proposal: Proposal,
  objections: readonly string[],
): { outcome: ConsultationOutcome; agreed: boolean } {
  const agreed = proposal === 'coordinate' && objections.length === 0;
  return { outcome: agreed ? 'agreed' : 'not-agreed', agreed };
}

/** What concluding the procedure would record, or why it may not conclude that way now. */
export type Conclusion =
  | {
      ok: true;
      body: {
        outcome: ConsultationOutcome;
        agreed: boolean;
        reason: ConclusionReason;
        standingObjections: string[];
      };
    }
  | { ok: false; code: 'consultation-closed' | 'not-due' | 'answers-awaited'; message: string };

/**
 * Concludes the procedure at `now`: by the platform when the last deadline has passed, by the Presidency early when
 * every consulted state has answered, or declined early by the Presidency (declining needs no one's answer).
 */
export function conclude(
  c: SilenceProcedure,
  significantlyAffected: readonly string[],
  now: string,
  reason: ConclusionReason,
): Conclusion {
  if (!c.open) return { ok: false, code: 'consultation-closed', message: 'this consultation has concluded' };
  const objections = standingObjections(c, significantlyAffected);
  if (reason === 'declined') {
    return {
      ok: true,
      body: { outcome: 'declined', agreed: false, reason, standingObjections: objections },
    };
  }
  if (reason === 'deadline' && ms(now) < ms(c.lastDeadline)) {
    return { ok: false, code: 'not-due', message: `the last deadline is ${c.lastDeadline}` };
  }
  if (reason === 'all-answered') {
    const awaited = awaitedAnswers(c, significantlyAffected);
    if (awaited.length > 0 && ms(now) < ms(c.lastDeadline)) {
      return {
        ok: false,
        code: 'answers-awaited',
        message: `the consultation concludes early only when every consulted state has answered; awaited: ${awaited.join(', ')}`,
      };
    }
  }
  return {
    ok: true,
    body: { ...outcomeOf(c.proposal, objections), reason, standingObjections: objections },
  };
}

/** What the consultation rules need to know for a caller's abilities and the commands' authorisation. */
export interface ConsultationSituation {
  /** Whether a silence procedure is open. */
  open: boolean;
  /** Consulted states that may still answer (their own deadline has not passed). */
  answering: readonly string[];
  /** Consulted states whose objection stands and may still be withdrawn. */
  objecting: readonly string[];
  /** Whether every consulted, significantly affected state has answered (the Presidency may conclude early). */
  everyoneAnswered: boolean;
}

export function consultationSituation(
  c: SilenceProcedure | undefined,
  significantlyAffected: readonly string[],
  now: string,
): ConsultationSituation {
  if (!c) return { open: false, answering: [], objecting: [], everyoneAnswered: false };
  const states = c.consulted.map((s) => s.memberState);
  return {
    open: c.open,
    answering: states.filter((s) => mayAnswer(c, s, now)),
    objecting: states.filter((s) => mayWithdraw(c, s, now)),
    everyoneAnswered: c.open && awaitedAnswers(c, significantlyAffected).length === 0,
  };
}

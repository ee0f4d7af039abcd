import { isMemberState, normaliseCountryCode } from '../registry/countries.js';
import { halfYearStart, type PresidencyTerm, presidencyAt } from '../registry/presidency.js';

/** A term's name: the year and its half, "2031-H1". */
const TERM_NAME = /^(\d{4})-H([12])$/;

export interface TermName {
  year: number;
  half: 1 | 2;
}

export function parseTerm(term: string): TermName | undefined {
  const m = TERM_NAME.exec(term);
  if (!m) return undefined;
  return { year: Number(m[1]), half: m[2] === '1' ? 1 : 2 };
}

export function termName(t: TermName): string {
  return `${t.year}-H${t.half}`;
}

/** The half-year after this one. */
export function followingTerm(t: TermName): TermName {
  return t.half === 1 ? { year: t.year, half: 2 } : { year: t.year + 1, half: 1 };
}

/** A term of `memberState` for the half-year named, with its bounds at 00:00 Brussels time. */
export function termOf(t: TermName, memberState: string): PresidencyTerm {
  const next = followingTerm(t);
  return {
    memberState,
    term: termName(t),
    startsAt: new Date(halfYearStart(t.year, t.half)).toISOString(),
    endsAt: new Date(halfYearStart(next.year, next.half)).toISOString(),
  };
}

/** A problem with a proposed term, naming the option it is about (`--term`, `--state`). */
export interface TermProblem {
  field: 'term' | 'state';
  message: string;
}

/**
 * Whether `term` held by `state` may extend the calendar: a member state, and the half-year right after the last
 * term held (so the calendar never has a gap and no term is written twice). An empty calendar takes any term.
 * Returns the term to store (the state's code after aliases, `EL` → `GR`) or the problem.
 */
export function checkExtension(
  calendar: readonly PresidencyTerm[],
  term: string,
  state: string,
): { ok: true; term: PresidencyTerm } | { ok: false; problem: TermProblem } {
  const name = parseTerm(term);
  if (!name)
    return { ok: false, problem: { field: 'term', message: `"${term}" is not a term like 2031-H1` } };
  const code = normaliseCountryCode(state);
  if (!code || !isMemberState(code))
    return { ok: false, problem: { field: 'state', message: `"${state}" is not an EU member state` } };
  const last = calendar.at(-1);
  if (last) {
    const expected = termName(followingTerm(parseTerm(last.term)!));
    if (calendar.some((t) => t.term === term))
      return { ok: false, problem: { field: 'term', message: `${term} is already in the calendar` } };
    if (term !== expected)
      return {
        ok: false,
        problem: {
          field: 'term',
          message: `the calendar ends with ${last.term}: the next term to add is ${expected}`,
        },
      };
    if (last.memberState === code)
      return {
        ok: false,
        problem: { field: 'state', message: `${code} already holds ${last.term}, the term before` },
      };
  }
  return { ok: true, term: termOf(name, code) };
}

/** The first instant the calendar no longer covers, or undefined for an empty calendar. */
export function runsOutAt(calendar: readonly PresidencyTerm[]): string | undefined {
  return calendar.at(-1)?.endsAt;
}

/**
 * When admins are warned that the calendar runs out: a year before its last term ends, at the same wall-clock
 * midnight in Brussels (terms end on 1 January or 1 July, so this is one of those, a year earlier).
 */
export function warningAt(calendar: readonly PresidencyTerm[]): string | undefined {
  const last = calendar.at(-1);
  if (!last) return undefined;
  const after = followingTerm(parseTerm(last.term)!);
  return new Date(halfYearStart(after.year - 1, after.half)).toISOString();
}

/** Whether, at `now`, the calendar runs out within a year (the warning is due). */
export function runningOut(calendar: readonly PresidencyTerm[], now: Date): boolean {
  const at = warningAt(calendar);
  return at === undefined || Date.parse(at) <= now.getTime();
}

/**
 * The next instant the Presidency changes hands after `now`: the end of the term in office, or the start of the
 * first term when the calendar has not begun; undefined when nothing changes any more.
 */
export function nextChangeAt(calendar: readonly PresidencyTerm[], now: Date): string | undefined {
  const current = presidencyAt(now, calendar);
  if (current) return current.endsAt;
  return calendar.find((t) => Date.parse(t.startsAt) > now.getTime())?.startsAt;
}

export { presidencyAt };

import type { JobHandler } from '../platform/jobs/runner.js';
import { CALENDAR_WARNING_KIND, changeOfTerm, TERM_CHANGE_KIND, warnIfRunningOut } from './flows.js';

/** The change of term at each boundary of the calendar, by the platform clock. */
export function termChangeJob(): JobHandler {
  return { kind: TERM_CHANGE_KIND, run: (w) => changeOfTerm(w) };
}

/** The warning to administrators a year before the calendar runs out. */
export function calendarWarningJob(): JobHandler {
  return { kind: CALENDAR_WARNING_KIND, run: (w) => warnIfRunningOut(w) };
}

import { z } from 'zod';
import { PresidencyTermSchema } from '../registry/model.js';

/** `POST /api/admin/presidency/terms` and `blueprint presidency add`: the next term and who holds it. */
export const AddTermRequest = z.strictObject({
  term: z
    .string()
    .trim()
    .max(20)
    .describe('The half-year, e.g. 2031-H1: the one after the last in the calendar'),
  state: z.string().trim().max(10).describe('The member state holding the Presidency (EL accepted for GR)'),
});
export type AddTermRequest = z.infer<typeof AddTermRequest>;

/** What administrators see of the calendar: its terms, who holds office for the platform, when it runs out. */
export const PresidencyCalendarState = z.object({
  calendar: z.array(PresidencyTermSchema),
  holder: z.object({ term: z.string().nullable(), memberState: z.string().nullable(), since: z.string() }),
  /** The first instant with no Presidency in the calendar; null for an empty calendar. */
  runsOutAt: z.string().nullable(),
  /** When administrators are (or were) warned: a year before it runs out. */
  warningAt: z.string().nullable(),
  runningOut: z.boolean(),
  /** The term to add next, e.g. 2031-H1. */
  nextTerm: z.string().nullable(),
});
export type PresidencyCalendarState = z.infer<typeof PresidencyCalendarState>;

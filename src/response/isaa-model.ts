import { z } from 'zod';
import { AudienceMember } from '../registry/model.js';

/**
 * Strategic/political products (issue 12 item 7). An ISAA report (integrated situational awareness and analysis)
 * answers what the Presidency asks: it opens the report for an audience chosen first and states its questions;
 * ERCC and EEAS, its co-authors, answer each question, and issue numbered versions. Every part is an entry with the
 * report's own reach, so it reaches exactly the report's readers; the compiled picture in it holds only what every
 * one of them may see. Distinct from the operational sitrep (src/sitreps/).
 */

export const IsaaReportBody = z.object({ title: z.string().min(1) });
export const IsaaQuestionBody = z.object({ reportId: z.string(), question: z.string().min(1) });
/** An answer by one co-author to one question; a later answer by the same organisation replaces its earlier one. */
export const IsaaAnswerBody = z.object({
  reportId: z.string(),
  questionId: z.string(),
  text: z.string().min(1),
});
/** A version issued: the report as it stood at this entry (questions, answers, picture up to it). */
export const IsaaVersionBody = z.object({
  reportId: z.string(),
  version: z.number().int().positive(),
  note: z.string(),
});

/** Markings a report for organisations may carry: TLP:RED is for named people, never an organisation's product. */
export const ProductMarking = z.enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT']);

const Question = z.string().trim().min(1).max(2000);

export const NewIsaaReport = z.strictObject({
  title: z.string().trim().min(1).max(300),
  /** The readers, chosen first; the Presidency, ERCC and EEAS are always among them. */
  audience: z.array(AudienceMember).min(1, 'name at least one organisation').max(64),
  releasableToNato: z.boolean().default(false),
  marking: ProductMarking.default('TLP:AMBER'),
  questions: z.array(Question).min(1, 'state at least one question').max(30),
});
export type NewIsaaReport = z.infer<typeof NewIsaaReport>;

export const NewIsaaQuestion = z.strictObject({ question: Question });
export const NewIsaaAnswer = z.strictObject({
  questionId: z.string().min(1).max(64),
  text: z.string().trim().min(1).max(20000),
});
export type NewIsaaAnswer = z.infer<typeof NewIsaaAnswer>;
export const IssueIsaaVersion = z.strictObject({ note: z.string().trim().max(2000).default('') });

const By = z.object({ organisation: z.string(), name: z.string() });

export const IsaaAnswer = z.object({
  id: z.string(),
  organisation: z.string(),
  name: z.string(),
  text: z.string(),
  at: z.string(),
});

export const IsaaQuestion = z.object({
  id: z.string(),
  question: z.string(),
  askedBy: By,
  askedAt: z.string(),
  /** The latest answer of each co-author, ERCC first. */
  answers: z.array(IsaaAnswer),
});

export const IsaaVersion = z.object({
  version: z.number(),
  entryId: z.string(),
  issuedBy: By,
  issuedAt: z.string(),
  note: z.string(),
});

export const IsaaReport = z.object({
  id: z.string(),
  incidentId: z.string(),
  title: z.string(),
  marking: z.string(),
  /** As written: organisations and `PRESIDENCY`. */
  audience: z.array(z.string()),
  releasableToNato: z.boolean(),
  openedBy: By,
  openedAt: z.string(),
  questions: z.array(IsaaQuestion),
  versions: z.array(IsaaVersion),
  abilities: z.object({ ask: z.boolean(), answer: z.boolean(), issueVersion: z.boolean() }),
});
export type IsaaReport = z.infer<typeof IsaaReport>;

export const IncidentIsaaReports = z.object({
  items: z.array(IsaaReport),
  abilities: z.object({ open: z.boolean() }),
});
export type IncidentIsaaReports = z.infer<typeof IncidentIsaaReports>;

/** One organisation's latest account in a compiled picture, as every reader of the product may see it. */
export const PictureItem = z.object({
  organisation: z.string(),
  kind: z.string(),
  at: z.string(),
  marking: z.string(),
  text: z.string().nullable(),
  impacts: z.array(z.object({ memberState: z.string(), level: z.string(), service: z.string().nullable() })),
});

/** The picture a strategic product compiles, from what every one of its readers may see. */
export const CompiledPicture = z.object({
  status: z.string(),
  activatingStates: z.array(z.string()),
  engagements: z.array(z.object({ mechanism: z.string(), name: z.string(), status: z.string() })),
  items: z.array(PictureItem),
  /** Accounts left out because some reader of the product may not see them. */
  leftOut: z.number(),
});
export type CompiledPicture = z.infer<typeof CompiledPicture>;

import type { ResponseEntry } from './decisions-rules.js';

export const ISAA_KINDS = ['isaa-report', 'isaa-question', 'isaa-answer', 'isaa-version'] as const;

export interface IsaaAnswerState {
  id: string;
  organisation: string;
  name: string;
  text: string;
  at: string;
}

export interface IsaaQuestionState {
  entry: ResponseEntry;
  /** Each co-author's latest answer, by organisation. */
  answers: Map<string, IsaaAnswerState>;
}

export interface IsaaVersionState {
  entry: ResponseEntry;
  version: number;
  note: string;
}

export interface IsaaState {
  entry: ResponseEntry;
  questions: IsaaQuestionState[];
  versions: IsaaVersionState[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Each ISAA report with its questions, their latest answers per co-author and its versions, folded in log order
 * from the entries a reader may see. With `upToSeq`, the report as it stood at that point of the log (a version).
 * A part naming a report or question of another incident, or one the reader cannot see, changes nothing.
 */
export function projectIsaa(entries: readonly ResponseEntry[], upToSeq: number | null = null): IsaaState[] {
  const ordered = [...entries]
    .filter((e) => upToSeq === null || e.seq <= upToSeq)
    .sort((a, b) => a.seq - b.seq);
  const reports = new Map<string, IsaaState>();
  const questions = new Map<string, { report: IsaaState; question: IsaaQuestionState }>();
  for (const e of ordered) {
    if (e.kind === 'isaa-report') {
      reports.set(e.id, { entry: e, questions: [], versions: [] });
      continue;
    }
    const report = reports.get(str(e.body.reportId));
    if (!report || report.entry.incidentId !== e.incidentId) continue;
    if (e.kind === 'isaa-question') {
      const question = { entry: e, answers: new Map<string, IsaaAnswerState>() };
      report.questions.push(question);
      questions.set(e.id, { report, question });
    } else if (e.kind === 'isaa-answer') {
      const target = questions.get(str(e.body.questionId));
      if (!target || target.report !== report) continue;
      target.question.answers.set(e.authorOrg, {
        id: e.id,
        organisation: e.authorOrg,
        name: e.authorName,
        text: str(e.body.text),
        at: e.createdAt,
      });
    } else if (e.kind === 'isaa-version') {
      report.versions.push({ entry: e, version: report.versions.length + 1, note: str(e.body.note) });
    }
  }
  return [...reports.values()];
}

/** Answers in a fixed order, ERCC before EEAS and any other after, so both co-authors read side by side. */
export function orderedAnswers(q: IsaaQuestionState): IsaaAnswerState[] {
  const rank = (o: string) => (o === 'ERCC' ? 0 : o === 'EEAS' ? 1 : 2);
  return [...q.answers.values()].sort(
    (a, b) => rank(a.organisation) - rank(b.organisation) || a.organisation.localeCompare(b.organisation),
  );
}

/**
 * An ISAA report changes only by its own parts: a co-author's later answer replaces its earlier one, and a new
 * version (with a note saying what changed) supersedes the one before. Its issued versions freeze the log at their
 * point, so a retraction or correction from the log would rewrite what was already issued: it is refused, naming
 * the part to add instead.
 */
export const ISAA_OWN_COMMAND = {
  kinds: ISAA_KINDS,
  code: 'isaa-part',
  command:
    'an ISAA report changes by its own parts: answer the question again (POST /api/incidents/{id}/isaa/{reportId}/answers replaces your earlier answer), ask a new question, and issue a new version with a note saying what changed (POST /api/incidents/{id}/isaa/{reportId}/versions)',
} as const;

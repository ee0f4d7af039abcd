import { describe, expect, it } from 'vitest';
import type { ResponseEntry } from './decisions-rules.js';
import { orderedAnswers, projectIsaa } from './isaa-rules.js';

let seq = 0;
const entry = (
  kind: string,
  authorOrg: string,
  body: Record<string, unknown>,
  id = `e${seq + 1}`,
): ResponseEntry => ({
  id,
  seq: ++seq,
  incidentId: 'i1',
  incidentTitle: 'Cables',
  kind,
  createdAt: `2026-11-02T09:${String(seq).padStart(2, '0')}:00.000Z`,
  authorUserId: `u-${authorOrg}`,
  authorOrg,
  authorName: `${authorOrg} officer`,
  body,
  marking: 'TLP:AMBER',
  audience: ['FI', 'ERCC', 'EEAS', 'PRESIDENCY'],
});

describe('ISAA reports folded from the log', () => {
  seq = 0;
  const log = [
    entry('isaa-report', 'IE', { title: 'ISAA 1' }, 'r'),
    entry('isaa-question', 'IE', { reportId: 'r', question: 'Impact?' }, 'q1'),
    entry('isaa-question', 'IE', { reportId: 'r', question: 'Actor?' }, 'q2'),
    entry('isaa-answer', 'EEAS', { reportId: 'r', questionId: 'q1', text: 'EEAS on impact' }),
    entry('isaa-answer', 'ERCC', { reportId: 'r', questionId: 'q1', text: 'First word' }),
    entry('isaa-version', 'ERCC', { reportId: 'r', version: 1, note: '' }, 'v1'),
    entry('isaa-answer', 'ERCC', { reportId: 'r', questionId: 'q1', text: 'Second word' }),
    entry('isaa-question', 'IE', { reportId: 'r', question: 'Needs?' }, 'q3'),
    // Parts naming no report the reader sees, or another report's question, change nothing.
    entry('isaa-answer', 'ERCC', { reportId: 'elsewhere', questionId: 'q1', text: 'stray' }),
    entry('isaa-question', 'IE', { reportId: 'elsewhere', question: 'stray' }),
  ];

  it('keeps each co-author’s latest answer, ERCC first, and numbers the versions', () => {
    const [report] = projectIsaa(log);
    expect(report!.questions.map((q) => q.entry.id)).toEqual(['q1', 'q2', 'q3']);
    expect(orderedAnswers(report!.questions[0]!).map((a) => [a.organisation, a.text])).toEqual([
      ['ERCC', 'Second word'],
      ['EEAS', 'EEAS on impact'],
    ]);
    expect(report!.questions[1]!.answers.size).toBe(0);
    expect(report!.versions.map((v) => v.version)).toEqual([1]);
  });

  it('shows a version as the report stood when it was issued', () => {
    const issued = log.find((e) => e.id === 'v1')!;
    const [asIssued] = projectIsaa(log, issued.seq);
    expect(asIssued!.questions.map((q) => q.entry.id)).toEqual(['q1', 'q2']);
    expect(orderedAnswers(asIssued!.questions[0]!).map((a) => a.text)).toEqual([
      'First word',
      'EEAS on impact',
    ]);
  });

  it('is the same whatever order the entries arrive in', () => {
    expect(projectIsaa([...log].reverse())).toEqual(projectIsaa(log));
  });
});

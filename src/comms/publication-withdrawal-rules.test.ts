import { describe, expect, it } from 'vitest';
import { correctNationalPublication, withdrawNationalPublication } from '../sharing/comms-review.js';
import { isAllowed } from '../sharing/policy.js';
import type { Principal } from '../sharing/principal.js';
import {
  correctedPublications,
  correctionProblem,
  type Publication,
  withdrawalProblem,
  withdrawnPublications,
} from './divergence-rules.js';
import { type CommsFact, publicMessages, statusOf } from './rules.js';

describe('which publication can be withdrawn', () => {
  const recorded = [{ id: 'p1' }, { id: 'p2' }];
  const withdrawn = withdrawnPublications([{ publicationId: 'p2' }]);
  it.each<[string, string | undefined]>([
    ['p1', undefined],
    ['p2', 'withdrawn'],
    ['p3', 'unknown'],
  ])('%s: %s', (id, problem) => {
    expect(withdrawalProblem(recorded, withdrawn, id)?.code).toBe(problem);
  });
});

describe('who withdraws a national publication', () => {
  const person = (organisation: string, role: Principal['role']) =>
    ({ userId: 'u', organisation, role }) as Principal;
  it.each<[string, Principal['role'], string, boolean]>([
    ['EE', 'coordinator', 'EE', true],
    ['EE', 'viewer', 'EE', false],
    ['FI', 'coordinator', 'EE', false],
    ['ERCC', 'coordinator', 'EE', false],
    ['ERCC', 'coordinator', 'ERCC', true],
    ['EE', 'coordinator', 'ERCC', false],
  ])('%s %s, recorded by %s: %s', (organisation, role, recordedBy, allowed) => {
    expect(isAllowed(withdrawNationalPublication, person(organisation, role), { recordedBy })).toBe(allowed);
    expect(isAllowed(correctNationalPublication, person(organisation, role), { recordedBy })).toBe(allowed);
  });
});

describe('correcting a publication', () => {
  const entered: Publication = {
    id: 'p1',
    organisation: 'EE',
    source: 'entered',
    publishedAt: '2026-12-01T10:00:00.000Z',
    link: 'https://wrong.example.ee',
    text: 'Power back on Friday',
    recordedBy: 'EE',
    order: 0,
  };
  it.each<[string, Array<{ link: string | null; text: string | null }>, string | null, string | null]>([
    ['none', [], 'https://wrong.example.ee', 'Power back on Friday'],
    [
      'the link',
      [{ link: 'https://right.example.ee', text: null }],
      'https://right.example.ee',
      'Power back on Friday',
    ],
    [
      'the text',
      [{ link: null, text: 'Power back on Thursday' }],
      'https://wrong.example.ee',
      'Power back on Thursday',
    ],
    [
      'twice, the later winning',
      [
        { link: 'https://a.example.ee', text: null },
        { link: 'https://b.example.ee', text: 'Thursday' },
      ],
      'https://b.example.ee',
      'Thursday',
    ],
  ])('%s', (_case, corrections, link, text) => {
    const [p] = correctedPublications(
      [entered],
      corrections.map((c) => ({ publicationId: 'p1', ...c })),
    );
    expect([p!.link, p!.text]).toEqual([link, text]);
  });
  it('leaves other publications alone', () => {
    const [p] = correctedPublications(
      [entered],
      [{ publicationId: 'p2', link: 'https://x.example', text: 'x' }],
    );
    expect(p).toEqual(entered);
  });
  it.each<['line' | 'entered', string | undefined, string | undefined]>([
    ['entered', 'Thursday', undefined],
    ['entered', undefined, undefined],
    ['line', undefined, undefined],
    ['line', 'Thursday', 'text'],
  ])('a %s publication with text %s: problem on %s', (source, text, field) => {
    expect(correctionProblem({ source }, { text })?.field).toBe(field);
  });
});

describe('a withdrawn publication of a line', () => {
  const fact = (id: string, kind: string, authorOrg: string, body: unknown): CommsFact => ({
    id,
    kind,
    authorOrg,
    createdAt: '2026-12-01T10:00:00.000Z',
    body,
  });
  const line = [
    fact('d1', 'public-message-drafted', 'FI', {
      messageId: 'm1',
      version: 1,
      msgType: 'Alert',
      embargoUntil: '2026-12-01T09:00:00.000Z',
      texts: [],
    }),
    fact('a1', 'public-message-decision', 'FI', {
      messageId: 'm1',
      version: 1,
      organisation: 'FI',
      decision: 'approved',
      languages: ['en', 'fi'],
      reason: '',
    }),
    fact('p1', 'public-message-published', 'FI', {
      messageId: 'm1',
      version: 1,
      organisation: 'FI',
      publishedAt: '2026-12-01T10:00:00.000Z',
      link: 'https://wrong.example.fi',
    }),
  ];
  const v = (facts: CommsFact[]) => publicMessages(facts)[0]!.versions[0]!;

  it.each<[string, CommsFact[], string, string | null]>([
    ['as recorded', line, 'published', 'https://wrong.example.fi'],
    [
      'withdrawn',
      [
        ...line,
        fact('w1', 'national-publication-withdrawn', 'FI', { publicationId: 'p1', reason: 'wrong link' }),
      ],
      'approved',
      null,
    ],
    [
      'withdrawal of another publication',
      [...line, fact('w1', 'national-publication-withdrawn', 'FI', { publicationId: 'p9', reason: 'x' })],
      'published',
      'https://wrong.example.fi',
    ],
    [
      'recorded again after the withdrawal',
      [
        ...line,
        fact('w1', 'national-publication-withdrawn', 'FI', { publicationId: 'p1', reason: 'wrong link' }),
        fact('p2', 'public-message-published', 'FI', {
          messageId: 'm1',
          version: 1,
          organisation: 'FI',
          publishedAt: '2026-12-01T11:00:00.000Z',
          link: 'https://right.example.fi',
        }),
      ],
      'published',
      'https://right.example.fi',
    ],
    [
      'corrected',
      [
        ...line,
        fact('c1', 'national-publication-corrected', 'FI', {
          publicationId: 'p1',
          reason: 'wrong link',
          link: 'https://right.example.fi',
          text: null,
        }),
      ],
      'published',
      'https://right.example.fi',
    ],
  ])('%s: the state is %s', (_case, facts, status, link) => {
    expect(statusOf(v(facts), 'FI')).toBe(status);
    expect(v(facts).records.get('FI')?.link).toBe(link);
  });
});

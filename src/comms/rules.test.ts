import { describe, expect, it } from 'vitest';
import {
  approvedByDrafter,
  approvedLanguages,
  type CommsFact,
  capTime,
  embargoPassed,
  exportable,
  languageProblem,
  mustApprove,
  publicationProblem,
  publicMessages,
  statusOf,
} from './rules.js';

const texts = [
  { language: 'en', headline: 'Power cuts', text: 'Expect cuts.', instruction: 'Charge phones.' },
  { language: 'fi', headline: 'Sähkökatkoja', text: 'Odota katkoja.', instruction: '' },
  { language: 'et', headline: 'Elektrikatkestused', text: 'Oodake katkestusi.', instruction: '' },
] as const;

let n = 0;
const fact = (
  kind: string,
  authorOrg: string,
  body: Record<string, unknown>,
  createdAt = '2026-12-01T10:00:00.000Z',
): CommsFact => ({
  id: `e${++n}`,
  kind,
  authorOrg,
  createdAt,
  body,
});
const drafted = (over: Record<string, unknown> = {}) =>
  fact('public-message-drafted', 'FI', {
    messageId: 'm1',
    version: 1,
    msgType: 'Alert',
    event: 'Grid disturbance',
    category: 'Infra',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Likely',
    embargoUntil: '2026-12-01T12:00:00.000Z',
    texts,
    ...over,
  });
const decided = (organisation: string, decision: string, languages: string[], version = 1) =>
  fact(
    'public-message-decision',
    organisation,
    { messageId: 'm1', version, organisation, decision, languages, reason: '' },
    '2026-12-01T11:00:00.000Z',
  );

describe('the status of each organisation for a version', () => {
  const cases: Array<[string, CommsFact[], Record<string, string>]> = [
    ['nobody has decided', [drafted()], { FI: 'draft', EE: 'draft' }],
    [
      'FI approved, EE not yet',
      [drafted(), decided('FI', 'approved', ['en', 'fi'])],
      { FI: 'approved', EE: 'draft' },
    ],
    ['EE rejected', [drafted(), decided('EE', 'rejected', [])], { FI: 'draft', EE: 'rejected' }],
    [
      'EE adapted after rejecting: the latest word counts',
      [drafted(), decided('EE', 'rejected', []), decided('EE', 'adapted', ['en', 'et'])],
      { EE: 'adapted' },
    ],
    [
      'EE published',
      [
        drafted(),
        decided('EE', 'approved', ['en', 'et']),
        fact('public-message-published', 'EE', {
          messageId: 'm1',
          version: 1,
          organisation: 'EE',
          publishedAt: '2026-12-01T13:00:00.000Z',
          link: 'https://example.ee',
        }),
      ],
      { EE: 'published', FI: 'draft' },
    ],
    [
      'a decision on an unknown version is ignored',
      [drafted(), decided('EE', 'approved', ['en', 'et'], 2)],
      { EE: 'draft' },
    ],
  ];
  it.each(cases)('%s', (_name, facts, expected) => {
    const [m] = publicMessages(facts);
    const v = m!.versions[m!.versions.length - 1]!;
    for (const [org, status] of Object.entries(expected)) expect(statusOf(v, org)).toBe(status);
  });
});

describe('who must approve, and what "approved" means', () => {
  it('is the drafter and every affected state, once each', () => {
    expect(mustApprove({ draftedBy: 'ERCC' }, ['FI', 'EE'])).toEqual(['ERCC', 'FI', 'EE']);
    expect(mustApprove({ draftedBy: 'FI' }, ['FI', 'EE'])).toEqual(['FI', 'EE']);
  });

  const at = (iso: string) => new Date(iso);
  const cases: Array<[string, CommsFact[], string, boolean, boolean]> = [
    [
      'not approved by its drafter',
      [drafted(), decided('EE', 'approved', ['en', 'et'])],
      '2026-12-01T13:00:00Z',
      false,
      false,
    ],
    [
      'adapted by its drafter is not approved',
      [drafted(), decided('FI', 'adapted', ['en', 'fi'])],
      '2026-12-01T13:00:00Z',
      false,
      false,
    ],
    [
      'approved but under embargo',
      [drafted(), decided('FI', 'approved', ['en', 'fi'])],
      '2026-12-01T11:59:59Z',
      true,
      false,
    ],
    [
      'approved, at the embargo',
      [drafted(), decided('FI', 'approved', ['en', 'fi'])],
      '2026-12-01T12:00:00Z',
      true,
      true,
    ],
    [
      'embargo moved later',
      [
        drafted(),
        decided('FI', 'approved', ['en', 'fi']),
        fact('public-message-embargo', 'FI', {
          messageId: 'm1',
          version: 1,
          embargoUntil: '2026-12-02T00:00:00.000Z',
        }),
      ],
      '2026-12-01T13:00:00Z',
      true,
      false,
    ],
  ];
  it.each(cases)('%s', (_name, facts, now, approved, canExport) => {
    const v = publicMessages(facts)[0]!.versions[0]!;
    expect(approvedByDrafter(v)).toBe(approved);
    expect(exportable(v, at(now))).toBe(canExport);
  });

  it('exports the languages the agreeing organisations approved, not a rejecter’s', () => {
    const v = publicMessages([
      drafted(),
      decided('FI', 'approved', ['en', 'fi']),
      decided('EE', 'adapted', ['en', 'et']),
    ])[0]!.versions[0]!;
    expect(approvedLanguages(v).map((t) => t.language)).toEqual(['en', 'fi', 'et']);
    const w = publicMessages([
      drafted(),
      decided('FI', 'approved', ['en', 'fi']),
      decided('EE', 'rejected', []),
    ])[0]!.versions[0]!;
    expect(approvedLanguages(w).map((t) => t.language)).toEqual(['en', 'fi']);
  });
});

describe('the languages an organisation approves in', () => {
  const v = publicMessages([drafted()])[0]!.versions[0]!;
  const cases: Array<[string, string, string[], string | undefined]> = [
    ['English and the state’s own', 'EE', ['en', 'et'], undefined],
    ['FI in Swedish would need a Swedish text', 'FI', ['en', 'sv'], 'the line has no sv text to approve'],
    ['without English', 'EE', ['et'], 'approve the English text together with your own language'],
    [
      'English and another state’s language',
      'EE',
      ['en', 'fi'],
      "approve one of EE's official languages (et) besides English",
    ],
    ['ERCC needs English and one other', 'ERCC', ['en'], 'approve one official language besides English'],
    ['ERCC with English and Finnish', 'ERCC', ['en', 'fi'], undefined],
  ];
  it.each(cases)('%s', (_name, org, languages, problem) => {
    expect(languageProblem(v, org, languages)).toBe(problem);
  });
});

describe('national publication', () => {
  const facts = [drafted(), decided('EE', 'approved', ['en', 'et'])];
  const cases: Array<[string, CommsFact[], string, string, string | undefined]> = [
    ['a state that has not agreed', facts, 'LV', '2026-12-01T13:00:00Z', 'not-approved'],
    ['before the drafter approved', facts, 'EE', '2026-12-01T13:00:00Z', 'not-approved'],
    [
      'before the embargo',
      [...facts, decided('FI', 'approved', ['en', 'fi'])],
      'EE',
      '2026-12-01T11:30:00Z',
      'embargo',
    ],
    [
      'after the embargo',
      [...facts, decided('FI', 'approved', ['en', 'fi'])],
      'EE',
      '2026-12-01T12:00:00Z',
      undefined,
    ],
  ];
  it.each(cases)('%s', (_name, fs, org, now, code) => {
    const v = publicMessages(fs)[0]!.versions[0]!;
    expect(publicationProblem(v, org, new Date(now))?.code).toBe(code);
    expect(embargoPassed(v, new Date(now))).toBe(Date.parse(now) >= Date.parse('2026-12-01T12:00:00Z'));
  });
});

describe('CAP time', () => {
  it.each([
    ['2026-12-01T12:00:00.123Z', '2026-12-01T12:00:00-00:00'],
    ['2026-12-01T14:30:00+02:00', '2026-12-01T12:30:00-00:00'],
  ])('%s is %s', (iso, cap) => expect(capTime(iso)).toBe(cap));
});

import { describe, expect, it } from 'vitest';
import { anchorProblem, lineComments } from './comments.js';
import {
  approvedLanguages,
  type CommsFact,
  exportable,
  publicationProblem,
  publicMessages,
  translationProblem,
} from './rules.js';

let n = 0;
const fact = (kind: string, authorOrg: string, body: Record<string, unknown>): CommsFact => ({
  id: `e${++n}`,
  kind,
  authorOrg,
  createdAt: '2026-12-01T10:00:00.000Z',
  body,
});
const drafted = () =>
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
    texts: [
      { language: 'en', headline: 'Power cuts', text: 'Expect cuts tonight.', instruction: '' },
      { language: 'fi', headline: 'Sähkökatkoja', text: 'Odota katkoja.', instruction: '' },
    ],
  });
const translated = (by: string, language: string, headline = 'Elektrikatkestused') =>
  fact('public-message-translation', by, {
    messageId: 'm1',
    version: 1,
    language,
    translatedFrom: 'en',
    headline,
    text: 'Oodake katkestusi.',
    instruction: '',
  });
const decided = (organisation: string, languages: string[], decision = 'approved') =>
  fact('public-message-decision', organisation, {
    messageId: 'm1',
    version: 1,
    organisation,
    decision,
    languages,
    reason: '',
  });

const languagesOf = (facts: CommsFact[]) =>
  approvedLanguages(publicMessages(facts)[0]!.versions[0]!).map((t) => t.language);

describe('a draft translation', () => {
  const cases: Array<[string, CommsFact[], string[]]> = [
    [
      'is not approved while no one of its state approved it',
      [drafted(), decided('FI', ['en', 'fi']), translated('EE', 'et')],
      ['en', 'fi'],
    ],
    [
      'is not approved by another state naming it',
      [drafted(), translated('FI', 'et'), decided('FI', ['en', 'fi', 'et'])],
      ['en', 'fi'],
    ],
    [
      'is approved once a person of its state approves the line in it',
      [drafted(), decided('FI', ['en', 'fi']), translated('EE', 'et'), decided('EE', ['en', 'et'])],
      ['en', 'fi', 'et'],
    ],
    [
      'is approved by its state adapting the line in it',
      [drafted(), translated('ERCC', 'et'), decided('EE', ['en', 'et'], 'adapted')],
      ['en', 'et'],
    ],
    [
      'is not approved by a rejection',
      [drafted(), translated('EE', 'et'), decided('EE', [], 'rejected')],
      [],
    ],
    [
      'needs its state again once reworked after an approval',
      [
        drafted(),
        decided('FI', ['en', 'fi']),
        translated('EE', 'lv'),
        decided('LV', ['en', 'lv']),
        translated('EE', 'lv', 'Reworked'),
      ],
      ['en', 'fi'],
    ],
  ];
  it.each(cases)('%s', (_name, facts, expected) => expect(languagesOf(facts)).toEqual(expected));

  it('joins the version’s texts in its language, marked as started from another', () => {
    const v = publicMessages([drafted(), translated('EE', 'et')])[0]!.versions[0]!;
    expect(v.texts.map((t) => t.language)).toEqual(['en', 'fi', 'et']);
    expect(v.translations.get('et')).toMatchObject({ translatedFrom: 'en', translatedBy: 'EE' });
  });
});

describe('starting a language version', () => {
  const cases: Array<[string, CommsFact[], string, string, string | undefined]> = [
    ['from English into Estonian', [drafted()], 'et', 'en', undefined],
    ['from a language the line lacks', [drafted()], 'et', 'lv', 'translatedFrom'],
    ['into the language it starts from', [drafted()], 'en', 'en', 'translatedFrom'],
    ['into a language the drafter wrote', [drafted()], 'fi', 'en', 'language'],
    ['again while the translation is a draft', [drafted(), translated('EE', 'et')], 'et', 'en', undefined],
    [
      'again once it is approved',
      [drafted(), translated('EE', 'et'), decided('EE', ['en', 'et'])],
      'et',
      'en',
      'language',
    ],
  ];
  it.each(cases)('%s', (_name, facts, language, from, field) => {
    const v = publicMessages(facts)[0]!.versions[0]!;
    expect(translationProblem(v, language, from)?.field).toBe(field);
  });
});

describe('comments on a line', () => {
  const v = publicMessages([drafted()])[0]!.versions[0]!;
  it.each<[string, string | undefined, string | undefined, string | undefined]>([
    ['on the whole line', undefined, undefined, undefined],
    ['on one language', 'fi', undefined, undefined],
    ['on a passage found in that text, whatever its case', 'en', 'expect CUTS', undefined],
    ['on a passage not in that text', 'en', 'Odota', 'passage'],
    ['on a passage without its language', undefined, 'Expect', 'language'],
    ['on a language the line lacks', 'et', undefined, 'language'],
  ])('may be anchored %s', (_name, language, passage, field) => {
    expect(anchorProblem(v, language, passage)?.field).toBe(field);
  });

  it('are open until resolved, and open again when reopened', () => {
    const comment = fact('public-message-comment', 'EE', {
      messageId: 'm1',
      version: 1,
      language: null,
      passage: null,
      text: 'Say for how long',
    });
    const resolved = (value: boolean, commentId = comment.id) =>
      fact('public-message-comment-resolved', 'FI', { messageId: 'm1', commentId, resolved: value });
    expect(lineComments([comment])[0]).toMatchObject({ resolved: false, resolvedBy: null });
    expect(lineComments([comment, resolved(true)])[0]).toMatchObject({ resolved: true, resolvedBy: 'FI' });
    expect(lineComments([comment, resolved(true), resolved(false)])[0]!.resolved).toBe(false);
    expect(lineComments([comment, resolved(true, 'other')])[0]!.resolved).toBe(false);
  });
});

describe('content that is not TLP:CLEAR', () => {
  const after = new Date('2026-12-02T00:00:00.000Z');
  it('is no public line: neither exported nor published', () => {
    const line = { ...drafted(), marking: 'TLP:AMBER' };
    const v = publicMessages([line, decided('FI', ['en', 'fi']), decided('EE', ['en', 'et'])])[0]!
      .versions[0]!;
    expect(exportable(v, after)).toBe(false);
    expect(publicationProblem(v, 'EE', after)?.code).toBe('not-clear');
    const clear = publicMessages([drafted(), decided('FI', ['en', 'fi'])])[0]!.versions[0]!;
    expect(exportable(clear, after)).toBe(true);
  });

  it('is never part of a line as a language version', () => {
    const amber = { ...translated('EE', 'et'), marking: 'TLP:AMBER' };
    const v = publicMessages([drafted(), amber, decided('EE', ['en', 'et'])])[0]!.versions[0]!;
    expect(v.texts.map((t) => t.language)).toEqual(['en', 'fi']);
  });
});

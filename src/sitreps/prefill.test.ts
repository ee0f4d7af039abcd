import { describe, expect, it } from 'vitest';
import type { Assessment } from '../blueprint/model.js';
import type { PictureState } from '../picture/model.js';
import { type PrefillInput, prefill } from './prefill.js';

const assessment: Assessment = {
  status: 'decision-required',
  triggers: [],
  significantlyAffected: ['EE', 'FI'],
  unconfirmed: ['LV'],
  thirdCountriesAffected: [],
  cepesAffected: [],
  unconfirmedCepes: [],
  reasons: ['(reasons rendered for the reader)'],
} as unknown as Assessment;

const state = (over: Partial<PictureState>): PictureState => ({
  code: 'EE',
  level: 'significant',
  ownAssessment: true,
  claimedBy: [],
  lastUpdateAt: null,
  staleness: null,
  currentStage: null,
  capacityOverwhelmed: false,
  services: [],
  usersAffected: null,
  ...over,
});

const input: PrefillInput = {
  title: 'Gas pipeline pressure drop',
  occurredAt: '2026-11-30T06:00:00.000Z',
  cause: 'technical-failure',
  assessment,
  activation: {
    state: 'active',
    activatedAt: '2026-11-30T08:00:00.000Z',
    activatedBy: 'FI',
    joinedBy: ['EE'],
    presidency: 'IE',
    deactivatedAt: null,
    deactivatedBy: null,
    closingSummary: null,
    history: [
      { kind: 'activation', at: '2026-11-30T08:00:00.000Z', by: 'FI', text: null },
      { kind: 'activation-joined', at: '2026-11-30T08:30:00.000Z', by: 'EE', text: null },
    ],
  },
  consultations: [],
  states: [
    state({ code: 'EE', services: ['gas supply', 'gas supply', 'district heating'], usersAffected: 12500 }),
    state({ code: 'LV', level: 'significant', ownAssessment: false, claimedBy: ['EE'] }),
  ],
  sectors: [],
  reporting: [],
  entries: [],
  now: new Date('2026-11-30T09:00:00.000Z'),
};

const allText = (language: 'en' | 'nl') =>
  prefill(input, language)
    .map((s) => `${s.title}\n${s.text}`)
    .join('\n');

describe('the first draft of a sitrep in the compiler language', () => {
  it.each([
    {
      language: 'en' as const,
      says: [
        'Situation',
        'Blueprint status: decision required.',
        'cause: technical failure',
        'Estonia joined the activation',
        'Finland activated the Blueprint',
        '- Estonia: significantly affected; services: gas supply, district heating; users affected: 12,500',
        'Latvia: significantly affected (reported by Estonia, not yet confirmed)',
        'Latvia has not yet confirmed its own assessment.',
      ],
    },
    {
      language: 'nl' as const,
      says: [
        'Situatie',
        'Blueprint-status: besluit nodig.',
        'oorzaak: technische storing',
        'Estland heeft zich bij de activering aangesloten',
        'Finland heeft de Blueprint geactiveerd',
        '- Estland: aanzienlijk getroffen; diensten: gas supply, district heating; getroffen gebruikers: 12.500',
        'Letland: aanzienlijk getroffen (gemeld door Estland, nog niet bevestigd)',
        'Letland heeft zijn eigen beoordeling nog niet bevestigd.',
        'Nog geen publieke boodschappen afgesproken.',
      ],
    },
  ])('$language', ({ language, says }) => {
    const text = allText(language);
    for (const phrase of says) expect(text).toContain(phrase);
    // No id of the platform's vocabulary reads through as if it were a word.
    for (const id of [
      'activation-joined',
      'decision-required',
      'technical-failure',
      ': significant;',
      ': significant (',
    ])
      expect(text).not.toContain(id);
  });

  it('says each service once even when several impacts name it', () => {
    const impact = prefill(input, 'en').find((s) => s.key === 'impact')!.text;
    expect(impact.match(/gas supply/g)).toHaveLength(1);
  });
});

describe('sectors in the first draft', () => {
  const withSectors = {
    ...input,
    sectors: [{ sector: 'energy', subsectors: ['gas', 'district-heating-cooling'] }],
  };
  it.each([
    ['en' as const, '- Sector Energy (Gas, District heating and cooling)'],
    ['nl' as const, '- Sector Energie (Gas, Stadsverwarming en -koeling)'],
  ])('are named in %s', (language, line) => {
    expect(prefill(withSectors, language).find((s) => s.key === 'impact')!.text).toContain(line);
  });
});

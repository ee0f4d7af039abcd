import { describe, expect, it } from 'vitest';
import type { DerivedFacts, ReasonFacts, TriggerFacts } from './derived-model.js';
import { type HiddenNames, NOTHING_HIDDEN, renderReasons, renderTrigger } from './derived-text.js';

const T1_MISSING: TriggerFacts = {
  id: 'T1',
  met: false,
  significantlyAffected: ['EE', 'FI'],
  awaitingOwnAssessment: ['LV'],
};
const T2_MET: TriggerFacts = {
  id: 'T2',
  met: true,
  disruptedCepes: [{ name: 'Balticconnector', memberStatesServed: 2, basis: 'flag', assertedBy: 'FI' }],
  disruptedNotCepes: [],
  undisruptedCepes: [],
  unconfirmedCepes: [],
};
const T2_NOT_CEPES: TriggerFacts = {
  id: 'T2',
  met: false,
  disruptedCepes: [],
  disruptedNotCepes: [
    { name: 'Nordic Bank', excludedSector: 'banking', registerVerdict: null, memberStatesServed: 7 },
  ],
  undisruptedCepes: [],
  unconfirmedCepes: [],
};
const T3_OPEN: TriggerFacts = {
  id: 'T3',
  met: false,
  significantlyAffected: ['EE', 'FI'],
  coordinationAgreed: false,
};
const HIDDEN: HiddenNames = [{ name: 'Balticconnector', by: 'FI' }];

describe('trigger explanations in Dutch', () => {
  it.each([
    {
      facts: T1_MISSING,
      hidden: NOTHING_HIDDEN,
      nl: '2 van 6 lidstaten naar eigen beoordeling aanzienlijk getroffen (EE, FI); nog 4 nodig; LV telt mee zodra het zijn eigen impact beoordeelt',
    },
    {
      facts: T2_MET,
      hidden: NOTHING_HIDDEN,
      nl: '1 CEPES aanzienlijk verstoord: Balticconnector (aangewezen CEPES), vastgesteld door FI',
    },
    {
      facts: T2_MET,
      hidden: HIDDEN,
      nl: '1 CEPES aanzienlijk verstoord: achtergehouden door FI, vastgesteld door FI',
    },
    {
      facts: T2_NOT_CEPES,
      hidden: NOTHING_HIDDEN,
      nl: 'Geen CEPES aanzienlijk verstoord; 1 nodig; Nordic Bank is aanzienlijk verstoord maar is geen CEPES: CER art. 8 sluit de sector bankwezen uit',
    },
    {
      facts: T3_OPEN,
      hidden: NOTHING_HIDDEN,
      nl: '2 lidstaten naar eigen beoordeling aanzienlijk getroffen (EE, FI); coördinatie op Unieniveau nog niet overeengekomen in de raadpleging door het Raadsvoorzitterschap',
    },
  ])('$facts.id ($nl)', ({ facts, hidden, nl }) => {
    expect(renderTrigger(facts, hidden, 'nl').explanation).toBe(nl);
    // The English rendering of the same facts stays English, and the default is English.
    expect(renderTrigger(facts, hidden).explanation).toBe(renderTrigger(facts, hidden, 'en').explanation);
    expect(renderTrigger(facts, hidden).explanation).not.toBe(nl);
  });

  it('never writes a hidden name, in either language', () => {
    for (const language of ['en', 'nl'] as const) {
      expect(renderTrigger(T2_MET, HIDDEN, language).explanation).not.toContain('Balticconnector');
      expect(renderTrigger(T2_MET, 'every-name', language).explanation).not.toContain('Balticconnector');
    }
  });
});

describe('assessment reasons in Dutch', () => {
  const cases: Array<{ reason: ReasonFacts; nl: string }> = [
    {
      reason: { code: 'decision-required', significantlyAffected: ['EE', 'FI'] },
      nl: 'Besluit nodig: 2 lidstaten naar eigen beoordeling aanzienlijk getroffen (EE, FI); het Raadsvoorzitterschap besluit na hen te hebben geraadpleegd, via een stilzwijgende procedure, of coördinatie op Unieniveau nodig is (T3).',
    },
    {
      reason: { code: 'below-threshold', significantlyAffected: ['FI'] },
      nl: 'Onder de drempel: 1 lidstaat naar eigen beoordeling aanzienlijk getroffen (FI) en geen CEPES aanzienlijk verstoord; een besluit over coördinatie op Unieniveau vraagt 2 aanzienlijk getroffen lidstaten.',
    },
    {
      reason: { code: 'applies', trigger: 'T2' },
      nl: 'De Blueprint is van toepassing omdat aan T2 is voldaan: 1 CEPES aanzienlijk verstoord: Balticconnector (aangewezen CEPES), vastgesteld door FI.',
    },
    {
      reason: { code: 'out-of-scope', domain: 'defence' },
      nl: 'Buiten het toepassingsgebied: het incident valt in het domein defensie, dat bij de lidstaten blijft en buiten CER en NIS2 valt; de triggers worden alleen ter informatie getoond.',
    },
    {
      reason: { code: 'unconfirmed-claim', memberState: 'LV', claimedBy: ['EE', 'FI'] },
      nl: 'LV wordt door EE en FI als aanzienlijk getroffen gemeld maar heeft zelf nog geen beoordeling gegeven; het telt pas mee zodra LV zijn eigen impact beoordeelt.',
    },
    {
      reason: { code: 'third-countries', countries: ['NO'], assessedThemselves: ['NO'] },
      nl: 'Aanzienlijk getroffen buiten de EU: NO (NO naar eigen beoordeling); getoond, maar alleen EU-lidstaten tellen mee voor de triggers.',
    },
    {
      reason: { code: 'domain-set', domain: 'civil', by: 'DE' },
      nl: 'Het domein van het incident (civiel) is het laatst gewijzigd door DE in een update.',
    },
    {
      reason: { code: 'unconfirmed-cepes', name: 'Balticconnector', claimedBy: ['DE'] },
      nl: 'Balticconnector wordt als aanzienlijk verstoord gemeld door DE, die dat niet mag vaststellen; het telt pas mee voor T2 zodra de lidstaat van vestiging, een bediende lidstaat of ERCC het vaststelt.',
    },
  ];
  it.each(cases)('$reason.code', ({ reason, nl }) => {
    const facts: DerivedFacts = { triggers: [T2_MET], reasons: [reason] };
    expect(renderReasons(facts, NOTHING_HIDDEN, 'nl')).toEqual([nl]);
    expect(renderReasons(facts, NOTHING_HIDDEN, 'en')).not.toEqual([nl]);
  });

  it('withholds an entity in Dutch as "achtergehouden door"', () => {
    const facts: DerivedFacts = {
      triggers: [],
      reasons: [{ code: 'unconfirmed-cepes', name: 'Balticconnector', claimedBy: ['DE'] }],
    };
    expect(renderReasons(facts, HIDDEN, 'nl')[0]).toMatch(/^achtergehouden door FI wordt/);
  });
});

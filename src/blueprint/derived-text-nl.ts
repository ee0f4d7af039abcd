import type { DerivedFacts, ReasonFacts, TriggerFacts } from './derived-model.js';
import type { HiddenNames } from './derived-text.js';
import { CEPES_MEMBER_STATES, T1_MEMBER_STATES, T3_MEMBER_STATES } from './thresholds.js';

/**
 * The assessment's sentences in Dutch, from the same facts as the English ones and with the same rule: a name the
 * reader may not see is never written, only who withheld it.
 */

const DOMAINS_NL: Record<string, string> = {
  civil: 'civiel',
  'national-security': 'nationale veiligheid',
  'public-security': 'openbare veiligheid',
  defence: 'defensie',
  'law-enforcement': 'rechtshandhaving',
};

const SECTORS_NL: Record<string, string> = {
  banking: 'bankwezen',
  'financial-market-infrastructure': 'financiëlemarktinfrastructuur',
  'digital-infrastructure': 'digitale infrastructuur',
};

function visibleName(name: string, hidden: HiddenNames): string | null {
  if (hidden === 'every-name') return null;
  return hidden.some((h) => h.name === name) ? null : name;
}

/** "achtergehouden door FI": who withheld a name, and nothing of it. */
export function withheldNameNl(name: string, hidden: HiddenNames): string {
  const by = hidden === 'every-name' ? undefined : hidden.find((h) => h.name === name)?.by;
  return by ? `achtergehouden door ${by}` : 'achtergehouden';
}

export function entityNl(name: string, hidden: HiddenNames, detail?: string): string {
  const shown = visibleName(name, hidden);
  if (shown === null) return withheldNameNl(name, hidden);
  return detail ? `${shown} ${detail}` : shown;
}

function listed(states: readonly string[]): string {
  return states.length > 0 ? ` (${states.join(', ')})` : '';
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

function domainNl(domain: string): string {
  return DOMAINS_NL[domain] ?? domain;
}

const OWN = 'naar eigen beoordeling';

function affectedNl(states: readonly string[]): string {
  const count = states.length;
  return `${count} ${count === 1 ? 'lidstaat' : 'lidstaten'} ${OWN} aanzienlijk getroffen${listed(states)}`;
}

export function explanationNl(facts: TriggerFacts, hidden: HiddenNames): string {
  switch (facts.id) {
    case 'T1': {
      const count = facts.significantlyAffected.length;
      const states = `lidstaten ${OWN} aanzienlijk getroffen${listed(facts.significantlyAffected)}`;
      const parts = [
        facts.met
          ? `${count} ${states}; ${T1_MEMBER_STATES} nodig, drempel bereikt`
          : `${count} van ${T1_MEMBER_STATES} ${states}; nog ${T1_MEMBER_STATES - count} nodig`,
      ];
      if (!facts.met && facts.awaitingOwnAssessment.length > 0) {
        parts.push(
          facts.awaitingOwnAssessment.length === 1
            ? `${joinList(facts.awaitingOwnAssessment)} telt mee zodra het zijn eigen impact beoordeelt`
            : `${joinList(facts.awaitingOwnAssessment)} tellen mee zodra ze hun eigen impact beoordelen`,
        );
      }
      return parts.join('; ');
    }
    case 'T2': {
      const unconfirmed = facts.unconfirmedCepes.map(
        (e) =>
          `${entityNl(e.name, hidden)} wordt als aanzienlijk verstoord gemeld door ${joinList(e.claimedBy)}, die dat niet mag vaststellen: onbevestigd tot de lidstaat van vestiging, een bediende lidstaat of ERCC het vaststelt`,
      );
      if (facts.met) {
        const named = facts.disruptedCepes.map((e) => {
          const why =
            e.basis === 'register'
              ? '(in het CEPES-register van ERCC)'
              : e.basis !== 'flag' && e.memberStatesServed >= CEPES_MEMBER_STATES
                ? `(bedient ${e.memberStatesServed} lidstaten)`
                : '(aangewezen CEPES)';
          const asserted = e.assertedBy ? `, vastgesteld door ${e.assertedBy}` : '';
          return visibleName(e.name, hidden) === null
            ? `${withheldNameNl(e.name, hidden)}${asserted}`
            : `${entityNl(e.name, hidden, why)}${asserted}`;
        });
        return [
          `${facts.disruptedCepes.length} CEPES aanzienlijk verstoord: ${named.join(', ')}`,
          ...unconfirmed,
        ].join('; ');
      }
      const parts = ['Geen CEPES aanzienlijk verstoord; 1 nodig', ...unconfirmed];
      for (const e of facts.disruptedNotCepes) {
        const why =
          e.registerVerdict === 'eu-infrastructure'
            ? 'is geen CEPES: het register van ERCC houdt het als EU-infrastructuur, geen kritieke entiteit onder CER'
            : e.registerVerdict === 'not-cepes'
              ? 'is volgens het CEPES-register van ERCC geen CEPES'
              : e.excludedSector !== null
                ? `is geen CEPES: CER art. 8 sluit de sector ${SECTORS_NL[e.excludedSector] ?? e.excludedSector} uit`
                : `is geen CEPES: het bedient ${e.memberStatesServed} van de ${CEPES_MEMBER_STATES} benodigde lidstaten en is niet als CEPES aangewezen`;
        const shown = visibleName(e.name, hidden);
        parts.push(
          shown === null
            ? `${withheldNameNl(e.name, hidden)} is aanzienlijk verstoord maar is geen CEPES`
            : `${shown} is aanzienlijk verstoord maar ${why}`,
        );
      }
      const undisrupted = facts.undisruptedCepes.map((e) => entityNl(e.name, hidden));
      if (undisrupted.length > 0)
        parts.push(
          `${joinList(undisrupted)} ${undisrupted.length === 1 ? 'is een CEPES' : 'zijn CEPES'} die niet aanzienlijk verstoord ${undisrupted.length === 1 ? 'is' : 'zijn'}`,
        );
      return parts.join('; ');
    }
    case 'T3': {
      const count = facts.significantlyAffected.length;
      const list = listed(facts.significantlyAffected);
      const states =
        count >= T3_MEMBER_STATES
          ? `${count} lidstaten ${OWN} aanzienlijk getroffen${list}`
          : `${count} van ${T3_MEMBER_STATES} lidstaten ${OWN} aanzienlijk getroffen${list}; nog ${T3_MEMBER_STATES - count} nodig`;
      const agreement = facts.coordinationAgreed
        ? 'coördinatie op Unieniveau overeengekomen'
        : 'coördinatie op Unieniveau nog niet overeengekomen in de raadpleging door het Raadsvoorzitterschap';
      return `${states}; ${agreement}`;
    }
  }
}

export function renderReasonsNl(facts: DerivedFacts, hidden: HiddenNames): string[] {
  const explanation = (id: string) => {
    const trigger = facts.triggers.find((t) => t.id === id);
    return trigger ? explanationNl(trigger, hidden) : '';
  };
  return facts.reasons.map((reason) => reasonNl(reason, explanation, hidden));
}

function reasonNl(reason: ReasonFacts, explanation: (id: string) => string, hidden: HiddenNames): string {
  switch (reason.code) {
    case 'out-of-scope':
      return `Buiten het toepassingsgebied: het incident valt in het domein ${domainNl(reason.domain)}, dat bij de lidstaten blijft en buiten CER en NIS2 valt; de triggers worden alleen ter informatie getoond.`;
    case 'would-be-met':
      return `Aan ${reason.trigger} zou zijn voldaan: ${explanation(reason.trigger)}.`;
    case 'applies':
      return `De Blueprint is van toepassing omdat aan ${reason.trigger} is voldaan: ${explanation(reason.trigger)}.`;
    case 'decision-required':
      return `Besluit nodig: ${affectedNl(reason.significantlyAffected)}; het Raadsvoorzitterschap besluit na hen te hebben geraadpleegd, via een stilzwijgende procedure, of coördinatie op Unieniveau nodig is (T3).`;
    case 'below-threshold':
      return `Onder de drempel: ${affectedNl(reason.significantlyAffected)} en geen CEPES aanzienlijk verstoord; een besluit over coördinatie op Unieniveau vraagt ${T3_MEMBER_STATES} aanzienlijk getroffen lidstaten.`;
    case 'unconfirmed-claim':
      return `${reason.memberState} wordt door ${joinList(reason.claimedBy)} als aanzienlijk getroffen gemeld maar heeft zelf nog geen beoordeling gegeven; het telt pas mee zodra ${reason.memberState} zijn eigen impact beoordeelt.`;
    case 'third-countries': {
      const own = reason.assessedThemselves;
      const given = own.length > 0 ? ` (${joinList(own)} ${OWN})` : '';
      return `Aanzienlijk getroffen buiten de EU: ${joinList(reason.countries)}${given}; getoond, maar alleen EU-lidstaten tellen mee voor de triggers.`;
    }
    case 'domain-set':
      return `Het domein van het incident (${domainNl(reason.domain)}) is het laatst gewijzigd door ${reason.by} in een update.`;
    case 'unconfirmed-cepes':
      return `${entityNl(reason.name, hidden)} wordt als aanzienlijk verstoord gemeld door ${joinList(reason.claimedBy)}, die dat niet mag vaststellen; het telt pas mee voor T2 zodra de lidstaat van vestiging, een bediende lidstaat of ERCC het vaststelt.`;
  }
}

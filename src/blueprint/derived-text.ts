import type { HiddenName } from '../incidents/rules.js';
import type { Language } from '../platform/language.js';
import type { AssessmentRecord, DerivedFacts, ReasonFacts, TriggerFacts } from './derived-model.js';
import { entityNl, explanationNl, renderReasonsNl } from './derived-text-nl.js';
import type { Assessment, Trigger } from './model.js';
import { CEPES_MEMBER_STATES, T1_MEMBER_STATES, T3_MEMBER_STATES } from './thresholds.js';

/**
 * The entity names one reader may not see. `every-name` is for a path that could not learn the reader's hidden
 * names: then no name is shown at all, so forgetting to pass them can only ever hide, never reveal.
 */
export type HiddenNames = readonly HiddenName[] | 'every-name';

/** Everything visible: for `blueprint assess`, which has no readers, and for those who may see every entry. */
export const NOTHING_HIDDEN: HiddenNames = [];

/** The name as this reader may read it, or null when it is hidden from them. */
function visibleName(name: string, hidden: HiddenNames): string | null {
  if (hidden === 'every-name') return null;
  return hidden.some((h) => h.name === name) ? null : name;
}

/** How a name the reader may not see is shown: who withheld it, and nothing of it. */
export function withheldName(name: string, hidden: HiddenNames): string {
  const by = hidden === 'every-name' ? undefined : hidden.find((h) => h.name === name)?.by;
  return by ? `withheld by ${by}` : 'withheld';
}

/** An entity as the reader may read it; its details (`detail`) are shown only with its name. */
function entity(name: string, hidden: HiddenNames, detail?: string): string {
  const shown = visibleName(name, hidden);
  if (shown === null) return withheldName(name, hidden);
  return detail ? `${shown} ${detail}` : shown;
}

export function renderTrigger(facts: TriggerFacts, hidden: HiddenNames, language: Language = 'en'): Trigger {
  const explanation = language === 'nl' ? explanationNl(facts, hidden) : explanationOf(facts, hidden);
  return { id: facts.id, met: facts.met, explanation };
}

function explanationOf(facts: TriggerFacts, hidden: HiddenNames): string {
  switch (facts.id) {
    case 'T1': {
      const count = facts.significantlyAffected.length;
      const states = `member states significantly affected by their own assessment${listed(facts.significantlyAffected)}`;
      const parts = [
        facts.met
          ? `${count} ${states}; ${T1_MEMBER_STATES} needed, threshold reached`
          : `${count} of ${T1_MEMBER_STATES} ${states}; ${T1_MEMBER_STATES - count} more needed`,
      ];
      if (!facts.met && facts.awaitingOwnAssessment.length > 0) {
        parts.push(`${joinList(facts.awaitingOwnAssessment)} would count once they assess their own impact`);
      }
      return parts.join('; ');
    }
    case 'T2': {
      const unconfirmed = facts.unconfirmedCepes.map(
        (e) =>
          `${entity(e.name, hidden)} is reported as significantly disrupted by ${joinList(e.claimedBy)}, not entitled to assert it: unconfirmed until its state of establishment, a member state it serves or ERCC asserts it`,
      );
      if (facts.met) {
        const named = facts.disruptedCepes.map((e) => {
          const why =
            e.basis === 'register'
              ? "(in ERCC's CEPES register)"
              : e.basis !== 'flag' && e.memberStatesServed >= CEPES_MEMBER_STATES
                ? `(serves ${e.memberStatesServed} member states)`
                : '(designated CEPES)';
          const asserted = e.assertedBy ? `, asserted by ${e.assertedBy}` : '';
          // The assertion's author is a shared fact; why it is a CEPES is a detail shown only with the name.
          return visibleName(e.name, hidden) === null
            ? `${withheldName(e.name, hidden)}${asserted}`
            : `${entity(e.name, hidden, why)}${asserted}`;
        });
        return [
          `${facts.disruptedCepes.length} CEPES significantly disrupted: ${named.join(', ')}`,
          ...unconfirmed,
        ].join('; ');
      }
      const parts = ['No CEPES significantly disrupted; 1 needed', ...unconfirmed];
      for (const e of facts.disruptedNotCepes) {
        // Why it is not one (its sector, the states it serves) is a detail of the entry that named it.
        const why =
          e.registerVerdict === 'eu-infrastructure'
            ? "is not a CEPES: ERCC's register holds it as EU infrastructure, which is not a critical entity under CER"
            : e.registerVerdict === 'not-cepes'
              ? "is not a CEPES according to ERCC's CEPES register"
              : e.excludedSector !== null
                ? `is not a CEPES: CER Art. 8 excludes the ${e.excludedSector} sector`
                : `is not a CEPES: it serves ${e.memberStatesServed} of ${CEPES_MEMBER_STATES} member states needed and is not designated one`;
        const shown = visibleName(e.name, hidden);
        parts.push(
          shown === null
            ? `${withheldName(e.name, hidden)} is significantly disrupted but is not a CEPES`
            : `${shown} is significantly disrupted but ${why}`,
        );
      }
      const undisrupted = facts.undisruptedCepes.map((e) => entity(e.name, hidden));
      if (undisrupted.length > 0)
        parts.push(
          `${joinList(undisrupted)} ${undisrupted.length === 1 ? 'is a' : 'are'} CEPES not significantly disrupted`,
        );
      return parts.join('; ');
    }
    case 'T3': {
      const count = facts.significantlyAffected.length;
      const enough = count >= T3_MEMBER_STATES;
      const list = listed(facts.significantlyAffected);
      const states = enough
        ? `${count} member states significantly affected by their own assessment${list}`
        : `${count} of ${T3_MEMBER_STATES} member states significantly affected by their own assessment${list}; ${T3_MEMBER_STATES - count} more needed`;
      const agreement = facts.coordinationAgreed
        ? 'coordination at Union level agreed'
        : 'coordination at Union level not yet agreed in the consultation of the Council Presidency';
      return `${states}; ${agreement}`;
    }
  }
}

/** The reasons for a status, in the reader's words: every sentence rendered from its facts for this reader. */
export function renderReasons(facts: DerivedFacts, hidden: HiddenNames, language: Language = 'en'): string[] {
  if (language === 'nl') return renderReasonsNl(facts, hidden);
  const explanation = (id: string) => {
    const trigger = facts.triggers.find((t) => t.id === id);
    return trigger ? explanationOf(trigger, hidden) : '';
  };
  return facts.reasons.map((reason) => reasonOf(reason, explanation, hidden));
}

function reasonOf(reason: ReasonFacts, explanation: (id: string) => string, hidden: HiddenNames): string {
  switch (reason.code) {
    case 'out-of-scope':
      return `Out of scope: the incident is in the ${reason.domain} domain, which stays with the member states and falls outside CER and NIS2; the triggers are shown for information only.`;
    case 'would-be-met':
      return `${reason.trigger} would be met: ${explanation(reason.trigger)}.`;
    case 'applies':
      return `The Blueprint applies because ${reason.trigger} is met: ${explanation(reason.trigger)}.`;
    case 'decision-required':
      return `Decision required: ${affected(reason.significantlyAffected)}; the Council Presidency decides after consulting them, by silence procedure, whether coordination at Union level is needed (T3).`;
    case 'below-threshold':
      return `Below threshold: ${affected(reason.significantlyAffected)} and no CEPES significantly disrupted; a decision on coordination at Union level needs ${T3_MEMBER_STATES} significantly affected member states.`;
    case 'unconfirmed-claim':
      return `${reason.memberState} is reported as significantly affected by ${joinList(reason.claimedBy)} but has not made its own assessment; it counts only once ${reason.memberState} assesses its own impact.`;
    case 'third-countries': {
      const own = reason.assessedThemselves;
      const given =
        own.length > 0 ? ` (${joinList(own)} by ${own.length === 1 ? 'its' : 'their'} own assessment)` : '';
      return `Significantly affected outside the EU: ${joinList(reason.countries)}${given}; shown, but only EU member states count towards the triggers.`;
    }
    case 'domain-set':
      return `The incident's domain (${reason.domain}) was last set by ${reason.by} in an update.`;
    case 'unconfirmed-cepes':
      return `${entity(reason.name, hidden)} is reported as significantly disrupted by ${joinList(reason.claimedBy)}, which may not assert it; it counts for T2 only once its state of establishment, a member state it serves or ERCC asserts it.`;
  }
}

function affected(states: readonly string[]): string {
  const count = states.length;
  return `${count} ${count === 1 ? 'member state' : 'member states'} significantly affected by ${count === 1 ? 'its' : 'their'} own assessment${listed(states)}`;
}

/** The assessment as one reader receives it: the same facts for everyone, each hidden name withheld. */
export function renderAssessment(
  record: AssessmentRecord,
  hidden: HiddenNames,
  /** The reader's language: the facts are the same in every language, only their sentences differ. */
  language: Language = 'en',
): Assessment {
  const { facts, status, ...shared } = record;
  const named = language === 'nl' ? entityNl : entity;
  return {
    status,
    triggers: facts.triggers.map((t) => renderTrigger(t, hidden, language)),
    ...shared,
    cepesAffected: record.cepesAffected.map((name) => named(name, hidden)),
    unconfirmedCepes: record.unconfirmedCepes.map((name) => named(name, hidden)),
    reasons: renderReasons(facts, hidden, language),
  };
}

function listed(states: readonly string[]): string {
  return states.length > 0 ? ` (${states.join(', ')})` : '';
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

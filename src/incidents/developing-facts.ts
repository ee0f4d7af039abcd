import type { EntityStatement } from '../blueprint/cepes-evidence.js';
import { type CepesRegister, NO_REGISTER } from '../blueprint/cepes-verdict.js';
import { affectedMemberStates } from '../blueprint/rules.js';
import type { Entity, Impact, IncidentReport, UpdateRequest } from './model.js';

/**
 * The incident's facts as they stand, as the trigger rules read them: entities are statements, each with who
 * asserted it, and the domain in force names who set it when an update changed it.
 */
export type IncidentFacts = IncidentReport & {
  entities: EntityStatement[];
  /** The organisation whose update set the domain in force; absent while it is the first report's. */
  domainSetBy?: string | undefined;
};

/** The facts an update may change as the incident develops (BLUEPRINT.md §2); never a lock on the incident. */
export const DEVELOPING_FACTS = [
  'domain',
  'cause',
  'suspectedDeliberate',
  'internationalSecurity',
  'publicOrderImpact',
] as const;

/** The developing facts an update sets, in field order, for its check and its explanation. */
export function developingFactsIn(update: Pick<UpdateRequest, (typeof DEVELOPING_FACTS)[number]>): string[] {
  return DEVELOPING_FACTS.filter((field) => update[field] !== undefined);
}

/**
 * Who may change the cause, a suspected deliberate act or the domain: the organisation that reported the incident,
 * and the affected member states as the facts stand (an own assessment of minor or significant impact, or served by
 * a significantly disrupted CEPES asserted by someone entitled to).
 */
export function mayChangeDevelopingFacts(
  organisation: string,
  facts: IncidentFacts,
  register: CepesRegister = NO_REGISTER,
): boolean {
  return organisation === facts.reportedBy || affectedMemberStates(facts, register).includes(organisation);
}

/**
 * Applies an update's developing facts when its author may change them (checked against the facts before it, as
 * the write checked it); the latest change wins, and the domain remembers who set it.
 */
export function withDevelopingFacts(
  facts: IncidentFacts,
  update: UpdateRequest,
  author: string,
): IncidentFacts {
  if (developingFactsIn(update).length === 0 || !mayChangeDevelopingFacts(author, facts)) return facts;
  return {
    ...facts,
    ...(update.cause !== undefined && { cause: update.cause }),
    ...(update.suspectedDeliberate !== undefined && { suspectedDeliberate: update.suspectedDeliberate }),
    ...(update.internationalSecurity !== undefined && {
      internationalSecurity: update.internationalSecurity,
    }),
    ...(update.publicOrderImpact !== undefined && { publicOrderImpact: update.publicOrderImpact }),
    ...(update.domain !== undefined && { domain: update.domain, domainSetBy: author }),
  };
}

/** An entity as stated by one organisation: the asserter is the organisation of the entry that states it. */
export function statedBy(entity: Entity, organisation: string): EntityStatement {
  return { ...entity, assertedBy: organisation };
}

/**
 * Adds a statement, replacing only the same asserter's earlier statement about the same entity (the same register
 * entry, else the same name): each asserter's latest word is kept apart, so whoever may not assert a disruption
 * never overwrites the word of someone who may.
 */
export function withStatement(
  entities: readonly EntityStatement[],
  entity: EntityStatement,
): EntityStatement[] {
  const same = (e: EntityStatement) =>
    e.assertedBy === entity.assertedBy &&
    (entity.cepesId !== undefined
      ? e.cepesId === entity.cepesId
      : e.cepesId === undefined && e.name === entity.name);
  return [...entities.filter((e) => !same(e)), entity];
}

/**
 * The impact as the fold keeps it: the assessor filled in, and a country outside the EU's own assessment passed on
 * by someone else (ERCC over the API) marked as relayed by them.
 */
export function assessedImpact(impact: Impact, speaker: string): Impact {
  const assessedBy = impact.assessedBy ?? speaker;
  const { relayedBy: _claimed, ...rest } = impact;
  return assessedBy === speaker ? { ...rest, assessedBy } : { ...rest, assessedBy, relayedBy: speaker };
}

/** Two impacts say the same thing when they are by the same assessor about the same state and territory. */
export function impactKey(impact: Impact): string {
  return `${impact.memberState}|${impact.territory ?? ''}|${impact.assessedBy}`;
}

/**
 * The impacts as stored from a sender: a `relayedBy` sent by the client is never trusted, and an assessment given by
 * another (a third country's own, which only ERCC may pass on) is recorded as relayed by the sender.
 */
export function withRelays(impacts: readonly Impact[], sender: string): Impact[] {
  return impacts.map(({ relayedBy: _claimed, ...impact }) =>
    impact.assessedBy !== undefined && impact.assessedBy !== sender
      ? { ...impact, relayedBy: sender }
      : impact,
  );
}

import type { Entity } from '../incidents/model.js';
import { isMemberState } from '../registry/countries.js';
import { isCepesExcludedSector } from '../registry/sectors.js';
import type { CepesRegister, CepesRegisterVerdict } from './cepes-verdict.js';
import { CEPES_MEMBER_STATES } from './thresholds.js';

/**
 * One organisation's statement about an entity. In a report read on its own (`blueprint assess`) the report's
 * `reportedBy` states every entity; on the platform the organisation of the entry that states it (currentFacts).
 */
export type EntityStatement = Entity & { assertedBy?: string | undefined };

/** ERCC identifies CEPES for the Commission (CER Art. 17(3)), so it may always assert a CEPES disruption. */
export const CEPES_AUTHORITY = 'ERCC';

/** What makes an entity a CEPES, or not, and whose word on its disruption counts. */
export interface CepesProfile {
  cepes: boolean;
  /** Why: the register's verdict, the `cepes` flag, the states it serves, or the sector CER Art. 8 excludes. */
  basis: 'register' | 'flag' | 'reach' | 'excluded-sector' | 'too-few-states';
  registerVerdict: CepesRegisterVerdict['kind'] | null;
  establishedIn: string | null;
  /** Distinct EU member states served, sorted; services to third countries do not count. */
  memberStatesServed: string[];
}

export interface CountedCepes {
  name: string;
  basis: 'register' | 'flag' | 'reach';
  memberStatesServed: string[];
  assertedBy: string;
}

export interface UnconfirmedCepes {
  name: string;
  /** Who reported the disruption without being entitled to assert it, sorted. */
  claimedBy: string[];
}

export interface NotCepes {
  name: string;
  excludedSector: string | null;
  registerVerdict: 'not-cepes' | 'eu-infrastructure' | null;
  memberStatesServed: number;
}

/** The T2 evidence of an incident: entities grouped across statements, each decided by whose word counts. */
export interface CepesEvidence {
  /** Significantly disrupted CEPES asserted by someone entitled to: these meet T2. */
  counted: CountedCepes[];
  /** Disrupted CEPES only others report, with no word yet from anyone entitled: shown, never counted. */
  unconfirmed: UnconfirmedCepes[];
  /** Significantly disrupted entities that are not CEPES. */
  notCepes: NotCepes[];
  /** CEPES named but not significantly disrupted. */
  undisrupted: Array<{ name: string }>;
}

function sortedStates(states: readonly string[]): string[] {
  return [...new Set(states.filter(isMemberState))].sort();
}

/**
 * The entity as the rules judge it: the register's verdict when the statement references an entry of it (`eu-
 * infrastructure` is never a CEPES), otherwise the presumption (the flag, or six or more member states served),
 * never in a sector CER Art. 8 leaves to other EU law.
 */
export function cepesProfile(entity: EntityStatement, register: CepesRegister): CepesProfile {
  const verdict = entity.cepesId === undefined ? undefined : register.get(entity.cepesId);
  if (verdict) {
    return {
      cepes: verdict.kind === 'cepes',
      basis: 'register',
      registerVerdict: verdict.kind,
      establishedIn: verdict.establishedIn,
      memberStatesServed: sortedStates(verdict.memberStatesServed),
    };
  }
  const served = sortedStates(entity.memberStatesServed);
  const presumed = (basis: CepesProfile['basis'], cepes: boolean): CepesProfile => ({
    cepes,
    basis,
    registerVerdict: null,
    establishedIn: entity.establishedIn ?? null,
    memberStatesServed: served,
  });
  if (isCepesExcludedSector(entity.sector)) return presumed('excluded-sector', false);
  if (entity.cepes) return presumed('flag', true);
  return served.length >= CEPES_MEMBER_STATES ? presumed('reach', true) : presumed('too-few-states', false);
}

/** Whether `organisation` may assert this entity's disruption: its state of establishment, a state it serves, ERCC. */
export function mayAssertDisruption(organisation: string, profile: CepesProfile): boolean {
  return (
    organisation === CEPES_AUTHORITY ||
    organisation === profile.establishedIn ||
    profile.memberStatesServed.includes(organisation)
  );
}

/** Statements about one entity are about the same register entry, or else carry the same name. */
function entityKey(entity: EntityStatement): string {
  return entity.cepesId !== undefined ? `register:${entity.cepesId}` : `name:${entity.name}`;
}

/**
 * Decides T2's evidence from every statement about every entity, oldest first (each asserter's latest statement
 * only, as currentFacts keeps them). Per entity the latest statement of someone entitled decides; an entity only
 * others speak of is unconfirmed when they report a disrupted CEPES. An unentitled later statement therefore never
 * overrides an entitled one, whatever it says.
 */
export function cepesEvidence(
  report: { reportedBy: string; entities: readonly EntityStatement[] },
  register: CepesRegister,
): CepesEvidence {
  const groups = new Map<string, EntityStatement[]>();
  for (const entity of report.entities) {
    const key = entityKey(entity);
    groups.set(key, [...(groups.get(key) ?? []), entity]);
  }
  const evidence: CepesEvidence = { counted: [], unconfirmed: [], notCepes: [], undisrupted: [] };
  for (const statements of groups.values()) {
    const judged = statements.map((entity) => {
      const profile = cepesProfile(entity, register);
      const by = entity.assertedBy ?? report.reportedBy;
      return { entity, profile, by, entitled: mayAssertDisruption(by, profile) };
    });
    const entitled = judged.filter((j) => j.entitled);
    const decider = entitled.at(-1) ?? judged.at(-1)!;
    const { entity, profile } = decider;
    if (!entity.significantlyDisrupted) {
      if (profile.cepes) evidence.undisrupted.push({ name: entity.name });
      continue;
    }
    if (!profile.cepes) {
      evidence.notCepes.push({
        name: entity.name,
        excludedSector: profile.basis === 'excluded-sector' ? entity.sector : null,
        registerVerdict:
          profile.registerVerdict === 'cepes' || profile.registerVerdict === null
            ? null
            : profile.registerVerdict,
        memberStatesServed: profile.memberStatesServed.length,
      });
      continue;
    }
    if (decider.entitled) {
      evidence.counted.push({
        name: entity.name,
        basis: profile.basis as CountedCepes['basis'],
        memberStatesServed: profile.memberStatesServed,
        assertedBy: decider.by,
      });
      continue;
    }
    const claimedBy = judged
      .filter((j) => j.entity.significantlyDisrupted && j.profile.cepes)
      .map((j) => j.by);
    evidence.unconfirmed.push({ name: entity.name, claimedBy: [...new Set(claimedBy)].sort() });
  }
  return evidence;
}

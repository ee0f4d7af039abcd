import type { CepesRegisterVerdict } from '../blueprint/cepes-verdict.js';
import { CEPES_MEMBER_STATES } from '../blueprint/thresholds.js';
import { foldForSearch } from '../platform/text/fold.js';
import { isMemberState } from '../registry/countries.js';
import { isCepesExcludedSector } from '../registry/sectors.js';
import { REGISTER_KEEPER } from '../sharing/cepes.js';
import type { CepesEntryInput, CepesVerdict } from './model.js';

/** The EU body that holds the space programme's assets for the Union. */
export const EU_INFRASTRUCTURE_HOLDER = 'EUSPA';

/** Components of the EU space programme: Union assets, so never a critical entity of a member state (CER Art. 2). */
const SPACE_PROGRAMME = /\b(galileo|egnos|govsatcom|copernicus)\b|\biris\s*(²|2)/i;

/**
 * A name folded for search as the platform's search folds text ("Öresund" found by "oresund", "Łódź" by "lodz"),
 * with spaces collapsed so a name is found whatever spacing it was typed with.
 */
export function searchKey(text: string): string {
  return foldForSearch(text).replace(/\s+/g, ' ').trim();
}

export interface EntryIssue {
  field: string;
  message: string;
}

/**
 * What the register may not say, named by field: a CEPES is established in a member state, serves six or more of
 * them (CER Art. 17) and is never in a sector CER Art. 8 leaves to other EU law; EU space-programme assets are EU
 * infrastructure, held by EUSPA, never a CEPES.
 */
export function entryIssue(input: CepesEntryInput): EntryIssue | undefined {
  if (input.verdict === 'eu-infrastructure') {
    if (input.establishedIn !== undefined)
      return {
        field: 'establishedIn',
        message: `EU infrastructure is held by ${EU_INFRASTRUCTURE_HOLDER} for the Union, not established in a member state: leave it out`,
      };
    return undefined;
  }
  if (input.establishedIn === undefined) return { field: 'establishedIn', message: 'required' };
  if (input.verdict === 'not-cepes') return undefined;
  if (SPACE_PROGRAMME.test(input.name))
    return {
      field: 'verdict',
      message: `an EU space-programme asset is EU infrastructure (held by ${EU_INFRASTRUCTURE_HOLDER}), never a CEPES`,
    };
  if (!isMemberState(input.establishedIn))
    return { field: 'establishedIn', message: 'a CEPES is established in an EU member state' };
  const excluded = input.sectors.findIndex(isCepesExcludedSector);
  if (excluded >= 0)
    return {
      field: `sectors[${excluded}]`,
      message: `entities in ${input.sectors[excluded]} are never CEPES (CER Art. 8)`,
    };
  const served = servedMemberStates(input.memberStatesServed);
  if (served.length < CEPES_MEMBER_STATES)
    return {
      field: 'memberStatesServed',
      message: `a CEPES serves ${CEPES_MEMBER_STATES} or more member states (CER Art. 17); ${served.length} given`,
    };
  return undefined;
}

/** The distinct EU member states among those served, sorted. */
export function servedMemberStates(states: readonly string[]): string[] {
  return [...new Set(states.filter(isMemberState))].sort();
}

/**
 * Who sees an entry when ERCC names no audience: the register's keeper and the states it concerns (where the
 * entity is established and those it serves), and EUSPA for the EU infrastructure it holds. Never everyone: lists
 * of critical entities are sensitive.
 */
export function defaultAudience(
  input: Pick<CepesEntryInput, 'verdict' | 'establishedIn' | 'memberStatesServed'>,
): string[] {
  const audience = new Set<string>([REGISTER_KEEPER]);
  if (input.establishedIn && isMemberState(input.establishedIn)) audience.add(input.establishedIn);
  for (const state of servedMemberStates(input.memberStatesServed)) audience.add(state);
  if (input.verdict === 'eu-infrastructure') audience.add(EU_INFRASTRUCTURE_HOLDER);
  return [...audience].sort();
}

/** A stored entry as the trigger rules read it; EU infrastructure is "established" with the body holding it. */
export function verdictOf(row: {
  id: string;
  name: string;
  verdict: string;
  established_in: string | null;
  member_states_served: string;
  sectors: string;
}): CepesRegisterVerdict {
  return {
    id: row.id,
    name: row.name,
    kind: row.verdict as CepesVerdict,
    establishedIn: row.established_in ?? EU_INFRASTRUCTURE_HOLDER,
    memberStatesServed: JSON.parse(row.member_states_served) as string[],
    sectors: JSON.parse(row.sectors) as string[],
  };
}

/** The register ids a set of entities references, distinct. */
export function referencedIds(entities: ReadonlyArray<{ cepesId?: string | undefined }>): string[] {
  return [...new Set(entities.flatMap((e) => (e.cepesId ? [e.cepesId] : [])))];
}

/** A page's position: the last entry's search key and id, opaque to clients. */
export function cursorOf(row: { search_name: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.search_name, row.id])).toString('base64url');
}

/** The position a client sent back, or undefined when it is not one this server gave out. */
export function positionOf(cursor: string): { searchName: string; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return { searchName: value[0] as string, id: value[1] as string };
  } catch {
    // not one of ours
  }
  return undefined;
}

/**
 * The withheld fields of a report or update, with the register link of every entity whose name is withheld: the
 * entry would name the entity to whoever may read the register, so it is withheld with the name.
 */
export function withReferencesWithheld<W extends { field: string; reason: string }>(
  entities: ReadonlyArray<{ cepesId?: string | undefined }>,
  withheld: readonly W[],
): W[] {
  const out = [...withheld];
  entities.forEach((entity, index) => {
    const at = `entities[${index}]`;
    if (!entity.cepesId || out.some((w) => w.field === `${at}.cepesId` || w.field === at)) return;
    const name = out.find((w) => w.field === `${at}.name`);
    if (name) out.push({ ...name, field: `${at}.cepesId` });
  });
  return out;
}

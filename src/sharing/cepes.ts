import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { isNatoLiaison, isParticipant, readsContent, writesContent } from './principal.js';

/** The organisation that keeps the CEPES register (the Commission identifies CEPES, CER Art. 17(3)). */
export const REGISTER_KEEPER = 'ERCC';

/** A register entry's reach: lists of critical entities are sensitive, so each entry has its own audience. */
export interface CepesReach {
  audience: readonly string[];
  releasableToNato: boolean;
}

/** Who may see a register entry: its name, verdict, states and sectors (CONTRACT "Who sees what"). */
export const readCepesEntry = [
  rule(
    'people of ERCC, which keeps the register, see every entry of it',
    (r: Principal, _e: CepesReach) => readsContent(r) && r.organisation === REGISTER_KEEPER,
  ),
  rule(
    "organisations in a register entry's audience see that entry",
    (r: Principal, e: CepesReach) =>
      readsContent(r) && isParticipant(r) && e.audience.includes(r.organisation),
  ),
  rule(
    'the NATO liaison sees register entries released to NATO',
    (r: Principal, e: CepesReach) => readsContent(r) && isNatoLiaison(r) && e.releasableToNato,
  ),
];

/** Who may add to the register or change an entry of it. */
export const keepCepesRegister = [
  rule(
    'ERCC coordinators keep the CEPES register',
    (p: Principal) => writesContent(p) && p.organisation === REGISTER_KEEPER,
  ),
];

type RegisterQuery = ExpressionBuilder<Database, 'cepes_register'>;

/** `readCepesEntry` as a SQL condition over `cepes_register`, so lists and searches filter in the database. */
export function visibleCepesCondition(reader: Principal) {
  return (eb: RegisterQuery) => {
    // A constant false that every engine can bind (SQLite has no boolean parameters).
    if (!readsContent(reader)) return eb(eb.val(1), '=', 0);
    if (reader.organisation === REGISTER_KEEPER) return eb(eb.val(1), '=', 1);
    const grants = [];
    if (isParticipant(reader)) {
      grants.push(
        eb.exists(
          eb
            .selectFrom('cepes_register_audience as a')
            .select(sql`1`.as('one'))
            .whereRef('a.cepes_id', '=', 'cepes_register.id')
            .where('a.organisation', '=', reader.organisation),
        ),
      );
    }
    if (isNatoLiaison(reader)) grants.push(eb('cepes_register.releasable_to_nato', '=', 1));
    return grants.length === 0 ? eb(eb.val(1), '=', 0) : eb.or(grants);
  };
}

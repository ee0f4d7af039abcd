import { ImportRefused } from './import-limits.js';
import type { ImportPlan } from './model.js';
import { printable } from './printable.js';

/** Whether an item of the plan becomes an entry: a TLP marking definition only marks the objects that cite it. */
const writesEntry = (item: ImportPlan['items'][number]) =>
  !(item.type === 'marking-definition' && item.outcome === 'mapped');

/**
 * A file that would make a new incident but has nothing to put in it is refused whole: a new incident is seen by
 * every participating organisation, and one holding only its report, made from a file whose every object was
 * refused, would tell them all of an incident nobody reported. Into a named incident such a file is simply counted.
 */
export function refuseNothingToImport(plan: ImportPlan): void {
  if (plan.items.some(writesEntry)) return;
  const first = plan.refused[0];
  const oneLine = (s: string) => printable(s.replace(/\s+/g, ' ').slice(0, 300));
  const which = first && `${first.ref} (${oneLine(first.type)})`;
  const refusals =
    plan.refused.length === 1
      ? `${which} was refused`
      : `all ${plan.refused.length} objects were refused, the first ${which}`;
  throw new ImportRefused(
    first
      ? `FILE: nothing in it can be imported, so no incident is made from it: ${refusals}: ${oneLine(first.reason)}`
      : 'FILE: it holds only marking definitions, so no incident is made from it',
  );
}

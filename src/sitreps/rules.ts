import { diffLines } from 'diff';
import { SECTION_KEYS, SECTION_TITLES, type Section, type SitrepDiff } from './model.js';

/** The first draft of a sitrep lives in its own file, in each language the platform writes. */
export { type PrefillInput, prefill } from './prefill.js';

/** Line-by-line differences between two sitreps, section by section. */
export function diffSitreps(
  from: { id: string; number: number | null; sections: readonly Section[] },
  to: { id: string; number: number | null; sections: readonly Section[] },
): SitrepDiff {
  return {
    from: { id: from.id, number: from.number },
    to: { id: to.id, number: to.number },
    sections: SECTION_KEYS.map((key) => {
      const a = from.sections.find((s) => s.key === key)?.text ?? '';
      const b = to.sections.find((s) => s.key === key)?.text ?? '';
      const parts = diffLines(a.endsWith('\n') ? a : `${a}\n`, b.endsWith('\n') ? b : `${b}\n`);
      return {
        key,
        title: SECTION_TITLES[key],
        changes: parts.map((p) => ({
          kind: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const),
          text: p.value,
        })),
      };
    }),
  };
}

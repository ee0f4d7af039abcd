import { ImportRefused } from './import-limits.js';

/**
 * Whether a tag or label marks its data as an exercise's: MISP's `exercise` taxonomy (`exercise:cyber-europe`,
 * `exercise:locked-shields="2024"`, `exercise:generic="comcheck"`…), which MISP's STIX conversion carries over as
 * labels, or the bare `exercise` label the platform's own STIX export gives an exercise incident.
 */
export function isExerciseMark(name: string): boolean {
  return /^exercise(:|$)/i.test(name.trim());
}

/** The tags or labels of one part of a file: the field (a path into the file) and what that part is, in words. */
export interface MarkedPart {
  field: string;
  what: string;
  names: readonly string[];
}

/** Where a file says it is exercise data: the part and the tag or label saying it. */
export interface ExerciseMark {
  field: string;
  what: string;
  mark: string;
}

/** The first part that holds an exercise mark, or undefined. */
export function firstExerciseMark(parts: Iterable<MarkedPart>): ExerciseMark | undefined {
  for (const { field, what, names } of parts) {
    const mark = names.find(isExerciseMark);
    if (mark !== undefined) return { field, what, mark };
  }
  return undefined;
}

/**
 * Exercise data never become a real incident: imported, they would be seen and alerted to every participating
 * organisation as something that happened. A file that says it is an exercise's is refused whole, whatever the
 * target (an exercise incident takes no imports either), and nothing of it is written.
 */
export function refuseExerciseData(found: ExerciseMark | undefined): void {
  if (!found) return;
  const mark = found.mark.trim().slice(0, 120);
  throw new ImportRefused(
    `${found.field}: ${found.what} is marked as an exercise (${JSON.stringify(mark)}); exercise data never become a real incident, so nothing was written`,
    found.field,
  );
}

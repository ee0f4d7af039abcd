import { z } from 'zod';

/** The largest report file kept with an exercise held outside the platform, decoded. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

/** How many bytes a base64 text decodes to (the web imports this file too, so no Buffer). */
function decodedBytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** The formats ministries exchange exercise reports in. */
export const REPORT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'text/plain',
] as const;

export const RecordOutsideExercise = z.strictObject({
  heldOn: z.iso.date({ error: 'a date, YYYY-MM-DD' }),
  title: z.string().trim().min(1).max(200),
  report: z.strictObject({
    name: z
      .string()
      .min(1)
      .max(200)
      .refine(
        (n) => !/[/\\"]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 32),
        'a file name without slashes, quotes or control characters',
      ),
    type: z.enum(REPORT_TYPES),
    /** The file, base64-encoded. */
    content: z
      .base64({ error: 'the file, base64-encoded' })
      .min(1)
      .refine((b) => decodedBytes(b) <= MAX_REPORT_BYTES, 'at most 5 MiB'),
  }),
});
export type RecordOutsideExercise = z.infer<typeof RecordOutsideExercise>;

/** One exercise in the history: played on the platform from a scenario, or held outside and recorded. */
export const HeldExercise = z.object({
  where: z.enum(['platform', 'outside']),
  id: z.string(),
  title: z.string(),
  heldOn: z.string(),
  /** For a run on the platform: its scenario and exercise incident. */
  scenarioId: z.string().nullable(),
  incidentId: z.string().nullable(),
  /** For an exercise held outside: its report's file name. */
  reportName: z.string().nullable(),
});
export type HeldExercise = z.infer<typeof HeldExercise>;

export const ExerciseCompliance = z.object({
  adoptedOn: z.string(),
  firstDueBy: z.string(),
  firstHeldOn: z.string().nullable(),
  lastHeldOn: z.string().nullable(),
  monthsSinceLast: z.number().int().nullable(),
  firstExercise: z.enum(['met', 'late', 'due', 'overdue']),
  /** Newest first. */
  history: z.array(HeldExercise),
});
export type ExerciseCompliance = z.infer<typeof ExerciseCompliance>;

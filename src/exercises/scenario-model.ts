import { z } from 'zod';
import { NewAssistanceRequest } from '../assistance/model.js';
import { IncidentReport, UpdateRequest } from '../incidents/model.js';
import { isMemberState } from '../registry/countries.js';
import { OrganisationId, ParticipatingOrganisationId } from '../registry/model.js';

/**
 * An exercise scenario (docs/exercises.md): who takes part, which member state holds the Presidency, a timeline of
 * injects at T+minutes from the first, and the actions the players are expected to take with their target times.
 * A scenario is a file facilitators write by hand, so every field is checked and an error names where it is.
 */

/** Who injects are written as from outside the participants: a media report, a rumour. */
export const EXERCISE_CONTROL = 'EXERCISE-CONTROL';

const minutes = z
  .number({ error: 'minutes after the first inject, a number' })
  .min(0, 'cannot be before the first inject')
  .max(60 * 24 * 14, 'at most 14 days after the first inject');

/** A short identifier used inside the file to point at a principal or an inject. */
const Handle = z
  .string({ error: 'required' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');

/**
 * An exercise-control principal: an account that writes injects as its organisation, only in exercise incidents,
 * never able to sign in; every write it makes is audited like anyone's.
 */
export const ExercisePrincipal = z.strictObject({
  id: Handle,
  organisation: ParticipatingOrganisationId,
  name: z.string().min(1).max(120),
});
export type ExercisePrincipal = z.infer<typeof ExercisePrincipal>;

/** Who an inject or a scripted action is written as: a principal of the scenario, or exercise control. */
const Author = z.union([Handle, z.literal(EXERCISE_CONTROL)]);

/** The report that opens the exercise incident; its reporter is the author's organisation, its time the inject's. */
const ReportInject = z.strictObject({
  at: minutes,
  as: Handle,
  kind: z.literal('report'),
  // The report's fields without its refinement; a TLP:RED opening report is refused by the platform as any other.
  report: z
    .strictObject(IncidentReport.shape)
    .omit({ reportedBy: true, occurredAt: true, exercise: true })
    .partial({ title: true }),
});

const UpdateInject = z.strictObject({
  at: minutes,
  as: Handle,
  kind: z.literal('update'),
  update: UpdateRequest,
});

const OwnAssessmentInject = z.strictObject({
  at: minutes,
  as: Handle,
  kind: z.literal('own-assessment'),
  level: z.enum(['none', 'minor', 'significant']),
  territory: z.string().optional(),
});

const NoteInject = z.strictObject({
  at: minutes,
  as: Author,
  kind: z.literal('note'),
  text: z.string().min(1).max(20000),
  marking: z.enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT']).default('TLP:GREEN'),
  audience: z.array(OrganisationId).optional(),
});

/** What the media report: written by exercise control, as players would learn it from outside. */
const MediaReportInject = z.strictObject({
  at: minutes,
  as: z.literal(EXERCISE_CONTROL).default(EXERCISE_CONTROL),
  kind: z.literal('media-report'),
  outlet: z.string().min(1).max(200),
  text: z.string().min(1).max(20000),
});

/** A false narrative spreading: recorded in the disinformation log as observed. */
const RumourInject = z.strictObject({
  at: minutes,
  as: z.literal(EXERCISE_CONTROL).default(EXERCISE_CONTROL),
  kind: z.literal('rumour'),
  narrative: z.string().min(1).max(2000),
  where: z.string().min(1).max(200),
  reach: z.string().max(200).optional(),
});

/** A request for assistance: the fields of the platform's request, needed from the inject's time. */
const AssistanceRequestInject = z.strictObject({
  at: minutes,
  as: Handle,
  kind: z.literal('assistance-request'),
  request: z.strictObject(NewAssistanceRequest.shape).omit({ neededFrom: true, neededUntil: true }),
});

export const Inject = z.discriminatedUnion('kind', [
  ReportInject,
  UpdateInject,
  OwnAssessmentInject,
  NoteInject,
  MediaReportInject,
  RumourInject,
  AssistanceRequestInject,
]);
export type Inject = z.infer<typeof Inject>;

/** The coordination steps the metrics measure (CONTRACT: `exercise run --json`). */
export const MEASURES = [
  'acknowledged',
  'own-assessment',
  'status-changed',
  'activated',
  'first-sitrep',
  'first-public-line',
] as const;
export const Measure = z.enum(MEASURES);
export type Measure = z.infer<typeof Measure>;

/** Measures taken per organisation; the others are incident-wide. */
export const PER_ORGANISATION: ReadonlySet<Measure> = new Set(['acknowledged', 'own-assessment']);

/** What the runner can take in a player's place. */
export const SCRIPTABLE: ReadonlySet<Measure> = new Set(['acknowledged', 'own-assessment', 'first-sitrep']);

/**
 * An action the players are expected to take by a target time. With `script`, the runner takes it as the principal
 * named when no player has by `script.at` (so an unattended run is complete); without, it is only measured.
 */
export const ExpectedAction = z
  .strictObject({
    measure: Measure,
    organisation: ParticipatingOrganisationId.optional(),
    /** The target, minutes after the first inject. */
    by: minutes,
    // Only the steps a principal can take are scripted; a status change follows from the facts.
    script: z
      .strictObject({
        at: minutes,
        as: Handle,
        /** For an own assessment: the level the principal assesses. */
        level: z.enum(['none', 'minor', 'significant']).optional(),
        /** For a sitrep: who approves what `as` compiled (four eyes). */
        approvedBy: Handle.optional(),
      })
      .optional(),
  })
  .superRefine((a, ctx) => {
    if (PER_ORGANISATION.has(a.measure) && !a.organisation)
      ctx.addIssue({ code: 'custom', path: ['organisation'], message: `required for ${a.measure}` });
    if (!PER_ORGANISATION.has(a.measure) && a.organisation)
      ctx.addIssue({ code: 'custom', path: ['organisation'], message: `${a.measure} is incident-wide` });
    if (a.script && !SCRIPTABLE.has(a.measure))
      ctx.addIssue({ code: 'custom', path: ['script'], message: `${a.measure} cannot be scripted` });
    if (a.script && a.measure === 'own-assessment' && !a.script.level)
      ctx.addIssue({
        code: 'custom',
        path: ['script', 'level'],
        message: 'required to script an own assessment',
      });
    if (a.script && a.measure === 'first-sitrep' && !a.script.approvedBy)
      ctx.addIssue({
        code: 'custom',
        path: ['script', 'approvedBy'],
        message: 'required: a sitrep is approved by someone other than who compiled it',
      });
  });
export type ExpectedAction = z.infer<typeof ExpectedAction>;

export const Scenario = z
  .strictObject({
    id: Handle,
    title: z.string().min(1).max(300),
    description: z.string().max(20000).default(''),
    /** The member state holding the Presidency in the exercise world. */
    presidency: z.string().refine(isMemberState, 'a member state holding the Presidency'),
    participants: z.array(ParticipatingOrganisationId).min(1, 'name at least one organisation'),
    principals: z.array(ExercisePrincipal).min(1, 'name at least one exercise-control principal'),
    injects: z.array(Inject).min(1, 'at least the report that opens the incident'),
    expected: z.array(ExpectedAction).default([]),
  })
  .superRefine((s, ctx) => {
    const handles = new Set<string>();
    s.principals.forEach((p, i) => {
      if (handles.has(p.id))
        ctx.addIssue({ code: 'custom', path: ['principals', i, 'id'], message: `${p.id} is named twice` });
      handles.add(p.id);
      if (!s.participants.includes(p.organisation))
        ctx.addIssue({
          code: 'custom',
          path: ['principals', i, 'organisation'],
          message: `${p.organisation} is not among the participants`,
        });
    });
    const known = (as: string) => as === EXERCISE_CONTROL || handles.has(as);
    s.injects.forEach((inject, i) => {
      if (!known(inject.as))
        ctx.addIssue({ code: 'custom', path: ['injects', i, 'as'], message: `no principal ${inject.as}` });
    });
    const first = s.injects[0];
    if (first && first.kind !== 'report')
      ctx.addIssue({
        code: 'custom',
        path: ['injects', 0, 'kind'],
        message: 'the first inject is the report',
      });
    if (first && first.at !== 0)
      ctx.addIssue({ code: 'custom', path: ['injects', 0, 'at'], message: 'the first inject is at 0' });
    s.injects.forEach((inject, i) => {
      if (i > 0 && inject.kind === 'report')
        ctx.addIssue({
          code: 'custom',
          path: ['injects', i, 'kind'],
          message: 'only the first inject is a report',
        });
      const before = s.injects[i - 1];
      if (before && inject.at < before.at)
        ctx.addIssue({
          code: 'custom',
          path: ['injects', i, 'at'],
          message: 'injects are listed in time order',
        });
    });
    s.expected.forEach((a, i) => {
      if (a.organisation && !s.participants.includes(a.organisation))
        ctx.addIssue({
          code: 'custom',
          path: ['expected', i, 'organisation'],
          message: `${a.organisation} is not among the participants`,
        });
      for (const key of ['as', 'approvedBy'] as const) {
        const handle = a.script?.[key];
        if (handle && !handles.has(handle))
          ctx.addIssue({
            code: 'custom',
            path: ['expected', i, 'script', key],
            message: `no principal ${handle}`,
          });
      }
    });
  });
export type Scenario = z.infer<typeof Scenario>;

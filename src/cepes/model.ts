import { z } from 'zod';
import { CountryCode, ParticipatingOrganisationId, quoted } from '../registry/model.js';
import { isSector } from '../registry/sectors.js';
import { TLP_MARKINGS } from '../sharing/model.js';

/** zod's messages in the words the report form's errors use ("required", "must not be empty"). */
const messages: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined) return 'required';
  if (issue.code === 'invalid_type')
    return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `must be at most ${issue.maximum} characters`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `must have at most ${issue.maximum} items`;
  return undefined;
};
const plain = { error: messages };

/**
 * What the register says of an entity: a CEPES the Commission confirmed, an entity it found is not one, or an EU
 * space-programme asset (Galileo, EGNOS, GOVSATCOM) held as EU infrastructure by EUSPA, which is never a CEPES.
 */
export const CEPES_VERDICTS = ['cepes', 'not-cepes', 'eu-infrastructure'] as const;
export const CepesVerdict = z.enum(CEPES_VERDICTS, plain);
export type CepesVerdict = z.infer<typeof CepesVerdict>;

/**
 * Markings a register entry may carry. TLP:RED (named people only) is not among them: ERCC keeps the register as
 * an organisation, so every ERCC coordinator must be able to read what they keep.
 */
export const CEPES_MARKINGS = TLP_MARKINGS.filter((m) => m !== 'TLP:RED') as Exclude<
  (typeof TLP_MARKINGS)[number],
  'TLP:RED'
>[];
export const CepesMarking = z.enum(CEPES_MARKINGS, {
  error: (issue) =>
    issue.input === undefined
      ? 'required'
      : issue.input === 'TLP:RED'
        ? 'TLP:RED is for named people; a register entry is kept by ERCC as a whole: choose TLP:AMBER+STRICT or wider'
        : `must be one of ${CEPES_MARKINGS.map((m) => JSON.stringify(m)).join(', ')}`,
});

const SectorId = z
  .string(plain)
  .refine(isSector, { error: (issue) => `unknown sector ${quoted(String(issue.input))}` });

/** A register entry as ERCC writes it (create, or replace on update). */
export const CepesEntryInput = z.strictObject(
  {
    name: z.string(plain).trim().min(1, plain).max(300, plain),
    verdict: CepesVerdict,
    /** The member state where the entity is established; EU infrastructure is held by EUSPA and needs none. */
    establishedIn: CountryCode.optional(),
    memberStatesServed: z.array(CountryCode, plain).max(100, plain).default([]),
    sectors: z.array(SectorId, plain).min(1, { message: 'name at least one sector' }).max(20, plain),
    /** ERCC's own note on the verdict (its basis, the Commission's decision). */
    note: z.string(plain).trim().max(2000, plain).default(''),
    marking: CepesMarking,
    /** Left out, the entry reaches the states it concerns (established in, served) and ERCC. */
    audience: z.array(ParticipatingOrganisationId, plain).max(100, plain).optional(),
    releasableToNato: z.boolean(plain).default(false),
  },
  plain,
);
export type CepesEntryInput = z.output<typeof CepesEntryInput>;

export const CepesEntryAbilities = z.object({ edit: z.boolean() });

/** A register entry as a reader who may see it receives it. */
export const CepesEntry = z.object({
  id: z.string(),
  name: z.string(),
  verdict: CepesVerdict,
  establishedIn: z.string().nullable(),
  /** EUSPA for EU infrastructure; null otherwise. */
  heldBy: z.string().nullable(),
  memberStatesServed: z.array(z.string()),
  sectors: z.array(z.string()),
  note: z.string(),
  marking: z.enum(TLP_MARKINGS),
  audience: z.array(z.string()),
  releasableToNato: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The organisation whose coordinator last wrote it (always ERCC). */
  updatedBy: z.string(),
  abilities: CepesEntryAbilities,
});
export type CepesEntry = z.infer<typeof CepesEntry>;

/** `GET /api/cepes-register`: the entries the caller may see, by name, a page at a time; `q` searches names. */
export const CepesListQuery = z.object({
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The name and id of the last entry of the previous page (`next` of that page). */
  after: z.string().max(500).optional(),
});
export type CepesListQuery = z.infer<typeof CepesListQuery>;

export const CepesPage = z.object({
  items: z.array(CepesEntry),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.string().nullable(),
});
export type CepesPage = z.infer<typeof CepesPage>;

import { z } from 'zod';
import type { SourceDistribution } from '../sharing/imports.js';
import type { TlpMarking } from '../sharing/model.js';

export const IMPORT_FORMATS = ['misp', 'stix'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

/**
 * The body of an `intelligence` entry: one object imported from a MISP event or a STIX bundle. A mapped object
 * carries what the platform understands of it; a kept one (a type the importer does not map) says what it is, and
 * the object itself is attached as a JSON file with the entry's reach, so nothing the source sent is lost.
 */
export const IntelligenceBody = z.object({
  format: ImportFormat,
  /** The source's type: a STIX type (`indicator`), or `misp-event`, `misp-attribute:ip-dst`, `misp-object:file`. */
  objectType: z.string(),
  /** The source's id of the object (a STIX id, a MISP uuid), so a reader can find it at the source. */
  sourceId: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  /** Labels, MISP tags that map to nothing else, and galaxy clusters (`misp-galaxy:threat-actor="Sofacy"`). */
  labels: z.array(z.string()),
  /** CER sectors named by the source's `nis`/`nis2` tags. */
  sectors: z.array(z.object({ sector: z.string(), subsector: z.string().optional() })),
  /** An indicator's detection pattern, as the source wrote it. */
  pattern: z.object({ type: z.string(), value: z.string() }).nullable(),
  /** When the source says the object holds from, in UTC (a date alone is 00:00 UTC). */
  validFrom: z.string().nullable(),
  /** True when the object is kept whole as an attached file rather than mapped. */
  kept: z.boolean(),
  /** The import run that wrote it. */
  importId: z.string(),
});
export type IntelligenceBody = z.infer<typeof IntelligenceBody>;

/** What a mapper makes of one object of the file; the flow turns it into an entry (and, when kept, an attachment). */
export interface PlannedItem {
  /** Where the object is in the file, in bracket notation (`objects[3]`, `Event.Attribute[2]`). */
  ref: string;
  type: string;
  outcome: 'mapped' | 'kept';
  marking: TlpMarking;
  distribution: SourceDistribution;
  body: Omit<IntelligenceBody, 'importId'>;
  /** The object itself, for a kept one: attached as `<name>.json`. */
  attachment?: { name: string; json: string };
}

export interface Refusal {
  ref: string;
  type: string;
  reason: string;
}

/** The new incident a file describes, when the importer names none. */
export interface PlannedIncident {
  title: string;
  occurredAt: string;
  description: string;
  marking: TlpMarking;
  distribution: SourceDistribution;
  sectors: Array<{ sector: string; subsector?: string }>;
}

/** Everything a mapper read from a file, before anything is written. */
export interface ImportPlan {
  format: ImportFormat;
  incident: PlannedIncident;
  items: PlannedItem[];
  refused: Refusal[];
}

/** One line of the per-object report. */
export const ImportedObject = z.object({
  ref: z.string(),
  type: z.string(),
  outcome: z.enum(['mapped', 'kept', 'refused']),
  marking: z.string().optional(),
  entryId: z.string().optional(),
  reason: z.string().optional(),
});
export type ImportedObject = z.infer<typeof ImportedObject>;

/** The report of one import run, stored with the run and given again, unchanged, on a rerun of the same file. */
export const ImportReport = z.object({
  incidentId: z.string(),
  mapped: z.number().int(),
  kept: z.number().int(),
  refused: z.number().int(),
  objects: z.array(ImportedObject),
});
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * Reading a file from outside the platform: it is untrusted input. Everything here runs before the file is parsed,
 * so a hostile file (a DTD with entities, a nesting bomb, millions of tiny values) is refused without being built.
 */

export interface ImportLimits {
  /** Bytes of the whole file. */
  readonly maxBytes: number;
  /** Nesting of arrays and objects. */
  readonly maxDepth: number;
  /** JSON values (objects, arrays, strings, numbers, literals) in the whole file. */
  readonly maxValues: number;
  /** Objects the importer maps, keeps or refuses (STIX objects, MISP attributes and objects). */
  readonly maxObjects: number;
}

/** Large enough for a full MISP event export or a CSIRT's bundle of the day, small enough to import in one write. */
export const IMPORT_LIMITS: ImportLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 32,
  maxValues: 500_000,
  maxObjects: 5_000,
};

/** Why an import is refused whole: the file, the incident named (unseen, or an exercise), or the importer. */
export type ImportRefusal = 'file' | 'incident' | 'exercise' | 'importer';

/** A file that cannot be imported at all: nothing is written, the CLI exits 2 and the API answers 4xx. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    /** The field (option or path into the file) the message names. */
    readonly field = 'FILE',
    readonly refusal: ImportRefusal = 'file',
  ) {
    super(message);
  }
}

/**
 * The file as JSON, or the reason it is refused. XML is refused outright, and a document type declaration is named
 * as such: a DTD can declare entities that expand without bound or fetch files, and neither importer needs one.
 */
export function parseUntrusted(content: Buffer, limits: ImportLimits = IMPORT_LIMITS): unknown {
  if (content.length > limits.maxBytes)
    throw new ImportRefused(
      `FILE: ${content.length} bytes is over the limit of ${limits.maxBytes} bytes for an import`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new ImportRefused('FILE: not UTF-8 text');
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    if (/<!DOCTYPE|<!ENTITY/i.test(text))
      throw new ImportRefused('FILE: a document type declaration (DTD) or entity is refused in an import');
    throw new ImportRefused('FILE: XML is not accepted here; export the event or bundle as JSON');
  }
  checkShape(start, limits);
  try {
    return JSON.parse(start);
  } catch (e) {
    throw new ImportRefused(`FILE: not valid JSON (${(e as Error).message})`);
  }
}

/**
 * One pass over the text, outside strings, counting nesting and values; JSON.parse runs only on a file within the
 * limits. Malformed text that slips past (a stray bracket inside a broken string) is left to JSON.parse to refuse.
 */
function checkShape(text: string, limits: ImportLimits): void {
  let depth = 0;
  let values = 0;
  let inString = false;
  let scalar = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    const isSpace = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
    const isStructural = c === 0x7b || c === 0x5b || c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a;
    if (isSpace || isStructural || c === 0x22) scalar = false;
    if (c === 0x22) {
      inString = true;
      values++;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      values++;
      if (depth > limits.maxDepth)
        throw new ImportRefused(`FILE: nested deeper than the limit of ${limits.maxDepth} levels`);
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (!isSpace && !isStructural && !scalar) {
      scalar = true;
      values++;
    }
    if (values > limits.maxValues)
      throw new ImportRefused(`FILE: more than the limit of ${limits.maxValues} values in one file`);
  }
}

import fc from 'fast-check';
import type { OpenApiDocument, Schema } from './openapi-check.js';

/**
 * Inputs for the fuzz test, derived from the route schemas of the OpenAPI document: a value that fits the
 * schema, then one thing wrong with it (a wrong type, a missing or extra field, a huge or NUL-laden string,
 * hostile nesting, a bad id or enum value).
 */

/** Stands for a value nested far too deep; spliced into the JSON text, since building it as an object would not be. */
export const DEEP = '\u0001deep\u0001';
export const DEEP_LEVELS = 20_000;

export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replaceAll(JSON.stringify(DEEP), `${'['.repeat(DEEP_LEVELS)}1${']'.repeat(DEEP_LEVELS)}`);
}

const NUL = '\u0000';

/** Strings that have broken servers: NUL, lone surrogates, control characters, SQL and path tricks. */
export const nastyString = fc.constantFrom(
  NUL,
  `a${NUL}b`,
  `${NUL}`.repeat(10),
  '\ud800',
  'x\udfffy',
  '\u202e\u200b',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '../../etc/passwd',
  '%00',
  '%zz',
  '$'.concat('{7*7}{{7*7}}'),
  '<script>alert(1)</script>',
  '🚨'.repeat(50),
  ' ',
  '',
  '0',
  '-1',
  'null',
  'true',
  '[]',
  '{}',
  '1e309',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '1e21',
  '0x1F',
  '1.5',
  'NaN',
  'Infinity',
  '00000000-0000-0000-0000-000000000000',
  '0190c2a5-7e34-7c4d-9f66-aaaaaaaaaaaa',
  'not-a-uuid',
  '2026-13-45T25:61:61Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  'TLP:PURPLE',
  'tlp:red',
);

export const hugeString = fc.oneof(
  fc.integer({ min: 201, max: 5000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 10_000, max: 80_000 }).map((n) => 'é'.repeat(n)),
);

const wrongTypeValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -0, 0.5),
  fc.string({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

/** Anything that is not what the schema asks for, or a value of the right type at a nasty extreme. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: wrongTypeValue },
  { weight: 3, arbitrary: nastyString },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constant(DEEP) },
  { weight: 1, arbitrary: fc.array(nastyString, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 600 }, (_, i) => `v${i}`)) },
);

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 20 && typeof current.$ref === 'string'; i++) {
    const id = current.$ref.replace('#/components/schemas/', '');
    current = (doc.components?.schemas?.[id] as Schema | undefined) ?? {};
  }
  return current;
}

/** A value that fits the schema (as far as a generator can tell without running its refinements). */
export function fitting(doc: OpenApiDocument, raw: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fitting(doc, s, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0)
    return fitting(doc, schema.allOf[0] as Schema, depth);
  const base = fittingOfType(doc, schema, depth);
  return schema.nullable ? fc.oneof({ weight: 5, arbitrary: base }, fc.constant(null)) : base;
}

function fittingOfType(doc: OpenApiDocument, schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string':
      return fittingString(schema);
    case 'integer':
      return fc.integer({
        min: typeof schema.minimum === 'number' ? Math.max(schema.minimum, -1e6) : -10,
        max: typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1e6) : 1000,
      });
    case 'number':
      return fc.double({
        min: typeof schema.minimum === 'number' ? schema.minimum : -1000,
        max: typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1e6) : 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 6) return fc.constant([]);
      const items = (schema.items as Schema | undefined) ?? {};
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, min + 3);
      return fc.array(fitting(doc, items, depth + 1), { minLength: min, maxLength: max });
    }
    case 'object': {
      if (depth > 6) return fc.constant({});
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, s] of Object.entries(properties)) shape[name] = fitting(doc, s, depth + 1);
      const requiredKeys = Object.keys(shape).filter((k) => required.has(k));
      if (Object.keys(shape).length === 0 && schema.additionalProperties) {
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 4,
        });
      }
      return fc.record(shape, { requiredKeys });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function fittingString(schema: Schema): fc.Arbitrary<string> {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? Math.min(schema.maxLength, min + 40) : min + 40;
  switch (schema.format) {
    case 'email':
      return fc.emailAddress();
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2030-01-01T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    case 'date':
      return fc.constantFrom('2026-01-01', '2026-11-28');
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= min && s.length <= max + 100);
    } catch {
      // a pattern this generator cannot read: fall through to plain text
    }
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

type Path = Array<string | number>;

function pathsIn(value: unknown, prefix: Path = [], out: Path[] = [], depth = 0): Path[] {
  out.push(prefix);
  if (depth > 5 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsIn(v, [...prefix, i], out, depth + 1);
  } else for (const [k, v] of Object.entries(value)) pathsIn(v, [...prefix, k], out, depth + 1);
  return out;
}

function setAt(value: unknown, path: Path, replacement: unknown | typeof REMOVE): unknown {
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && replacement === REMOVE) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && replacement === REMOVE) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, replacement);
  return copy;
}

const REMOVE = Symbol('remove');

/** A value that fits the schema with exactly one thing made wrong: replaced, removed, or an extra field added. */
export function broken(doc: OpenApiDocument, schema: Schema): fc.Arbitrary<{ value: unknown; how: string }> {
  return fc
    .tuple(fitting(doc, schema), fc.nat(), badValue, fc.constantFrom('replace', 'replace', 'remove', 'extra'))
    .map(([value, pick, bad, how]) => {
      const paths = pathsIn(value);
      const path = paths[pick % paths.length]!;
      if (how === 'remove' && path.length > 0)
        return { value: setAt(value, path, REMOVE), how: `without ${path.join('.')}` };
      if (how === 'extra') {
        const objects = paths.filter((p) => {
          let v: unknown = value;
          for (const part of p) v = (v as Record<string | number, unknown>)[part];
          return v !== null && typeof v === 'object' && !Array.isArray(v);
        });
        const at = objects[pick % Math.max(objects.length, 1)];
        if (at)
          return {
            value: setAt(value, [...at, `extra${pick % 7}`], bad),
            how: `extra field at ${at.join('.')}`,
          };
      }
      return { value: setAt(value, path, bad), how: `bad value at ${path.join('.') || 'the root'}` };
    });
}

// The official STIX 2.1 JSON schemas (../shared/standards/stix-2.1/schemas), every file registered by its $id so
// each relative $ref resolves, compiled with Ajv for JSON Schema 2020-12.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { standard } from './standards.js';

const SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

function schemaFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return schemaFiles(full);
    return d.name.endsWith('.json') ? [full] : [];
  });
}

/**
 * The official `common/bundle.json` lists the types it checks by their own schema, and takes every other object as
 * a custom one, which must match exactly one of `core.json` and `cyber-observable-core.json`. Its list lacks five
 * STIX 2.1 domain objects (incident, location, note, grouping, opinion), and any of those matches both cores, so
 * the unchanged schema rejects every bundle that holds one (the same kind of omission as infrastructure's, oasis-open
 * cti-stix2-json-schemas#133). The copy compiled here adds the five to its list, in memory only; every object is
 * also checked against its own official schema unchanged (`stixProblems`).
 */
const MISSING_FROM_BUNDLE = ['incident', 'location', 'note', 'grouping', 'opinion'];

interface BundleSchema {
  properties: {
    objects: {
      items: {
        anyOf: [
          { oneOf: Array<{ $ref: string }> },
          { allOf: [unknown, { properties: { type: { not: { enum: string[] } } } }] },
        ];
      };
    };
  };
}

function withEveryObjectType(official: BundleSchema): BundleSchema {
  const schema = structuredClone(official);
  const [known, custom] = schema.properties.objects.items.anyOf;
  known.oneOf.push(...MISSING_FROM_BUNDLE.map((t) => ({ $ref: `../sdos/${t}.json` })));
  custom.allOf[1].properties.type.not.enum.push(...MISSING_FROM_BUNDLE);
  return schema;
}

let cached: Ajv2020 | undefined;

function stixAjv(): Ajv2020 {
  if (cached) return cached;
  // The schemas' patterns escape `-` outside a class, which JavaScript accepts only without the `u` flag.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  const root = standard('stix-2.1', 'schemas');
  const files = schemaFiles(root);
  if (files.length < 50)
    throw new Error(`expected the whole STIX 2.1 schema tree at ${root}, found ${files.length} files`);
  for (const file of files) {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    ajv.addSchema(path.basename(file) === 'bundle.json' ? withEveryObjectType(schema) : schema);
  }
  cached = ajv;
  return ajv;
}

function validatorFor(relative: string): ValidateFunction {
  const ajv = stixAjv();
  const validate = ajv.getSchema(SCHEMA_BASE + relative);
  if (!validate) throw new Error(`no STIX schema ${relative}`);
  return validate;
}

/** The official schema of one object type: a domain or relationship object, an observable, or a marking definition. */
function typeValidator(type: string): ValidateFunction | undefined {
  const ajv = stixAjv();
  for (const folder of ['sdos', 'sros', 'observables', 'common'])
    if (/^[a-z][a-z0-9-]*$/.test(type)) {
      const validate = ajv.getSchema(`${SCHEMA_BASE}${folder}/${type}.json`);
      if (validate) return validate;
    }
  return undefined;
}

/**
 * The problems the official schemas find in a bundle: against `common/bundle.json`, and each object against its
 * own type's schema as well (the bundle schema checks some types, incident, note and location among them, only by
 * their common properties). An empty list means valid.
 */
export function stixProblems(bundle: unknown): string[] {
  const problems: string[] = [];
  const check = (validate: ValidateFunction, value: unknown, what: string) => {
    if (!validate(value))
      for (const e of validate.errors ?? [])
        problems.push(`${what}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
  };
  check(validatorFor('common/bundle.json'), bundle, 'bundle');
  const objects = (bundle as { objects?: Array<{ type?: string; id?: string }> }).objects ?? [];
  for (const o of objects) {
    const validate = typeValidator(o.type ?? '');
    if (!validate) problems.push(`${o.id}: no schema known for type ${o.type}`);
    else check(validate, o, String(o.id));
  }
  return problems;
}

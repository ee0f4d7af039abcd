import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { App } from '../../src/platform/http/app.js';

/** The parts of an OpenAPI 3.0 document these checks read. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
  security?: unknown[];
}

export interface Operation {
  parameters?: Array<{
    in: 'path' | 'query' | 'header' | 'cookie';
    name: string;
    required?: boolean;
    schema: Schema;
  }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
}

export type Schema = Record<string, unknown>;

export async function loadDocument(app: App): Promise<OpenApiDocument> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json: ${res.statusCode}`);
  return res.json() as OpenApiDocument;
}

/** Every operation of the document, with the path as a pattern that matches concrete URLs. */
export function operationsOf(doc: OpenApiDocument) {
  const out: Array<{ method: string; path: string; pattern: RegExp; operation: Operation }> = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const [method, operation] of Object.entries(methods)) {
      out.push({ method: method.toUpperCase(), path, pattern, operation });
    }
  }
  return out;
}

/**
 * Checks answers against the document: the status must be one the operation declares, and a JSON body must
 * match the schema declared for that status and media type.
 */
export function responseChecker(doc: OpenApiDocument) {
  // OpenAPI 3.0 schemas: `nullable` is understood by Ajv; `example` and the like are annotations.
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components ?? {} });
  const compiled = new Map<string, ValidateFunction>();
  const operations = operationsOf(doc);

  // Keyed by the schema itself: the one error schema, shared by every route, is compiled once.
  const bySchema = new WeakMap<Schema, ValidateFunction>();
  const validatorFor = (schema: Schema) => {
    let validate = bySchema.get(schema);
    if (!validate) {
      const text = JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/');
      validate = compiled.get(text) ?? ajv.compile(JSON.parse(text));
      compiled.set(text, validate);
      bySchema.set(schema, validate);
    }
    return validate;
  };
  const errorSchema: Schema = { $ref: '#/components/schemas/Error' };

  const checkError = (method: string, path: string, status: number, body: string): string[] => {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${method} ${path} ${status} is not JSON: ${body.slice(0, 200)}`];
    }
    return validatorFor(errorSchema)(value)
      ? []
      : [`${method} ${path} ${status} is not an error body: ${body.slice(0, 300)}`];
  };

  return {
    operations,
    /** Problems with one answer, or an empty list. `path` is the concrete path, without the query. */
    check(
      method: string,
      path: string,
      status: number,
      contentType: string | undefined,
      body: string,
      /** The operation's path in the document, when the caller knows it (saves the lookup). */
      documented?: string,
    ): string[] {
      const op =
        operations.find((o) => o.method === method && o.path === documented && o.pattern.test(path)) ??
        operations.find((o) => o.method === method && o.pattern.test(path));
      if (!op) {
        // No route matched (an empty segment, say): the answer is still an error of the documented shape.
        if (status < 400) return [`${method} ${path} is not in the document but answered ${status}`];
        return checkError(method, path, status, body);
      }
      const declared = op.operation.responses[String(status)];
      if (!declared) {
        // Too large headers are refused by the HTTP parser before any route, on every route alike (see info).
        if (status === 431) return checkError(method, path, status, body);
        return [`${method} ${op.path} answered ${status}, which the document does not declare`];
      }
      if (!declared.content) {
        return body.length > 0
          ? [`${method} ${op.path} ${status} has a body the document does not declare`]
          : [];
      }
      const mediaType = (contentType ?? '').split(';')[0]!.trim();
      // A declared type may carry its parameters (`application/stix+json;version=2.1`); the base type decides.
      const declaredBase = Object.keys(declared.content).find(
        (type) => type.split(';')[0]!.trim() === mediaType,
      );
      const media =
        (declaredBase ? declared.content[declaredBase] : undefined) ??
        declared.content[`${mediaType.split('/')[0]}/*`] ??
        declared.content['*/*'];
      if (!media) {
        return [
          `${method} ${op.path} ${status} came as "${mediaType}", declared ${Object.keys(declared.content)}`,
        ];
      }
      if (mediaType !== 'application/json') return [];
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        return [`${method} ${op.path} ${status} is not JSON: ${body.slice(0, 200)}`];
      }
      const validate = validatorFor(media.schema);
      if (validate(value)) return [];
      const first = validate.errors?.[0];
      return [
        `${method} ${op.path} ${status} does not match its schema: ${first?.instancePath} ${first?.message} — ${body.slice(0, 300)}`,
      ];
    },
  };
}

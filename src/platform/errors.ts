import type { z } from 'zod';

/** Base of every failure the HTTP layer and the CLI know how to report without a stack trace. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    if (field !== undefined) this.field = field;
  }
}

export class Invalid extends DomainError {
  readonly status = 400;
  readonly code: string;
  constructor(message: string, field?: string, code = 'invalid') {
    super(message, field);
    this.code = code;
  }
}

export class Unauthenticated extends DomainError {
  readonly status = 401;
  readonly code: string;
  constructor(message = 'sign in first', code = 'unauthenticated') {
    super(message);
    this.code = code;
  }
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly code: string;
  constructor(message: string, field?: string, code = 'forbidden') {
    super(message, field);
    this.code = code;
  }
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly code = 'not-found';
}

export class Conflict extends DomainError {
  readonly status = 409;
  readonly code: string;
  constructor(message: string, field?: string, code = 'conflict') {
    super(message, field);
    this.code = code;
  }
}

export class TooMany extends DomainError {
  readonly status = 429;
  readonly code = 'too-many-requests';
}

/** `impacts[2].memberState` from zod's path array. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** The first zod issue as one line that names the field by its full path, e.g. `impacts[0].colour: unknown property`. */
export function describeZodError(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'invalid input' };
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = formatPath([...issue.path, key]);
    return { field, message: `${field}: unknown property` };
  }
  const field = formatPath(issue.path);
  const text = issue.message;
  return { field, message: field ? `${field}: ${text}` : text };
}

export function invalidFromZod(error: z.ZodError): Invalid {
  const { field, message } = describeZodError(error);
  return new Invalid(message, field || undefined);
}

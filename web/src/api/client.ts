/** A small typed client for the Blueprint JSON API (cookie session, same origin). */

/** A failed API call: the HTTP status and the server's `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** The message without the leading `field: ` the server adds, for showing next to that field. */
  get fieldMessage(): string {
    const prefix = this.field ? `${this.field}: ` : '';
    return prefix && this.message.startsWith(prefix) ? this.message.slice(prefix.length) : this.message;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; field?: unknown };
}

/** A file sent as the raw request body, with its own content type. */
interface RawBody {
  content: Blob;
  contentType: string;
}

/** A write whose answer was lost on the way is sent again after these pauses, with the same key. */
export const RESEND_AFTER_MS = [300, 1_500];

/**
 * Keys of writes whose answer never arrived, by what they asked (method, path, body): asking the very same thing
 * again (the coordinator presses the button once more) is the same request, which the server then does at most
 * once and answers as it answered the first time.
 */
const unanswered = new Map<string, string>();
const UNANSWERED_KEPT = 50;

function newKey(): string {
  // `crypto.randomUUID` exists only in secure contexts; random bytes exist everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function request<T>(method: Method, path: string, body?: unknown, raw?: RawBody): Promise<T> {
  // The server writes generated text (assessment reasons, status changes) in this language unless the account chose one.
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': document.documentElement.lang || 'en',
  };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (raw) {
    headers['content-type'] = raw.contentType || 'application/octet-stream';
    init.body = raw.content;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  // Every write carries an Idempotency-Key, so that sending it again can never do it twice. A file's bytes are not
  // compared here: an upload asked again is a new one unless its first answer was lost (then it is resent below).
  const asked = method === 'GET' ? undefined : `${method} ${path} ${raw ? '' : (init.body ?? '')}`;
  if (asked !== undefined) headers['idempotency-key'] = (!raw && unanswered.get(asked)) || newKey();
  let response: Response | undefined;
  for (let attempt = 0; response === undefined; attempt++) {
    try {
      response = await fetch(path, init);
    } catch {
      const wait = asked === undefined ? undefined : RESEND_AFTER_MS[attempt];
      if (wait === undefined) {
        if (asked !== undefined && !raw) remember(asked, headers['idempotency-key']!);
        throw new ApiError(0, 'network', 'The server could not be reached.');
      }
      await pause(wait);
    }
  }
  if (asked !== undefined) unanswered.delete(asked);
  const text = response.status === 204 ? '' : await response.text();
  let data: unknown;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const error = (data as ErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : `http-${response.status}`,
      typeof error?.message === 'string' ? error.message : response.statusText || `HTTP ${response.status}`,
      typeof error?.field === 'string' && error.field !== '' ? error.field : undefined,
    );
  }
  return data as T;
}

function remember(asked: string, key: string) {
  unanswered.delete(asked);
  unanswered.set(asked, key);
  if (unanswered.size > UNANSWERED_KEPT) unanswered.delete(unanswered.keys().next().value!);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** POSTs a file as the raw body (not JSON), with its own content type. */
  upload: <T>(path: string, content: Blob, contentType: string) =>
    request<T>('POST', path, undefined, { content, contentType }),
};

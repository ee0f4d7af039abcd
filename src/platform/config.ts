import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every setting comes from the environment; these are the documented variables and their defaults. */
export const ConfigSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave unset for SQLite)')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Minutes without activity after which a browser session ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /**
   * Seconds an instance may answer from a session it read, for what another instance changes without announcing
   * it (a name, a language); every change of access is announced and forgotten at once.
   */
  SESSION_REMEMBER_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** Hours an Idempotency-Key (and the answer kept with it) is remembered: long enough for any retry. */
  IDEMPOTENCY_KEEP_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Hours after sign-in after which a session ends whatever the activity. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  /** Largest JSON body accepted, in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Minutes after a state's last update at which the picture shows it as getting stale (amber); red after twice. */
  STALE_AFTER_MINUTES: z.coerce.number().int().min(1).default(240),
  /** Largest attachment accepted, in bytes. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  /** Failed sign-ins in a row after which an account is locked. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /**
   * Failed sign-ins from one client address (forgotten after LOGIN_LOCK_MINUTES of quiet) after which its retries
   * on accounts that already failed are slowed down; a correct password is never refused for it.
   */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  /** First wait after a failed sign-in, doubling with each further failure (0: no slow-down, the lock stays). */
  LOGIN_SLOWDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(1),
  /** Requests per minute per user or token (per address without a session) before 429; 0 disables the limit. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Secret for the audit chain's keyed hashes; when unset, DATA_DIR/audit.key is created and used. */
  AUDIT_KEY: z.string().min(32, 'at least 32 characters').optional(),
  /** Set when a reverse proxy terminates TLS, so cookies are marked Secure and client addresses are read from X-Forwarded-For. */
  TRUST_PROXY: bool.default(false),
  /** Origins, besides the server's own, from which browsers may send requests (comma-separated). */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  SMTP_URL: z.string().optional(),
  /** The mail server by parts, when SMTP_URL is not given (SMTP_URL wins when both are). */
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  /** Sender of outgoing e-mail; MAIL_FROM is its older name. */
  SMTP_FROM: z.string().optional(),
  MAIL_FROM: z.string().default('Blueprint <blueprint@localhost>'),
  /** The address people open the web app at, for links in e-mails (default http://HOST:PORT). */
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://blueprint.example.eu' }).optional(),
  /** Minutes a password-reset link stays valid. */
  PASSWORD_RESET_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Alerts to one person within this many seconds of their last message on a channel wait and go out as one. */
  ALERT_BATCH_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  /** Failed webhook deliveries in a row after which the target is paused and its organisation told. */
  WEBHOOK_PAUSE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** How long one webhook delivery may wait for the target's answer. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string; engine: 'sqlite' | 'postgres' };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0])}: ${issue.message}`);
  }
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.DATA_DIR),
    engine: parsed.data.DATABASE_URL ? 'postgres' : 'sqlite',
  };
}

export class ConfigError extends Error {}

/** For `blueprint --help` and the README: one line per variable. */
export const CONFIG_HELP: ReadonlyArray<[string, string]> = [
  ['HOST', 'address to listen on (default 127.0.0.1)'],
  ['PORT', 'port to listen on (default 8080)'],
  ['DATA_DIR', 'folder for the SQLite database and keys (default ./data)'],
  ['DATABASE_URL', 'postgres://user:pass@host:5432/db to use PostgreSQL instead of SQLite'],
  ['LOG_LEVEL', 'fatal|error|warn|info|debug|trace|silent (default info)'],
  ['SESSION_IDLE_MINUTES', 'sign out after this many idle minutes (default 30)'],
  ['SESSION_MAX_HOURS', 'sign out this many hours after sign-in (default 12)'],
  [
    'SESSION_REMEMBER_SECONDS',
    "seconds an instance answers from a session it read before reading it again, for other instances' unannounced changes (default 5; 0 reads every time)",
  ],
  [
    'IDEMPOTENCY_KEEP_HOURS',
    'hours an Idempotency-Key and its answer are remembered, for retries of the same request (default 24)',
  ],
  ['BODY_LIMIT_BYTES', 'largest request body accepted (default 1048576)'],
  [
    'STALE_AFTER_MINUTES',
    "minutes after a state's last update before the picture marks it amber; red after twice (default 240)",
  ],
  ['ATTACHMENT_MAX_BYTES', 'largest attachment accepted (default 26214400, 25 MB)'],
  ['LOGIN_MAX_FAILURES', 'failed sign-ins before an account is locked (default 5)'],
  ['LOGIN_LOCK_MINUTES', 'how long a locked account stays locked (default 15)'],
  [
    'LOGIN_MAX_FAILURES_PER_ADDRESS',
    'failed sign-ins from one address before its retries on failed accounts are slowed (default 20)',
  ],
  ['LOGIN_SLOWDOWN_SECONDS', 'wait after a failed sign-in, doubling per failure; 0 for none (default 1)'],
  ['API_RATE_LIMIT_PER_MINUTE', 'requests per minute per user, token or address; 0 disables (default 600)'],
  ['AUDIT_KEY', 'secret key of the audit hash chain (default: generated in DATA_DIR/audit.key)'],
  ['TRUST_PROXY', 'true behind a TLS-terminating reverse proxy (Secure cookies, X-Forwarded-For)'],
  ['ALLOWED_ORIGINS', 'extra browser origins allowed to call the API, comma-separated'],
  ['SMTP_URL', 'smtp://user:pass@host:port (smtps:// for TLS from the start) for outgoing e-mail'],
  ['SMTP_HOST', 'mail server host, when SMTP_URL is not set (with SMTP_PORT, SMTP_USER, SMTP_PASS)'],
  ['SMTP_PORT', 'mail server port (default 587; 465 means TLS from the start)'],
  ['SMTP_USER', 'mail server user name'],
  ['SMTP_PASS', 'mail server password'],
  [
    'SMTP_FROM',
    'sender address of outgoing e-mail (MAIL_FROM also works; default Blueprint <blueprint@localhost>)',
  ],
  ['PUBLIC_URL', 'address of the web app in links sent by e-mail (default http://HOST:PORT)'],
  ['PASSWORD_RESET_MINUTES', 'minutes a password-reset link stays valid (default 30)'],
  [
    'ALERT_BATCH_SECONDS',
    'alerts to one person within this window of their last message go out as one (default 120)',
  ],
  [
    'WEBHOOK_PAUSE_AFTER_FAILURES',
    'failed webhook deliveries in a row before the target is paused (default 10)',
  ],
  ['WEBHOOK_TIMEOUT_SECONDS', 'seconds a webhook delivery waits for the answer (default 10)'],
];

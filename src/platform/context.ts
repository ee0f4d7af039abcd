import type { Logger } from 'pino';
import type { AccessLog } from './access-log.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { Bus } from './realtime/bus.js';

/** What every named operation is given explicitly: no module reaches for globals. */
export interface Platform {
  readonly config: Config;
  readonly db: Db;
  readonly auditKey: Buffer;
  readonly log: Logger;
  readonly bus: Bus;
  readonly accessLog: AccessLog;
  /** The only source of the current time for domain code. */
  readonly clock: Clock;
}

import type { Logger } from 'pino';
import type { AccessLog } from './access-log.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { EventFeed } from './realtime/feed.js';

/** What every named operation is given explicitly: no module reaches for globals. */
export interface Platform {
  readonly config: Config;
  readonly db: Db;
  readonly auditKey: Buffer;
  readonly log: Logger;
  /** Committed live events, tailed from the database (whoever wrote them). */
  readonly events: EventFeed;
  readonly accessLog: AccessLog;
  /** The only source of the current time for domain code. */
  readonly clock: Clock;
}

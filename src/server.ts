import { randomBytes } from 'node:crypto';
import pino from 'pino';
import * as accountFlows from './accounts/flows.js';
import { recipientRoutes } from './accounts/recipients.js';
import { accountRoutes } from './accounts/routes.js';
import { sessionCache } from './accounts/session-cache.js';
import { countUsers } from './accounts/store.js';
import { afterActionRoutes } from './after-action/routes.js';
import { escalationRoutes } from './alerting/escalation-routes.js';
import { alertChannelRoutes } from './alerting/preferences-routes.js';
import { rollCallRoutes } from './alerting/roll-call-routes.js';
import { alertingRoutes } from './alerting/routes.js';
import { assistanceRoutes } from './assistance/routes.js';
import { auditRoutes } from './audit/routes.js';
import { blueprintRoutes } from './blueprint/routes.js';
import { cepesRoutes } from './cepes/routes.js';
import { disinformationRoutes } from './comms/disinformation-routes.js';
import { publicPageRoutes } from './comms/public-routes.js';
import { commsReviewRoutes } from './comms/review-routes.js';
import { commsRoutes } from './comms/routes.js';
import { contactCheckRoutes } from './contact-checks/routes.js';
import { coordinationRoutes } from './coordination/routes.js';
import { directoryRoutes } from './directory/routes.js';
import { entryRoutes } from './entries/routes.js';
import { exerciseComplianceRoutes } from './exercises/compliance-routes.js';
import { exerciseSessionRoutes } from './exercises/sessions/routes.js';
import { incidentRoutes } from './incidents/routes.js';
import { importRoutes } from './interchange/import-routes.js';
import { stixExportRoutes } from './interchange/stix-export-routes.js';
import { foldUnindexedText } from './log/search-backfill.js';
import { pictureRoutes } from './picture/routes.js';
import { createAccessLog } from './platform/access-log.js';
import { loadAuditKey } from './platform/audit/key.js';
import { type Clock, systemClock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import type { Platform } from './platform/context.js';
import { openDb } from './platform/db/index.js';
import { Conflict } from './platform/errors.js';
import { type App, buildApp, defaultWebRoot } from './platform/http/app.js';
import { healthRoutes } from './platform/http/health.js';
import { createEventFeed } from './platform/realtime/feed.js';
import { seatPresidency } from './presidency/flows.js';
import { presidencyRoutes } from './presidency/routes.js';
import { registryRoutes } from './registry/routes.js';
import { availabilityRoutes } from './response/availability-routes.js';
import { decisionRoutes } from './response/decisions-routes.js';
import { forwardingRoutes } from './response/forwarding-routes.js';
import { handoverRoutes } from './response/handover-routes.js';
import { isaaRoutes } from './response/isaa-routes.js';
import { meetingRoutes } from './response/meetings-routes.js';
import { responseRoutes } from './response/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { assertReachesRoute } from './sharing/wall-screens.js';
import { sitrepRoutes } from './sitreps/routes.js';
import { streamRoutes } from './stream/routes.js';
import { taxiiRoutes } from './taxii/routes.js';

export async function openPlatform(
  config: Config,
  options: { logger?: pino.Logger; clock?: Clock } = {},
): Promise<Platform> {
  const log = options.logger ?? pino({ level: config.LOG_LEVEL });
  const db = await openDb(config);
  await foldUnindexedText(db.kysely);
  const platform: Platform = {
    config,
    db,
    auditKey: loadAuditKey(config),
    log,
    // Live events are rows written with each change; every process tails them, whoever wrote them.
    events: createEventFeed(db, log),
    accessLog: createAccessLog(db, { clock: options.clock ?? systemClock }),
    clock: options.clock ?? systemClock,
  };
  // A new database's Presidency takes office by the calendar before anything reads `PRESIDENCY`.
  await seatPresidency(platform);
  return platform;
}

export async function closePlatform(platform: Platform): Promise<void> {
  await platform.accessLog.close();
  await platform.events.close();
  await platform.db.close();
}

export async function createApp(platform: Platform, webRoot = defaultWebRoot()): Promise<App> {
  // Sessions remembered between requests are forgotten on every change of access, whoever made it.
  const stopForgetting = sessionCache(platform.db).listenTo(platform.events, {
    maxAgeSeconds: platform.config.SESSION_REMEMBER_SECONDS,
  });
  const app = await buildApp({
    platform,
    webRoot,
    auth: {
      authenticate: accountFlows.authenticate,
      assertReady: accountFlows.assertSecondFactorSatisfied,
      assertReaches: assertReachesRoute,
      sessionCookie: accountFlows.SESSION_COOKIE,
    },
    routes: [
      healthRoutes,
      registryRoutes,
      accountRoutes,
      recipientRoutes,
      directoryRoutes,
      incidentRoutes,
      responseRoutes,
      decisionRoutes,
      meetingRoutes,
      handoverRoutes,
      forwardingRoutes,
      isaaRoutes,
      availabilityRoutes,
      assistanceRoutes,
      entryRoutes,
      streamRoutes,
      blueprintRoutes,
      cepesRoutes,
      commsRoutes,
      commsReviewRoutes,
      disinformationRoutes,
      publicPageRoutes,
      stixExportRoutes,
      taxiiRoutes,
      importRoutes,
      pictureRoutes,
      sitrepRoutes,
      afterActionRoutes,
      settingsRoutes,
      coordinationRoutes,
      exerciseComplianceRoutes,
      alertingRoutes,
      alertChannelRoutes,
      escalationRoutes,
      rollCallRoutes,
      contactCheckRoutes,
      exerciseSessionRoutes,
      auditRoutes,
      presidencyRoutes,
    ],
  });
  app.addHook('onClose', async () => {
    stopForgetting();
  });
  return app;
}

export const FIRST_ADMIN_EMAIL = 'admin@blueprint.local';

/**
 * On an empty database, the platform needs someone who can create the first users. The password is printed
 * once; the administrator must enrol a second factor at first sign-in.
 */
export async function ensureFirstAdmin(
  platform: Platform,
): Promise<{ email: string; password: string } | undefined> {
  if ((await countUsers(platform.db.kysely)) > 0) return undefined;
  const password = randomBytes(15).toString('base64url');
  try {
    await accountFlows.createUser(platform, null, {
      email: FIRST_ADMIN_EMAIL,
      displayName: 'Platform administrator',
      organisation: 'ERCC',
      role: 'admin',
      password,
    });
  } catch (e) {
    // Another instance starting on the same database won the race.
    if (e instanceof Conflict) return undefined;
    throw e;
  }
  return { email: FIRST_ADMIN_EMAIL, password };
}

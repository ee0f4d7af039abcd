import { z } from 'zod';
import type { Platform } from '../platform/context.js';
import { NotFound } from '../platform/errors.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { languageOfAcceptLanguage } from '../platform/language.js';
import { isAllowed } from '../sharing/policy.js';
import { publicFeed } from '../sharing/public-page.js';
import { publicPageOf, publicPageSetting, switchPublicPage } from './public-flows.js';
import { PublicPageSetting, PublicPageSwitch } from './public-model.js';
import { publicCapFeed, publicLinesFeed, publicPageHtml } from './public-render.js';

const IncidentParams = z.object({ id: z.string().min(1).max(100) });
const PageParams = z.object({ publicId: z.string().min(1).max(100) });
const CapParams = PageParams.extend({ name: z.string().min(1).max(200) });
const TAGS = ['public communication'];

/** Switching an incident's public page on or off, for those who may (an ordinary /api route, signed in). */
function settingRoutes(app: App, platform: Platform) {
  app.get(
    '/api/incidents/:id/public-page',
    {
      schema: {
        tags: TAGS,
        summary: 'Whether the incident’s public page is on, and its path',
        params: IncidentParams,
        response: { 200: PublicPageSetting },
      },
    },
    async (request) => publicPageSetting(platform, actorOf(request), request.params.id),
  );
  app.put(
    '/api/incidents/:id/public-page',
    {
      schema: {
        tags: TAGS,
        summary: 'Switch the public page on or off (the reporting organisation or ERCC)',
        description:
          'The page, under /public/, shows only approved TLP:CLEAR lines to take past their embargo; for an ' +
          'exercise it is a preview with no feeds. Its path carries a random token, never the incident id.',
        params: IncidentParams,
        body: PublicPageSwitch,
        response: { 200: PublicPageSetting },
      },
    },
    async (request) =>
      switchPublicPage(
        platform,
        actorOf(request),
        request.params.id,
        request.body.enabled,
        request.idempotency,
      ),
  );
}

/**
 * The pages themselves, for anyone without an account: read-only, under their own prefix outside /api, so the
 * sign-in rule does not apply and nothing here reads a session. Unknown paths answer 404, not the web app.
 */
async function publicPlugin(scope: App, platform: Platform) {
  scope.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not-found', message: `no page ${request.url.split('?')[0]}` } }),
  );
  const withFeed = async (publicId: string) => {
    const page = await publicPageOf(platform, publicId);
    if (!isAllowed(publicFeed, { exercise: page.exercise }))
      throw new NotFound('an exercise’s public page is a preview and has no feed');
    return page;
  };
  const hidden = { hide: true } as const;

  scope.get('/incidents/:publicId', { schema: { ...hidden, params: PageParams } }, async (request, reply) => {
    const page = await publicPageOf(platform, request.params.publicId);
    // Nobody signs in here: the page's own words follow the browser's languages.
    const language = languageOfAcceptLanguage(request.headers['accept-language']);
    return reply
      .header('cache-control', 'no-cache')
      .header('content-language', language)
      .header('vary', 'accept-language')
      .type('text/html; charset=utf-8')
      .send(publicPageHtml(page, language));
  });
  scope.get(
    '/incidents/:publicId/feed.atom',
    { schema: { ...hidden, params: PageParams } },
    async (request, reply) => {
      const page = await withFeed(request.params.publicId);
      return reply
        .type('application/atom+xml; charset=utf-8')
        .send(publicLinesFeed(page, platform.clock.now()));
    },
  );
  scope.get(
    '/incidents/:publicId/cap',
    { schema: { ...hidden, params: PageParams } },
    async (request, reply) => {
      const page = await withFeed(request.params.publicId);
      return reply
        .type('application/atom+xml; charset=utf-8')
        .send(publicCapFeed(page, platform.clock.now()));
    },
  );
  scope.get(
    '/incidents/:publicId/cap/:name',
    { schema: { ...hidden, params: CapParams } },
    async (request, reply) => {
      const page = await withFeed(request.params.publicId);
      const line = page.lines.find((l) => l.cap.name === request.params.name);
      if (!line) throw new NotFound('no such alert on this page');
      return reply.type('application/cap+xml; charset=utf-8').send(line.cap.xml);
    },
  );
}

export async function publicPageRoutes(app: App, platform: Platform): Promise<void> {
  settingRoutes(app, platform);
  await app.register(async (scope) => publicPlugin(scope as App, platform), { prefix: '/public' });
}

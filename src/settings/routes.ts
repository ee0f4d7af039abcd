import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { changePlatformSettings, getPlatformSettings } from './flows.js';
import { ChangePlatformSettingsRequest, PlatformSettings } from './model.js';

export function settingsRoutes(app: App, platform: Platform) {
  app.get(
    '/api/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'The platform settings (platform administrators)',
        response: { 200: PlatformSettings },
      },
    },
    async (request) => getPlatformSettings(platform, actorOf(request)),
  );

  app.patch(
    '/api/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change platform settings (platform administrators; audited)',
        body: ChangePlatformSettingsRequest,
        response: { 200: PlatformSettings },
      },
    },
    async (request) => changePlatformSettings(platform, actorOf(request), request.body),
  );
}

import helmet from 'helmet';

/**
 * The security headers every answer carries, as helmet decides them for this configuration: worked out once at
 * start-up, since none depends on the request (no nonces), rather than by building helmet's middleware on every
 * request as its Fastify plugin does.
 */
export function securityHeaders(options: {
  strictTransportSecurity: boolean;
}): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.set(name, String(value));
    },
    removeHeader: (name: string) => {
      headers.delete(name);
    },
  };
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: options.strictTransportSecurity,
  })({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
  });
  return [...headers];
}

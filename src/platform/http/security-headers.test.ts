import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

describe('the security headers every answer carries', () => {
  const named = (hsts: boolean) =>
    new Map(securityHeaders({ strictTransportSecurity: hsts }).map(([k, v]) => [k.toLowerCase(), v]));

  it('keep the page in its own frame, its scripts on its own origin and its type as sent', () => {
    const headers = named(false);
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('ask browsers for HTTPS only behind a proxy that terminates it', () => {
    expect(named(false).has('strict-transport-security')).toBe(false);
    expect(named(true).get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});

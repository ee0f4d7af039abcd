import { readFileSync } from 'node:fs';
import { create as createDisposition, parse as parseDisposition } from 'content-disposition';
import { parseCookie, stringifySetCookie } from 'cookie';
import { describe, expect, it } from 'vitest';

// Three packages in the tree declare Node 22 (cookie 2 and content-disposition 3 through Fastify's own plugins,
// nanoid 6 through docx) although they use nothing newer than Node 20 has. npm prints EBADENGINE warnings for them;
// these tests run the very functions the platform relies on, on the Node the suite runs on (CI: Node 20).
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
};

describe('the Node version the project declares is the one it needs', () => {
  it('declares what vite 8 and its plugins need (20.19 on the 20 line, 22.12 on the 22 line)', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || >=22.12.0');
  });

  it('runs on a Node the declaration allows', () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major === 20 ? minor >= 19 : major >= 22 && (major > 22 || minor >= 12)).toBe(true);
  });

  it('cookie 2 parses and writes the session cookie on this Node', () => {
    expect(parseCookie('blueprint_session=abc; other=1')).toEqual({ blueprint_session: 'abc', other: '1' });
    const header = stringifySetCookie({
      name: 'blueprint_session',
      value: 'abc',
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
    });
    expect(header).toBe('blueprint_session=abc; Path=/; HttpOnly; SameSite=Strict');
  });

  it('content-disposition 3 writes and reads a non-Latin attachment name on this Node', () => {
    const header = createDisposition('Łódź – Ελλάδα.pdf');
    expect(header).toContain("filename*=UTF-8''");
    expect(parseDisposition(header).parameters.filename).toBe('Łódź – Ελλάδα.pdf');
  });

  it('nanoid 6 (declared by docx) is never loaded: docx ships its own copy inside its bundle', () => {
    for (const bundle of ['index.mjs', 'index.cjs']) {
      const code = readFileSync(new URL(`../node_modules/docx/dist/${bundle}`, import.meta.url), 'utf8');
      expect(code).not.toMatch(/(from|require\()\s*["']nanoid/);
    }
  });
});

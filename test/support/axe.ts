// Accessibility checks with axe-core, injected straight into the page (the Playwright wrapper of axe needs Node 22).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

// Run inside the page by Playwright; declared here because the tests are compiled without the DOM library.
declare const window: {
  axe?: {
    run(
      context: unknown,
      options: unknown,
    ): Promise<{
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[] }>;
      }>;
    }>;
  };
};
declare const document: unknown;

/** The serious and critical WCAG violations axe finds on the page as it stands. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (page.isClosed()) return [];
  const url = page.url();
  if (!url.startsWith('http')) return [];
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy forbids inline scripts, rightly.
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe!.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return result.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
}

export function describeViolations(where: string, violations: readonly Violation[]): string {
  return [
    `${violations.length} serious or critical accessibility violation(s) on ${where}:`,
    ...violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} — ${v.targets.join(', ')}`),
  ].join('\n');
}

/** Fails with axe's findings when the page has any serious or critical violation. */
export async function expectAccessible(page: Page, where = page.url()): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) throw new Error(describeViolations(where, violations));
}

/**
 * Makes every browser test check accessibility without each test remembering to: each page is checked with axe as
 * it is when its context closes (or the browser does), and the close fails with the findings. Tests may also call
 * `expectAccessible` at moments of their own.
 */
export function auditOnClose(browser: Browser): Browser {
  const audited = new WeakSet<BrowserContext>();
  // Every finding of this browser's life: a test that swallows a context's failing close still fails at the end.
  const findings: string[] = [];
  const audit = async (context: BrowserContext) => {
    if (audited.has(context)) return [];
    audited.add(context);
    const found: string[] = [];
    for (const page of context.pages()) {
      try {
        const violations = await seriousViolations(page);
        if (violations.length > 0) found.push(describeViolations(page.url(), violations));
      } catch (e) {
        // A page that closed meanwhile has nothing left to check; any other failure of the audit is a finding.
        if (!page.isClosed())
          found.push(`the accessibility audit of ${page.url()} failed: ${(e as Error).message}`);
      }
    }
    findings.push(...found);
    return found;
  };
  const wrapContext = (context: BrowserContext) => {
    const close = context.close.bind(context);
    context.close = async (options?: Parameters<BrowserContext['close']>[0]) => {
      const found = await audit(context);
      await close(options);
      if (found.length > 0) throw new Error(found.join('\n'));
    };
    return context;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options?: Parameters<Browser['newContext']>[0]) =>
    wrapContext(await newContext(options));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options?: Parameters<Browser['newPage']>[0]) => {
    const page = await newPage(options);
    wrapContext(page.context());
    return page;
  };
  const closeBrowser = browser.close.bind(browser);
  browser.close = async (options?: Parameters<Browser['close']>[0]) => {
    for (const context of browser.contexts()) await audit(context);
    await closeBrowser(options);
    if (findings.length > 0) throw new Error(findings.join('\n'));
  };
  return browser;
}

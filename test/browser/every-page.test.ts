import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { describeViolations, launch, openPage, runAxe } from '../support/browser.ts';
import { listPages } from '../support/site-build.ts';

const base = inject('demoUrl');
if (!base) throw new Error('The demo site was not built (UNDERWAY_SKIP_DEMO=1 is set)');
const pages = listPages(inject('demoDist'));

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

describe('every page of the demo site', () => {
  it('has pages of every type', () => {
    expect(pages).toContain('/');
    expect(pages.some((p) => /^\/projects\/[^/]+\/$/.test(p))).toBe(true);
    expect(pages.some((p) => /^\/es\/projects\/[^/]+\/$/.test(p))).toBe(true);
    expect(pages).toContain('/404.html');
  });

  it.each(pages)('%s renders with no console errors and no axe violations', async (pathname) => {
    const { page, consoleErrors } = await openPage(context);
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(base + pathname, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').first().isVisible()).toBe(true);
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.title()).not.toBe('');
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    // A strict Content-Security-Policy: no inline scripts, and nothing on the page breaks it.
    const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    const scriptSrc = /script-src([^;]*)/.exec(csp ?? '')?.[1] ?? '';
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    // A tab icon that loads (or an empty one), so browsers never ask for a missing /favicon.ico.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBeTruthy();
    if (!icon!.startsWith('data:')) expect((await page.request.get(new URL(icon!, page.url()).href)).status()).toBe(200);
    // An error page points to no address of its own; every other page names its canonical address.
    expect(await page.locator('link[rel="canonical"]').count()).toBe(/(^|\/)404(\.html|\/)/.test(pathname) ? 0 : 1);
    // Tiles and other outside requests are blocked in tests; those failures are expected, nothing else is.
    expect(consoleErrors.filter((e) => !/ERR_BLOCKED_BY_CLIENT/.test(e))).toEqual([]);
    await page.close();
  });
});

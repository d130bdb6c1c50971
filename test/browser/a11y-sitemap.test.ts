import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { XMLParser } from 'fast-xml-parser';
import { AXE_TAGS, launch, openPage, runAxe, type AxeViolation } from '../support/browser.ts';
import { TEST_NOW } from '../support/site-build.ts';

/**
 * The accessibility audit's main gate: axe-core over every URL that
 * sitemap.xml lists (each <loc> and each hreflang alternate, so both
 * languages), at 320 px and at 1280 px, with WCAG 2.0/2.1/2.2 A and AA and
 * axe's best practices. It must report 0 violations.
 *
 * Exceptions are written down here, each with its reason, and are matched by
 * rule id AND a CSS selector of the node, so an exception never hides a new
 * problem elsewhere. The same list is printed on /accessibility/ ("Known
 * exceptions"). It is empty: there are no exceptions.
 */
const AXE_AUDIT_TAGS = [...AXE_TAGS, 'best-practice'];
const WIDTHS = [320, 1280] as const;
const EXCEPTIONS: { rule: string; target: RegExp; reason: string }[] = [];

const base = inject('demoUrl');
const dist = inject('demoDist');
if (!base) throw new Error('The demo site was not built (UNDERWAY_SKIP_DEMO=1 is set)');

/** Every page URL of the sitemap (locs and their hreflang alternates), as paths on the local server. */
function sitemapPaths(xml: string): { paths: string[]; origin: string } {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
  const urls = [parsed.urlset.url].flat();
  const all = new Set<string>();
  let origin = '';
  for (const u of urls) {
    const loc = new URL(u.loc);
    origin ||= loc.origin;
    all.add(loc.pathname);
    for (const link of [u['xhtml:link'] ?? []].flat()) all.add(new URL(link['@href']).pathname);
  }
  return { paths: [...all].sort(), origin };
}

const { paths } = sitemapPaths(fs.readFileSync(path.join(dist, 'sitemap.xml'), 'utf8'));

function unexcused(violations: AxeViolation[]) {
  return violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !EXCEPTIONS.some((e) => e.rule === v.id && e.target.test(n.target.join(' ')))) }))
    .filter((v) => v.nodes.length > 0);
}

function report(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')}  ${n.html}`).join('\n  ')}`).join('\n');
}

let browser: Browser;
const contexts = new Map<number, BrowserContext>();
const pages = new Map<number, Page>();
beforeAll(async () => {
  browser = await launch();
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: width < 600 ? 720 : 900 } });
    contexts.set(width, context);
    const { page } = await openPage(context);
    await page.clock.setFixedTime(new Date(TEST_NOW));
    pages.set(width, page);
  }
});
afterAll(async () => {
  await browser?.close();
});

describe('sitemap-wide axe audit', () => {
  it('the sitemap lists pages in both languages, and every page exists', () => {
    expect(paths).toContain('/');
    expect(paths).toContain('/es/');
    expect(paths).toContain('/accessibility/');
    expect(paths).toContain('/es/accessibility/');
    expect(paths.filter((p) => p.startsWith('/es/')).length).toBeGreaterThan(10);
    for (const p of paths) expect(fs.existsSync(path.join(dist, p, 'index.html')), p).toBe(true);
  });

  describe.each(WIDTHS)('at %i px', (width) => {
    it.each(paths)(`%s has 0 axe violations (${AXE_AUDIT_TAGS.join(', ')})`, async (pathname) => {
      const page = pages.get(width)!;
      const response = await page.goto(base + pathname, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      // Let client scripts (maps, refresh, filters) settle before auditing.
      await page.waitForLoadState('networkidle').catch(() => {});
      const violations = unexcused(await runAxe(page, AXE_AUDIT_TAGS));
      expect(violations, report(violations)).toEqual([]);
    });
  });
});

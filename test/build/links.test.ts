import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LinkChecker, LinkState } from 'linkinator';
import { serveStatic } from '../../scripts/lib/serve.ts';
import { buildSite, listPages, ROOT, TEST_NOW } from '../support/site-build.ts';
import { launch, openPage } from '../support/browser.ts';

const DEMO = path.join(ROOT, 'content');
const servers: { close(): void }[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** Crawls every page of a served site; only links to the site itself are checked (the machine has no network). */
async function brokenLinks(start: string, origin: string) {
  const checker = new LinkChecker();
  const result = await checker.check({
    path: start,
    recurse: true,
    checkCss: true,
    checkFragments: true,
    concurrency: 8,
    timeout: 10_000,
    // SVG paint references such as fill="url(#hatch)" point inside the page, not to a file.
    linksToSkip: async (link) => !link.startsWith(origin) || /\/%23[\w-]+$/.test(link),
  });
  return {
    scanned: result.links.filter((l) => l.state === LinkState.OK).length,
    broken: result.links.filter((l) => l.state === LinkState.BROKEN).map((l) => `${l.status} ${l.url} (on ${l.parent})`),
  };
}

describe('links', () => {
  it('has no broken link on the demo site at the root', async () => {
    const built = buildSite('links-root', { CONTENT_DIR: DEMO });
    expect(built.status, built.stdout + built.stderr).toBe(0);
    const server = await serveStatic({ root: built.dist, base: '/' });
    servers.push(server);
    const origin = `http://127.0.0.1:${server.port}`;
    const { scanned, broken } = await brokenLinks(`${origin}/`, origin);
    expect(broken).toEqual([]);
    expect(scanned).toBeGreaterThan(listPages(built.dist).length);
  });

  it('puts every link, asset, feed, calendar and the search bundle under SITE_BASE', async () => {
    const built = buildSite('links-base', { CONTENT_DIR: DEMO, SITE_BASE: '/water/', SITE_URL: 'https://example.org' });
    expect(built.status, built.stdout + built.stderr).toBe(0);
    // Served only under /water/: anything that escapes the base path is a 404.
    const server = await serveStatic({ root: built.dist, base: '/water/' });
    servers.push(server);
    const origin = `http://127.0.0.1:${server.port}`;
    const { scanned, broken } = await brokenLinks(`${origin}/water/`, origin);
    expect(broken).toEqual([]);
    expect(scanned).toBeGreaterThan(listPages(built.dist).length);

    // Canonical URLs, the sitemap and feeds use SITE_URL plus the base.
    const home = fs.readFileSync(path.join(built.dist, 'index.html'), 'utf8');
    expect(home).toContain('<link rel="canonical" href="https://example.org/water/"');
    const sitemap = fs.readFileSync(path.join(built.dist, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://example.org/water/projects/</loc>');
    expect(sitemap).not.toMatch(/<loc>https:\/\/example\.org\/(?!water\/)/);
    expect(fs.readFileSync(path.join(built.dist, 'robots.txt'), 'utf8')).toContain('Sitemap: https://example.org/water/sitemap.xml');
    // Root-relative references in HTML all start with the base.
    for (const page of listPages(built.dist)) {
      const file = path.join(built.dist, page.replace(/\/$/, '/index.html'));
      const html = fs.readFileSync(file, 'utf8');
      const refs = [...html.matchAll(/(?:href|src|action|data-bundle)="(\/[^"]*)"/g)].map((m) => m[1]);
      for (const ref of refs) expect(ref, `${ref} in ${page}`).toMatch(/^\/water\//);
    }

    // Search loads its bundle and index from under the base path, in both languages.
    const browser = await launch();
    try {
      for (const [path, query, expected] of [['/water/search/', 'tunnel', '/water/projects/riverbend-relief-sewer/'], ['/water/es/search/', 'tubería', '/water/es/projects/']]) {
        const { page, consoleErrors } = await openPage(await browser.newContext());
        await page.clock.setFixedTime(new Date(TEST_NOW));
        await page.goto(`${origin}${path}?q=${encodeURIComponent(query)}`);
        await page.locator('[data-search-results] a').first().waitFor({ timeout: 10_000 });
        const hrefs = await page.locator('[data-search-results] h2 a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
        expect(hrefs.some((h) => h.startsWith(expected))).toBe(true);
        expect(consoleErrors).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });
});

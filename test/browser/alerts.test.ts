import fs from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { validateXML } from 'xmllint-wasm';
import { serveStatic } from '../../scripts/lib/serve.ts';
import { describeViolations, launch, openPage, runAxe } from '../support/browser.ts';
import { buildSite, listPages, ROOT } from '../support/site-build.ts';
import { CAP_XSD } from '../support/standards.ts';

// The demo content: a boil-water alert issued as an advisory on 2026-11-30 at
// 14:00 (Chicago), escalated to a notice on 2026-12-01 at 08:00, with no
// expiry ("until further notice"); a lifted low-pressure alert; a drill.
// "during" is the shared demo build (SITE_NOW 2026-12-01T17:00Z); "after" is
// built 5 days and 1 hour after the alert took effect, with no edit.
const CONTENT = path.join(ROOT, 'content');
const ID = 'boil-water-2026-11-30';
const ALERT = `/alerts/${ID}/`;
const AFTER = '2026-12-05T21:00:00Z';
const SHOTS = '/work/shots/alerts';

let browser: Browser;
let during: { url: string; dist: string };
let after: { url: string; dist: string; close(): void };

beforeAll(async () => {
  during = { url: inject('demoUrl'), dist: inject('demoDist') };
  const b = buildSite('alerts-after', { CONTENT_DIR: CONTENT, SITE_NOW: AFTER });
  expect(b.status, b.stderr + b.stdout).toBe(0);
  const s2 = await serveStatic({ root: b.dist });
  after = { url: `http://127.0.0.1:${s2.port}`, dist: b.dist, close: () => s2.close() };
  browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  after?.close();
});

async function open(base: string, route: string, opts: { clock?: string; js?: boolean; width?: number } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: opts.js ?? true, viewport: { width: opts.width ?? 1280, height: 900 } });
  const { page, consoleErrors } = await openPage(context);
  if (opts.clock) await page.clock.setFixedTime(new Date(opts.clock));
  await page.goto(base + route);
  return { page, context, consoleErrors };
}

const html = (dist: string, route: string) => fs.readFileSync(path.join(dist, route, route.endsWith('/') ? 'index.html' : ''), 'utf8');

describe.each([
  ['en', '', 'Boil Water Notice', /Boil tap water/, 'In effect', 'Until further notice'],
  ['es', '/es', 'Orden de hervir el agua', /Hierva el agua/, 'En vigor', 'Hasta nuevo aviso'],
])('in %s', (lang, prefix, level, boil, inForce, untilNotice) => {
  it('the banner shows on every page while the alert is in effect, and its link opens the alert page', async () => {
    for (const route of [`${prefix}/`, `${prefix}/projects/`, `${prefix}${ALERT}`]) {
      const { page, context, consoleErrors } = await open(during.url, route, { clock: '2026-12-01T18:00:00Z' });
      const banner = page.locator('[data-alert-banner]');
      expect(await banner.isVisible()).toBe(true);
      const item = banner.locator('[data-alert-item]');
      expect(await item.count()).toBe(1);
      const text = await item.innerText();
      expect(text).toContain(level);
      expect(text).toMatch(boil);
      expect(await item.locator('a').getAttribute('href')).toBe(`${prefix}${ALERT}`);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
  });

  it('an alert without expires, built 5 days after effective, is in force in the banner of every page, on the alert page, in CAP and in the Atom feed', async () => {
    // The banner: every page of this language that has the site's layout.
    const pages = listPages(after.dist).filter((p) => (prefix ? p.startsWith(`${prefix}/`) : !p.startsWith('/es/')));
    let checked = 0;
    for (const route of pages) {
      const text = html(after.dist, route);
      if (!text.includes('class="site-footer"')) continue;
      checked++;
      const banner = /<aside[^>]*data-alert-banner[\s\S]*?<\/aside>/.exec(text)?.[0] ?? '';
      expect(banner, route).toContain(`href="${prefix}${ALERT}"`);
      expect(banner, route).not.toContain('data-alert-end=');
    }
    expect(checked).toBeGreaterThan(20);

    // In the browser, with the reader's clock 5 days on (and a month on): nothing hides it.
    for (const clock of [AFTER, '2027-01-05T12:00:00Z']) {
      const { page, context } = await open(after.url, `${prefix}/`, { clock });
      await page.waitForTimeout(200);
      expect(await page.locator('[data-alert-banner] [data-alert-item]').isVisible()).toBe(true);
      await context.close();
    }

    // The alert page.
    const { page, context } = await open(after.url, `${prefix}${ALERT}`, { clock: AFTER });
    expect(await page.locator('[data-alert-state]').innerText()).toBe(inForce);
    expect(await page.locator('[data-alert-until]').innerText()).toContain(untilNotice);
    expect(await page.locator('.alert-page__ended').count()).toBe(0);
    expect(await page.locator('[data-alert-level]').innerText()).toBe(level);
    await context.close();

    // CAP: valid, an Alert or Update, and no expires in the past.
    const cap = fs.readFileSync(path.join(after.dist, `alerts/${ID}.cap.xml`), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'a.cap.xml', contents: cap }], schema: [{ fileName: 'cap.xsd', contents: fs.readFileSync(CAP_XSD, 'utf8') }] });
    expect(result.errors).toEqual([]);
    const alert = new XMLParser({ isArray: (n) => n === 'info' }).parse(cap).alert;
    expect(['Alert', 'Update']).toContain(alert.msgType);
    const info = alert.info.find((i: { language: string }) => i.language === `${lang}-US`);
    expect(info.headline).toContain(level);
    expect(Date.parse(info.expires)).toBeGreaterThan(Date.parse(AFTER));

    // The Atom feed of this language, read by a feed parser.
    const feed = parseFeed(fs.readFileSync(path.join(after.dist, prefix, 'alerts/feed.xml'), 'utf8'));
    expect(feed.items.map((i) => i.url)).toEqual([`https://projects.harborfallswater.example${prefix}${ALERT}`]);
  });

  it('the alert page says when it last changed and why, and lists the history of levels', async () => {
    const { page, context } = await open(during.url, `${prefix}${ALERT}`, { clock: '2026-12-01T18:00:00Z' });
    expect(await page.locator('h1').innerText()).toBe(`${level} ${lang === 'en' ? 'for' : 'en'} Westgate`);
    const changed = await page.locator('[data-alert-changed]').innerText();
    expect(changed).toMatch(lang === 'en' ? /^Last changed: .*1.*8:00.*Boil Water Notice\. A sample near the break found coliform bacteria/ : /^Último cambio: .*1.*8:00.*Orden de hervir el agua\. Una muestra cerca de la rotura detectó bacterias coliformes/);
    expect(await page.locator('[data-alert-changed] time').getAttribute('datetime')).toBe('2026-12-01T08:00:00-06:00');
    const history = await page.locator('.alert-history li').allInnerTexts();
    expect(history.map((h) => h.split('\n')[0])).toEqual([expect.stringMatching(new RegExp(`${level}$`)), expect.stringMatching(lang === 'en' ? /Boil Water Advisory$/ : /Aviso preventivo de hervir el agua$/)]);
    expect(await page.locator('underway-map').count()).toBe(1);
    await context.close();
  });

  it('/alerts/ is reachable by links from the home page, and /open-data/ lists the alert feed and the CAP files', async () => {
    // A crawl of the built HTML from the home page, following same-site links.
    const seen = new Set<string>([`${prefix}/`]);
    const queue = [`${prefix}/`];
    while (queue.length && !seen.has(`${prefix}/alerts/`)) {
      const route = queue.shift()!;
      const file = path.join(during.dist, route, 'index.html');
      if (!fs.existsSync(file)) continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/<a [^>]*href="(\/[^"#?]*)"/g))
        if (!seen.has(m[1]) && m[1].endsWith('/')) {
          seen.add(m[1]);
          queue.push(m[1]);
        }
    }
    expect(seen.has(`${prefix}/alerts/`)).toBe(true);
    // In one step: the footer of every page links to it.
    const { page, context } = await open(during.url, `${prefix}/`);
    await page.locator('footer [data-footer-alerts]').click();
    await page.waitForURL(`**${prefix}/alerts/`);
    expect(await page.locator('h1').innerText()).toBe(lang === 'en' ? 'Alerts' : 'Alertas');
    await page.goto(`${during.url}${prefix}/open-data/`);
    const section = page.locator('section[aria-labelledby="alerts"]');
    expect(await section.locator('a').first().getAttribute('href')).toBe(`${prefix}/alerts/feed.xml`);
    expect(await section.locator('[data-cap-files] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/alerts/boil-water-2026-11-30.cap.xml', '/alerts/drill-2026-12-01.cap.xml', '/alerts/low-pressure-2026-11-12.cap.xml']);
    await context.close();
  });

  it('has 0 axe violations on the alert pages, the index, the home page with the banner and the open-data page, at 375 and 1280 px (screenshots)', async () => {
    for (const route of [ALERT, '/alerts/', '/', '/open-data/', '/projects/westgate-water-tower/'].map((r) => prefix + r)) {
      for (const width of [375, 1280]) {
        const { page, context } = await open(during.url, route, { clock: '2026-12-01T18:00:00Z', width });
        const violations = await runAxe(page);
        expect(violations, `${route} at ${width}px\n${describeViolations(violations)}`).toEqual([]);
        const name = `${lang}${route.replace(prefix, '').replace(/\/+$/, '').replace(/\//g, '_') || '_home'}-${width}.png`;
        await page.screenshot({ path: path.join(SHOTS, name), fullPage: route.includes(ID) });
        await context.close();
      }
    }
  });
});

describe('the banner', () => {
  it('is announced once per session through the live region', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    await page.clock.setFixedTime(new Date('2026-12-01T18:00:00Z'));
    await page.goto(during.url + '/');
    const live = page.locator('[data-alert-live]');
    await expect.poll(() => live.textContent(), { timeout: 5000 }).toMatch(/Boil Water Notice/);
    await page.goto(during.url + '/projects/');
    await page.waitForTimeout(1200);
    expect(await page.locator('[data-alert-live]').textContent()).toBe('');
    await context.close();
  });

  it('stays readable with JavaScript off', async () => {
    const { page, context } = await open(during.url, '/', { js: false });
    expect(await page.locator('[data-alert-banner]').isVisible()).toBe(true);
    expect(await page.locator('[data-alert-banner]').innerText()).toMatch(/Boil tap water/);
    const alertPage = (await open(during.url, ALERT, { js: false })).page;
    expect(await alertPage.locator('.alert-check__nojs').isVisible()).toBe(true);
    expect(await alertPage.locator('.alert-history li').count()).toBe(2);
    expect(await alertPage.locator('[data-alert-changed]').isVisible()).toBe(true);
    await context.close();
  });

  it('is not shown for drills or lifted alerts, and affected project pages show the alert at the top', async () => {
    const { page, context } = await open(during.url, '/projects/westgate-water-tower/', { clock: '2026-12-01T18:00:00Z' });
    expect(await page.locator('[data-alert-banner] [data-alert-item]').count()).toBe(1);
    const box = page.locator('article.project > [data-alert-box]');
    expect(await box.isVisible()).toBe(true);
    expect(await box.innerText()).toMatch(/Boil Water Notice for Westgate/);
    await page.goto(during.url + '/projects/elm-street-water-main/');
    expect(await page.locator('[data-alert-box]').count()).toBe(0);
    await context.close();
  });
});

describe('the alert page', () => {
  it('"is my address affected?" says yes inside the area and no outside it', async () => {
    const { page, context } = await open(during.url, ALERT, { clock: '2026-12-01T18:00:00Z' });
    const input = page.locator('#alert-q');
    const result = page.locator('[data-result]');
    await input.fill('Oak St');
    await page.locator('#alert-q-list [role="option"]').first().waitFor();
    await input.press('ArrowDown');
    await input.press('Enter');
    await expect.poll(() => result.textContent()).toMatch(/^Yes: Oak St is inside/);
    await input.fill('Elm St');
    await page.locator('button[type="submit"]', { hasText: 'Check' }).click();
    await expect.poll(() => result.textContent()).toMatch(/^No: Elm St is outside/);
    await page.goto(during.url + ALERT + '?at=41.93,-87.735');
    await expect.poll(() => page.locator('[data-result]').getAttribute('data-affected')).toBe('true');
    await context.close();
  });
});

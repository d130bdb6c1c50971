import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/serve.ts';
import { describeViolations, launch, openPage, runAxe } from '../support/browser.ts';
import { buildSite, ROOT } from '../support/site-build.ts';

// The demo content: a boil-water advisory in effect at SITE_NOW = 2026-12-01T17:00Z
// (until 2026-12-04 18:00 Chicago time), a lifted alert and a drill.
const CONTENT = path.join(ROOT, 'content');
const ALERT = '/alerts/boil-water-2026-11-30/';
const AFTER = '2026-12-05T12:00:00Z';

let browser: Browser;
let during: { url: string; close(): void };
let after: { url: string; close(): void };

beforeAll(async () => {
  const a = buildSite('alerts', { CONTENT_DIR: CONTENT });
  expect(a.status, a.stderr + a.stdout).toBe(0);
  const b = buildSite('alerts-after', { CONTENT_DIR: CONTENT, SITE_NOW: AFTER });
  expect(b.status, b.stderr + b.stdout).toBe(0);
  const s1 = await serveStatic({ root: a.dist });
  const s2 = await serveStatic({ root: b.dist });
  during = { url: `http://127.0.0.1:${s1.port}`, close: () => s1.close() };
  after = { url: `http://127.0.0.1:${s2.port}`, close: () => s2.close() };
  browser = await launch();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  during?.close();
  after?.close();
});

async function open(base: string, route: string, opts: { clock?: string; js?: boolean } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: opts.js ?? true });
  const { page, consoleErrors } = await openPage(context);
  if (opts.clock) await page.clock.setFixedTime(new Date(opts.clock));
  await page.goto(base + route);
  return { page, context, consoleErrors };
}

describe('the banner', () => {
  it('shows on every page while the alert is in effect (SITE_NOW and browser clock inside the window)', async () => {
    for (const route of ['/', '/projects/', '/es/', ALERT]) {
      const { page, context, consoleErrors } = await open(during.url, route, { clock: '2026-12-01T18:00:00Z' });
      const banner = page.locator('[data-alert-banner]');
      await expect(banner.isVisible()).resolves.toBe(true);
      const item = banner.locator('[data-alert-item]');
      await expect(item.count()).resolves.toBe(1);
      const text = await item.innerText();
      expect(text).toMatch(route.startsWith('/es/') ? /Advertencia/i : /Advisory/i);
      expect(await item.locator('a').getAttribute('href')).toBe(route.startsWith('/es/') ? '/es/alerts/boil-water-2026-11-30/' : ALERT);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
  });

  it('is hidden by the browser clock once the alert has ended, even on a stale build', async () => {
    const { page, context } = await open(during.url, '/', { clock: '2026-12-05T00:00:01Z' });
    await expect(page.locator('[data-alert-banner]').isVisible()).resolves.toBe(false);
    const alertPage = await context.newPage();
    await alertPage.clock.setFixedTime(new Date('2026-12-05T00:00:01Z'));
    await alertPage.goto(during.url + ALERT);
    await expect(alertPage.locator('[data-alert-ended]').isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('is not in a build made after the alert ended (SITE_NOW)', async () => {
    const { page, context } = await open(after.url, '/', { clock: AFTER });
    await expect(page.locator('[data-alert-banner]').count()).resolves.toBe(0);
    const alertPage = await (await open(after.url, ALERT, { clock: AFTER })).page;
    expect(await alertPage.locator('h1').innerText()).toMatch(/Boil-water advisory/);
    expect(await alertPage.locator('.alert-page__ended').isVisible()).toBe(true);
    await context.close();
  });

  it('is announced once per session through the live region', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    await page.clock.setFixedTime(new Date('2026-12-01T18:00:00Z'));
    await page.goto(during.url + '/');
    const live = page.locator('[data-alert-live]');
    await expect.poll(() => live.textContent(), { timeout: 5000 }).toMatch(/Boil-water advisory/);
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
    expect(await alertPage.locator('.alert-history li').count()).toBe(3);
    await context.close();
  });

  it('is not shown for drills or lifted alerts, and affected project pages show the alert at the top', async () => {
    const { page, context } = await open(during.url, '/projects/westgate-water-tower/', { clock: '2026-12-01T18:00:00Z' });
    expect(await page.locator('[data-alert-banner] [data-alert-item]').count()).toBe(1);
    const box = page.locator('article.project > [data-alert-box]');
    expect(await box.isVisible()).toBe(true);
    expect(await box.innerText()).toMatch(/Boil-water advisory for Westgate/);
    await page.goto(during.url + '/projects/elm-street-water-main/');
    expect(await page.locator('[data-alert-box]').count()).toBe(0);
    await context.close();
  });
});

describe('the alert page', () => {
  it('shows the instructions, the map area and the history of levels', async () => {
    const { page, context } = await open(during.url, ALERT, { clock: '2026-12-01T18:00:00Z' });
    expect(await page.locator('h1').innerText()).toBe('Boil-water advisory for Westgate');
    const history = await page.locator('.alert-history li').allInnerTexts();
    expect(history.map((h) => h.split('\n')[0])).toEqual([expect.stringMatching(/Advisory$/), expect.stringMatching(/Do not drink$/), expect.stringMatching(/Advisory$/)]);
    expect(await page.locator('underway-map').count()).toBe(1);
    await context.close();
  });

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

  it('has 0 axe violations (alert page, index, home with banner, Spanish)', async () => {
    for (const route of [ALERT, '/alerts/', '/', '/es' + ALERT, '/projects/westgate-water-tower/']) {
      const { page, context } = await open(during.url, route, { clock: '2026-12-01T18:00:00Z' });
      const violations = await runAxe(page);
      expect(violations, `${route}\n${describeViolations(violations)}`).toEqual([]);
      await context.close();
    }
  });
});

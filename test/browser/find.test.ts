import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, launch, openPage, runAxe } from '../support/browser.ts';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_NOW } from '../support/site-build.ts';
import { SEARCHABLE_PAGES_GLOB } from '../../src/integration/pagefind.ts';

// The demo site (Harbor Falls), built once by the global setup with SITE_NOW fixed.
const base = inject('demoUrl');
let browser: Browser;
beforeAll(async () => {
  if (!base) throw new Error('The demo site was not built (UNDERWAY_SKIP_DEMO=1 is set)');
  browser = await launch();
});
afterAll(async () => browser?.close());

async function open(path: string, { js = true, width = 1280 } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width, height: 900 } });
  const { page, consoleErrors } = await openPage(context);
  if (js) await page.clock.setFixedTime(new Date(TEST_NOW));
  await page.goto(base + path, { waitUntil: 'load' });
  return { page, consoleErrors, context };
}

describe('search', () => {
  it('indexes every page that has searchable content, and only those', () => {
    const dist = inject('demoDist');
    const pages = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    const searchable = pages.filter((f) => fs.readFileSync(path.join(dist, f), 'utf8').includes('data-pagefind-body'));
    expect(searchable.length).toBeGreaterThan(10);
    // Pagefind reads only the files this glob matches (src/integration/pagefind.ts).
    expect(searchable.filter((f) => !path.matchesGlob(f, SEARCHABLE_PAGES_GLOB))).toEqual([]);
    // One fragment per indexed page, per language index.
    const fragments = fs.readdirSync(path.join(dist, 'pagefind/fragment'));
    expect(fragments.length).toBe(searchable.length);
  });

  it('finds a project by a word from its body, and announces the count', async () => {
    const { page, context, consoleErrors } = await open('/search/');
    await page.fill('#search-query', 'tunnel');
    await page.keyboard.press('Enter');
    const status = page.locator('[data-search-status]');
    await status.filter({ hasText: /result/ }).waitFor();
    expect(await status.getAttribute('role')).toBe('status');
    const titles = await page.locator('[data-search-results] h2').allInnerTexts();
    expect(titles).toContain('Riverbend relief sewer tunnel');
    expect(await status.innerText()).toMatch(/^\d+ results? for “tunnel”$/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('narrows results with the filters', async () => {
    const { page, context } = await open('/search/?q=water');
    const status = page.locator('[data-search-status]');
    await status.filter({ hasText: /result/ }).waitFor();
    const all = Number((await status.innerText()).match(/^(\d+)/)![1]);
    await page.selectOption('select[name="status"]', 'Complete');
    // Wait for the filtered count itself (not just any change, e.g. an in-between "Searching").
    await page.waitForFunction((before) => {
      const count = /^(\d+) results? /.exec(document.querySelector('[data-search-status]')?.textContent?.trim() ?? '');
      return location.search.includes('status=Complete') && count !== null && Number(count[1]) !== before;
    }, all);
    const complete = await page.locator('[data-search-results] h2').allInnerTexts();
    expect(complete.length).toBeGreaterThan(0);
    expect(complete.length).toBeLessThan(all);
    for (const title of complete) expect(['Cedar Street water main replacement', 'Harbor Road sewer lining', 'Westgate pump station backup generator']).toContain(title);
    expect(page.url()).toContain('status=Complete');
    await context.close();
  });

  it('gives a hint when nothing matches', async () => {
    const { page, context } = await open('/search/?q=zzyzxqq');
    await page.locator('[data-search-status]').filter({ hasText: 'No results' }).waitFor();
    expect(await page.locator('[data-search-empty]').isVisible()).toBe(true);
    await context.close();
  });

  it('searches the Spanish index on the Spanish page', async () => {
    const { page, context } = await open('/es/search/?q=tubería');
    await page.locator('[data-search-status]').filter({ hasText: /resultado/ }).waitFor();
    const urls = await page.locator('[data-search-results] h2 a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^\/es\//);
    await context.close();
  });

  it('is usable by keyboard alone', async () => {
    const { page, context } = await open('/search/');
    await page.locator('#search-query').focus();
    await page.keyboard.type('shut-off');
    await page.keyboard.press('Enter');
    await page.locator('[data-search-results] h2 a').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await context.close();
  });
});

describe('all projects', () => {
  it('filters by status, type, neighborhood and year with JavaScript, and keeps them in the URL', async () => {
    const { page, context } = await open('/projects/');
    const cards = page.locator('[data-project-card]:not([hidden])');
    const total = await cards.count();
    expect(total).toBe(14);
    await page.selectOption('select[name="status"]', 'complete');
    expect(await cards.count()).toBe(3);
    await page.selectOption('select[name="status"]', '');
    await page.selectOption('select[name="neighborhood"]', 'westgate');
    const westgate = await cards.locator('h2').allInnerTexts();
    expect(westgate.length).toBeGreaterThan(0);
    expect(await page.locator('[data-list-count]').innerText()).toBe(`${westgate.length} of 14 projects shown`);
    await page.selectOption('select[name="type"]', 'storage-tank');
    const tanks = await cards.locator('h2').allInnerTexts();
    expect(tanks).toHaveLength(1);
    expect(tanks[0]).toMatch(/tower/i);
    expect(page.url()).toMatch(/neighborhood=westgate/);
    await page.selectOption('select[name="type"]', '');
    await page.selectOption('select[name="neighborhood"]', '');
    await page.selectOption('select[name="year"]', '2028');
    const in2028 = await cards.count();
    expect(in2028).toBeGreaterThan(0);
    expect(in2028).toBeLessThan(total);
    await context.close();
  });

  it('sorts by name or start date', async () => {
    const { page, context } = await open('/projects/');
    await page.selectOption('select[name="sort"]', 'name');
    const names = await page.locator('[data-project-card] h2').allInnerTexts();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    await page.selectOption('select[name="sort"]', 'start');
    const starts = await page.locator('[data-project-card]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.start!));
    expect(starts).toEqual([...starts].sort());
    await context.close();
  });

  it('works without JavaScript through status and neighborhood pages', async () => {
    const { page, context } = await open('/projects/', { js: false });
    expect(await page.locator('[data-list-filters]').isVisible()).toBe(false);
    await page.click('nav.filter-links a:text("Complete")');
    expect(page.url()).toMatch(/\/projects\/status\/complete\/$/);
    expect(await page.locator('[data-project-card]').count()).toBe(3);
    expect(await page.locator('h1').innerText()).toBe('Complete projects');
    await page.click('nav.filter-links a:text("Westgate")');
    expect(page.url()).toMatch(/\/projects\/neighborhood\/westgate\/$/);
    const titles = await page.locator('[data-project-card] h2').allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    for (const card of await page.locator('[data-project-card]').allInnerTexts()) expect(card).toContain('Westgate');
    await context.close();
  });
});

describe('meetings', () => {
  it('lists upcoming meetings site-wide in time order, with a cancelled one shown as cancelled', async () => {
    const { page, context } = await open('/meetings/');
    const items = page.locator('[data-meeting-list] > li');
    expect(await items.count()).toBe(19);
    const times = await page.locator('[data-meeting-list] > li time').evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute('datetime')!)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThan(Date.parse(TEST_NOW) - 86_400_000);
    const cancelled = page.locator('[data-meeting-list] > li.site-meeting--cancelled');
    expect(await cancelled.count()).toBe(1);
    expect(await cancelled.innerText()).toContain('This meeting is cancelled.');
    expect(await page.locator('a[href^="webcal://"][href$="/meetings.ics"]').count()).toBe(1);
    await context.close();
  });

  it('filters by project and neighborhood', async () => {
    const { page, context } = await open('/meetings/');
    const visible = page.locator('[data-meeting-list] > li:not([hidden])');
    await page.selectOption('select[name="project"]', 'elm-street-water-main');
    const elm = await visible.allInnerTexts();
    expect(elm.length).toBeGreaterThan(0);
    for (const text of elm) expect(text).toContain('Elm Street water main replacement');
    await page.selectOption('select[name="project"]', '');
    await page.selectOption('select[name="neighborhood"]', 'riverbend');
    for (const text of await visible.allInnerTexts()) expect(text).toContain('Riverbend');
    await context.close();
  });

  it('keeps past meetings, with their materials, on a separate page', async () => {
    const { page, context } = await open('/meetings/past/');
    const items = page.locator('[data-meeting-list] > li');
    expect(await items.count()).toBe(13);
    for (const text of await items.allInnerTexts()) expect(text).toMatch(/Materials: /);
    await context.close();
  });

  it.each([
    ['/projects/', 375],
    ['/search/?q=water', 375],
    ['/meetings/', 375],
    ['/meetings/past/', 1280],
    ['/es/projects/', 1280],
  ])('%s has no axe violations at %i px', async (path, width) => {
    const { page, context, consoleErrors } = await open(path, { width });
    await page.waitForTimeout(300);
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

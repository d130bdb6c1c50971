import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from '../support/browser.ts';
import { TEST_NOW } from '../support/site-build.ts';

/**
 * The keyboard journey and the JavaScript-off journey of the accessibility audit.
 *
 * Keyboard: 1. home; 2. set a location by street name; 3. open the nearest
 * project; 4. reach the map's text alternative (the list of disruptions);
 * 5. add a meeting to the calendar; 6. open the printable notice. Only Tab,
 * Shift+Tab, Enter and Escape move focus or act (plus typing the street
 * name into the field). At every stop the focused element must show a
 * visible focus indicator, and Tab must keep moving (never trapped).
 *
 * JS off: the same facts (the project, its status and phase, the disruptions
 * in words, the meeting and its calendar file, the notice) are reachable.
 */
const base = inject('demoUrl');
if (!base) throw new Error('The demo site was not built (UNDERWAY_SKIP_DEMO=1 is set)');

const STREET = 'Elm St';
const SLUG = 'elm-street-water-main';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Focused {
  key: string;
  tag: string;
  text: string;
  href: string;
  visible: boolean;
  indicator: boolean;
  inMain: boolean;
  dateLike: boolean;
}

/** What has focus, and whether that is visible: a non-zero box on screen, and an outline or a focus ring. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    const ring = cs.boxShadow !== 'none';
    const path: string[] = [];
    for (let n: Element | null = el; n && n !== document.body; n = n.parentElement) path.unshift(n.tagName + (n.id ? '#' + n.id : '') + ':' + Array.prototype.indexOf.call(n.parentElement?.children ?? [], n));
    return {
      key: path.join('>'),
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60),
      href: el.getAttribute('href') ?? '',
      visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
      indicator: outline || ring,
      inMain: !!el.closest('main'),
      dateLike: el instanceof HTMLInputElement && /^(date|time|datetime-local|month|week)$/.test(el.type),
    };
  });
}

/**
 * Presses `key` (Tab or Shift+Tab) until `done` says yes, checking focus is
 * visible at every stop. Fails if focus stops moving or comes back to where it
 * was before reaching the target (a trap), or after `max` presses.
 */
async function tabUntil(page: Page, done: (f: Focused) => boolean, { key = 'Tab', max = 250 } = {}): Promise<Focused> {
  const seen = new Set<string>();
  let previous = '';
  let stay = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (!f) {
      // Focus left the document (past the last element) without reaching the target.
      throw new Error(`${key}: focus left the page before the target was reached (after ${[...seen].length} stops)`);
    }
    expect(f.visible, `focused element is not visible on screen: ${f.key} "${f.text}"`).toBe(true);
    expect(f.indicator, `no visible focus indicator on ${f.key} "${f.text}"`).toBe(true);
    // Tab steps through the fields of a date input (month, day, year) without changing activeElement.
    const innerStops = f.key === previous ? ++stay : (stay = 0);
    expect(innerStops, `${key} did not move focus from ${f.key}: focus is trapped`).toBeLessThan(f.dateLike ? 4 : 1);
    if (done(f)) return f;
    if (seen.has(f.key) && f.key !== previous) throw new Error(`${key} came back to ${f.key} "${f.text}" before reaching the target: focus is trapped in a loop`);
    seen.add(f.key);
    previous = f.key;
  }
  throw new Error(`${key} pressed ${max} times without reaching the target`);
}

describe('keyboard journey', () => {
  it('home → street → nearest project → map text → calendar → printable notice, with Tab, Shift+Tab, Enter and Escape', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const { page, consoleErrors } = await openPage(context);
    await page.clock.setFixedTime(new Date(TEST_NOW));

    // 1. Home. The first Tab reaches the skip link, which is visible when focused and moves focus to <main>.
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.waitForSelector('near-me[data-ready]');
    const skip = await tabUntil(page, () => true);
    expect(skip.href).toBe('#main');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(new URL(page.url()).hash).toBe('#main');

    // 2. The next Tab is inside <main>: the street field. Type a street, close the suggestions with Escape, Enter to find.
    const field = await tabUntil(page, (f) => f.inMain);
    expect(field.tag).toBe('input');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('near-q');
    await page.keyboard.type(STREET, { delay: 20 });
    await page.waitForSelector('#near-q-list:not([hidden]) [role="option"]');
    await page.keyboard.press('Escape');
    expect(await page.locator('#near-q-list').isHidden()).toBe(true);
    expect(await page.inputValue('#near-q')).toBe(STREET);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-list-heading]').textContent()).toContain(STREET);
    // The new order is announced politely (role="status").
    await expect.poll(() => page.locator('[data-near-status]').textContent()).toMatch(/Elm Street water main/i);
    expect(await page.locator('[data-near-status]').getAttribute('role')).toBe('status');

    // 3. Tab to the nearest project (the first in the list) and open it with Enter.
    const nearest = await tabUntil(page, (f) => /\/projects\/[^/]+\/$/.test(f.href) && f.inMain);
    expect(nearest.href).toContain(`/projects/${SLUG}/`);
    await Promise.all([page.waitForURL(`**/projects/${SLUG}/`), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');

    // 4. Tab past the map (its controls and markers take focus and let it go) to its text alternative: the list of disruptions.
    await tabUntil(page, (f) => f.href === '#main');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    let passedMap = false;
    await tabUntil(page, (f) => {
      if (/uw-map|leaflet|maplibre/.test(f.key) || f.key.includes('underway-map')) passedMap = true;
      return f.key.includes('disruption-list') || f.key.includes('day-filter');
    });
    expect(await page.evaluate(() => !!document.activeElement?.closest('section, div')?.querySelector('#disruption-list-heading') || !!document.activeElement?.closest('.disruption-list'))).toBe(true);
    expect(passedMap || (await page.locator('underway-map').count()) > 0).toBe(true);

    // 5. On to the meeting's "Add to calendar" file; Enter downloads a calendar event.
    await tabUntil(page, (f) => /\/meetings\/[^/]+\.ics$/.test(f.href));
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const ics = fs.readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');

    // 6. Back up with Shift+Tab to the printable notice link, and open it with Enter.
    await tabUntil(page, (f) => f.href.endsWith(`/projects/${SLUG}/notice/`), { key: 'Shift+Tab' });
    await Promise.all([page.waitForURL(`**/projects/${SLUG}/notice/`), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    expect(await page.locator('body').textContent()).toContain(STREET);

    // The notice page is not a trap either: Tab goes through it and out of the document.
    const stops = await page.evaluate(() => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])').length);
    for (let i = 0; i < Math.min(stops, 40); i++) await page.keyboard.press('Tab');
    expect(consoleErrors.filter((e) => !/ERR_BLOCKED_BY_CLIENT/.test(e))).toEqual([]);
    await context.close();
  });

  it('Escape clears the street field and never traps focus in the suggestions', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const { page } = await openPage(context);
    await page.clock.setFixedTime(new Date(TEST_NOW));
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.waitForSelector('near-me[data-ready]');
    await tabUntil(page, () => true);
    await page.keyboard.press('Enter');
    await tabUntil(page, (f) => f.inMain);
    await page.keyboard.type('Elm', { delay: 20 });
    await page.waitForSelector('#near-q-list:not([hidden])');
    // Tab leaves the field (and closes the list) even with suggestions open.
    const next = await tabUntil(page, () => true);
    expect(next.key).not.toContain('near-q');
    expect(await page.locator('#near-q-list').isHidden()).toBe(true);
    await tabUntil(page, (f) => f.key.includes('near-q'), { key: 'Shift+Tab' });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(await page.inputValue('#near-q')).toBe('');
    await context.close();
  });
});

describe('JavaScript-off journey', () => {
  it('reaches the same facts: the project, its status, the disruptions in words, the meeting calendar file and the notice', async () => {
    // The facts as the JS journey sees them.
    const jsContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page: js } = await openPage(jsContext);
    await js.clock.setFixedTime(new Date(TEST_NOW));
    await js.goto(`${base}/projects/${SLUG}/`, { waitUntil: 'load' });
    const facts = async (page: Page) => ({
      title: (await page.locator('h1').first().textContent())?.trim(),
      status: (await page.locator('main .badge').first().textContent())?.trim(),
      // The words of each disruption, without the "Show on map" buttons that only JS adds (they need the map).
      disruptions: await page.locator('.disruption-list li').evaluateAll((items) =>
        items.map((li) => {
          const copy = li.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('button').forEach((b) => b.remove());
          return copy.textContent!.replace(/\s+/g, ' ').trim();
        }).filter(Boolean),
      ),
      meetings: (await page.locator('.meetings h3').allTextContents()).map((s) => s.trim()),
      ics: await page.locator('.meeting__calendar-links a[download]').first().getAttribute('href'),
      notice: await page.locator(`a[href$="/projects/${SLUG}/notice/"]`).first().getAttribute('href'),
      streets: (await page.locator('.facts').textContent())?.includes(STREET),
    });
    const withJs = await facts(js);
    await jsContext.close();

    const context = await browser.newContext({ viewport: { width: 320, height: 720 }, javaScriptEnabled: false });
    const { page } = await openPage(context);
    // 1. Home: without JS the "near you" form is hidden (it cannot work), and the projects by neighborhood are there instead.
    await page.goto(base + '/', { waitUntil: 'load' });
    expect(await page.locator('near-me').isVisible()).toBe(false);
    expect(await page.locator('[data-by-neighborhood]').isVisible()).toBe(true);
    // 2–3. The project on Elm St is reached by a plain link (its neighborhood's list) and opened.
    const link = page.locator(`[data-by-neighborhood] a[href$="/projects/${SLUG}/"]`).first();
    expect(await link.isVisible()).toBe(true);
    await Promise.all([page.waitForURL(`**/projects/${SLUG}/`), link.click()]);
    const withoutJs = await facts(page);
    expect(withoutJs).toEqual(withJs);
    expect(withoutJs.streets).toBe(true);
    expect(withoutJs.disruptions.length).toBeGreaterThan(0);
    expect(withoutJs.meetings.length).toBeGreaterThan(0);
    // 4. The map's text alternative is visible; the map says it needs JavaScript.
    expect(await page.locator('#disruption-list-heading').isVisible()).toBe(true);
    // 5. The calendar file is a plain static file.
    const ics = await page.request.get(base + withoutJs.ics!);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VEVENT');
    // 6. The printable notice opens and names the project.
    await Promise.all([page.waitForURL(`**/projects/${SLUG}/notice/`), page.locator(`a[href$="/projects/${SLUG}/notice/"]`).first().click()]);
    expect(await page.locator('body').textContent()).toContain(STREET);
    await context.close();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launch, openPage } from '../support/browser.ts';
import { TEST_NOW } from '../support/site-build.ts';

/**
 * Reflow (WCAG 1.4.10), text spacing (1.4.12), reduced motion and forced colors.
 *
 * 200% zoom: a browser window 1280 CSS px wide at 200% zoom lays pages out in
 * a 640 CSS px viewport (zoom divides the CSS px per device px by 2, and media
 * queries see 640 px). So "200% zoom" here is a 640×450 viewport with
 * deviceScaleFactor 2: the same layout and the same device pixels as
 * 1280×900 at 200%. CSS `zoom: 2` on <html> was not used: it does not change
 * the viewport width media queries see, so it tests a layout no reader gets.
 * 320 px is the 1.4.10 width itself (a 1280 px window at 400%).
 *
 * "No horizontal scrolling of text content": the document does not scroll
 * sideways, and no text box pokes past the right edge of the viewport. Maps
 * and data tables in their own scrolling box are the 1.4.10 exception
 * ("content that requires two-dimensional layout") and are not counted.
 */
const base = inject('demoUrl');
const dist = inject('demoDist');
if (!base) throw new Error('The demo site was not built (UNDERWAY_SKIP_DEMO=1 is set)');

const SLUG = 'elm-street-water-main';
const exists = (p: string) => fs.existsSync(path.join(dist, p, 'index.html'));
const alertPage = fs.existsSync(path.join(dist, 'alerts'))
  ? fs.readdirSync(path.join(dist, 'alerts'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `/alerts/${e.name}/`).find(exists)
  : undefined;
/** One page of each type, in both languages. */
const PAGES = [
  '/',
  '/es/',
  `/projects/${SLUG}/`,
  `/es/projects/${SLUG}/`,
  '/projects/',
  '/meetings/',
  '/es/meetings/',
  `/projects/${SLUG}/notice/`,
  '/search/',
  '/feedback/',
  '/accountability/',
  '/open-data/',
  '/accessibility/',
  '/projects/neighborhood/old-mill/',
  ...(alertPage ? [alertPage] : []),
].filter(exists);

/**
 * Written-down exceptions: pages left out of the reflow and text-spacing
 * checks, with the reason. Remove an entry as soon as its page passes.
 */
const EXCEPTIONS: Record<string, string> = {};
const REFLOW_PAGES = PAGES.filter((p) => !(p in EXCEPTIONS));

const VIEWS: { name: string; options: BrowserContextOptions }[] = [
  { name: '320 px', options: { viewport: { width: 320, height: 640 } } },
  { name: '200% zoom (1280 px window)', options: { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 } },
];

/** WCAG 1.4.12's text spacing, as the well-known bookmarklet sets it. */
const TEXT_SPACING = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(options: BrowserContextOptions, pathname: string, setup?: (page: Page) => Promise<void>) {
  const context = await browser.newContext(options);
  const { page } = await openPage(context);
  await page.clock.setFixedTime(new Date(TEST_NOW));
  await setup?.(page);
  await page.goto(base + pathname, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle').catch(() => {});
  return { page, close: () => context.close() };
}

/** Text that scrolls sideways: the document's own overflow, and text boxes past the right edge (outside 2-D content). */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide in ${width}px`);
    const twoD = '.uw-map__frame, .near-map__frame, .maplibregl-map, .leaflet-container, table, pre, svg, [data-allow-scroll]';
    const scrollsOwnBox = (el: Element) => {
      for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
        const ox = getComputedStyle(n).overflowX;
        if (ox === 'auto' || ox === 'scroll') return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest(twoD)) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!own) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.position === 'absolute' && (cs.clip !== 'auto' || cs.clipPath !== 'none')) continue; // visually hidden
      if (r.right > width + 1 && !scrollsOwnBox(el)) problems.push(`text past the right edge (${Math.round(r.right)}px > ${width}px): <${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent!.trim().slice(0, 50)}`);
    }
    return problems;
  });
}

/** Text cut off by a box that cannot grow (overflow hidden/clip with content taller or wider than the box). */
function clipped(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest('.uw-map__frame, .near-map__frame, .maplibregl-map, .leaflet-container')) continue;
      const cs = getComputedStyle(el);
      if (!/hidden|clip/.test(cs.overflowX + cs.overflowY)) continue;
      if (!el.textContent?.trim() || el.offsetWidth <= 2 || el.offsetHeight <= 2) continue; // visually hidden text is 1px by design
      if (cs.textOverflow === 'ellipsis' && el.title) continue;
      if (el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2)
        problems.push(`clipped text: <${el.tagName.toLowerCase()} class="${el.className}"> ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}: ${el.textContent.trim().slice(0, 50)}`);
    }
    return problems;
  });
}

describe('reflow (WCAG 1.4.10)', () => {
  it('tests one page of every type that the demo has', () => {
    expect(PAGES).toContain(`/projects/${SLUG}/`);
    expect(PAGES).toContain(`/projects/${SLUG}/notice/`);
    expect(PAGES).toContain('/accessibility/');
  });

  describe.each(VIEWS)('at $name', ({ options }) => {
    it.each(REFLOW_PAGES)('%s has no horizontal scrolling of text', async (pathname) => {
      const { page, close } = await open(options, pathname);
      expect(await overflow(page)).toEqual([]);
      await close();
    });
  });
});

describe('text spacing (WCAG 1.4.12)', () => {
  it.each(REFLOW_PAGES)('%s: line height 1.5, paragraph spacing 2em, letter spacing 0.12em, word spacing 0.16em break nothing', async (pathname) => {
    for (const { options } of VIEWS) {
      const { page, close } = await open(options, pathname);
      await page.addStyleTag({ content: TEXT_SPACING });
      await page.waitForTimeout(50);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('main p, main li')!).letterSpacing)).not.toBe('normal');
      expect([...(await overflow(page)), ...(await clipped(page))]).toEqual([]);
      await close();
    }
  });
});

describe('prefers-reduced-motion', () => {
  it.each([`/projects/${SLUG}/`, '/'])('%s: nothing animates or moves by itself', async (pathname) => {
    const { page, close } = await open({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }, pathname);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const moving = await page.evaluate(() => {
      const out: string[] = [];
      const seconds = (v: string) => Math.max(...v.split(',').map((s) => parseFloat(s) * (s.trim().endsWith('ms') ? 0.001 : 1)));
      for (const el of [document.documentElement, ...document.querySelectorAll<HTMLElement>('body *')]) {
        for (const pseudo of [null, '::before', '::after']) {
          const cs = getComputedStyle(el, pseudo);
          if (cs.animationName !== 'none' && seconds(cs.animationDuration) > 0.01) out.push(`${el.tagName}.${el.className}${pseudo ?? ''} animation ${cs.animationName}`);
          if (seconds(cs.transitionDuration) > 0.01) out.push(`${el.tagName}.${el.className}${pseudo ?? ''} transition ${cs.transitionProperty} ${cs.transitionDuration}`);
        }
      }
      if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') out.push('html scroll-behavior: smooth');
      return out;
    });
    expect(moving).toEqual([]);
    await close();
  });
});

describe('forced colors (Windows high contrast)', () => {
  it('statuses, the timeline and the map legend carry meaning in words and shapes, not colour', async () => {
    const { page, close } = await open({ viewport: { width: 1280, height: 900 }, forcedColors: 'active' }, `/projects/${SLUG}/`);
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);

    // Status badge: the status in words, and a shape (diamond, square, circle) drawn in a system colour.
    const badge = await page.locator('main .badge').first().evaluate((el) => {
      const before = getComputedStyle(el, '::before');
      const cs = getComputedStyle(el);
      return { text: el.textContent!.trim(), border: cs.borderStyle, shape: before.content !== 'none' && parseFloat(before.width) > 0, status: (el as HTMLElement).dataset.status };
    });
    expect(badge.text.length).toBeGreaterThan(2);
    expect(badge.shape).toBe(true);
    expect(badge.border).not.toBe('none');

    // Timeline: the current phase says so in words and with aria-current; every phase has its dates in words.
    const current = page.locator('.timeline__step[aria-current="step"]');
    expect(await current.count()).toBe(1);
    expect(await current.locator('[data-current-label]').isVisible()).toBe(true);
    for (const dates of await page.locator('.timeline__dates').allTextContents()) expect(dates.trim()).toMatch(/\d/);

    // Map legend: each kind named in words, with a symbol and a description of the symbol.
    const legend = await page.locator('.uw-map__legend li').evaluateAll((items) =>
      items.map((li) => ({ label: li.querySelector('strong')?.textContent?.trim() ?? '', symbol: li.querySelectorAll('svg').length, words: li.querySelector('.uw-map__symbol-text')?.textContent?.trim() ?? '' })),
    );
    expect(legend.length).toBeGreaterThan(0);
    for (const item of legend) {
      expect(item.label).not.toBe('');
      expect(item.words).not.toBe('');
      expect(item.symbol).toBeGreaterThan(0);
    }
    // The disruption list beside the map names each kind in words too (the swatch is decoration).
    for (const text of await page.locator('.disruption-list li').allTextContents()) expect(text.trim().length).toBeGreaterThan(3);
    await close();

    // Home: the "near you" legend and list badges are words with shapes.
    const home = await open({ viewport: { width: 1280, height: 900 }, forcedColors: 'active' }, '/');
    await home.page.emulateMedia({ forcedColors: 'active' });
    const homeLegend = await home.page.locator('.near-map__legend li').allTextContents();
    expect(homeLegend.map((s) => s.trim()).filter(Boolean).length).toBe(homeLegend.length);
    expect(homeLegend.length).toBeGreaterThanOrEqual(4);
    for (const text of await home.page.locator('.badge').allTextContents()) expect(text.trim()).not.toBe('');
    await home.close();
  });
});

/**
 * The disruption map on a project page (issue "The project page", part 3),
 * on a fixture whose project has every kind of disruption, one of them with
 * hostile text. Tiles and every other outside request are blocked, as in CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeViolations, launch, openPage, runAxe } from '../support/browser.ts';
import { buildAndServe, ROOT } from '../support/site-build.ts';

const FIXTURE = path.join(ROOT, 'test/fixtures/map-site');
const SLUG = 'maple-avenue-water-main';
const PAGE = `/projects/${SLUG}/`;
const HOSTILE = '<img src=x onerror=alert(1)>';

interface Feature {
  geometry: { type: string };
  properties: { kind: string; description: string; street: string };
}
const features: Feature[] = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'projects', SLUG, 'disruptions.geojson'), 'utf8')).features;
const all = features.map((_, i) => i);
const kinds = [...new Set(features.map((f) => f.properties.kind))].sort();
const hostile = features.findIndex((f) => f.properties.description === HOSTILE);
/** Shapes are SVG paths; points are markers, and night work drawn as a shape carries a marker too. */
const pathCount = features.filter((f) => f.geometry.type !== 'Point').length;
const markerCount = features.filter((f) => f.geometry.type === 'Point' || f.properties.kind === 'night-work').length;
/** On Tue, Dec 8, 2026 (America/Chicago), from the dates in the fixture. */
const ON_DEC_8 = [0, 1, 2, 3, 4, 6];

let browser: Browser;
let base: string;
let dist: string;
let close: () => void;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ dist, base, close } = await buildAndServe('map-site', { CONTENT_DIR: FIXTURE }));
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  close?.();
});

async function open(width: number, options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, ...options });
  contexts.push(context);
  const { page, consoleErrors, external } = await openPage(context);
  // The site's Content-Security-Policy must allow everything the map does (lazy chunk, its CSS, tiles).
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const requests: { url: string; type: string }[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.goto(base + PAGE, { waitUntil: 'load' });
  return { page, consoleErrors, external, requests, dialogs };
}

async function scrollToMap(page: Page) {
  await page.locator('[data-map-frame]').scrollIntoViewIfNeeded();
  await page.locator('underway-map.uw-map--ready').waitFor({ timeout: 15_000 });
}

/** Feature indexes drawn in Leaflet's panes (SVG paths and markers). */
const drawn = (page: Page) =>
  page.$$eval('.leaflet-overlay-pane [data-feature-index], .leaflet-marker-pane [data-feature-index]', (nodes) =>
    [...new Set(nodes.map((n) => Number(n.getAttribute('data-feature-index'))))].sort((a, b) => a - b),
  );

const isLeaflet = (url: string) => /leaflet/i.test(url);
const unexpected = (errors: string[]) => errors.filter((e) => !/ERR_BLOCKED_BY_CLIENT/.test(e));
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

describe('the disruption map', () => {
  it('fixture covers every kind, with hostile text', () => {
    expect(kinds).toEqual(
      ['detour', 'lane-closure', 'night-work', 'parking-restriction', 'road-closure', 'sidewalk-closure', 'water-shut-off', 'work-zone'].sort(),
    );
    expect(hostile).toBeGreaterThanOrEqual(0);
    expect(features[hostile].properties.street).toBe('<b>Elm</b>');
  });

  it('(a) loads no Leaflet before it scrolls into view, and the page JS stays under 10 KB gzip', async () => {
    const { page, requests, consoleErrors } = await open(1280);
    await page.waitForTimeout(500);
    const frame = page.locator('[data-map-frame]');
    // The check means something only if the map starts well below the fold.
    expect((await frame.boundingBox())!.y).toBeGreaterThan(800 + 200);
    expect(requests.filter((r) => isLeaflet(r.url))).toEqual([]);
    expect(await page.locator('.leaflet-container').count()).toBe(0);
    expect(await page.locator('style[data-leaflet-css]').count()).toBe(0);
    const placeholder = page.locator('[data-map-placeholder]');
    expect(await placeholder.isVisible()).toBe(true);
    expect((await placeholder.textContent())?.trim()).toBe('Loading the map…');
    expect((await frame.boundingBox())!.height).toBeGreaterThan(300);
    // The list already has its "Show on map" buttons; the legend is server-rendered.
    expect(await page.locator('[data-disruption-list] li[data-feature-index] [data-show-on-map]').count()).toBe(features.length);
    expect(await page.locator('.uw-map__legend li[data-legend-kind]').count()).toBe(kinds.length);

    // Every script the page has run so far, as gzip would send it.
    const files = [...new Set(requests.filter((r) => r.type === 'script').map((r) => r.url))];
    let gzip = 0;
    for (const url of files) gzip += zlib.gzipSync(await (await fetch(url)).arrayBuffer(), { level: 9 }).length;
    const inline = await page.$$eval('script:not([src])', (s) =>
      (s as HTMLScriptElement[]).filter((x) => !x.type || x.type === 'module').map((x) => x.textContent ?? ''),
    );
    for (const code of inline) gzip += zlib.gzipSync(code, { level: 9 }).length;
    console.log(`project page JS before the map loads: ${files.length} files + ${inline.length} inline, ${gzip} bytes gzip`);
    expect(gzip).toBeLessThan(10 * 1024);
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it('(b) draws every feature once in view, with tiles blocked, and the legend lists every kind', async () => {
    const { page, requests, external, consoleErrors } = await open(1280);
    await scrollToMap(page);
    // One dynamic import of the lazy chunk, CSS included in it.
    expect(requests.filter((r) => /leaflet-map\.[\w-]+\.js$/.test(r.url))).toHaveLength(1);
    expect(requests.filter((r) => r.url.endsWith('.css') && isLeaflet(r.url))).toEqual([]);
    expect(await page.locator('style[data-leaflet-css]').count()).toBe(1);
    expect(await page.locator('[data-map-placeholder]').isVisible()).toBe(false);
    // Tiles were asked for and refused; the overlays are there regardless.
    await expect.poll(() => external.some((u) => /tile/.test(u))).toBe(true);
    expect(await page.locator('.leaflet-overlay-pane path[data-feature-index]').count()).toBe(pathCount);
    expect(await page.locator('.leaflet-marker-pane [data-feature-index]').count()).toBe(markerCount);
    expect(await drawn(page)).toEqual(all);
    for (const [i, f] of features.entries())
      expect(await page.locator(`[data-feature-index="${i}"][data-kind="${f.properties.kind}"]`).count(), `feature ${i}`).toBeGreaterThan(0);
    // Shut-off areas are hatched, detours dashed, closures solid.
    const attr = (i: number, name: string) => page.locator(`.leaflet-overlay-pane path[data-feature-index="${i}"]`).getAttribute(name);
    const first = (kind: string) => features.findIndex((f) => f.properties.kind === kind);
    expect(await attr(first('water-shut-off'), 'fill')).toMatch(/^url\(#uw-map-fill-water-shut-off\)$/);
    expect(await attr(first('detour'), 'stroke-dasharray')).toBeTruthy();
    expect(await attr(first('road-closure'), 'stroke-dasharray')).toBeNull();
    expect(await attr(first('road-closure'), 'marker-end')).toBe('url(#uw-map-bar-road-closure)');
    expect(await page.locator(`.leaflet-marker-pane .uw-map-marker--night-work`).count()).toBeGreaterThan(0);

    const legendKinds = await page.$$eval('.uw-map__legend li[data-legend-kind]', (li) => li.map((l) => l.getAttribute('data-legend-kind')));
    expect([...legendKinds].sort()).toEqual(kinds);
    expect(await page.locator('.uw-map__legend').isVisible()).toBe(true);
    expect(await page.locator('.uw-map__legend svg').count()).toBeGreaterThanOrEqual(kinds.length);
    await expect.poll(() => page.locator('.leaflet-control-attribution').textContent()).toContain('© OpenStreetMap contributors');
    expect(await page.locator('.leaflet-control-attribution').isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-map-status]').isVisible()).toBe(true);
    expect(await cspViolations(page)).toEqual([]);
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it('(c) shows hostile text as text in the popup, by mouse and by keyboard, with no dialog', async () => {
    const { page, dialogs, consoleErrors } = await open(1280);
    await scrollToMap(page);
    // Mouse: click the hostile line on the map.
    const line = page.locator(`.leaflet-overlay-pane path[data-feature-index="${hostile}"]`);
    const box = (await line.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const popup = page.locator('.leaflet-popup-content');
    await popup.waitFor();
    expect(await popup.textContent()).toContain(HOSTILE);
    expect(await popup.textContent()).toContain('<b>Elm</b>');
    expect(await popup.locator('img, b, script').count()).toBe(0);
    expect(await page.locator('underway-map img:not(.leaflet-tile)').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('.leaflet-popup').waitFor({ state: 'detached' });

    // Keyboard: "Show on map" in the list opens the popup and moves focus into it; Escape brings focus back.
    const button = page.locator(`[data-disruption-list] li[data-feature-index="${hostile}"] [data-show-on-map]`);
    expect(await button.textContent()).toContain('Show on map');
    await button.focus();
    await page.keyboard.press('Enter');
    await popup.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('uw-popup'))).toBe(true);
    expect(await page.locator('.uw-popup[role="dialog"]').getAttribute('aria-labelledby')).toBeTruthy();
    expect(await popup.textContent()).toContain(HOSTILE);
    expect(await popup.locator('img').count()).toBe(0);
    expect(await page.locator('.leaflet-popup-close-button').getAttribute('aria-label')).toBe('Close');
    await page.keyboard.press('Escape');
    await page.locator('.leaflet-popup').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.showOnMap)).toBe(String(hostile));

    // The night-work marker is a keyboard button too.
    const night = features.findIndex((f) => f.properties.kind === 'night-work' && f.geometry.type === 'Point');
    const marker = page.locator(`.leaflet-marker-pane [data-feature-index="${night}"]`);
    expect(await marker.getAttribute('role')).toBe('button');
    expect(await marker.getAttribute('aria-label')).toMatch(/^Night or noisy work: /);
    await marker.focus();
    await page.keyboard.press('Enter');
    await popup.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('uw-popup'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('.leaflet-popup').waitFor({ state: 'detached' });
    expect(await page.evaluate((i) => document.activeElement?.getAttribute('data-feature-index') === String(i), night)).toBe(true);

    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it('(d) is reachable with Tab, shows its focus, and pans with the arrow keys', async () => {
    const { page, consoleErrors } = await open(1280);
    await scrollToMap(page);
    // Tab from the top of the page until the map has focus.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let tabs = 0;
    while (tabs < 150 && !(await page.evaluate(() => document.activeElement?.hasAttribute('data-map-canvas')))) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return {
        canvas: el.hasAttribute('data-map-canvas'),
        visible: el.matches(':focus-visible'),
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
        shadow: style.boxShadow,
        name: el.getAttribute('aria-labelledby') && document.getElementById(el.getAttribute('aria-labelledby')!)?.textContent,
        role: el.getAttribute('role'),
      };
    });
    expect(focused.canvas).toBe(true);
    expect(focused.visible).toBe(true);
    expect(focused.outline).toMatch(/^solid [3-9]/);
    expect(focused.shadow).not.toBe('none');
    expect(focused.name).toBe('Map of street disruptions');
    expect(focused.role).toBe('region');

    const transform = () => page.locator('.leaflet-map-pane').evaluate((el) => (el as HTMLElement).style.transform);
    const before = await transform();
    await page.keyboard.press('ArrowRight');
    await expect.poll(transform).not.toBe(before);
    const afterRight = await transform();
    await page.keyboard.press('ArrowUp');
    await expect.poll(transform).not.toBe(afterRight);
    // + (the = key) zooms in: Leaflet moves its zoom proxy.
    const zoomBefore = await page.evaluate(() => document.querySelector('.leaflet-proxy')?.getAttribute('style'));
    await page.keyboard.press('Equal');
    await expect.poll(() => page.evaluate(() => document.querySelector('.leaflet-proxy')?.getAttribute('style'))).not.toBe(zoomBefore);
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it('(e) follows the day filter: only the features of that day stay drawn', async () => {
    const { page, consoleErrors } = await open(1280);
    await scrollToMap(page);
    expect(await drawn(page)).toEqual(all);
    await page.locator('#day-filter-input').fill('2026-12-08');
    await expect.poll(() => drawn(page)).toEqual(ON_DEC_8);
    const listed = await page.$$eval('[data-disruption-list] li[data-feature-index]:not([hidden])', (li) =>
      li.map((l) => Number(l.getAttribute('data-feature-index'))).sort((a, b) => a - b),
    );
    expect(listed).toEqual(ON_DEC_8);
    await page.locator('[data-day-clear]').click();
    await expect.poll(() => drawn(page)).toEqual(all);

    // A filter set before the map loads applies when it does.
    const second = await open(1280);
    await second.page.locator('#day-filter-input').fill('2026-12-08');
    await scrollToMap(second.page);
    await expect.poll(() => drawn(second.page)).toEqual(ON_DEC_8);
    expect(unexpected(consoleErrors)).toEqual([]);
    expect(unexpected(second.consoleErrors)).toEqual([]);
  });

  it.each([375, 1280])('(f) at %i px: no console errors and no axe violations once the map has loaded', async (width) => {
    // axe-core is injected as an inline script, which the site's CSP forbids; (b) and (c) check the CSP.
    const { page, consoleErrors } = await open(width, { bypassCSP: true });
    await scrollToMap(page);
    await page.waitForTimeout(400);
    let violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    // And with a popup open.
    await page.locator(`[data-disruption-list] li[data-feature-index="${hostile}"] [data-show-on-map]`).click();
    await page.locator('.leaflet-popup-content').waitFor();
    // Once Leaflet's fade-in is over: axe measures contrast at the current opacity.
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')!).opacity === '1');
    violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it('works without JavaScript: legend and list, no map script', async () => {
    const { page, requests } = await open(375, { javaScriptEnabled: false });
    expect(await page.locator('.uw-map__legend').isVisible()).toBe(true);
    expect(await page.locator('.uw-map__legend li[data-legend-kind]').count()).toBe(kinds.length);
    expect(await page.locator('[data-map-placeholder]').textContent()).toContain('needs JavaScript');
    expect(await page.locator('[data-disruption-list] li[data-feature-index]').count()).toBe(features.length);
    expect(requests.filter((r) => isLeaflet(r.url))).toEqual([]);
    // The hostile content is text in the server-rendered data and list, too.
    expect(await page.locator('[data-disruption-list] img').count()).toBe(0);
  });

  it('is left out of print', async () => {
    const { page } = await open(1280);
    await scrollToMap(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('underway-map').isVisible()).toBe(false);
    expect(await page.locator('[data-show-on-map]').first().isVisible()).toBe(false);
    expect(await page.locator('[data-disruption-list]').isVisible()).toBe(true);
  });
});

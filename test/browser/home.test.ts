import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { Geometry } from 'geojson';
import { distance as turfDistance } from '@turf/distance';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import { describeViolations, launch, openPage, runAxe } from '../support/browser.ts';
import { buildAndServe, ROOT, TEST_NOW } from '../support/site-build.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { siteNow } from '../../src/lib/time.ts';

// The demo content (Harbor Falls, 14 projects in 5 neighborhoods), built with SITE_NOW = 2026-12-01T17:00Z.
const CONTENT = path.join(ROOT, 'content');
let browser: Browser;
let base: string;
let close: () => void;

beforeAll(async () => {
  ({ base, close } = await buildAndServe('home', { CONTENT_DIR: CONTENT }));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  close?.();
});

const PHONE = 375;
const DESKTOP = 1280;

async function open(pathname = '/', options: { width?: number; javaScriptEnabled?: boolean; context?: BrowserContextOptions } = {}) {
  const width = options.width ?? DESKTOP;
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 740 : 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: 'en-US',
    ...options.context,
  });
  // Anything the site's Content-Security-Policy blocks (the map's worker, tiles, styles) is recorded.
  await context.addInitScript(() => {
    const w = window as unknown as { nearCsp: string[] };
    w.nearCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.nearCsp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const { page, consoleErrors, external } = await openPage(context);
  if (options.javaScriptEnabled !== false) await page.clock.setFixedTime(new Date(TEST_NOW));
  await page.goto(base + pathname, { waitUntil: 'load' });
  if (options.javaScriptEnabled !== false) await page.waitForSelector('near-me[data-ready]');
  return { page, context, consoleErrors, external };
}

/** Tile requests are blocked in tests; nothing else may fail. */
const unexpected = (errors: string[]) => errors.filter((e) => !/ERR_BLOCKED_BY_CLIENT/.test(e));
const slugs = (page: Page) => page.locator('[data-list] > li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.slug!));
const showAll = async (page: Page) => {
  const more = page.locator('[data-more]');
  while (await more.isVisible()) await more.click();
};

/** The reference: turf's distance from a location to each project's marker and disruptions, in metres (0 inside an area). */
function referenceDistances(lon: number, lat: number): Map<string, number> {
  const loaded = loadContent({ contentDir: CONTENT, now: siteNow({ SITE_NOW: TEST_NOW }), checkBodies: false });
  const out = new Map<string, number>();
  for (const p of loaded.projects.filter((e) => e.isBase)) {
    const geometries: Geometry[] = [{ type: 'Point', coordinates: [p.data.location.lon, p.data.location.lat] }, ...p.disruptions.map((f) => f.geometry as Geometry)];
    let best = Infinity;
    for (const g of geometries) {
      if (g.type === 'Point') best = Math.min(best, turfDistance([lon, lat], g.coordinates, { units: 'meters' }));
      else if (g.type === 'LineString') best = Math.min(best, pointToLineDistance([lon, lat], g, { units: 'meters' }));
      else if (g.type === 'Polygon' || g.type === 'MultiPolygon') best = Math.min(best, Math.max(0, pointToPolygonDistance([lon, lat], g, { units: 'meters' })));
      else throw new Error(`Unexpected ${g.type} in the demo`);
    }
    out.set(p.slug, best);
  }
  return out;
}

describe('home: projects near you', () => {
  it('a fake geolocation orders the list by the distance to each project’s nearest geometry', async () => {
    // In Westgate, between the water tower and the sewer separation area.
    const [lat, lon] = [41.9305, -87.7335];
    const { page, context, consoleErrors } = await open('/', { context: { geolocation: { latitude: lat, longitude: lon }, permissions: ['geolocation'] } });
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => page.locator('[data-list-heading]').innerText()).toBe('Projects nearest to your location');
    await showAll(page);
    const order = await slugs(page);
    const reference = referenceDistances(lon, lat);
    expect(order).toHaveLength(reference.size);
    expect(new Set(order)).toEqual(new Set(reference.keys()));
    // Same order as turf's distances (two projects within 5 m of each other may swap).
    for (let i = 1; i < order.length; i++) expect(reference.get(order[i])! + 5, `${order[i - 1]} before ${order[i]}`).toBeGreaterThanOrEqual(reference.get(order[i - 1])!);
    expect(order[0]).toBe([...reference.entries()].sort((a, b) => a[1] - b[1])[0][0]);
    // Each entry: the distance, the status, and the next disruption or meeting.
    const first = page.locator('[data-list] > li').first();
    expect(await first.locator('.near-item__distance').innerText()).toMatch(/^(Right here|[\d,.]+ (feet|miles?) away)$/);
    expect(await first.locator('.badge').innerText()).toMatch(/^(Planned|Under construction|Complete)$/);
    expect(await first.locator('.near-item__next').innerText()).toMatch(/^(Next: .+, .+\d{4}.*|No upcoming work or meetings)$/);
    // Distances shown never go down the list.
    const shown = await page.locator('[data-list] .near-item__distance').allInnerTexts();
    const feet = shown.map((t) => (t === 'Right here' ? 0 : Number(t.replace(/,/g, '').split(' ')[0]) * (/mile/.test(t) ? 5280 : 1)));
    for (let i = 1; i < feet.length; i++) expect(feet[i]).toBeGreaterThanOrEqual(feet[i - 1] - 60);
    // The location is kept in the address.
    expect(new URL(page.url()).searchParams.get('near')).toBe('41.9305,-87.7335');
    expect(unexpected(consoleErrors)).toEqual([]);
    await context.close();
  });

  it('distance counts the nearest geometry: inside a work zone is "Right here"', async () => {
    // Inside the Elm St work zone polygon, 60 m from the project's marker point.
    const { page, context } = await open('/', { context: { geolocation: { latitude: 41.9195, longitude: -87.6962 }, permissions: ['geolocation'] } });
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => slugs(page).then((s) => s[0])).toBe('elm-street-water-main');
    expect(await page.locator('[data-list] > li').first().locator('.near-item__distance').innerText()).toBe('Right here');
    await context.close();
  });

  it('typing a street finds the right project, with an accessible combobox', async () => {
    const { page, context, consoleErrors } = await open('/');
    const input = page.getByRole('combobox', { name: 'Your street or neighborhood' });
    await input.pressSequentially('oak stre', { delay: 20 });
    const listbox = page.getByRole('listbox');
    await expect.poll(() => listbox.isVisible()).toBe(true);
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    expect(await listbox.getByRole('option').allInnerTexts()).toEqual(['Oak St, street']);
    // The number of suggestions is announced politely.
    await expect.poll(() => page.locator('[data-suggest-live]').innerText()).toBe('1 suggestion. Use the up and down arrow keys to choose.');
    expect(await page.locator('[data-suggest-live]').getAttribute('aria-live')).toBe('polite');
    await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true');
    await input.press('Enter');
    expect(await input.inputValue()).toBe('Oak St');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.locator('[data-list-heading]').innerText()).toBe('Projects nearest to Oak St');
    const order = await slugs(page);
    // The water tower works on Oak St itself; the sewer separation lists Oak St too.
    expect(order.slice(0, 2)).toEqual(['westgate-water-tower', 'westgate-sewer-separation']);
    expect(await page.locator('[data-list] > li').first().locator('.near-item__distance').innerText()).toBe('On Oak St');
    expect(await page.locator('[data-near-status]').textContent()).toContain('Sorted by distance from Oak St. Nearest: Westgate water tower repainting');
    // Escape closes the suggestions, then clears the text.
    await input.fill('');
    await input.pressSequentially('lin');
    await expect.poll(() => listbox.getByRole('option').count()).toBeGreaterThan(1);
    await input.press('Escape');
    expect(await listbox.isVisible()).toBe(false);
    await input.press('Escape');
    expect(await input.inputValue()).toBe('');
    expect(unexpected(consoleErrors)).toEqual([]);
    await context.close();
  });

  it('matches however the street is written, and says so when nothing matches', async () => {
    const { page, context } = await open('/');
    const input = page.getByRole('combobox');
    for (const [typed, first] of [
      ['LAKE ROAD', 'Lake Rd'],
      ['cedar street', 'Cedar St'],
      ['412 Elm Street', 'Elm St'],
      ['linden park', 'Linden Park'],
    ]) {
      await input.fill(typed);
      await page.getByRole('button', { name: 'Find' }).click();
      await expect.poll(() => page.locator('[data-list-heading]').innerText()).toBe(`Projects nearest to ${first}`);
    }
    expect((await slugs(page)).slice(0, 2)).toEqual(expect.arrayContaining(['cedar-street-water-main', 'linden-park-lead-service-lines']));
    await input.fill('Nowhere Lane');
    await input.press('Enter');
    await expect.poll(() => page.locator('[data-near-status]').innerText()).toContain('No street or neighborhood in our projects is called “Nowhere Lane”');
    await context.close();
  });

  it('?near=lat,lon sorts from the link; junk is ignored', async () => {
    const { page, context, consoleErrors } = await open('/?near=41.9677,-87.6893');
    expect(await page.locator('[data-list-heading]').innerText()).toBe('Projects nearest to the location in the link');
    expect((await slugs(page))[0]).toBe('north-plant-filter-upgrade');
    for (const junk of ['abc', '95,10', '41.9,-190', '41.9', '41.9;-87.7', '<b>1</b>,2']) {
      await page.goto(`${base}/?near=${encodeURIComponent(junk)}`);
      await page.waitForSelector('near-me[data-ready]');
      expect(await page.locator('[data-list-heading]').innerText(), junk).toBe('All projects');
      expect((await slugs(page))[0]).toBe('citywide-meter-replacement');
    }
    // A location chosen on the page is written back into the link, and the link restores it.
    await page.getByRole('combobox').fill('Spruce St');
    await page.getByRole('combobox').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('near')).toMatch(/^41\.\d+,-87\.\d+$/);
    const first = (await slugs(page))[0];
    expect(first).toBe('prairie-heights-pump-station');
    await page.goto(page.url());
    await page.waitForSelector('near-me[data-ready]');
    expect((await slugs(page))[0]).toBe(first);
    expect(unexpected(consoleErrors)).toEqual([]);
    await context.close();
  });

  it('the map renders its clusters and markers with every tile blocked; clicks zoom clusters and set the location', async () => {
    const { page, context, consoleErrors, external } = await open('/');
    const frame = page.locator('[data-map-frame]');
    await expect.poll(() => frame.getAttribute('data-map-state'), { timeout: 20_000 }).toBe('ready');
    await expect.poll(() => frame.getAttribute('data-map-clusters').then(Number), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(Number(await frame.getAttribute('data-map-markers'))).toBeGreaterThan(5);
    // The tiles were asked for and blocked; the map says so and still shows the projects.
    expect(external.some((u) => /tile/.test(u))).toBe(true);
    await expect.poll(() => page.locator('[data-map-status]').innerText()).toBe('The street map could not load. The markers still show where each project is.');
    // The canvas shows the status colours of the markers (square brown, diamond purple, circle green).
    const png = PNG.sync.read(await page.locator('[data-map-canvas]').screenshot());
    const count = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4) if (Math.abs(png.data[i] - r) < 12 && Math.abs(png.data[i + 1] - g) < 12 && Math.abs(png.data[i + 2] - b) < 12) n++;
      return n;
    };
    expect(count('#8a4b00')).toBeGreaterThan(50);
    expect(count('#5a3d8a')).toBeGreaterThan(50);
    expect(count('#1d6b35')).toBeGreaterThan(50);
    // A cluster zooms in when clicked.
    const box = (await frame.boundingBox())!;
    const cluster = await page.evaluate(() => {
      const map = (document.querySelector('near-me') as unknown as { mapApi: { map: import('maplibre-gl').Map } }).mapApi.map;
      const f = map.queryRenderedFeatures({ layers: ['clusters'] })[0];
      const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      return { x: p.x, y: p.y, zoom: map.getZoom() };
    });
    await page.mouse.click(box.x + cluster.x, box.y + cluster.y);
    await expect.poll(() => page.evaluate(() => (document.querySelector('near-me') as unknown as { mapApi: { map: import('maplibre-gl').Map } }).mapApi.map.getZoom())).toBeGreaterThan(cluster.zoom);
    await page.waitForFunction(() => !(document.querySelector('near-me') as unknown as { mapApi: { map: import('maplibre-gl').Map } }).mapApi.map.isMoving());
    // A click away from every marker sets "my location".
    const empty = await page.evaluate(() => {
      const map = (document.querySelector('near-me') as unknown as { mapApi: { map: import('maplibre-gl').Map } }).mapApi.map;
      const { clientWidth: w, clientHeight: h } = map.getContainer();
      for (let y = 80; y < h - 60; y += 25)
        for (let x = 40; x < w - 80; x += 25)
          if (!map.queryRenderedFeatures([[x - 25, y - 25], [x + 25, y + 25]], { layers: ['clusters', 'projects'] }).length) return { x, y, lngLat: map.unproject([x, y]).toArray() };
      return null;
    });
    expect(empty).not.toBeNull();
    await page.mouse.click(box.x + empty!.x, box.y + empty!.y);
    await expect.poll(() => page.locator('[data-list-heading]').innerText()).toBe('Projects nearest to the spot you chose on the map');
    const near = new URL(page.url()).searchParams.get('near')!.split(',').map(Number);
    expect(near[0]).toBeCloseTo(empty!.lngLat[1], 3);
    expect(near[1]).toBeCloseTo(empty!.lngLat[0], 3);
    // Within the site's CSP: no violation by the worker, the tiles (loaded as images) or the map's styles.
    expect(await page.evaluate(() => (window as unknown as { nearCsp: string[] }).nearCsp)).toEqual([]);
    expect(unexpected(consoleErrors)).toEqual([]);
    await context.close();
  });

  it('the map library loads only when the map is about to show (phone), and not on the no-JS page', async () => {
    const { page, context } = await open('/', { width: PHONE });
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const chunks = () => requested.filter((n) => /near-map|maplibre/.test(n));
    await page.waitForTimeout(500);
    expect(chunks()).toEqual([]);
    await page.locator('[data-map-frame]').scrollIntoViewIfNeeded();
    await expect.poll(chunks, { timeout: 20_000 }).not.toEqual([]);
    await expect.poll(() => page.locator('[data-map-frame]').getAttribute('data-map-state'), { timeout: 20_000 }).toBe('ready');
    await context.close();
  });

  it('Done: a new visitor on a phone sets a location by street name and the nearest project is first, above the map', async () => {
    const { page, context } = await open('/', { width: PHONE });
    const input = page.getByRole('combobox', { name: 'Your street or neighborhood' });
    // The form is on the first screen.
    expect((await input.boundingBox())!.y + 44).toBeLessThan(740);
    await input.pressSequentially('cedar', { delay: 20 });
    await page.getByRole('option', { name: /Cedar St/ }).click();
    await expect.poll(() => slugs(page).then((s) => s[0])).toBe('cedar-street-water-main');
    const first = (await page.locator('[data-list] > li').first().boundingBox())!;
    const map = (await page.locator('[data-map-frame]').boundingBox())!;
    // The nearest project shows without scrolling, and comes before the map.
    expect(first.y + first.height).toBeLessThanOrEqual(740);
    expect(first.y).toBeLessThan(map.y);
    await context.close();
  });

  it('works in Spanish', async () => {
    const { page, context } = await open('/es/?near=41.9196,-87.6957');
    expect(await page.locator('[data-list-heading]').innerText()).toBe('Proyectos más cercanos a la ubicación del enlace');
    expect((await slugs(page))[0]).toBe('elm-street-water-main');
    expect(await page.locator('[data-list] > li a').first().getAttribute('href')).toBe('/es/projects/elm-street-water-main/');
    await page.getByRole('combobox').fill('Calle Oak');
    await page.getByRole('combobox').press('Enter');
    await expect.poll(() => page.locator('[data-list-heading]').innerText()).toBe('Proyectos más cercanos a Oak St');
    // Untranslated projects link to the English page and say they are in English.
    const fallback = page.locator('[data-list] > li a[lang="en"]').first();
    expect(await fallback.getAttribute('href')).toMatch(/^\/projects\/[a-z0-9-]+\/$/);
    await context.close();
  });
});

describe('home without JavaScript', () => {
  it.each([PHONE, DESKTOP])('lists every project by neighborhood with its status (%i px)', async (width) => {
    const { page, context } = await open('/', { width, javaScriptEnabled: false });
    expect(await page.locator('near-me').isVisible()).toBe(false);
    expect(await page.locator('#near-q').count()).toBe(1);
    expect(await page.locator('#near-q').isVisible()).toBe(false);
    const neighborhoods = await page.locator('[data-by-neighborhood] section h3').allInnerTexts();
    expect(neighborhoods).toEqual(['Linden Park', 'Old Mill', 'Prairie Heights', 'Riverbend', 'Westgate']);
    const cards = page.locator('[data-by-neighborhood] .card');
    const links = await cards.locator('a').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
    expect(links).toHaveLength(14);
    for (const card of await cards.all()) expect(await card.locator('.badge').innerText()).toMatch(/^(Planned|Under construction|Complete)$/);
    // Citywide meter replacement appears in all five neighborhoods.
    expect(await cards.filter({ hasText: 'Citywide water meter replacement' }).count()).toBe(5);
    await context.close();
  });
});

describe('home accessibility', () => {
  it.each([PHONE, DESKTOP])('axe reports no violations at %i px: at first, with suggestions open, and with a location set', async (width) => {
    const { page, context, consoleErrors } = await open('/', { width });
    let violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.getByRole('combobox').pressSequentially('ma');
    await page.getByRole('combobox').press('ArrowDown');
    violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.getByRole('combobox').press('Enter');
    await expect.poll(() => page.locator('near-me[data-located]').count()).toBe(1);
    await page.locator('[data-map-frame]').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('[data-map-frame]').getAttribute('data-map-state'), { timeout: 20_000 }).toBe('ready');
    violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(unexpected(consoleErrors)).toEqual([]);
    await context.close();
  });

  it.each([PHONE, DESKTOP])('axe reports no violations on the no-JS view at %i px', async (width) => {
    // axe needs scripts; block ours and hide what needs them, as the page does with JavaScript off.
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const { page } = await openPage(context);
    await page.route(/NearMe\.astro.*\.js$/, (route) => route.abort());
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.addStyleTag({ content: '.near{display:none!important}' });
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });
});

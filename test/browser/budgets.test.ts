import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from '../support/browser.ts';
import { listPages, TEST_NOW } from '../support/site-build.ts';

/**
 * Byte budgets, in gzip bytes, measured on the built demo in Chromium: what a
 * phone downloads before the resident scrolls to the map. Sizes are
 * deterministic (same content, same build), so the test can enforce them.
 */
const BUDGET = {
  projectJs: 10 * 1024,
  projectTotal: 40 * 1024,
  homeTotal: 60 * 1024,
};

const base = inject('demoUrl');
const dist = inject('demoDist');
let browser: Browser;
beforeAll(async () => {
  if (!base) throw new Error('The demo site was not built (UNDERWAY_SKIP_DEMO=1 is set)');
  browser = await launch();
});
afterAll(async () => browser?.close());

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Loads a page at phone size without scrolling and sums what it fetched from the site, by type. */
async function weigh(pathname: string) {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const { page } = await openPage(context);
  await page.clock.setFixedTime(new Date(TEST_NOW));
  const fetched: string[] = [];
  page.on('requestfinished', (req) => fetched.push(new URL(req.url()).pathname));
  await page.goto(base + pathname, { waitUntil: 'networkidle' });
  await page.waitForTimeout(300);
  await context.close();
  const sizes = { html: 0, css: 0, js: 0, other: 0, files: [] as string[] };
  for (const url of new Set(fetched)) {
    let file = path.join(dist, decodeURIComponent(url));
    if (url.endsWith('/')) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) continue;
    const size = gzipSize(file);
    const kind = file.endsWith('.html') ? 'html' : file.endsWith('.css') ? 'css' : /\.m?js$/.test(file) ? 'js' : 'other';
    sizes[kind] += size;
    sizes.files.push(`${url} ${size}`);
  }
  return sizes;
}

describe('byte budgets (gzip)', () => {
  const projectPages = listPages(dist ?? '').filter((p) => /^\/(es\/)?projects\/[a-z0-9-]+\/$/.test(p) && !/\/(status|neighborhood)\//.test(p));

  it('covers every project page', () => {
    expect(projectPages.length).toBeGreaterThanOrEqual(17);
  });

  it.each(projectPages)('%s: JS before the map loads ≤ 10 KB, HTML+CSS+JS ≤ 40 KB', async (pathname) => {
    const sizes = await weigh(pathname);
    const total = sizes.html + sizes.css + sizes.js;
    console.log(`${pathname}  html ${sizes.html}  css ${sizes.css}  js ${sizes.js}  total ${total} bytes gzip`);
    expect(sizes.js, sizes.files.join('\n')).toBeGreaterThan(0);
    expect(sizes.js, sizes.files.join('\n')).toBeLessThanOrEqual(BUDGET.projectJs);
    expect(total, sizes.files.join('\n')).toBeLessThanOrEqual(BUDGET.projectTotal);
    // Nothing from the map library before the map is scrolled into view.
    expect(sizes.files.join('\n')).not.toMatch(/leaflet/i);
  });

  it.each(['/', '/es/'])('home %s moves at most 60 KB before the map library loads', async (pathname) => {
    const sizes = await weigh(pathname);
    const total = sizes.html + sizes.css + sizes.js + sizes.other;
    console.log(`${pathname}  html ${sizes.html}  css ${sizes.css}  js ${sizes.js}  other ${sizes.other}  total ${total} bytes gzip`);
    expect(total, sizes.files.join('\n')).toBeLessThanOrEqual(BUDGET.homeTotal);
    expect(sizes.files.join('\n')).not.toMatch(/maplibre/i);
  });
});

/**
 * Benchmarks: numbers to watch, not pass/fail tests (npm test never runs them).
 *
 *   npm run bench              near, check and build (at 1,000 projects)
 *   npm run bench -- near      one suite (several names may follow)
 *   npm run bench -- build --n 10000
 *   npm run bench -- --list    the suites and their options
 *
 * Each suite prints what it measured, how, and the budget next to it. The
 * exit code is 0 unless a suite could not run.
 *
 * Suites:
 *   near  "Projects near you" on the home page: sorting 10,000 synthetic
 *         projects by distance in Chromium (budget < 50 ms), the bytes per
 *         project of the data the list needs (budget < 100 B gzip), and the
 *         bytes the demo home page moves before the map library loads
 *         (budget < 60 KB gzip). Options: --dist <built site> to measure an
 *         existing build instead of building the demo.
 *   check    npm run check on N synthetic projects (scripts/bench/synthetic.ts),
 *            median of 3 (budget < 3 s at 1,000).
 *   build    Our full build (check, astro, Pagefind) and a bare Astro + MDX
 *            floor (scripts/bench/floor) on the same N projects: wall time,
 *            peak RSS, pages, dist and Pagefind size, and the ratio to the
 *            floor (budget ≤ 2.0× at 1,000; ≤ 2.5× and < 6 GB at 10,000).
 *   profile  Our build with --cpu-prof; top self time by function, file and
 *            package (scripts/bench/profile.ts).
 *   Options for check, build, profile: --n <projects> (default 1000), --keep
 *   (keep the temporary content, sites, logs and profiles), --ours-only,
 *   --floor-only (build), --top <k> (profile).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { stripTypeScriptTypes } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Geometry } from 'geojson';
import { encodeNearPayload, type LonLat, type NearPayload, type NearPlaceInput, type NearProjectInput, type NearStatus } from '../src/lib/near.ts';
import { describeRange } from '../src/lib/describe-dates.ts';
import { slugify } from '../src/lib/content/load.ts';
import { launch } from '../test/support/browser.ts';
import { buildSite, TEST_NOW } from '../test/support/site-build.ts';
import { serveStatic } from './lib/serve.ts';
import { buildSuite, checkSuite, profileSuite } from './bench/build.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Measure {
  name: string;
  value: number;
  unit: string;
  budget?: number;
  note?: string;
}

interface Suite {
  description: string;
  run(args: string[]): Promise<Measure[]>;
}

/* ------------------------------------------------------------------------ */
/* Suite "near"                                                              */
/* ------------------------------------------------------------------------ */

/** A seeded generator (the same synthetic site every run). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * 10,000 synthetic projects on a 20 × 20 km street grid, shaped like the demo
 * content: water mains and sewers along a street with work zones, closures and
 * detours; lead service lines as short sidewalk closures around a
 * neighborhood; plants and pump stations as a site with night work. Titles,
 * slugs, statuses and next events look like real ones.
 */
export function syntheticSite(count = 10_000, seed = 7): { projects: NearProjectInput[]; places: NearPlaceInput[] } {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const [LON0, LAT0] = [-87.83, 41.84];
  const SPAN_LON = 0.24; // about 20 km
  const SPAN_LAT = 0.18;
  const BLOCK_LON = 0.0024; // a Chicago block, east–west
  const BLOCK_LAT = 0.0018;
  const snap = (v: number, step: number) => Math.round(v / step) * step;
  const trees = ['Elm', 'Oak', 'Maple', 'Ash', 'Birch', 'Cedar', 'Chestnut', 'Hawthorn', 'Hickory', 'Linden', 'Locust', 'Magnolia', 'Mulberry', 'Poplar', 'Redbud', 'Spruce', 'Alder', 'Beech', 'Hazel', 'Laurel', 'Willow', 'Sycamore', 'Walnut', 'Pine', 'Juniper', 'Dogwood', 'Catalpa', 'Cherry', 'Aspen', 'Cypress'];
  const named = ['Main', 'Lake', 'Harbor', 'Prairie', 'Mill', 'River', 'Park', 'Church', 'School', 'Market', 'Bridge', 'Canal', 'Station', 'Union', 'Grand', 'Division', 'Central', 'Western', 'Ridge', 'Forest', 'Garden', 'Spring', 'Summit', 'Sunset', 'Meadow', 'Orchard', 'Quarry', 'Depot', 'Factory', 'Foundry'];
  const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
  const eastWest = [...trees.map((n) => `${n} St`), ...named.map((n) => `${n} ${pick(['St', 'Rd', 'Blvd', 'Dr'])}`)];
  const northSouth = Array.from({ length: 80 }, (_, i) => `${ordinal(i + 1)} Ave`);
  const hoodNames = ['North', 'South', 'East', 'West', 'Old', 'New', 'Upper', 'Lower', 'Little', 'Fair'].flatMap((a) => ['Mill', 'Park', 'Heights', 'Grove', 'Bend', 'Gate', 'Ridge', 'Harbor', 'Field', 'Hollow'].map((b) => `${a} ${b}`));
  const HOODS_X = 10;
  const HOODS_Y = 10;
  const kinds = ['Work zone', 'Road closure', 'Lane closure', 'Detour', 'Water shut-off', 'No parking', 'Sidewalk closed', 'Night work'];
  const meetings = ['Community open house', 'Construction kickoff', 'Site walk', 'Public hearing', 'Neighborhood check-in', 'Meter help desk at the library'];
  const statuses: NearStatus[] = ['active', 'planned', 'complete'];
  const day = (offset: number) => new Date(Date.UTC(2026, 11, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  // Editors draw shapes by hand in a GIS: every position is a few metres off the ideal grid.
  const jitter = ([x, y]: LonLat): LonLat => [x + (rnd() - 0.5) * 0.0001, y + (rnd() - 0.5) * 0.00008];
  const rect = (x: number, y: number, w: number, h: number): Geometry => {
    const ring = ([[x, y], [x + w, y], [x + w, y + h], [x, y + h]] as LonLat[]).map(jitter);
    return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
  };
  const line = (...points: LonLat[]): Geometry => ({ type: 'LineString', coordinates: points.map(jitter) });

  const projects: NearProjectInput[] = [];
  const slugs = new Set<string>();
  const streetProjects = new Map<string, { at: LonLat; projects: number[] }>();
  const hoodProjects = new Map<string, { sum: LonLat; projects: number[] }>();
  for (let i = 0; i < count; i++) {
    const x = LON0 + snap(rnd() * SPAN_LON, BLOCK_LON);
    const y = LAT0 + snap(rnd() * SPAN_LAT, BLOCK_LAT);
    const hood = hoodNames[Math.min(HOODS_Y - 1, Math.floor(((y - LAT0) / SPAN_LAT) * HOODS_Y)) * HOODS_X + Math.min(HOODS_X - 1, Math.floor(((x - LON0) / SPAN_LON) * HOODS_X))];
    const ew = rnd() < 0.5;
    const street = ew ? pick(eastWest) : pick(northSouth);
    const cross = ew ? pick(northSouth) : pick(eastWest);
    const kind = rnd();
    let title: string;
    let geometries: Geometry[] = [];
    const streets = [street, cross];
    if (kind < 0.6) {
      // A main or sewer along a street: 3 to 12 blocks, sometimes turning a corner.
      const blocks = 3 + Math.floor(rnd() * 10);
      const end: LonLat = ew ? [x + blocks * BLOCK_LON, y] : [x, y + blocks * BLOCK_LAT];
      const corner: LonLat[] = rnd() < 0.25 ? [ew ? [end[0], end[1] + 2 * BLOCK_LAT] : [end[0] + 2 * BLOCK_LON, end[1]]] : [];
      const w = 0.00012;
      const k = Math.floor(rnd() * (blocks - 1));
      const a: LonLat = ew ? [x + k * BLOCK_LON, y] : [x, y + k * BLOCK_LAT];
      const b: LonLat = ew ? [a[0] + BLOCK_LON, y] : [x, a[1] + BLOCK_LAT];
      geometries = [
        line([x, y], end, ...corner),
        ew ? rect(a[0], y - w, BLOCK_LON, 2 * w) : rect(x - w, a[1], 2 * w, BLOCK_LAT),
        line(a, b),
        ew ? line(a, [a[0], a[1] + BLOCK_LAT], [b[0], b[1] + BLOCK_LAT], b) : line(a, [a[0] + BLOCK_LON, a[1]], [b[0] + BLOCK_LON, b[1]], b),
        ...(rnd() < 0.5 ? [ew ? line([b[0], y - BLOCK_LAT / 2], [b[0], y]) : line([x - BLOCK_LON / 2, b[1]], [x, b[1]])] : []),
      ];
      title = `${street.replace(/ St$/, ' Street').replace(/ Ave$/, ' Avenue').replace(/ Rd$/, ' Road')} ${pick(['water main replacement', 'water main replacement', 'sewer lining', 'relief sewer', 'transmission main', 'large water main replacement'])}`;
    } else if (kind < 0.85) {
      // Lead service lines: short sidewalk closures around the neighborhood.
      const n = 2 + Math.floor(rnd() * 4);
      for (let k = 0; k < n; k++) {
        const sx = x + snap((rnd() - 0.5) * 8 * BLOCK_LON, BLOCK_LON);
        const sy = y + snap((rnd() - 0.5) * 8 * BLOCK_LAT, BLOCK_LAT);
        geometries.push(rnd() < 0.5 ? line([sx, sy], [sx + BLOCK_LON, sy]) : line([sx, sy], [sx, sy + BLOCK_LAT]));
        streets.push(rnd() < 0.5 ? pick(eastWest) : pick(northSouth));
      }
      title = `${hood} lead service line replacement, Phase ${1 + Math.floor(rnd() * 4)}`;
    } else {
      // A plant, pump station or tank: the site, night work, parking.
      geometries = [rect(x, y, 0.0015, 0.001), { type: 'Point', coordinates: jitter([x + 0.0007, y + 0.0005]) }, line([x, y - 0.0001], [x + 0.0015, y - 0.0001])];
      title = `${hood} ${pick(['pump station replacement', 'pump station backup generator', 'water tower repainting', 'water treatment plant filter upgrade', 'storage tank inspection'])}`;
    }
    let slug = slugify(title).replace(/-replacement$/, '');
    for (let n = 2; slugs.has(slug); n++) slug = `${slugify(title)}-${n}`;
    slugs.add(slug);
    const status = statuses[rnd() < 0.45 ? 0 : rnd() < 0.64 ? 1 : 2];
    let next: NearProjectInput['next'] = null;
    if (status !== 'complete' && rnd() < 0.85) {
      const start = Math.floor(rnd() * 400);
      const timed = rnd() < 0.7;
      const hour = 7 + Math.floor(rnd() * 12);
      const meeting = rnd() < 0.35;
      const s = timed ? `${day(start)}T${String(hour).padStart(2, '0')}:00` : day(start);
      const e = meeting ? `${day(start)}T${String(hour + 2).padStart(2, '0')}:00` : timed ? `${day(start + Math.floor(rnd() * 30))}T17:00` : day(start + Math.floor(rnd() * 60));
      next = { what: meeting ? `Meeting: ${pick(meetings)}` : `${pick(kinds)}, ${pick(streets)}`, when: describeRange(s, e, { lang: 'en', zone: 'America/Chicago' }) };
    }
    const anchor: LonLat = jitter(geometries[0]?.type === 'LineString' ? (geometries[0].coordinates[0] as LonLat) : [x + 0.0007, y + 0.0005]);
    projects.push({ slug, title, status, next, anchor, geometries });
    for (const s of new Set(streets)) {
      const entry = streetProjects.get(s) ?? { at: anchor, projects: [] };
      entry.projects.push(i);
      streetProjects.set(s, entry);
    }
    const h = hoodProjects.get(hood) ?? { sum: [0, 0], projects: [] };
    h.sum = [h.sum[0] + anchor[0], h.sum[1] + anchor[1]];
    h.projects.push(i);
    hoodProjects.set(hood, h);
  }
  const places: NearPlaceInput[] = [
    ...[...streetProjects].map(([name, e]): NearPlaceInput => ({ name, kind: 'street', at: e.at, projects: e.projects })),
    ...[...hoodProjects].map(([name, e]): NearPlaceInput => ({ name, kind: 'neighborhood', at: [e.sum[0] / e.projects.length, e.sum[1] / e.projects.length], projects: e.projects })),
  ];
  return { projects, places };
}

const gzip = (data: string | Buffer) => zlib.gzipSync(data, { level: 6 }).length;

/** A tiny server for the sort benchmark: a blank page, near.ts as JavaScript, and the payload. */
function benchServer(payload: string): Promise<http.Server & { port: number }> {
  const nearJs = stripTypeScriptTypes(fs.readFileSync(path.join(ROOT, 'src/lib/near.ts'), 'utf8'));
  const server = http.createServer((req, res) => {
    if (req.url === '/near.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(nearJs);
    else if (req.url === '/payload.json') res.writeHead(200, { 'Content-Type': 'application/json' }).end(payload);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>bench</title><p>near bench</p>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(Object.assign(server, { port: (server.address() as AddressInfo).port }))));
}

async function nearSuite(args: string[]): Promise<Measure[]> {
  const out: Measure[] = [];
  const N = 10_000;

  // 1. The bytes the near-me list needs, per project.
  const site = syntheticSite(N);
  const payload = encodeNearPayload(site.projects, site.places);
  const json = JSON.stringify(payload);
  const projectsOnly: NearPayload = { ...payload, pn: [], pk: '', pa: '', pp: [] };
  const geometryOnly = JSON.stringify(payload.g);
  out.push(
    { name: `near-me data per project (${N.toLocaleString('en')} synthetic projects, everything incl. street index)`, value: gzip(json) / N, unit: 'B gzip', budget: 100, note: `${(gzip(json) / 1024).toFixed(0)} KB gzip, ${(json.length / 1024).toFixed(0)} KB raw in all` },
    { name: '  of which projects (slug, title, status, next event, geometry)', value: gzip(JSON.stringify(projectsOnly)) / N, unit: 'B gzip' },
    { name: '  of which geometry alone', value: gzip(geometryOnly) / N, unit: 'B gzip', note: `${(geometryOnly.length / N).toFixed(1)} B raw` },
  );

  // 2. Sorting in Chromium: decode once, then sort from 40 random places (the first one cold).
  const server = await benchServer(json);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/`);
    const timing = await page.evaluate(async () => {
      const Near = await import('/near.js' as string);
      const payload = await (await fetch('/payload.json')).json();
      const t0 = performance.now();
      const data = Near.decodeNearPayload(payload);
      const decode = performance.now() - t0;
      let seed = 3;
      const rnd = () => ((seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296);
      const runs: number[] = [];
      for (let k = 0; k < 40; k++) {
        const lon = -87.83 + rnd() * 0.24;
        const lat = 41.84 + rnd() * 0.18;
        const s = performance.now();
        const { order } = Near.sortByDistance(data.index, lon, lat);
        runs.push(performance.now() - s);
        if (order.length !== data.projects.length) throw new Error('bad sort');
      }
      const first = runs[0];
      const sorted = [...runs].sort((a, b) => a - b);
      return { decode, first, median: sorted[Math.floor(sorted.length / 2)], p90: sorted[Math.floor(sorted.length * 0.9)], max: sorted[sorted.length - 1], count: data.projects.length };
    });
    out.push(
      { name: `sort ${timing.count.toLocaleString('en')} projects by nearest geometry in Chromium, median of 40`, value: timing.median, unit: 'ms', budget: 50 },
      { name: '  90th percentile of 40 (the first, cold run included)', value: timing.p90, unit: 'ms', budget: 50, note: `first (cold) run ${timing.first.toFixed(1)} ms, slowest ${timing.max.toFixed(1)} ms; on a busy machine a garbage collection or another process can add an outlier` },
      { name: '  decoding the data once (when first needed, or when the browser is idle)', value: timing.decode, unit: 'ms' },
    );
  } finally {
    await browser.close();
    server.close();
  }

  // 3. What the demo home page moves before the map library loads.
  let dist = args[args.indexOf('--dist') + 1];
  if (!args.includes('--dist') || !dist) {
    process.stdout.write('Building the demo site (content/, SITE_NOW fixed) into test/.output/bench-home/ …\n');
    const built = buildSite('bench-home', { CONTENT_DIR: path.join(ROOT, 'content') });
    if (built.status !== 0) throw new Error(`The demo did not build:\n${built.stdout}\n${built.stderr}`);
    dist = built.dist;
  }
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const attr = /data-near="([^"]*)"/.exec(html)?.[1] ?? '';
  const demoJson = attr.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const demo = JSON.parse(demoJson) as NearPayload;
  const demoCount = demo.s.length;
  const demoList = JSON.stringify({ ...demo, pn: [], pk: '', pa: '', pp: [] });
  out.push(
    { name: `the demo's own near-me data (${demoCount} projects, in the page), everything`, value: gzip(demoJson) / demoCount, unit: 'B gzip per project', note: `${gzip(demoJson)} B gzip in all; its street and neighborhood index (${demo.pn.length} names) is a fixed cost that 14 projects do not spread` },
    { name: `  of which the list's own data (slug, title, status, next event, geometry)`, value: gzip(demoList) / demoCount, unit: 'B gzip per project' },
  );

  const site2 = await serveStatic({ root: dist });
  const browser2 = await launch();
  try {
    for (const [label, width, height] of [
      ['phone 375×740', 375, 740],
      ['desktop 1280×900', 1280, 900],
    ] as const) {
      const context = await browser2.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.route('**/*', (route) => (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
      const moved: { url: string; bytes: number; before: boolean }[] = [];
      let mapRequested = false;
      page.on('request', (r) => {
        if (/near-map|maplibre/.test(r.url())) mapRequested = true;
      });
      const pending: Promise<void>[] = [];
      page.on('response', (r) => {
        const before = !mapRequested && !/near-map|maplibre/.test(r.url());
        pending.push(
          r
            .body()
            .then((body) => void moved.push({ url: r.url(), bytes: gzip(body), before }))
            .catch(() => {}),
        );
      });
      await page.goto(`http://127.0.0.1:${site2.port}/`, { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      await Promise.all(pending);
      const before = moved.filter((m) => m.before);
      const total = before.reduce((s, m) => s + m.bytes, 0);
      const files = before.map((m) => `${new URL(m.url).pathname.replace(/^.*\//, '') || '/'} ${(m.bytes / 1024).toFixed(1)}`).join(', ');
      out.push({ name: `demo home page, ${label}: bytes before the map library loads`, value: total / 1024, unit: 'KB gzip', budget: 60, note: `${before.length} files (KB gzip): ${files}; map library ${mapRequested ? 'loaded afterwards' : 'not loaded (map below the fold)'}` });
      await context.close();
    }
  } finally {
    await browser2.close();
    site2.close();
  }
  return out;
}

/* ------------------------------------------------------------------------ */

const SUITES: Record<string, Suite> = {
  near: { description: 'Projects near you: sort speed, data size, home page bytes. Options: --dist <built site>', run: nearSuite },
  check: { description: 'npm run check on N synthetic projects, median of 3 (budget < 3 s at 1,000). Options: --n <projects> (default 1000), --keep', run: checkSuite },
  build: { description: 'Full build vs a bare Astro + MDX floor on N synthetic projects: wall time, peak RSS, pages, dist and Pagefind size, ratio (≤ 2.0× at 1,000; ≤ 2.5× and < 6 GB at 10,000). Options: --n <projects>, --ours-only, --floor-only, --keep', run: buildSuite },
  profile: { description: 'Full build with node --cpu-prof on N synthetic projects: top self time by function, file and package. Options: --n <projects>, --top <k> (default 15), --keep', run: profileSuite },
};

/** What `npm run bench` runs with no suite named. */
const DEFAULT_SUITES = ['near', 'check', 'build'];

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const [name, suite] of Object.entries(SUITES)) console.log(`${name}\t${suite.description}`);
    console.log(`\nWith no suite named: ${DEFAULT_SUITES.join(', ')} (check and build at 1,000 projects).`);
    return;
  }
  const optionValues = new Set(args.flatMap((a, i) => (['--dist', '--n', '--top'].includes(a) ? [args[i + 1]] : [])));
  const names = args.filter((a) => !a.startsWith('--') && !optionValues.has(a));
  const unknown = names.filter((n) => !(n in SUITES));
  if (unknown.length) {
    console.error(`Unknown suite: ${unknown.join(', ')}. Suites: ${Object.keys(SUITES).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  process.env.SITE_NOW ??= TEST_NOW;
  for (const name of names.length ? names : DEFAULT_SUITES) {
    console.log(`\n== ${name}: ${SUITES[name].description}\n`);
    const results = await SUITES[name].run(args);
    for (const m of results) {
      const value = m.value < 10 ? m.value.toFixed(2) : m.value.toFixed(1);
      const budget = m.budget === undefined ? '' : m.value < m.budget ? `  (budget < ${m.budget}: ok)` : `  (budget < ${m.budget}: OVER)`;
      console.log(`${m.name}: ${value} ${m.unit}${budget}`);
      if (m.note) console.log(`    ${m.note}`);
    }
  }
}

if (import.meta.main) await main();

// npm run lighthouse: Lighthouse's accessibility score for one page of each
// type (home, project, meetings, printable notice, alert when the site has
// alerts), run against Debian's Chromium on the built site, printed as a table.
//
//   npm run lighthouse                      serves dist/ (build it first)
//   npm run lighthouse -- --dist test/.output/demo
//   npm run lighthouse -- --url http://localhost:4321/
//   npm run lighthouse -- --performance     home and project pages, mobile profile, tiles blocked
//
// CHROME_PATH (or CHROMIUM_PATH) picks the browser; default /usr/bin/chromium.
// Exit code 1 when a page scores below 100.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveStatic } from './lib/serve.ts';

export const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'];

export interface PageScore {
  type: string;
  path: string;
  score: number | null;
  /** Failed accessibility audits: "id: title". */
  failures: string[];
}

/** One page of each type that the built site at `root` has: [type, path] with paths relative to the base. */
export function pageTypes(root: string): [string, string][] {
  const has = (p: string) => fs.existsSync(path.join(root, p, 'index.html'));
  const dirs = (p: string) => (fs.existsSync(path.join(root, p)) ? fs.readdirSync(path.join(root, p), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : []);
  const reserved = new Set(['neighborhood', 'status']);
  const projects = dirs('projects').filter((s) => !reserved.has(s) && has(`projects/${s}`));
  const project = projects.includes('elm-street-water-main') ? 'elm-street-water-main' : projects[0];
  const noticeOf = [project, ...projects].find((s) => s && has(`projects/${s}/notice`));
  const alert = dirs('alerts').find((a) => has(`alerts/${a}`));
  const pages: [string, string | undefined][] = [
    ['home', ''],
    ['project', project && `projects/${project}/`],
    ['meetings', 'meetings/'],
    ['notice', noticeOf && `projects/${noticeOf}/notice/`],
    ['alert', alert && `alerts/${alert}/`],
  ];
  return pages.filter((p): p is [string, string] => p[1] !== undefined && has(p[1]));
}

/**
 * Runs Lighthouse on each page of `pages` under `baseUrl` (ending in /): the
 * accessibility category by default, or performance with Lighthouse's default
 * mobile profile (simulated slow 4G, mid-range phone) and third-party map tiles
 * blocked, as the issue asks.
 */
export async function lighthouseScores(baseUrl: string, pages: [string, string][], chromePath = process.env.CHROME_PATH || process.env.CHROMIUM_PATH || '/usr/bin/chromium', category: 'accessibility' | 'performance' = 'accessibility'): Promise<PageScore[]> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  const scores: PageScore[] = [];
  try {
    for (const [type, page] of pages) {
      const settings =
        category === 'accessibility'
          ? { onlyCategories: ['accessibility'], throttlingMethod: 'provided' as const, disableFullPageScreenshot: true }
          : { onlyCategories: ['performance'], blockedUrlPatterns: ['*tile.openstreetmap.org*', '*://*.tile.*'], disableFullPageScreenshot: true };
      const result = await lighthouse(
        new URL(page, baseUrl).href,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [category] },
        { extends: 'lighthouse:default', settings },
      );
      if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const scored = lhr.categories[category];
      const failures = scored.auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => `${a.id}: ${a.title}`);
      scores.push({ type, path: '/' + page, score: scored.score === null ? null : Math.round(scored.score * 100), failures: category === 'accessibility' ? failures : [] });
    }
  } finally {
    chrome.kill();
  }
  return scores;
}

export function formatTable(scores: PageScore[], category = 'accessibility'): string {
  const rows = [['page type', 'path', category], ...scores.map((s) => [s.type, s.path, s.score === null ? 'n/a' : String(s.score)])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  const failures = scores.flatMap((s) => s.failures.map((f) => `  ${s.path}  ${f}`));
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), ...(failures.length ? ['', 'Failed audits:', ...failures] : [])].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({ options: { dist: { type: 'string' }, url: { type: 'string' }, base: { type: 'string' }, performance: { type: 'boolean' } } });
  const category = values.performance ? 'performance' : 'accessibility';
  const root = path.resolve(values.dist ?? process.env.UNDERWAY_DIST ?? 'dist');
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`No built site in ${root}: run npm run build first (or pass --dist <folder>).`);
    process.exit(1);
  }
  const base = values.base ?? process.env.SITE_BASE ?? '/';
  let close = () => {};
  let baseUrl = values.url;
  if (!baseUrl) {
    const server = await serveStatic({ root, base });
    baseUrl = `http://127.0.0.1:${server.port}${base}`;
    close = () => server.close();
  }
  if (!baseUrl.endsWith('/')) baseUrl += '/';
  try {
    const pages = values.performance ? pageTypes(root).filter(([type]) => type === 'home' || type === 'project') : pageTypes(root);
    const scores = await lighthouseScores(baseUrl, pages, undefined, category);
    console.log(formatTable(scores, category));
    // Accessibility must be 100; performance (mobile) at least 95.
    process.exitCode = scores.every((s) => (s.score ?? 0) >= (values.performance ? 95 : 100)) ? 0 : 1;
  } finally {
    close();
  }
}

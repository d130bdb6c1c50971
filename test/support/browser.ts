import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.ts';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

export async function launch(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is not installed: sudo apt-get install -y chromium');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * A page that records console errors and failed requests, and blocks every
 * request that leaves localhost (map tiles included), as CI has no network.
 */
export async function openPage(context: BrowserContext) {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const external: string[] = [];
  page.on('console', (msg) => {
    // Requests to other hosts (map tiles) are blocked on purpose below; the browser reports each one.
    if (msg.type() === 'error' && !/net::ERR_BLOCKED_BY_CLIENT/.test(msg.text())) consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.protocol === 'data:') return route.continue();
    external.push(url.href);
    return route.abort('blockedbyclient');
  });
  return { page, consoleErrors, external };
}

const AXE_SOURCE = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core in the page with the WCAG 2.2 AA tags. */
export async function runAxe(page: Page, tags = AXE_TAGS): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no inline
  // scripts) stays on for the test and axe still runs.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (runTags) => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: runTags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  }, tags);
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')}  ${n.html}`).join('\n  ')}`).join('\n');
}

// npm run notices: PDFs of every construction notice and meeting flyer, for
// print shops, in US Letter and A4, written to dist/notices/. It prints the
// built site with the installed Chromium, so run `npm run build` first. It is
// optional and never part of the build.
//
//   npm run notices                  both paper sizes
//   npm run notices -- --letter      US Letter only
//   npm run notices -- --a4          A4 only
//   UNDERWAY_DIST=path npm run notices   another built site
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './lib/serve.ts';
import { CHROMIUM_ARGS, findChromium } from '../test/support/chromium.ts';

const dist = path.resolve(process.env.UNDERWAY_DIST || 'dist');
const args = process.argv.slice(2);
const formats = (['Letter', 'A4'] as const).filter((f) => !(args.includes('--letter') || args.includes('--a4')) || args.includes(`--${f.toLowerCase()}`));

const executablePath = findChromium();
if (!executablePath) {
  console.error(
    [
      'npm run notices prints with Chromium, which is not installed on this machine.',
      '',
      'On Debian or Ubuntu:   sudo apt-get update && sudo apt-get install -y chromium',
      'On macOS (Homebrew):   brew install --cask chromium',
      '',
      'Or point CHROMIUM_PATH at an installed Chromium or Google Chrome, e.g.',
      '    CHROMIUM_PATH=/usr/bin/google-chrome npm run notices',
      '',
      'The website itself does not need Chromium: residents print notices from their own browser.',
    ].join('\n'),
  );
  process.exit(1);
}
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`There is no built site in ${path.relative(process.cwd(), dist) || '.'}/. Run npm run build first.`);
  process.exit(1);
}

/** Every printable page of the built site: .../notice/ and .../meetings/<id>/flyer/. */
function printablePages(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '_astro' || entry.name === 'pagefind' || entry.name === 'notices') continue;
      const abs = path.join(dir, entry.name);
      const rel = '/' + path.relative(root, abs).split(path.sep).join('/') + '/';
      if (/\/(notice|meetings\/[^/]+\/flyer)\/$/.test(rel) && fs.existsSync(path.join(abs, 'index.html'))) found.push(rel);
      else walk(abs);
    }
  };
  walk(root);
  return found.sort();
}

/** /es/projects/elm/meetings/kickoff/flyer/ → elm.es.kickoff-flyer */
function fileName(route: string): string {
  const m = /^\/(?:([a-z]{2,3}(?:-[A-Z]{2})?)\/)?projects\/([^/]+)\/(?:notice|meetings\/([^/]+)\/flyer)\/$/.exec(route);
  if (!m) return route.replace(/^\/|\/$/g, '').replace(/\//g, '-');
  const [, lang, slug, meeting] = m;
  return [slug, lang, meeting ? `${meeting}-flyer` : 'notice'].filter(Boolean).join('.');
}

const pages = printablePages(dist);
if (!pages.length) {
  console.error('The built site has no notices or flyers. Rebuild it with npm run build.');
  process.exit(1);
}
const outDir = path.join(dist, 'notices');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const server = await serveStatic({ root: dist, base: '/' });
const origin = `http://127.0.0.1:${server.port}`;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const started = Date.now();
let written = 0;
const problems: string[] = [];
try {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // The pages are self-contained; anything leaving this machine is a bug.
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin || url.protocol === 'data:') return route.continue();
    problems.push(`${url.href} was requested (blocked)`);
    return route.abort('blockedbyclient');
  });
  for (const route of pages) {
    await page.goto(origin + route, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    for (const format of formats) {
      const file = path.join(outDir, `${fileName(route)}.${format.toLowerCase()}.pdf`);
      const pdf = await page.pdf({ format, printBackground: true });
      fs.writeFileSync(file, pdf);
      const count = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      if (count !== 1) problems.push(`${path.basename(file)} has ${count} pages, not 1`);
      written++;
    }
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}
console.log(`Wrote ${written} PDFs (${pages.length} pages × ${formats.join(' and ')}) to ${path.relative(process.cwd(), outDir)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (problems.length) {
  console.error(problems.map((p) => `  problem: ${p}`).join('\n'));
  process.exit(1);
}

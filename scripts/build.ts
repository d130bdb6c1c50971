// npm run build: check the content, build with Astro, index with Pagefind, then
// swap the finished site into dist/. Any failure leaves the previous dist/ as it was.
import fs from 'node:fs';
import path from 'node:path';
import { readEnv } from '../src/lib/env.ts';
import { CONTENT_ERRORS_EXIT_CODE } from '../src/lib/shared-content.ts';
import { indexWithPagefind } from '../src/integration/pagefind.ts';
import { run } from './lib/run.ts';

const env = readEnv();
const outDir = path.resolve(process.env.UNDERWAY_DIST || 'dist');
const workDir = path.resolve('.underway');

// Leftovers of builds that were killed midway.
fs.mkdirSync(workDir, { recursive: true });
for (const name of fs.readdirSync(workDir)) {
  const pid = Number(/^(?:build|old|share)-(\d+)-/.exec(name)?.[1]);
  if (pid && !isRunning(pid)) fs.rmSync(path.join(workDir, name), { recursive: true, force: true });
}

const staging = path.join(workDir, `build-${process.pid}-${Date.now()}`);
// Astro's first step is the full content check (src/integration/underway.ts), which
// prints the same report as npm run check and stops before anything is written.
console.log(`Checking and building ${env.contentDir}`);
// Share pictures rendered ahead (src/integration/share-ahead.ts); named after this
// process, so a later build can tell when it was abandoned.
const shareDir = path.join(workDir, `share-${process.pid}-${Date.now()}`);
const code = await run('astro', ['build'], { UNDERWAY_OUT_DIR: staging, UNDERWAY_BUILD_SCRIPT: '1', UNDERWAY_SHARE_DIR: shareDir });
fs.rmSync(shareDir, { recursive: true, force: true });
if (code === CONTENT_ERRORS_EXIT_CODE) {
  fs.rmSync(staging, { recursive: true, force: true });
  console.error(`\nBuild refused: the content has errors. ${fs.existsSync(outDir) ? 'The previous site in dist/ is unchanged.' : ''}`);
  process.exit(1);
}
const failed = (why: string): never => {
  fs.rmSync(staging, { recursive: true, force: true });
  console.error(`\nBuild failed${why}. ${fs.existsSync(outDir) ? 'The previous site in dist/ is unchanged.' : ''}`);
  process.exit(1);
};
if (code !== 0) failed(` (exit code ${code})`);
if (!fs.existsSync(path.join(staging, 'index.html'))) failed(': the output was incomplete');

// Search index, after Astro has exited and freed its memory (it peaked above 5 GB at 10,000 projects).
try {
  const t = performance.now();
  const pages = await indexWithPagefind(staging);
  console.log(`Pagefind indexed ${pages} pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  failed(': Pagefind could not index the site');
}
if (!fs.existsSync(path.join(staging, 'pagefind', 'pagefind.js'))) failed(': the search index is missing');

// Two renames on one filesystem: dist/ is either the old site or the new one.
const old = path.join(workDir, `old-${process.pid}-${Date.now()}`);
fs.mkdirSync(path.dirname(outDir), { recursive: true });
if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
fs.renameSync(staging, outDir);
fs.rmSync(old, { recursive: true, force: true });
console.log(`\nSite built into ${path.relative(process.cwd(), outDir) || '.'}/`);

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed process nobody reaped (common in containers) still answers kill(pid, 0).
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

// npm run build: check the content, build with Astro, index with Pagefind, then
// swap the finished site into dist/. Any failure leaves the previous dist/ as it was.
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../src/lib/content/load.ts';
import { readEnv } from '../src/lib/env.ts';
import { formatReport } from '../src/lib/problems.ts';
import { run } from './lib/run.ts';

const env = readEnv();
const outDir = path.resolve(process.env.UNDERWAY_DIST || 'dist');
const workDir = path.resolve('.underway');

console.log(`Checking ${env.contentDir}`);
const { problems } = loadContent({ contentDir: env.contentDir, now: env.now });
if (problems.length) console.log(formatReport(problems));
if (problems.some((p) => p.severity === 'error')) {
  console.error(`\nBuild refused: the content has errors. ${fs.existsSync(outDir) ? 'The previous site in dist/ is unchanged.' : ''}`);
  process.exit(1);
}

// Leftovers of builds that were killed midway.
fs.mkdirSync(workDir, { recursive: true });
for (const name of fs.readdirSync(workDir)) {
  const pid = Number(/^(?:build|old)-(\d+)-/.exec(name)?.[1]);
  if (pid && !isRunning(pid)) fs.rmSync(path.join(workDir, name), { recursive: true, force: true });
}

const staging = path.join(workDir, `build-${process.pid}-${Date.now()}`);
const code = await run('astro', ['build'], { UNDERWAY_OUT_DIR: staging, UNDERWAY_CHECKED: '1' });
const complete = code === 0 && fs.existsSync(path.join(staging, 'index.html')) && fs.existsSync(path.join(staging, 'pagefind', 'pagefind.js'));
if (!complete) {
  fs.rmSync(staging, { recursive: true, force: true });
  console.error(`\nBuild failed${code ? ` (exit code ${code})` : ': the output was incomplete'}. ${fs.existsSync(outDir) ? 'The previous site in dist/ is unchanged.' : ''}`);
  process.exit(1);
}

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
    return true;
  } catch {
    return false;
  }
}

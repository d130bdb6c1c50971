// npm test: every test. Unit tests first (fast), then the build tests and the
// browser tests against built fixture sites. Browser tests never skip silently:
// without Chromium this installs it (as root) or stops with the command to run.
import { ensureChromium, ensureDebianTool } from '../test/support/chromium.ts';
import { run } from './lib/run.ts';

const chromium = ensureChromium();
if (!chromium) process.exit(1);
// trang converts the shipped Atom schema for the feed validation tests.
if (!ensureDebianTool('trang', 'trang')) process.exit(1);
// pdfinfo and pdftotext check the printed notices.
if (!ensureDebianTool('pdfinfo', 'poppler-utils')) process.exit(1);
// GNU time measures the builds in the benchmark's own test.
if (!ensureDebianTool('time', 'time')) process.exit(1);

let failed = false;
console.log('\n━━ types ━━');
// astro sync writes .astro/types.d.ts (the astro:content types) on a fresh clone.
if ((await run('astro', ['sync'])) !== 0 || (await run('tsc', ['--noEmit', '-p', '.'])) !== 0) failed = true;
else console.log('No type errors.');

const suites: [string, string[]][] = [
  ['unit', ['run']],
  ['build and browser', ['run', '--config', 'vitest.e2e.config.ts']],
];
for (const [name, args] of suites) {
  console.log(`\n━━ ${name} tests ━━`);
  const code = await run('vitest', [...args, ...process.argv.slice(2)], { CHROMIUM_PATH: chromium });
  if (code !== 0) failed = true;
}
process.exit(failed ? 1 : 0);

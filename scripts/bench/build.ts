/**
 * The build benchmark suites (wired into scripts/bench.ts):
 *
 *   check    `npm run check` (node scripts/check.ts) on N synthetic projects.
 *            Target: under 3 s at N = 1,000.
 *   build    Our full build (node scripts/build.ts: check, astro, Pagefind,
 *            every page) and the floor (scripts/bench/floor: bare Astro + MDX,
 *            one page per project rendering the same MDX bodies), both cold,
 *            on the same N synthetic projects. Targets: ours ≤ 2.0× the floor
 *            at 1,000, ≤ 2.5× at 10,000 with peak RSS < 6 GB. Also the floor
 *            with Underway's outputs (scripts/bench/floor-outputs: the same
 *            files per project, trivial content, then Pagefind), which shows
 *            how much of the gap is Astro's own cost per output.
 *   profile  Our build once more with NODE_OPTIONS=--cpu-prof; prints the top
 *            self-time functions, files and packages of each Node process.
 *
 * Options: --n <projects> (default 1000), --keep (keep the temporary folders
 * and print where they are), --floor-only / --ours-only / --no-matched (build suite).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticContent } from './synthetic.ts';
import { dirBytes, measure, pageCount, type RunResult } from './measure.ts';
import { printSummary, profilesIn, summarise } from './profile.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'node_modules/.bin');
const NODE = process.execPath;

export interface Measure {
  name: string;
  value: number;
  unit: string;
  budget?: number;
  note?: string;
}

export function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
}

let workRootDir: string | undefined;
/** The temporary folder of this run (created when first needed). */
const workRoot = () => (workRootDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'underway-bench-')));
const contentDirs = new Map<number, string>();
let cleanupRegistered = false;

/** The synthetic content for N projects (written once per run, deterministic). */
function content(n: number, keep: boolean): string {
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.on('exit', () => {
      if (keep) console.log(`\nBenchmark files kept in ${workRoot()}`);
      else fs.rmSync(workRoot(), { recursive: true, force: true });
      // Astro's cache for our builds lives in .underway/cache/<sha1(contentDir)>.
      for (const dir of contentDirs.values()) fs.rmSync(path.join(ROOT, '.underway/cache', cacheKey(dir)), { recursive: true, force: true });
    });
  }
  let dir = contentDirs.get(n);
  if (!dir) {
    dir = path.join(workRoot(), `content-${n}`);
    const t = performance.now();
    writeSyntheticContent({ dir, count: n });
    console.log(`Generated ${n.toLocaleString('en')} synthetic projects in ${((performance.now() - t) / 1000).toFixed(1)} s: ${dir}`);
    contentDirs.set(n, dir);
  }
  return dir;
}

const cacheKey = (contentDir: string) => crypto.createHash('sha1').update(path.resolve(contentDir)).digest('hex').slice(0, 10);

const env = (contentDir: string, extra: Record<string, string> = {}) => ({
  CONTENT_DIR: contentDir,
  SITE_NOW: process.env.SITE_NOW || '2026-12-01T17:00:00Z',
  PATH: `${BIN}${path.delimiter}${process.env.PATH}`,
  ...extra,
});

const s = (ms: number) => ms / 1000;
const mb = (kb: number) => kb / 1024;

function failIfBad(what: string, r: RunResult, logFile: string) {
  if (r.code !== 0) throw new Error(`${what} failed (exit code ${r.code}); log: ${logFile}\n${r.log.slice(-3000)}`);
}

/* ---------------------------------------------------------------- check */

export async function checkSuite(args: string[]): Promise<Measure[]> {
  const n = Number(option(args, '--n', '1000'));
  const keep = args.includes('--keep');
  const dir = content(n, keep);
  const out: Measure[] = [];
  const runs: RunResult[] = [];
  for (let i = 0; i < 3; i++) {
    const logFile = path.join(workRoot(), `check-${n}-${i}.log`);
    const r = await measure(NODE, [path.join(ROOT, 'scripts/check.ts')], { cwd: ROOT, env: env(dir), logFile });
    failIfBad('npm run check', r, logFile);
    runs.push(r);
  }
  const walls = runs.map((r) => r.wallMs).sort((a, b) => a - b);
  const summary = /No errors.*|\d+ errors?.*/.exec(runs[0].log)?.[0] ?? '';
  out.push({ name: `npm run check on ${n.toLocaleString('en')} projects (node scripts/check.ts), median of 3`, value: s(walls[1]), unit: 's', budget: n <= 1000 ? 3 : undefined, note: `runs ${walls.map((w) => s(w).toFixed(2)).join(', ')} s; peak RSS ${mb(runs[0].maxRssKb).toFixed(0)} MB; checker says: ${summary}` });
  return out;
}

/* ---------------------------------------------------------------- build */

interface BuildFigures {
  label: string;
  dist: string;
  run: RunResult;
  pages: number;
  distBytes: number;
  pagefindBytes: number;
}

async function buildOurs(dir: string, tag: string, extraEnv: Record<string, string> = {}): Promise<BuildFigures> {
  const dist = path.join(workRoot(), `ours-${tag}`, 'dist');
  fs.rmSync(path.dirname(dist), { recursive: true, force: true });
  fs.rmSync(path.join(ROOT, '.underway/cache', cacheKey(dir)), { recursive: true, force: true });
  const logFile = path.join(workRoot(), `ours-${tag}.log`);
  console.log(`  building Underway (node scripts/build.ts) → ${dist}  (log ${logFile})`);
  const r = await measure(NODE, [path.join(ROOT, 'scripts/build.ts')], { cwd: ROOT, env: env(dir, { UNDERWAY_DIST: dist, ...extraEnv }), logFile });
  failIfBad('Our build', r, logFile);
  return { label: 'Underway (check + astro + Pagefind)', dist, run: r, pages: pageCount(dist), distBytes: dirBytes(dist), pagefindBytes: dirBytes(path.join(dist, 'pagefind')) };
}

async function buildFloor(dir: string, tag: string, withOutputs = false): Promise<BuildFigures> {
  const base = path.join(workRoot(), `${withOutputs ? 'floor-outputs' : 'floor'}-${tag}`);
  fs.rmSync(base, { recursive: true, force: true });
  const root = path.join(base, 'root');
  // A copy of the fixture, so Astro's .astro/ and cache never land in the repository.
  fs.cpSync(path.join(ROOT, 'scripts/bench/floor'), root, { recursive: true });
  if (withOutputs) fs.cpSync(path.join(ROOT, 'scripts/bench/floor-outputs'), root, { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  const dist = path.join(base, 'dist');
  const logFile = path.join(workRoot(), `${withOutputs ? 'floor-outputs' : 'floor'}-${tag}.log`);
  const label = withOutputs ? "floor with Underway's outputs (+ Pagefind)" : 'floor (bare Astro + MDX)';
  console.log(`  building the ${label} → ${dist}  (log ${logFile})`);
  const [cmd, cmdArgs] = withOutputs ? [NODE, [path.join(root, 'build.ts'), root, dist]] : [path.join(BIN, 'astro'), ['build', '--root', root]];
  const zone = /^timeZone:\s*(\S+)/m.exec(fs.readFileSync(path.join(dir, 'site.yaml'), 'utf8'))?.[1] ?? 'UTC';
  const r = await measure(cmd, cmdArgs, { cwd: root, env: env(dir, { FLOOR_OUT_DIR: dist, FLOOR_CACHE_DIR: path.join(base, 'cache'), FLOOR_TIME_ZONE: zone, ...(withOutputs ? { FLOOR_LANGUAGES: 'es' } : {}) }), logFile });
  failIfBad(`The ${label} build`, r, logFile);
  return { label, dist, run: r, pages: pageCount(dist), distBytes: dirBytes(dist), pagefindBytes: dirBytes(path.join(dist, 'pagefind')) };
}

/** Every file a build wrote for the synthetic projects (p-00001 …), sorted. */
function projectFiles(dist: string): string[] {
  return fs
    .readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dist, path.join(e.parentPath, e.name)))
    .filter((f) => /(^|\/)p-\d{5}(\/|$)/.test(f) && !f.startsWith('pagefind/'))
    .sort();
}

function table(rows: BuildFigures[]): string {
  const head = ['build', 'wall s', 'CPU s', 'peak RSS (1 proc) MB', 'peak RSS (tree sum) MB', 'pages', 'dist MB', 'pagefind MB'];
  const body = rows.map((r) => [r.label, s(r.run.wallMs).toFixed(1), s(r.run.cpuMs).toFixed(1), mb(r.run.maxRssKb).toFixed(0), mb(r.run.treeRssKb).toFixed(0), String(r.pages), (r.distBytes / 1048576).toFixed(1), r.pagefindBytes ? (r.pagefindBytes / 1048576).toFixed(1) : '-']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export async function buildSuite(args: string[]): Promise<Measure[]> {
  const n = Number(option(args, '--n', '1000'));
  const keep = args.includes('--keep');
  const dir = content(n, keep);
  const rows: BuildFigures[] = [];
  if (!args.includes('--floor-only')) rows.push(await buildOurs(dir, String(n)));
  if (!args.includes('--ours-only')) rows.push(await buildFloor(dir, String(n)));
  if (!args.includes('--ours-only') && !args.includes('--no-matched')) rows.push(await buildFloor(dir, String(n), true));
  console.log(`\n${table(rows)}\n`);
  const out: Measure[] = [];
  const ours = rows.find((r) => r.label.startsWith('Underway'));
  const floor = rows.find((r) => r.label.startsWith('floor ('));
  const matched = rows.find((r) => r.label.startsWith('floor with'));
  for (const r of rows) {
    const who = r.label.startsWith('Underway') ? 'Underway' : r === matched ? "floor with Underway's outputs" : 'floor';
    out.push({ name: `${who} build, ${n.toLocaleString('en')} projects: wall time`, value: s(r.run.wallMs), unit: 's', note: `${r.pages} pages, dist ${(r.distBytes / 1048576).toFixed(1)} MB${r.pagefindBytes ? `, Pagefind index ${(r.pagefindBytes / 1048576).toFixed(1)} MB` : ''}; peak RSS ${mb(r.run.maxRssKb).toFixed(0)} MB (largest process), ${mb(r.run.treeRssKb).toFixed(0)} MB (whole tree, ${r.run.processes} processes at most)` });
  }
  if (ours && floor) {
    const ratio = ours.run.wallMs / floor.run.wallMs;
    const target = n <= 1000 ? 2.0 : 2.5;
    console.log(`Ratio Underway / floor at ${n.toLocaleString('en')} projects: ${ratio.toFixed(2)}× (target ≤ ${target}×): ${ratio <= target ? 'PASS' : 'FAIL'}`);
    out.push({ name: `Underway / floor wall time, ${n.toLocaleString('en')} projects`, value: ratio, unit: '×', budget: target });
    // CPU time spread perfectly over every core is the fastest any schedule could finish.
    const cores = os.availableParallelism();
    const bound = ours.run.cpuMs / cores / floor.run.wallMs;
    console.log(
      `Our build used ${s(ours.run.cpuMs).toFixed(1)} s of CPU: even spread perfectly over this machine's ${cores} cores it could not finish in under ${s(ours.run.cpuMs / cores).toFixed(1)} s, ${bound.toFixed(2)}× the floor`,
    );
    out.push({ name: `Underway CPU time / cores / floor wall time (lower bound of the ratio on ${cores} cores), ${n.toLocaleString('en')} projects`, value: bound, unit: '×' });
  }
  if (matched && floor) {
    const ratio = matched.run.wallMs / floor.run.wallMs;
    console.log(`Ratio floor with Underway's outputs / floor at ${n.toLocaleString('en')} projects: ${ratio.toFixed(2)}× (Astro's and Pagefind's own cost for the same files, before any of our code)`);
    out.push({ name: `floor with Underway's outputs / floor wall time, ${n.toLocaleString('en')} projects`, value: ratio, unit: '×' });
  }
  if (ours && matched) {
    // The reference is only fair if it writes the same files per project as we do.
    const [a, b] = [projectFiles(ours.dist), projectFiles(matched.dist)];
    const [inA, inB] = [new Set(a), new Set(b)];
    const onlyOurs = a.filter((f) => !inB.has(f));
    const onlyMatched = b.filter((f) => !inA.has(f));
    console.log(
      onlyOurs.length + onlyMatched.length === 0
        ? `Per-project files: the same ${a.length.toLocaleString('en')} in both builds`
        : `Per-project files differ: ${onlyOurs.length} only in ours (${onlyOurs.slice(0, 3).join(', ')}), ${onlyMatched.length} only in the reference (${onlyMatched.slice(0, 3).join(', ')})`,
    );
    const ratio = ours.run.wallMs / matched.run.wallMs;
    console.log(`Ratio Underway / floor with Underway's outputs at ${n.toLocaleString('en')} projects: ${ratio.toFixed(2)}× (what our own code costs)`);
    out.push({ name: `Underway / floor with Underway's outputs wall time, ${n.toLocaleString('en')} projects`, value: ratio, unit: '×' });
  }
  if (ours && n >= 10_000) {
    const gb = ours.run.treeRssKb / 1048576;
    console.log(`Peak RSS of our build (whole tree): ${gb.toFixed(2)} GB (target < 6 GB): ${gb < 6 ? 'PASS' : 'FAIL'}`);
    out.push({ name: `Underway peak RSS (whole tree), ${n.toLocaleString('en')} projects`, value: gb, unit: 'GB', budget: 6 });
  }
  return out;
}

/* ---------------------------------------------------------------- profile */

export async function profileSuite(args: string[]): Promise<Measure[]> {
  const n = Number(option(args, '--n', '1000'));
  const keep = args.includes('--keep');
  const dir = content(n, keep);
  const profDir = path.join(workRoot(), `profile-${n}`);
  fs.rmSync(profDir, { recursive: true, force: true });
  fs.mkdirSync(profDir, { recursive: true });
  const top = Number(option(args, '--top', '15'));
  // 1. npm run check alone.
  const checkDir = path.join(profDir, 'check');
  fs.mkdirSync(checkDir);
  const checked = await measure(NODE, [`--cpu-prof`, `--cpu-prof-dir=${checkDir}`, '--cpu-prof-interval=1000', path.join(ROOT, 'scripts/check.ts')], { cwd: ROOT, env: env(dir) });
  console.log(`\nnpm run check with --cpu-prof, ${n.toLocaleString('en')} projects: ${s(checked.wallMs).toFixed(1)} s\n`);
  for (const f of profilesIn(checkDir)) console.log(`${printSummary(summarise(f), top)}\n`);
  // 2. The whole build.
  const built = await buildOurs(dir, `profile-${n}`, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir} --cpu-prof-interval=1000` });
  const files = profilesIn(profDir);
  console.log(`\n${files.length} CPU profiles in ${profDir} (one per Node process, largest first)\n`);
  const out: Measure[] = [{ name: `Underway build with --cpu-prof, ${n.toLocaleString('en')} projects`, value: s(built.run.wallMs), unit: 's', note: `profiles: ${profDir}${keep ? '' : ' (deleted at exit; add --keep to keep them)'}` }];
  for (const f of files.slice(0, 3)) {
    const summary = summarise(f);
    if (summary.totalMs < 500) continue;
    console.log(`${printSummary(summary, top)}\n`);
  }
  return out;
}

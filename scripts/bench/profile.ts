/**
 * Summarises V8 .cpuprofile files (from node --cpu-prof): self time by
 * function, by file, and by package or source folder.
 *
 *   node scripts/bench/profile.ts <dir or .cpuprofile files> [--top 15]
 */
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  byFunction: [string, number][];
  byFile: [string, number][];
  byPackage: [string, number][];
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function shortUrl(url: string): string {
  if (!url) return '(native / V8)';
  let u = url.replace(/^file:\/\//, '');
  u = u.replace(/\?.*$/, '');
  if (u.startsWith(ROOT)) u = path.relative(ROOT, u);
  return u;
}

/** node_modules/<pkg> (or @scope/pkg), src/<folder>, node:internal, … */
function packageOf(url: string): string {
  const u = shortUrl(url);
  const nm = u.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (u.startsWith('node:')) return 'node: (Node.js internals)';
  if (u.startsWith('src/') || u.startsWith('scripts/')) return u.split('/').slice(0, 3).join('/');
  if (u.startsWith('(')) return u;
  if (u.includes('/dist/') || u.includes('/chunks/')) return 'built site code (dist chunks)';
  return u.split('/').slice(0, 2).join('/');
}

export function summarise(file: string): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const fn = new Map<string, number>();
  const fl = new Map<string, number>();
  const pk = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const { callFrame: c } = byId.get(id)!;
    const ms = us / 1000;
    total += ms;
    const name = c.functionName || '(anonymous)';
    const key = ['(idle)', '(program)', '(garbage collector)', '(root)'].includes(name) ? name : `${name}  ${shortUrl(c.url)}:${c.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    const fkey = c.url ? shortUrl(c.url) : name;
    fl.set(fkey, (fl.get(fkey) ?? 0) + ms);
    const pkey = c.url ? packageOf(c.url) : name;
    pk.set(pkey, (pk.get(pkey) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { file, totalMs: total, byFunction: sorted(fn), byFile: sorted(fl), byPackage: sorted(pk) };
}

export function printSummary(s: ProfileSummary, top = 15): string {
  const lines: string[] = [];
  const pct = (ms: number) => `${((ms / s.totalMs) * 100).toFixed(1).padStart(5)}%`;
  const row = ([k, ms]: [string, number]) => `  ${(ms / 1000).toFixed(2).padStart(7)} s ${pct(ms)}  ${k}`;
  lines.push(`${path.basename(s.file)}: ${(s.totalMs / 1000).toFixed(1)} s sampled`);
  lines.push(` top ${top} functions by self time:`, ...s.byFunction.slice(0, top).map(row));
  lines.push(` top ${top} files by self time:`, ...s.byFile.slice(0, top).map(row));
  lines.push(` by package / source folder:`, ...s.byPackage.slice(0, top).map(row));
  return lines.join('\n');
}

/** The .cpuprofile files in dir, largest (longest-running process) first. */
export function profilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;
  const inputs = args.filter((a, i) => !a.startsWith('--') && i !== topAt + 1);
  if (!inputs.length) {
    console.error('Usage: node scripts/bench/profile.ts <dir or .cpuprofile files> [--top 15]');
    process.exit(2);
  }
  const files = inputs.flatMap((p) => (fs.statSync(p).isDirectory() ? profilesIn(p) : [p]));
  for (const f of files) console.log(`${printSummary(summarise(f), top)}\n`);
}

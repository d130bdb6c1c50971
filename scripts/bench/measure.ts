/**
 * Runs a command under GNU time (`/usr/bin/time -v`) and samples the whole
 * process tree's resident memory from /proc every 200 ms.
 *
 * - wallMs: elapsed time measured here (and GNU time's own, which agrees).
 * - maxRssKb: GNU time's "Maximum resident set size": the largest single
 *   process of the tree (it is the max over the process and its waited-for
 *   children, not their sum).
 * - treeRssKb: the largest sum of VmRSS over every process of the tree seen
 *   in one 200 ms sample: what the machine had to hold at once.
 * - cpuMs: GNU time's user + system time of the process and its waited-for
 *   children: the work, whatever the number of cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface RunResult {
  code: number;
  wallMs: number;
  maxRssKb: number;
  treeRssKb: number;
  /** Peak number of processes in the tree. */
  processes: number;
  cpuMs: number;
  log: string;
}

const TIME = '/usr/bin/time';

/** Installs Debian's `time` package when /usr/bin/time is missing (we run as root in CI). */
export function ensureGnuTime(): void {
  if (fs.existsSync(TIME)) return;
  const asRoot = process.getuid?.() === 0;
  if (!asRoot) throw new Error('GNU time is missing: run  sudo apt-get install -y time');
  console.log('Installing GNU time (apt-get install -y time) …');
  spawnSync('apt-get', ['install', '-y', 'time'], { stdio: 'inherit' });
  if (!fs.existsSync(TIME)) throw new Error('Could not install GNU time');
}

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may contain spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(name));
      map.set(ppid, list);
    } catch {
      // The process ended between readdir and read.
    }
  }
  return map;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The sum of VmRSS over pid and all its descendants, and how many there are. */
export function treeRss(root: number): { kb: number; count: number } {
  const kids = children();
  let kb = 0;
  let count = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    kb += rssKb(pid);
    count++;
    stack.push(...(kids.get(pid) ?? []));
  }
  return { kb, count };
}

export function measure(cmd: string, args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string; logFile?: string; echo?: boolean } = {}): Promise<RunResult> {
  ensureGnuTime();
  const timeFile = path.join(fs.mkdtempSync('/tmp/underway-time-'), 'time.txt');
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(TIME, ['-v', '-o', timeFile, cmd, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const logFd = opts.logFile ? fs.openSync(opts.logFile, 'w') : undefined;
    const take = (chunk: Buffer) => {
      log += chunk.toString();
      if (logFd !== undefined) fs.writeSync(logFd, chunk);
      if (opts.echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let treeRssKb = 0;
    let processes = 0;
    const sample = () => {
      if (!child.pid) return;
      const { kb, count } = treeRss(child.pid);
      // GNU time itself is ~2 MB; leave it in, it is part of the tree we started.
      treeRssKb = Math.max(treeRssKb, kb);
      processes = Math.max(processes, count);
      // For long runs: the peak so far, readable while the build goes on.
      if (opts.logFile && ++samples % 25 === 0) fs.writeFileSync(`${opts.logFile}.peak`, `elapsed ${((performance.now() - start) / 1000).toFixed(0)} s, tree RSS now ${(kb / 1024).toFixed(0)} MB, peak ${(treeRssKb / 1024).toFixed(0)} MB, ${count} processes\n`);
    };
    let samples = 0;
    const timer = setInterval(sample, 200);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallMs = performance.now() - start;
      const report = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8') : '';
      fs.rmSync(path.dirname(timeFile), { recursive: true, force: true });
      const maxRssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? 0);
      const seconds = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(report)?.[1] ?? 0);
      const cpuMs = (seconds('User') + seconds('System')) * 1000;
      if (logFd !== undefined) {
        fs.writeSync(logFd, `\n--- /usr/bin/time -v ---\n${report}`);
        fs.closeSync(logFd);
      }
      resolve({ code: code ?? 1, wallMs, maxRssKb, treeRssKb, processes, cpuMs, log });
    });
  });
}

/** Total bytes of the files under dir. */
export function dirBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Pages: index.html files under dir. */
export function pageCount(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name === 'index.html').length;
}

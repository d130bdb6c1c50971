import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '../../scripts/lib/serve.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OUTPUT = path.join(ROOT, 'test/.output');
/** The fixed "today" of every test build, so nothing depends on the real date. */
export const TEST_NOW = '2026-12-01T17:00:00Z';

export interface BuildResult {
  status: number;
  stdout: string;
  stderr: string;
  dist: string;
}

/** Runs a script of ours (scripts/<name>.ts) on the pinned Node, as `npm run` would. */
export function runScript(name: string, args: string[] = [], env: Record<string, string> = {}) {
  const bin = path.join(ROOT, 'node_modules/.bin');
  const result = spawnSync(path.join(bin, 'node'), [path.join(ROOT, 'scripts', `${name}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, SITE_NOW: TEST_NOW, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Builds a content folder into test/.output/<name>/ with the real build script. */
export function buildSite(name: string, env: Record<string, string> = {}): BuildResult {
  const dist = path.join(OUTPUT, name);
  const result = runScript('build', [], { UNDERWAY_DIST: dist, ...env });
  return { ...result, dist };
}

/** Builds a content folder (as buildSite) and serves it; a failed build throws with its output. */
export async function buildAndServe(name: string, env: Record<string, string> = {}) {
  const built = buildSite(name, env);
  if (built.status !== 0) throw new Error(`The ${name} site did not build:\n${built.stdout}\n${built.stderr}`);
  const server = await serveStatic({ root: built.dist });
  return { dist: built.dist, base: `http://127.0.0.1:${server.port}`, close: () => server.close() };
}

/** Every HTML page of a built site, as site paths (e.g. /projects/elm/). */
export function listPages(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'pagefind' && entry.name !== '_astro') walk(abs);
      } else if (entry.name.endsWith('.html')) {
        const rel = path.relative(dist, abs).split(path.sep).join('/');
        out.push('/' + rel.replace(/index\.html$/, ''));
      }
    }
  };
  walk(dist);
  return out.sort();
}

/** Path → sha256 of every file under a folder, to prove a folder was left untouched. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(dir, abs)] = crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite, ROOT, TEST_NOW, snapshot } from '../support/site-build.ts';

const VALID = path.join(ROOT, 'test/fixtures/valid-site');
const WORK = path.join(ROOT, '.underway');


const stagingDirs = () => (fs.existsSync(WORK) ? fs.readdirSync(WORK).filter((n) => n.startsWith('build-')) : []);
// Share pictures rendered ahead by the killed build (src/integration/share-ahead.ts).
const shareDirs = () => (fs.existsSync(WORK) ? fs.readdirSync(WORK).filter((n) => n.startsWith('share-')) : []);

describe('fail-safe publishing', () => {
  it('a build killed midway leaves the previous site complete and untouched', async () => {
    const first = buildSite('killed', { CONTENT_DIR: VALID });
    expect(first.status, first.stdout + first.stderr).toBe(0);
    const before = snapshot(first.dist);
    const existing = new Set([...stagingDirs(), ...shareDirs()]);

    // Start a second build and kill it (and Astro under it) once Astro has started writing.
    const bin = path.join(ROOT, 'node_modules/.bin');
    const child = spawn(path.join(bin, 'node'), ['scripts/build.ts'], {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, SITE_NOW: TEST_NOW, CONTENT_DIR: VALID, UNDERWAY_DIST: first.dist },
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const started = Date.now();
    let killedWhileWriting = false;
    while (Date.now() - started < 60_000) {
      const staging = stagingDirs().filter((n) => !existing.has(n));
      if (staging.some((n) => fs.readdirSync(path.join(WORK, n), { recursive: true }).length > 0)) {
        process.kill(-child.pid!, 'SIGKILL');
        killedWhileWriting = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await exited;
    expect(killedWhileWriting).toBe(true);
    expect(snapshot(first.dist)).toEqual(before);

    // The next build clears the abandoned staging folder and publishes normally.
    const again = buildSite('killed', { CONTENT_DIR: VALID });
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect([...stagingDirs(), ...shareDirs()].filter((n) => !existing.has(n))).toEqual([]);
    expect(fs.existsSync(path.join(again.dist, 'index.html'))).toBe(true);
  });
});

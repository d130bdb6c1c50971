import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/site-build.ts';

/**
 * `npm run bench -- build` on a handful of synthetic projects: the harness itself
 * (not the figures, which belong to the benchmark) must keep working, print the
 * ratio to the floor, the CPU lower bound and the floor with our outputs, and
 * that floor must still write the same files per project as our build.
 */
describe('npm run bench -- build', () => {
  it('builds ours, the floor and the floor with our outputs, and prints every ratio', () => {
    const bin = path.join(ROOT, 'node_modules/.bin');
    const run = spawnSync(path.join(bin, 'node'), ['scripts/bench.ts', 'build', '--n', '8'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
      timeout: 240_000,
    });
    const out = run.stdout + run.stderr;
    expect(run.status, out).toBe(0);
    const row = (label: string) => new RegExp(`^\\| ${label.replace(/[()+]/g, '\\$&')}\\s+\\|\\s+[\\d.]+ \\|\\s+[\\d.]+ \\|\\s+\\d+ \\|\\s+\\d+ \\|\\s+(\\d+) \\|`, 'm');
    // 8 projects: each has at least its page, Spanish twin and notice; the floor has one page each.
    expect(Number(row('Underway (check + astro + Pagefind)').exec(out)?.[1])).toBeGreaterThanOrEqual(8 * 3);
    expect(Number(row('floor (bare Astro + MDX)').exec(out)?.[1])).toBe(8 + 1);
    expect(Number(row("floor with Underway's outputs (+ Pagefind)").exec(out)?.[1])).toBeGreaterThanOrEqual(8 * 3);
    expect(out).toMatch(/^Ratio Underway \/ floor at 8 projects: \d+\.\d\d× \(target ≤ 2×\): (PASS|FAIL)$/m);
    expect(out).toMatch(/^Our build used \d+\.\d s of CPU: even spread perfectly over this machine's \d+ cores it could not finish in under \d+\.\d s, \d+\.\d\d× the floor$/m);
    expect(out).toMatch(/^Ratio floor with Underway's outputs \/ floor at 8 projects: \d+\.\d\d×/m);
    expect(out).toMatch(/^Ratio Underway \/ floor with Underway's outputs at 8 projects: \d+\.\d\d×/m);
    // Page, twin, notice, share picture, calendar, feed, GeoJSON copy: 7 files per project, plus .ics and flyers.
    const same = /^Per-project files: the same ([\d,]+) in both builds$/m.exec(out);
    expect(same, out).not.toBeNull();
    expect(Number(same![1].replace(/,/g, ''))).toBeGreaterThanOrEqual(8 * 7);
  }, 300_000);
});

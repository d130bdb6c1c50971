import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite, listPages, OUTPUT, ROOT, runScript, snapshot } from '../support/site-build.ts';

const VALID = path.join(ROOT, 'test/fixtures/valid-site');
const BROKEN = path.join(ROOT, 'test/fixtures/broken-site');
const DEMO = path.join(ROOT, 'content');


describe('npm run check', () => {
  it('exits 0 on the demo content', () => {
    const result = runScript('check', [], { CONTENT_DIR: DEMO });
    expect(result.stdout).toMatch(/No errors/);
    expect(result.status).toBe(0);
  });
});

describe('npm run build', () => {
  it('refuses broken content with the checker’s messages and leaves the previous site untouched', () => {
    const first = buildSite('keep', { CONTENT_DIR: VALID });
    expect(first.status, first.stdout + first.stderr).toBe(0);
    const before = snapshot(first.dist);
    expect(Object.keys(before).length).toBeGreaterThan(5);

    const second = buildSite('keep', { CONTENT_DIR: BROKEN });
    expect(second.status).toBe(1);
    // The same file:line:column  field  message lines as npm run check.
    expect(second.stdout).toMatch(/^projects\/[a-z0-9-]+\/index\.mdx:\d+:\d+ {2}\S+ {2}error: /m);
    // Every one of them, as npm run check lists them (the report is long: nothing may be cut off).
    const problemLines = (out: string) => out.split('\n').filter((l) => /^\S.*:\d+:\d+ {2}/.test(l));
    const checked = runScript('check', [], { CONTENT_DIR: BROKEN });
    expect(problemLines(checked.stdout).length).toBeGreaterThan(60);
    expect(problemLines(second.stdout)).toEqual(problemLines(checked.stdout));
    expect(second.stderr).toMatch(/previous site in dist\/ is unchanged/);
    expect(snapshot(second.dist)).toEqual(before);
  });

  it('reports a broken site.yaml with the checker’s messages too, whatever the mistake', () => {
    const cases = fs.readdirSync(path.join(ROOT, 'test/fixtures/broken-site-config'));
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const name of cases) {
      const result = buildSite('broken-config', { CONTENT_DIR: path.join(ROOT, 'test/fixtures/broken-site-config', name) });
      expect(result.status, name).toBe(1);
      expect(result.stdout, `${name}: ${result.stdout}${result.stderr}`).toMatch(/^site\.yaml:\d+:\d+ {2}\S+ {2}error: /m);
      expect(result.stderr, name).toMatch(/Build refused: the content has errors/);
    }
  });

  it('gives byte-identical HTML under TZ=UTC and TZ=Asia/Tokyo with the same SITE_NOW', () => {
    const utc = buildSite('tz-utc', { CONTENT_DIR: DEMO, TZ: 'UTC' });
    expect(utc.status, utc.stdout + utc.stderr).toBe(0);
    const tokyo = buildSite('tz-tokyo', { CONTENT_DIR: DEMO, TZ: 'Asia/Tokyo' });
    expect(tokyo.status, tokyo.stdout + tokyo.stderr).toBe(0);
    const pages = listPages(utc.dist);
    expect(pages.length).toBeGreaterThan(10);
    expect(listPages(tokyo.dist)).toEqual(pages);
    const html = (dist: string) =>
      Object.fromEntries(Object.entries(snapshot(dist)).filter(([file]) => file.endsWith('.html')));
    expect(html(tokyo.dist)).toEqual(html(utc.dist));
  });
});

describe('npm run new', () => {
  it('creates a project that passes check and builds, and never overwrites it', () => {
    const content = fs.mkdtempSync(path.join(os.tmpdir(), 'underway-new-'));
    fs.cpSync(VALID, content, { recursive: true });
    const created = runScript('new', ['Oak Street water main'], { CONTENT_DIR: content });
    expect(created.status, created.stderr).toBe(0);
    const file = path.join(content, 'projects/oak-street-water-main/index.mdx');
    expect(fs.existsSync(file)).toBe(true);

    const check = runScript('check', [], { CONTENT_DIR: content });
    expect(check.status, check.stdout).toBe(0);
    expect(check.stdout).not.toMatch(/oak-street-water-main.*error/);

    const built = buildSite('new-project', { CONTENT_DIR: content });
    expect(built.status, built.stdout + built.stderr).toBe(0);
    const page = fs.readFileSync(path.join(built.dist, 'projects/oak-street-water-main/index.html'), 'utf8');
    expect(page).toContain('Oak Street water main');

    fs.appendFileSync(file, '\nAn editor wrote this.\n');
    const edited = fs.readFileSync(file, 'utf8');
    const again = runScript('new', ['Oak Street water main'], { CONTENT_DIR: content });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe(edited);
    fs.rmSync(content, { recursive: true, force: true });
  });
});


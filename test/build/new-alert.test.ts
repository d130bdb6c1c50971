import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { ROOT, runScript, TEST_NOW } from '../support/site-build.ts';

/**
 * `npm run new -- --alert KIND` in a content folder as a new utility has it:
 * site.yaml and projects/, and no alerts/templates/ at all.
 */

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function emptySite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'underway-new-alert-'));
  made.push(dir);
  // The demo's site.yaml without its ladder: a new utility's.
  const site = fs.readFileSync(path.join(ROOT, 'content/site.yaml'), 'utf8').replace(/\n# Urgent alerts[\s\S]*$/, '\n');
  fs.writeFileSync(path.join(dir, 'site.yaml'), site);
  fs.copyFileSync(path.join(ROOT, 'content/service-area.geojson'), path.join(dir, 'service-area.geojson'));
  fs.copyFileSync(path.join(ROOT, 'content/logo.svg'), path.join(dir, 'logo.svg'));
  fs.mkdirSync(path.join(dir, 'projects'));
  return dir;
}

describe('npm run new -- --alert KIND', () => {
  it('in a folder without templates, copies the starter (English and Spanish, not yet approved) and scaffolds an alert with no expiry', () => {
    const dir = emptySite();
    const r = runScript('new', ['--alert', 'boil-water'], { CONTENT_DIR: dir });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    // It never answers with the command that was just typed.
    expect(r.stdout + r.stderr).not.toContain('npm run new -- --alert boil-water');
    const template = fs.readFileSync(path.join(dir, 'alerts/templates/boil-water.yaml'), 'utf8');
    expect(template).toBe(fs.readFileSync(path.join(ROOT, 'src/templates/alerts/boil-water.yaml'), 'utf8'));
    expect(template).toMatch(/^approved: false$/m);
    expect(template).toMatch(/^en:$/m);
    expect(template).toMatch(/^es:$/m);
    const id = `boil-water-${DateTime.fromISO(TEST_NOW).setZone('America/Chicago').toFormat('yyyy-MM-dd')}`;
    const alert = fs.readFileSync(path.join(dir, `alerts/${id}.mdx`), 'utf8');
    expect(alert).not.toMatch(/^expires:/m);
    expect(alert).toMatch(/^ {4}level: boil-water-advisory$/m);

    // Once the editor gives the area, the checker accepts it, in force until further notice.
    fs.writeFileSync(path.join(dir, `alerts/${id}.mdx`), alert.replace('  area: ""', '  area: Westgate').replace('  projects: []', '  polygon: { type: Polygon, coordinates: [[[-87.74, 41.91], [-87.72, 41.91], [-87.72, 41.94], [-87.74, 41.91]]] }'));
    const later = DateTime.fromISO(TEST_NOW).plus({ days: 5 });
    const { problems, alerts } = loadContent({ contentDir: dir, now: later, checkBodies: false });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The only warning on it: nobody approved the starter yet.
    expect(problems.filter((p) => p.file.startsWith('alerts/')).map((p) => p.message)).toEqual([expect.stringContaining('not approved yet')]);
    expect(alerts[0].wording[0].en.summary).toMatch(/until further notice/);
    expect(alerts[0].wording[0].es.summary).toMatch(/hasta nuevo aviso/);
  });

  it('never overwrites: the template stays as the editor left it, and a second alert the same day gets -2', () => {
    const dir = emptySite();
    expect(runScript('new', ['--alert', 'do-not-drink'], { CONTENT_DIR: dir }).status).toBe(0);
    const file = path.join(dir, 'alerts/templates/do-not-drink.yaml');
    const edited = fs.readFileSync(file, 'utf8').replace('approved: false', 'approved: Legal, 2026-12-01');
    fs.writeFileSync(file, edited);
    const second = runScript('new', ['--alert', 'do-not-drink'], { CONTENT_DIR: dir });
    expect(second.status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(edited);
    expect(fs.readdirSync(path.join(dir, 'alerts')).filter((f) => f.endsWith('.mdx')).sort()).toEqual([expect.stringMatching(/^do-not-drink-\d{4}-\d\d-\d\d-2\.mdx$/), expect.stringMatching(/^do-not-drink-\d{4}-\d\d-\d\d\.mdx$/)]);
    expect(fs.readFileSync(path.join(dir, 'alerts', fs.readdirSync(path.join(dir, 'alerts')).find((f) => f.endsWith('.mdx'))!), 'utf8')).toMatch(/^ {4}level: do-not-drink$/m);
  });

  it('an unknown kind lists the starters and the templates, and changes nothing', () => {
    const dir = emptySite();
    const r = runScript('new', ['--alert', 'boil'], { CONTENT_DIR: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('There is no template or starter wording called "boil"');
    expect(r.stderr).toContain('all-clear, boil-water, do-not-drink, do-not-use, low-pressure, unplanned-outage, water-quality');
    expect(fs.existsSync(path.join(dir, 'alerts'))).toBe(false);
  });
});

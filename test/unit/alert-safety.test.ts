import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Problem } from '../../src/lib/problems.ts';

/**
 * Issue 13: wording that always matches the level, the utility's own ladder,
 * no silent end, starter templates. Each case writes a small content folder
 * (site.yaml, the starter templates of src/templates/alerts/, one alert) and
 * runs the checker on it, so every line number below is the line of the text
 * written here.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const STARTERS = path.join(ROOT, 'src/templates/alerts');
const NOW = DateTime.fromISO('2026-12-01T17:00:00Z', { setZone: true });
const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const SITE = `name: Lakeview Water & Sewer
url: https://projects.lakeviewwater.org
timeZone: America/Chicago
languages:
  default: en
  others: [es]
contacts:
  phone: 555-010-0100
  email: projects@lakeviewwater.org
  address: [100 Main St]
  hours: Monday to Friday, 8 am to 5 pm
  emergency: 555-010-0199
serviceArea:
  bbox: [-87.95, 41.64, -87.52, 42.03]
`;
const SAME = `alerts:
  same:
    geocodes: ["017031"]
`;

const POLYGON = `area:
  polygon:
    type: Polygon
    coordinates:
      - - [-87.74, 41.91]
        - [-87.72, 41.91]
        - [-87.72, 41.94]
        - [-87.74, 41.91]`;

/** A content folder with the starters (approved unless told otherwise) and the given alerts and extra templates. */
function content(opts: { site?: string; alerts?: Record<string, string>; templates?: Record<string, string>; approve?: boolean }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'underway-alert-safety-'));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'site.yaml'), opts.site ?? SITE + SAME);
  fs.mkdirSync(path.join(dir, 'projects'));
  fs.mkdirSync(path.join(dir, 'alerts/templates'), { recursive: true });
  for (const f of fs.readdirSync(STARTERS)) {
    const text = fs.readFileSync(path.join(STARTERS, f), 'utf8');
    fs.writeFileSync(path.join(dir, 'alerts/templates', f), opts.approve === false ? text : text.replace(/^approved: false$/m, 'approved: Operations director and legal counsel, 2026-05-04'));
  }
  for (const [name, text] of Object.entries(opts.templates ?? {})) fs.writeFileSync(path.join(dir, 'alerts/templates', `${name}.yaml`), text);
  for (const [id, text] of Object.entries(opts.alerts ?? {})) fs.writeFileSync(path.join(dir, 'alerts', `${id}.mdx`), text);
  return loadContent({ contentDir: dir, now: NOW, checkBodies: false });
}

/** An alert file; its history entries start at line 17 (see the line numbers below). */
function alertText(opts: { kind?: string; template?: string; expires?: string; drill?: boolean; history: string[]; fill?: string }) {
  return [
    '---', // 1
    `kind: ${opts.kind ?? 'boil-water'}`, // 2
    `template: ${opts.template ?? opts.kind ?? 'boil-water'}`, // 3
    `drill: ${opts.drill ?? false}`, // 4
    'effective: 2026-11-30T14:00', // 5
    opts.expires ? `expires: ${opts.expires}` : '# no expires: until further notice', // 6
    POLYGON, // 7-14
    `fill: { area: Westgate${opts.fill ?? ''} }`, // 15
    'history:', // 16
    ...opts.history, // 17…
    '---',
    '',
  ].join('\n');
}

const ofFile = (problems: Problem[], file: string) => problems.filter((p) => p.file === file);

/** An advisory that escalates to do-not-drink at line 20, naming no template. */
const ADVISORY_THEN_DO_NOT_DRINK = [
  '  - at: 2026-11-30T14:00', // 17
  '    level: boil-water-advisory', // 18
  '  - at: 2026-11-30T21:00', // 19
  '    level: do-not-drink', // 20
];

describe('wording that matches the level (every channel, every language)', () => {
  it('an escalation to do-not-drink without a do-not-drink template fails at that history entry, saying what residents would be told in English and Spanish', () => {
    const { problems, alerts } = content({
      alerts: {
        westgate: alertText({
          history: ADVISORY_THEN_DO_NOT_DRINK,
        }),
      },
    });
    const errors = ofFile(problems, 'alerts/westgate.mdx').filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 20, field: 'history[1].level' });
    expect(errors[0].message).toMatch(/^Residents would be told to boil water under a do-not-drink order/);
    expect(errors[0].hint).toContain('Add template: do-not-drink to this entry');
    // What the banner would have said, in each language.
    expect(errors[0].hint).toMatch(/"Boil tap water[^"]*" \/ "Hierva el agua del grifo[^"]*"/);
    expect(alerts).toEqual([]);
  });

  it('an escalation to do-not-use with do-not-drink wording in force fails at that entry', () => {
    const { problems, alerts } = content({
      alerts: {
        westgate: alertText({
          history: [
            ...ADVISORY_THEN_DO_NOT_DRINK,
            '    template: do-not-drink', // 21
            '  - at: 2026-12-01T06:00', // 22
            '    level: do-not-use', // 23
          ],
          fill: ', bottledWater: "Fire station 3, 7 am to 9 pm"',
        }),
      },
    });
    const errors = ofFile(problems, 'alerts/westgate.mdx').filter((p) => p.severity === 'error');
    expect(errors.map((e) => [e.line, e.field])).toEqual([[23, 'history[2].level']]);
    expect(errors[0].message).toMatch(/^Residents would be told not to drink the water under a do-not-use order/);
    expect(errors[0].hint).toContain('template: do-not-use');
    expect(errors[0].hint).toMatch(/"Do not drink the tap water[^"]*" \/ "No beba el agua del grifo[^"]*"/);
    expect(alerts).toEqual([]);
  });

  it('with the matching template named, every channel says the level\'s instruction in both languages', () => {
    const { problems, alerts } = content({
      alerts: {
        westgate: alertText({
          history: ['  - at: 2026-11-30T14:00', '    level: boil-water-advisory', '  - at: 2026-11-30T21:00', '    level: do-not-drink', '    template: do-not-drink', '  - at: 2026-12-01T08:00', '    level: boil-water-notice', '    template: boil-water'],
          fill: ', bottledWater: "Fire station 3, 7 am to 9 pm"',
        }),
      },
    });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const [a] = alerts;
    expect(a.instructions).toEqual(['boil', 'do-not-drink', 'boil']);
    for (const [i, en, es] of [[1, /do not drink/i, /no beba/i], [2, /boil/i, /hierva/i]] as const) {
      for (const key of ['summary', 'sms', 'instructions'] as const) {
        expect(a.wording[i].en[key]).toMatch(en);
        expect(a.wording[i].es[key]).toMatch(es);
      }
    }
    expect(a.wording[1].en.headline).toBe('Do Not Drink: tap water in Westgate');
    expect(a.wording[1].es.headline).toBe('No beber el agua: agua del grifo en Westgate');
    expect(a.wording[2].es.headline).toBe('Orden de hervir el agua en Westgate');
  });

  it('a template whose Spanish wording tells people to boil under a do-not-drink instruction fails at its line', () => {
    const copied = fs.readFileSync(path.join(STARTERS, 'do-not-drink.yaml'), 'utf8').replace(/\n {2}summary: "No beba[^\n]*/, '\n  summary: "Hierva el agua del grifo 1 minuto antes de beberla, {untilWhen}."');
    const { problems } = content({ templates: { 'do-not-drink': copied } });
    const p = problems.find((x) => x.file === 'alerts/templates/do-not-drink.yaml');
    const line = copied.split('\n').findIndex((l) => l.startsWith('  summary: "Hierva')) + 1;
    expect(p).toMatchObject({ severity: 'error', field: 'es.summary', line });
    expect(p!.message).toContain('never tells residents not to drink the water');
    expect(p!.hint).toContain('no beba');
  });

  it('an unknown level is an error with the closest level of the ladder', () => {
    const { problems } = content({ alerts: { westgate: alertText({ history: ['  - at: 2026-11-30T14:00', '    level: boil-water-notise'] }) } });
    const p = ofFile(problems, 'alerts/westgate.mdx')[0];
    expect(p).toMatchObject({ line: 18, field: 'history[0].level', severity: 'error' });
    expect(p.hint).toContain('Did you mean "boil-water-notice"?');
  });
});

describe('no silent end', () => {
  it('an alert whose expires passed without an all-clear gets a warning: "ended by expiry, not lifted"', () => {
    const { problems, alerts } = content({ alerts: { repair: alertText({ kind: 'unplanned-outage', expires: '2026-11-30T18:00', history: ['  - at: 2026-11-30T14:00', '    level: outage'] }) } });
    const p = ofFile(problems, 'alerts/repair.mdx');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'warning', line: 6, field: 'expires' });
    expect(p[0].message).toContain('ended by expiry, not lifted');
    expect(alerts).toHaveLength(1);
  });

  it('an all-clear before the template\'s minimum duration (boil water: 48 h) is a warning at the all-clear', () => {
    const { problems } = content({
      alerts: {
        early: alertText({ history: ['  - at: 2026-11-30T14:00', '    level: boil-water-advisory', '  - at: 2026-12-01T08:00', '    level: all-clear'] }),
        late: alertText({ history: ['  - at: 2026-11-30T14:00', '    level: boil-water-advisory', '  - at: 2026-12-02T14:00', '    level: all-clear'] }),
      },
    });
    const early = ofFile(problems, 'alerts/early.mdx');
    expect(early).toHaveLength(1);
    expect(early[0]).toMatchObject({ severity: 'warning', line: 19, field: 'history[1].at' });
    expect(early[0].message).toContain('18 hours after the alert took effect');
    expect(early[0].message).toContain('at least 48 hours');
    expect(ofFile(problems, 'alerts/late.mdx')).toEqual([]);
  });
  it('a template that writes "until {until}" used without expires gets a warning to write {untilWhen}', () => {
    const dated = fs.readFileSync(path.join(STARTERS, 'boil-water.yaml'), 'utf8').replace('cooking, {untilWhen}."', 'cooking, until {until}."').replace(/^approved: false$/m, 'approved: Legal, 2026-05-04');
    const { problems, alerts } = content({ templates: { 'boil-water': dated }, alerts: { a: alertText({ history: ['  - at: 2026-11-30T14:00', '    level: boil-water-advisory'] }) } });
    expect(ofFile(problems, 'alerts/a.mdx')).toEqual([expect.objectContaining({ severity: 'warning', line: 3, message: expect.stringContaining('uses {until}, a date, but this alert has no expires') })]);
    expect(alerts[0].wording[0].en.summary).toMatch(/until further notice\.$/);
  });
});

describe('approval', () => {
  it('a live alert on a starter template that nobody approved gets a warning naming approved:; a drill does not', () => {
    const { problems, alerts } = content({
      approve: false,
      alerts: {
        live: alertText({ history: ['  - at: 2026-11-30T14:00', '    level: boil-water-advisory'] }),
        drill: alertText({ drill: true, history: ['  - at: 2026-11-30T14:00', '    level: boil-water-advisory'] }),
      },
    });
    const live = ofFile(problems, 'alerts/live.mdx');
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ severity: 'warning', line: 3, field: 'template' });
    expect(live[0].message).toContain('not approved yet');
    expect(live[0].hint).toMatch(/approved: Operations director and legal counsel/);
    expect(ofFile(problems, 'alerts/drill.mdx')).toEqual([]);
    expect(alerts).toHaveLength(2);
  });
});

describe('the ladder in site.yaml', () => {
  const ladder = (levels: string) => `${SITE}alerts:\n  levels:\n${levels}`;
  it('a ladder whose CAP severity goes down as the level goes up fails at that line', () => {
    const site = ladder(`    - id: boil-water-advisory
      name: { en: Boil Water Advisory, es: Aviso preventivo de hervir el agua }
      instruction: boil
      cap: { urgency: Immediate, severity: Severe, certainty: Possible }
    - id: do-not-drink
      name: { en: Do Not Drink, es: No beber el agua }
      instruction: do-not-drink
      cap: { urgency: Immediate, severity: Moderate, certainty: Observed }
`);
    const { problems } = content({ site });
    const p = problems.filter((x) => x.file === 'site.yaml' && x.severity === 'error');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ field: 'alerts.levels[1].cap.severity', line: site.split('\n').findIndex((l) => l.includes('severity: Moderate')) + 1 });
    expect(p[0].message).toContain('goes down as the level goes up');
  });

  it('a level without a Spanish name fails, since the banner shows the level in every language', () => {
    const site = ladder(`    - id: boil-water-notice
      name: { en: Boil Water Notice }
      instruction: boil
      cap: { urgency: Immediate, severity: Severe, certainty: Likely }
`);
    const p = content({ site }).problems.filter((x) => x.file === 'site.yaml');
    expect(p).toEqual([expect.objectContaining({ field: 'alerts.levels[0].name', severity: 'error', message: 'The level "boil-water-notice" has no name in "es", a site language' })]);
  });

  it('the utility\'s own level names are what residents read, in English and Spanish', () => {
    const site = ladder(`    - id: precautionary
      name: { en: Precautionary Boil Advisory, es: Aviso de hervir por precaución }
      instruction: boil
      cap: { urgency: Immediate, severity: Moderate, certainty: Possible }
`);
    const { problems, alerts } = content({ site, alerts: { a: alertText({ history: ['  - at: 2026-11-30T14:00', '    level: precautionary'] }) } });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(alerts[0].wording[0].en.headline).toBe('Precautionary Boil Advisory for Westgate');
    expect(alerts[0].wording[0].es.headline).toBe('Aviso de hervir por precaución en Westgate');
  });

  it('without a ladder, the starter ladder applies, and the old fixed levels still name a level', () => {
    const { problems, alerts } = content({ site: SITE, alerts: { old: alertText({ history: ['  - at: 2026-11-30T14:00', '    level: advisory'] }) } });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(alerts[0].levels[0]!.id).toBe('boil-water-advisory');
  });
});

describe('the starter templates', () => {
  const kinds = fs.readdirSync(STARTERS).map((f) => f.replace('.yaml', '')).sort();
  it('exist for boil water, do not drink, do not use, unplanned outage, low pressure, water quality and all clear, marked not yet approved', () => {
    expect(kinds).toEqual(['all-clear', 'boil-water', 'do-not-drink', 'do-not-use', 'low-pressure', 'unplanned-outage', 'water-quality']);
    for (const k of kinds) expect(fs.readFileSync(path.join(STARTERS, `${k}.yaml`), 'utf8')).toMatch(/^approved: false$/m);
  });
  it('each pass the checker in English and Spanish at its level, with SMS texts of at most 160 characters', () => {
    const levelOf: Record<string, string> = { 'boil-water': 'boil-water-notice', 'do-not-drink': 'do-not-drink', 'do-not-use': 'do-not-use', 'unplanned-outage': 'outage', 'low-pressure': 'low-pressure', 'water-quality': 'water-quality' };
    const alerts = Object.fromEntries(
      Object.entries(levelOf).map(([kind, level]) => [
        kind,
        alertText({ kind, history: ['  - at: 2026-11-30T14:00', `    level: ${level}`, '  - at: 2026-12-03T14:00', '    level: all-clear', ...(kind === 'low-pressure' ? ['    template: all-clear'] : [])], fill: ', bottledWater: "Fire station 3, 7 am to 9 pm", issue: "Crews found rust in one main."' }),
      ]),
    );
    const loaded = content({ alerts });
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loaded.alerts).toHaveLength(6);
    for (const a of loaded.alerts)
      for (const w of a.wording)
        for (const lang of ['en', 'es']) {
          expect(w[lang].sms.length, `${a.id} ${lang}: ${w[lang].sms}`).toBeLessThanOrEqual(160);
          expect(JSON.stringify(w[lang])).not.toMatch(/\{[a-zA-Z]+\}/);
        }
  });
});

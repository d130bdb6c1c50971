import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { alertStatus, brokenPlaceholder, fillTemplate, fillWording, placeholders } from '../../src/lib/alerts.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { STARTER_LADDER } from '../../src/lib/alert-ladder.ts';
import type { AlertData } from '../../src/schemas/alert.ts';

const ZONE = 'America/Chicago';
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const ROOT = path.resolve(import.meta.dirname, '../..');

const alert: Pick<AlertData, 'effective' | 'expires' | 'history'> = {
  effective: '2026-11-30T14:00',
  expires: '2026-12-04T18:00',
  history: [
    { at: '2026-11-30T14:00', level: 'boil-water-advisory' },
    { at: '2026-11-30T21:00', level: 'do-not-drink' },
    { at: '2026-12-01T08:00', level: 'boil-water-advisory' },
  ],
};
const L = STARTER_LADDER;
const lifted = { ...alert, history: [...alert.history, { at: '2026-12-02T10:00', level: 'all-clear' as const }] };

describe('alert state at a time', () => {
  it('is pending before it takes effect', () => {
    expect(alertStatus(alert, at('2026-11-30T19:59:59Z'), ZONE, L).state).toBe('pending');
  });
  it('is active from effective (local time), at its first level', () => {
    const s = alertStatus(alert, at('2026-11-30T20:00:00Z'), ZONE, L);
    expect(s).toMatchObject({ state: 'active', index: 0, level: 'boil-water-advisory', escalated: false });
  });
  it('is escalated after a higher level', () => {
    const s = alertStatus(alert, at('2026-12-01T03:30:00Z'), ZONE, L);
    expect(s).toMatchObject({ state: 'active', index: 1, level: 'do-not-drink', escalated: true, deescalated: false });
  });
  it('de-escalates back to advisory (SITE_NOW of the demo)', () => {
    const s = alertStatus(alert, at('2026-12-01T17:00:00Z'), ZONE, L);
    expect(s).toMatchObject({ state: 'active', index: 2, level: 'boil-water-advisory', escalated: false, deescalated: true });
  });
  it('is expired at expires without an all-clear', () => {
    expect(alertStatus(alert, at('2026-12-05T00:00:00Z'), ZONE, L).state).toBe('expired');
    expect(alertStatus(alert, at('2026-12-04T23:59:59Z'), ZONE, L).state).toBe('active');
  });
  it('is lifted by the all-clear, which also ends it early', () => {
    expect(alertStatus(lifted, at('2026-12-02T15:59:00Z'), ZONE, L).state).toBe('active');
    const s = alertStatus(lifted, at('2026-12-02T16:00:00Z'), ZONE, L);
    expect(s).toMatchObject({ state: 'lifted', level: 'all-clear', index: 3 });
    expect(s.end!.toUTC().toISO()).toBe('2026-12-02T16:00:00.000Z');
  });
  it('without expires, is in force until further notice, whatever the clock, until an all-clear', () => {
    const open = { ...alert, expires: undefined };
    const s = alertStatus(open, at('2027-06-01T00:00:00Z'), ZONE, L);
    expect(s).toMatchObject({ state: 'active', index: 2, end: null });
    const closed = { ...open, history: [...open.history, { at: '2026-12-09T10:00', level: 'all-clear' }] };
    expect(alertStatus(closed, at('2027-06-01T00:00:00Z'), ZONE, L).state).toBe('lifted');
  });
});

describe('template filling', () => {
  it('lists placeholders once, in order', () => {
    expect(placeholders('{area} until {until}; {area}')).toEqual(['area', 'until']);
  });
  it('fills values and reports the missing ones', () => {
    expect(fillTemplate('Boil water in {area} until {until}.', { area: 'Westgate', until: 'Fri' })).toEqual({ text: 'Boil water in Westgate until Fri.', missing: [] });
    expect(fillTemplate('In {area} until {until}.', { area: 'Westgate' })).toEqual({ text: 'In Westgate until {until}.', missing: ['until'] });
  });
  it('inserts values as text, never re-expanding braces in them', () => {
    expect(fillTemplate('{a}', { a: '{b} <b>', b: 'x' }).text).toBe('{b} <b>');
  });
  it('finds braces that are not a complete placeholder', () => {
    expect(brokenPlaceholder('until {until}. Call {phone}')).toBeNull();
    expect(brokenPlaceholder('until {until.')).toBe('{until.');
    expect(brokenPlaceholder('for { area } now')).toBe('{ area }');
    expect(brokenPlaceholder('call 911} now')).toBe('911}');
    expect(brokenPlaceholder('{area}{')).toBe('{');
  });
  it('fills every field of a wording', () => {
    const r = fillWording({ headline: 'H {a}', summary: 'S {a}', sms: 'M {b}', instructions: 'I' }, { a: '1' });
    expect(r.wording).toEqual({ headline: 'H 1', summary: 'S 1', sms: 'M {b}', instructions: 'I' });
    expect(r.missing).toEqual(['b']);
  });
});

describe('the checker on alerts', () => {
  const { problems, alerts } = loadContent({ contentDir: path.join(ROOT, 'test/fixtures/broken-alerts'), now: at('2026-12-01T17:00:00Z') });
  const find = (file: string, text: string) => problems.find((p) => p.file === `alerts/${file}` && p.message.includes(text));
  const cases: [string, string, string, number][] = [
    ['unfilled.mdx', 'template', 'The placeholder {area} of template "boil-water" is not filled', 3],
    ['no-template.mdx', 'template', 'There is no approved template "boil-watr"', 3],
    ['no-spanish.mdx', 'template', 'The template "low-pressure" has errors', 3],
    ['long-sms.mdx', 'fill', 'characters once filled; at most 160', 9],
    ['bad-times.mdx', 'expires', 'expires (2026-11-29T18:00) before it takes effect', 5],
    ['bad-times.mdx', 'history[0].at', 'is before the alert takes effect', 11],
    ['bad-times.mdx', 'history[1].level', 'must be the last entry', 14],
    ['bad-times.mdx', 'history[2].at', 'out of order', 15],
    ['bad-area.mdx', 'area.projects[0]', 'There is no project "north-tank-repaintin"', 7],
    ['bad-area.mdx', 'fill.area', 'has no "es" text', 9],
    ['no-area.mdx', 'area', 'no affected area', 6],
    ['point-area.mdx', 'area.polygon', 'must be a GeoJSON Polygon or MultiPolygon', 7],
    ['wrong-kind.mdx', 'template', 'is for boil-water alerts, but this alert is unplanned-outage', 3],
    ['Bad Name.mdx', '', 'Unexpected file name', 0],
  ];
  it.each(cases)('%s: %s', (file, field, message, line) => {
    const p = find(file, message);
    expect(p, `${file}: ${message}\n${JSON.stringify(problems, null, 1)}`).toBeDefined();
    expect(p).toMatchObject({ field, line, severity: 'error' });
    if (line) expect(p!.column).toBeGreaterThan(0);
  });
  it('reports a template missing a site language in the template file, with a hint', () => {
    const p = problems.find((x) => x.file === 'alerts/templates/low-pressure.yaml');
    expect(p).toMatchObject({ field: 'es', severity: 'error', message: 'The template has no wording in "es", a site language' });
    expect(p!.hint).toMatch(/allClear/);
  });
  it('reports a mistyped placeholder in a template at its line, in every language and in the all-clear', () => {
    const stray = problems.filter((x) => x.file === 'alerts/templates/stray-braces.yaml');
    expect(stray.map(({ line, field, message, severity }) => ({ line, field, message, severity }))).toEqual([
      { line: 6, field: 'en.summary', message: '"{until." is not a complete placeholder: residents would see the braces', severity: 'error' },
      { line: 37, field: 'es.allClear.headline', message: '"{ area }" is not a complete placeholder: residents would see the braces', severity: 'error' },
    ]);
    expect(stray[0].hint).toContain('{area}');
  });
  it('suggests the closest template and project', () => {
    expect(find('no-template.mdx', 'boil-watr')!.hint).toContain('"boil-water"');
    expect(find('bad-area.mdx', 'north-tank-repaintin')!.hint).toContain('"north-tank-repainting"');
  });
  it('reports the SMS for every language, and a placeholder once', () => {
    expect(problems.filter((p) => p.file === 'alerts/long-sms.mdx').map((p) => p.message.match(/in "(\w+)"/)![1]).sort()).toEqual(['en', 'en', 'es', 'es']);
    expect(problems.filter((p) => p.file === 'alerts/unfilled.mdx')).toHaveLength(1);
  });
  it('warns about a fill value no template uses', () => {
    expect(problems.find((p) => p.field === 'fill.colour')).toMatchObject({ severity: 'warning' });
  });
  it('leaves out every alert with errors', () => {
    expect(alerts).toEqual([]);
  });
});

describe('the demo alerts', () => {
  const { problems, alerts, site } = loadContent({ contentDir: path.join(ROOT, 'content'), now: at('2026-12-01T17:00:00Z'), checkBodies: false });
  it('load without problems (errors or warnings)', () => {
    expect(problems.filter((p) => p.file.startsWith('alerts/') || p.field.startsWith('alerts'))).toEqual([]);
    expect(alerts.map((a) => a.id)).toEqual(['boil-water-2026-11-30', 'drill-2026-12-01', 'low-pressure-2026-11-12']);
  });
  it('declare the US drinking-water ladder in site.yaml: advisory < notice < do not drink < do not use, with outage and low pressure', () => {
    const ids = site!.alerts!.levels!.map((l) => l.id);
    expect(ids).toEqual(expect.arrayContaining(['boil-water-advisory', 'boil-water-notice', 'do-not-drink', 'do-not-use', 'outage', 'low-pressure']));
    const rank = (id: string) => ids.indexOf(id);
    expect(rank('boil-water-advisory')).toBeLessThan(rank('boil-water-notice'));
    expect(rank('boil-water-notice')).toBeLessThan(rank('do-not-drink'));
    expect(rank('do-not-drink')).toBeLessThan(rank('do-not-use'));
    expect(site!.alerts!.same!.geocodes).toEqual(['017031']);
  });
  it('have a boil-water alert that escalated from advisory to notice (in force until further notice), a lifted alert and a drill', () => {
    const now = at('2026-12-01T17:00:00Z');
    const L = site!.alerts!.levels!;
    const status = Object.fromEntries(alerts.map((a) => [a.id, alertStatus(a.data, now, 'America/Chicago', L)]));
    expect(Object.fromEntries(Object.entries(status).map(([id, s]) => [id, s.state]))).toEqual({ 'boil-water-2026-11-30': 'active', 'drill-2026-12-01': 'active', 'low-pressure-2026-11-12': 'lifted' });
    const boil = alerts.find((a) => a.id === 'boil-water-2026-11-30')!;
    expect(boil.data.history.map((h) => h.level)).toEqual(['boil-water-advisory', 'boil-water-notice']);
    expect(status['boil-water-2026-11-30']).toMatchObject({ level: 'boil-water-notice', escalated: true, end: null });
    expect(boil.data.expires).toBeUndefined();
    expect(boil.wording[1].en.headline).toBe('Boil Water Notice for Westgate');
    expect(boil.wording[1].es.headline).toBe('Orden de hervir el agua en Westgate');
    expect(boil.wording[1].en.summary).toMatch(/until further notice/);
    expect(boil.wording[1].es.summary).toMatch(/hasta nuevo aviso/);
    expect(alerts.find((a) => a.id === 'low-pressure-2026-11-12')!.data.history.at(-1)!.level).toBe('all-clear');
    expect(alerts.find((a) => a.id === 'drill-2026-12-01')!.data.drill).toBe(true);
  });
  it('fill every language, with SMS texts of at most 160 characters', () => {
    for (const a of alerts)
      for (const w of a.wording)
        for (const lang of ['en', 'es']) {
          expect(w[lang].sms.length).toBeLessThanOrEqual(160);
          expect(JSON.stringify(w[lang])).not.toMatch(/\{[a-zA-Z]+\}/);
        }
  });
});

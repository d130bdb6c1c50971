import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildCap, type CapInput } from '../../src/lib/alerts.ts';
import { alertCap, alertsAtom } from '../../src/lib/alert-feed.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import type { SiteModel } from '../../src/lib/site-model.ts';
import { CAP_XSD, atomRelaxNg } from '../support/standards.ts';

/**
 * CAP 1.2 messages validated against the OASIS schema, and the Atom index of
 * active alerts against RFC 4287's RELAX NG schema (converted from the compact
 * syntax with trang, as in feeds.test.ts), both with libxml2 (xmllint-wasm).
 */

const CAP_XSD_TEXT = fs.readFileSync(CAP_XSD, 'utf8');
const ROOT = path.resolve(import.meta.dirname, '../..');
const ZONE = 'America/Chicago';
const NASTY = 'Crews <script>alert("x")</script> & neighbors ]]> agree';

let atomRng = '';
beforeAll(() => {
  atomRng = atomRelaxNg();
}, 300_000);

const validateCap = (xml: string) => validateXML({ xml: [{ fileName: 'alert.cap.xml', contents: xml }], schema: [{ fileName: 'cap.xsd', contents: CAP_XSD_TEXT }] });
const validateAtom = (xml: string) => validateXML({ xml: [{ fileName: 'feed.xml', contents: xml }], schema: [{ fileName: 'atom.rng', contents: atomRng }], extension: 'relaxng' });
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['info', 'polygon', 'entry', 'link'].includes(name) });

const wording = (lang: string) => ({ headline: `${lang}: ${NASTY}`, summary: `Summary ${lang} & more`, sms: `SMS ${lang} <160`, instructions: 'Boil.\n\nWait.' });
const base: CapInput = {
  id: 'boil',
  kind: 'boil-water',
  drill: false,
  effective: '2026-11-30T14:00',
  expires: '2026-12-04T18:00',
  history: [
    { at: '2026-11-30T14:00', level: 'advisory' },
    { at: '2026-11-30T21:00', level: 'do-not-drink' },
    { at: '2026-12-02T10:00', level: 'all-clear' },
  ],
  index: 0,
  zone: ZONE,
  sender: 'projects.example.org',
  senderName: 'Lakeview Water & Sewer',
  contact: '555-010-0199',
  polygon: { type: 'Polygon', coordinates: [[[-87.74, 41.91], [-87.72, 41.91], [-87.72, 41.94], [-87.74, 41.91]]] },
  infos: ['en', 'es'].map((lang) => ({ lang, event: 'Boil-water advisory', wording: wording(lang), web: `https://projects.example.org/${lang}/alerts/boil/`, areaDesc: 'Westgate' })),
};

describe('CAP 1.2', () => {
  it.each([
    [0, 'Alert', 0],
    [1, 'Update', 1],
    [2, 'Cancel', 2],
  ])('entry %i is a valid %s message referencing %i earlier ones', async (index, msgType, refs) => {
    const xml = buildCap({ ...base, index });
    const result = await validateCap(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const alert = parser.parse(xml).alert;
    expect(alert.msgType).toBe(msgType);
    expect(alert.status).toBe('Actual');
    expect(alert.identifier).toBe(`projects.example.org.alert.boil.${index + 1}`);
    if (refs) expect(String(alert.references).split(' ')).toHaveLength(refs);
    else expect(alert.references).toBeUndefined();
    if (refs) expect(alert.references).toContain('projects.example.org,projects.example.org.alert.boil.1,2026-11-30T14:00:00-06:00');
  });
  it('has one <info> per language with the polygon as closed lat,lon pairs', () => {
    const alert = parser.parse(buildCap({ ...base, index: 1 })).alert;
    expect(alert.info.map((i: { language: string }) => i.language)).toEqual(['en', 'es']);
    expect(alert.info[0].severity).toBe('Extreme');
    expect(alert.info[0].responseType).toBe('Avoid');
    expect(alert.info[0].area.polygon).toEqual(['41.91,-87.74 41.91,-87.72 41.94,-87.72 41.91,-87.74']);
    expect(alert.sent).toBe('2026-11-30T21:00:00-06:00');
  });
  it('escapes text by XML rules (the parsed text is exactly the input)', () => {
    const alert = new XMLParser({ isArray: (n) => n === 'info' }).parse(buildCap(base)).alert;
    expect(alert.info[0].headline).toBe(`en: ${NASTY}`);
  });
  it('says Test for drills', async () => {
    const xml = buildCap({ ...base, drill: true });
    expect((await validateCap(xml)).valid).toBe(true);
    expect(parser.parse(xml).alert.status).toBe('Test');
  });
  it('an area without a polygon is still valid', async () => {
    expect((await validateCap(buildCap({ ...base, polygon: null }))).valid).toBe(true);
  });
});

describe('the demo alerts', () => {
  const now = DateTime.fromISO('2026-12-01T17:00:00Z', { setZone: true });
  const loaded = loadContent({ contentDir: path.join(ROOT, 'content'), now, checkBodies: false });
  const site = loaded.site!;
  const model = {
    site,
    zone: site.timeZone,
    now,
    origin: 'https://projects.harborfallswater.example',
    base: '/',
    defaultLang: 'en',
    languages: ['en', 'es'],
    alerts: loaded.alerts,
  } as unknown as SiteModel;

  it.each(loaded.alerts.map((a) => [a.id, a] as const))('%s.cap.xml validates', async (_, alert) => {
    const result = await validateCap(alertCap(model, alert));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
  it('follows the level history', () => {
    const msg = (id: string) => parser.parse(alertCap(model, loaded.alerts.find((a) => a.id === id)!)).alert;
    expect(msg('boil-water-2026-11-30')).toMatchObject({ msgType: 'Update', status: 'Actual' });
    expect(msg('low-pressure-2026-11-12')).toMatchObject({ msgType: 'Cancel' });
    expect(msg('drill-2026-12-01')).toMatchObject({ msgType: 'Alert', status: 'Test' });
  });
  it('the Atom index validates and lists the active alerts, linking their CAP files', async () => {
    const xml = alertsAtom(model);
    const result = await validateAtom(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const feed = parser.parse(xml).feed;
    expect(feed.entry.map((e: { link: { '@href': string }[] }) => e.link[0]['@href'])).toEqual([
      'https://projects.harborfallswater.example/alerts/boil-water-2026-11-30.cap.xml',
      'https://projects.harborfallswater.example/alerts/drill-2026-12-01.cap.xml',
    ]);
    expect(feed.entry[0].link[0]['@type']).toBe('application/cap+xml');
  });
  it('is byte-identical for the same content and SITE_NOW', () => {
    expect(alertsAtom(model)).toBe(alertsAtom(model));
  });
});

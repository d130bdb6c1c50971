import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildCap, type CapInput } from '../../src/lib/alerts.ts';
import { alertCap, alertsAtom } from '../../src/lib/alert-feed.ts';
import { STARTER_LADDER } from '../../src/lib/alert-ladder.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import type { SiteModel } from '../../src/lib/site-model.ts';
import { CAP_XSD, STANDARDS, atomRelaxNg } from '../support/standards.ts';

/**
 * CAP 1.2 messages validated against the OASIS schema and compared with the
 * IPAWS example in ../shared/standards/cap-1.2, and the Atom index of active
 * alerts against RFC 4287's RELAX NG schema (converted from the compact
 * syntax with trang, as in feeds.test.ts), both with libxml2 (xmllint-wasm),
 * and read by a real feed parser (@rowanmanning/feed-parser).
 */

const CAP_XSD_TEXT = fs.readFileSync(CAP_XSD, 'utf8');
const IPAWS_EXAMPLE = fs.readFileSync(path.join(STANDARDS, 'cap-1.2/example-ipaws.xml'), 'utf8');
const ROOT = path.resolve(import.meta.dirname, '../..');
const ZONE = 'America/Chicago';
const NASTY = 'Crews <script>alert("x")</script> & neighbors ]]> agree';

let atomRng = '';
beforeAll(() => {
  atomRng = atomRelaxNg();
}, 300_000);

const validateCap = (xml: string) => validateXML({ xml: [{ fileName: 'alert.cap.xml', contents: xml }], schema: [{ fileName: 'cap.xsd', contents: CAP_XSD_TEXT }] });
const validateAtom = (xml: string) => validateXML({ xml: [{ fileName: 'feed.xml', contents: xml }], schema: [{ fileName: 'atom.rng', contents: atomRng }], extension: 'relaxng' });
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['info', 'polygon', 'entry', 'link', 'parameter', 'geocode', 'eventCode', 'area', 'code'].includes(name) });
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const level = (id: string) => STARTER_LADDER.find((l) => l.id === id)!;

type Pair = { valueName: string; value: string | number };
/** The IPAWS profile's elements, read from a parsed message. */
function ipawsElements(alert: { code?: string[]; info: { language: string; eventCode?: Pair[]; expires?: string; parameter?: Pair[]; area?: { geocode?: Pair[] }[] }[] }) {
  return {
    code: alert.code ?? [],
    infos: alert.info.map((info) => ({
      language: info.language,
      same: (info.eventCode ?? []).filter((e) => e.valueName === 'SAME').map((e) => String(e.value)),
      expires: info.expires,
      easOrg: (info.parameter ?? []).filter((p) => p.valueName === 'EAS-ORG').map((p) => String(p.value)),
      geocodes: (info.area ?? []).map((a) => (a.geocode ?? []).filter((g) => g.valueName === 'SAME').map((g) => String(g.value).padStart(6, '0'))),
    })),
  };
}

/** Every IPAWS element the example carries, in the same form: one 3-letter SAME code, an offset expires, EAS-ORG, 6-digit SAME geocodes in every area. */
function expectIpaws(xml: string, now: DateTime) {
  const example = ipawsElements(parser.parse(IPAWS_EXAMPLE).alert);
  const ours = ipawsElements(parser.parse(xml).alert);
  expect(example.code).toEqual(['IPAWSv1.0']);
  expect(ours.code).toEqual(example.code);
  expect(example.infos[0].same[0]).toMatch(/^[A-Z]{3}$/);
  expect(example.infos[0].easOrg).toHaveLength(1);
  expect(ours.infos.map((i) => i.language)).toEqual(['en-US', 'es-US']);
  const eventCodes = new Set(ours.infos.map((i) => i.same.join()));
  expect(eventCodes.size, 'every <info> has the same SAME event code').toBe(1);
  for (const info of ours.infos) {
    expect(info.same).toHaveLength(1);
    expect(info.same[0]).toMatch(/^[A-Z]{3}$/);
    expect(info.easOrg).toEqual(['CIV']);
    expect(info.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/);
    expect(DateTime.fromISO(info.expires!) > now, `expires ${info.expires} is after ${now.toISO()}`).toBe(true);
    expect(info.geocodes.length).toBeGreaterThan(0);
    for (const area of info.geocodes) {
      expect(area.length).toBeGreaterThan(0);
      for (const g of area) expect(g).toMatch(/^\d{6}$/);
    }
  }
}

const wording = (lang: string) => ({ headline: `${lang}: ${NASTY}`, summary: `Summary ${lang} & more`, sms: `SMS ${lang} <160`, instructions: 'Boil.\n\nWait.' });
const base: CapInput = {
  id: 'boil',
  kind: 'boil-water',
  drill: false,
  effective: '2026-11-30T14:00',
  expires: '2026-12-04T18:00',
  history: [
    { at: '2026-11-30T14:00', level: 'boil-water-advisory' },
    { at: '2026-11-30T21:00', level: 'do-not-drink' },
    { at: '2026-12-02T10:00', level: 'all-clear' },
  ],
  levels: [level('boil-water-advisory'), level('do-not-drink'), null],
  instructions: ['boil', 'do-not-drink', 'restored'],
  index: 0,
  now: at('2026-11-30T21:00:00Z'),
  zone: ZONE,
  sender: 'projects.example.org',
  senderName: 'Lakeview Water & Sewer',
  contact: '555-010-0199',
  polygon: { type: 'Polygon', coordinates: [[[-87.74, 41.91], [-87.72, 41.91], [-87.72, 41.94], [-87.74, 41.91]]] },
  eventCode: 'LAE',
  same: { geocodes: ['017031', '017043'], originator: 'CIV' },
  languageRegion: 'US',
  rebuildHours: 24,
  horizonHours: 48,
  infos: ['en', 'es'].map((lang) => ({ lang, event: 'Boil Water Advisory', wording: wording(lang), web: `https://projects.example.org/${lang}/alerts/boil/`, areaDesc: 'Westgate' })),
};

describe('CAP 1.2 to the IPAWS profile', () => {
  it.each([
    [0, 'Alert', 0],
    [1, 'Update', 1],
    [2, 'Cancel', 2],
  ])('entry %i is a valid %s message referencing %i earlier ones, with the IPAWS elements', async (index, msgType, refs) => {
    const xml = buildCap({ ...base, index });
    const result = await validateCap(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expectIpaws(xml, base.now);
    const alert = parser.parse(xml).alert;
    expect(alert.msgType).toBe(msgType);
    expect(alert.status).toBe('Actual');
    expect(alert.identifier).toBe(`projects.example.org.alert.boil.${index + 1}`);
    if (refs) expect(String(alert.references).split(' ')).toHaveLength(refs);
    else expect(alert.references).toBeUndefined();
    if (refs) expect(alert.references).toContain('projects.example.org,projects.example.org.alert.boil.1,2026-11-30T14:00:00-06:00');
  });
  it('has one <info> per language (en-US first) with the level\'s CAP values, the SAME codes and the polygon as closed lat,lon pairs', () => {
    const alert = parser.parse(buildCap({ ...base, index: 1, eventCode: 'CDW' })).alert;
    expect(alert.info.map((i: { language: string }) => i.language)).toEqual(['en-US', 'es-US']);
    expect(alert.info[0]).toMatchObject({ severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', responseType: 'Avoid' });
    expect(alert.info[0].eventCode).toEqual([{ valueName: 'SAME', value: 'CDW' }]);
    expect(alert.info[1].area[0].geocode.map((g: Pair) => String(g.value).padStart(6, '0'))).toEqual(['017031', '017043']);
    expect(alert.info[0].area[0].polygon).toEqual(['41.91,-87.74 41.91,-87.72 41.94,-87.72 41.91,-87.74']);
    expect(alert.sent).toBe('2026-11-30T21:00:00-06:00');
  });
  it('an alert until further notice expires a rolling horizon past the build, re-issued as an Update, never in the past', async () => {
    const open = { ...base, expires: undefined, history: base.history.slice(0, 1), levels: base.levels.slice(0, 1), instructions: base.instructions.slice(0, 1) };
    const first = parser.parse(buildCap({ ...open, now: at('2026-11-30T21:00:00Z') })).alert;
    expect(first).toMatchObject({ msgType: 'Alert', identifier: 'projects.example.org.alert.boil.1', sent: '2026-11-30T14:00:00-06:00' });
    expect(first.info[0].expires).toBe('2026-12-02T14:00:00-06:00');
    // Five days after it took effect, without any edit: a re-issue that is still in force.
    const now = at('2026-12-05T20:30:00Z');
    const xml = buildCap({ ...open, now });
    expect((await validateCap(xml)).errors).toEqual([]);
    expectIpaws(xml, now);
    const later = parser.parse(xml).alert;
    expect(later).toMatchObject({ msgType: 'Update', identifier: 'projects.example.org.alert.boil.1.r5', sent: '2026-12-05T14:00:00-06:00' });
    expect(later.info[0].expires).toBe('2026-12-07T14:00:00-06:00');
    expect(later.note).toMatch(/^In force until further notice: .* re-issued as an Update at least every 24 hours/);
    expect(String(later.references).split(' ')).toEqual(['projects.example.org,projects.example.org.alert.boil.1,2026-11-30T14:00:00-06:00', 'projects.example.org,projects.example.org.alert.boil.1.r4,2026-12-04T14:00:00-06:00']);
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
  it('an area without a polygon is still valid and keeps its SAME codes', async () => {
    const xml = buildCap({ ...base, polygon: null });
    expect((await validateCap(xml)).valid).toBe(true);
    expectIpaws(xml, base.now);
  });
});

describe('the demo alerts', () => {
  const modelAt = (iso: string) => {
    const now = at(iso);
    const loaded = loadContent({ contentDir: path.join(ROOT, 'content'), now, checkBodies: false });
    const site = loaded.site!;
    return {
      site,
      zone: site.timeZone,
      now,
      origin: 'https://projects.harborfallswater.example',
      base: '/',
      defaultLang: 'en',
      languages: ['en', 'es'],
      alerts: loaded.alerts,
    } as unknown as SiteModel;
  };
  const model = modelAt('2026-12-01T17:00:00Z');
  // 5 days (and an hour) after the boil-water alert took effect (2026-11-30 14:00 Chicago), with no edit.
  const later = modelAt('2026-12-05T21:00:00Z');
  const BOIL = 'boil-water-2026-11-30';
  const msg = (m: SiteModel, id: string) => parser.parse(alertCap(m, m.alerts.find((a) => a.id === id)!)).alert;

  it.each(model.alerts.map((a) => [a.id, a] as const))('%s.cap.xml validates against the XSD and carries the IPAWS elements', async (_, alert) => {
    const xml = alertCap(model, alert);
    const result = await validateCap(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const ours = ipawsElements(parser.parse(xml).alert);
    expect(ours.code).toEqual(['IPAWSv1.0']);
    expect(ours.infos.map((i) => [i.language, i.same.length, i.easOrg, i.geocodes])).toEqual([
      ['en-US', 1, ['CIV'], [['017031']]],
      ['es-US', 1, ['CIV'], [['017031']]],
    ]);
  });
  it('follows the level history: the boil-water alert escalated to a Boil Water Notice (Severe, LAE)', () => {
    const boil = msg(model, BOIL);
    expect(boil).toMatchObject({ msgType: 'Update', status: 'Actual' });
    expect(boil.info.map((i: { event: string }) => i.event)).toEqual(['Boil Water Notice', 'Orden de hervir el agua']);
    expect(boil.info[0]).toMatchObject({ severity: 'Severe', eventCode: [{ valueName: 'SAME', value: 'LAE' }] });
    expect(msg(model, 'low-pressure-2026-11-12')).toMatchObject({ msgType: 'Cancel' });
    expect(msg(model, 'low-pressure-2026-11-12').info[0].eventCode).toEqual([{ valueName: 'SAME', value: 'ADR' }]);
    expect(msg(model, 'drill-2026-12-01')).toMatchObject({ msgType: 'Alert', status: 'Test' });
  });
  it('without expires, 5 days after effective, the boil-water CAP is still in force in English and Spanish (Update, no past expires)', async () => {
    const xml = alertCap(later, later.alerts.find((a) => a.id === BOIL)!);
    expect((await validateCap(xml)).errors).toEqual([]);
    expectIpaws(xml, later.now);
    const alert = parser.parse(xml).alert;
    expect(['Alert', 'Update']).toContain(alert.msgType);
    expect(alert.info[0].headline).toBe('Boil Water Notice for Westgate');
    expect(alert.info[1].headline).toBe('Orden de hervir el agua en Westgate');
    expect(alert.info[0].description).toMatch(/until further notice/);
    expect(alert.info[1].description).toMatch(/hasta nuevo aviso/);
  });
  it.each(['en', 'es'])('the %s Atom index validates and lists the active alerts, each linking its page and its CAP file', async (lang) => {
    const xml = alertsAtom(model, lang);
    const result = await validateAtom(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const feed = parser.parse(xml).feed;
    type Link = { '@rel': string; '@type': string; '@href': string };
    const links = feed.entry.map((e: { link: Link[] }) => Object.fromEntries(e.link.map((l) => [l['@rel'], l])));
    expect(links.map((l: Record<string, Link>) => l.alternate['@href'])).toEqual([
      `https://projects.harborfallswater.example${prefix}/alerts/boil-water-2026-11-30/`,
      `https://projects.harborfallswater.example${prefix}/alerts/drill-2026-12-01/`,
    ]);
    expect(links.map((l: Record<string, Link>) => [l.related['@href'], l.related['@type']])).toEqual([
      ['https://projects.harborfallswater.example/alerts/boil-water-2026-11-30.cap.xml', 'application/cap+xml'],
      ['https://projects.harborfallswater.example/alerts/drill-2026-12-01.cap.xml', 'application/cap+xml'],
    ]);
  });
  it.each(['en', 'es'])('a feed parser\'s entry link is the %s HTML alert page, 5 days after effective too', (lang) => {
    const prefix = lang === 'en' ? '' : `/${lang}`;
    for (const m of [model, later]) {
      const feed = parseFeed(alertsAtom(m, lang));
      const boil = feed.items.find((i) => i.url?.includes(BOIL));
      expect(boil?.url).toBe(`https://projects.harborfallswater.example${prefix}/alerts/${BOIL}/`);
      expect(boil?.title).toBe(lang === 'en' ? 'Boil Water Notice for Westgate' : 'Orden de hervir el agua en Westgate');
      expect(boil?.description).toMatch(lang === 'en' ? /until further notice/ : /hasta nuevo aviso/);
    }
  });
  it('is byte-identical for the same content and SITE_NOW', () => {
    expect(alertsAtom(model)).toBe(alertsAtom(modelAt('2026-12-01T17:00:00Z')));
    expect(alertCap(later, later.alerts[0])).toBe(alertCap(modelAt('2026-12-05T21:00:00Z'), later.alerts[0]));
  });
});

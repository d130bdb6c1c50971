import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { loadContent, type ProjectEntry } from '../../src/lib/content/load.ts';
import { normalizeBase } from '../../src/lib/env.ts';
import { absoluteUrl, pagePath } from '../../src/lib/paths.ts';
import { translator } from '../../src/i18n/index.ts';
import { buildSite, ROOT, TEST_NOW, type BuildResult } from '../support/site-build.ts';
import { atomRelaxNg } from '../support/standards.ts';

/**
 * The calendars and feeds of the demo site, as the real build writes them:
 * every .ics read with ical.js, every meeting's times checked against the
 * content, every updates.xml parsed and validated against RFC 4287's schema.
 */

const CONTENT = path.join(ROOT, 'content');

const content = loadContent({ contentDir: CONTENT, now: DateTime.fromISO(TEST_NOW, { setZone: true }), checkBodies: false });
const site = content.site!;
const zone = site.timeZone;
const siteUrl = new URL(process.env.SITE_URL || site.url);
const base = normalizeBase(process.env.SITE_BASE || site.base);
const originWithBase = siteUrl.origin + base.replace(/\/$/, '');
const pageUrl = (entry: ProjectEntry) => absoluteUrl(originWithBase, base, pagePath(base, site.languages.default, entry.lang, `projects/${entry.slug}/`));
/** A project's files, relative to the site root, e.g. es/projects/elm/calendar.ics */
const dirOf = (entry: ProjectEntry) => pagePath(base, site.languages.default, entry.lang, `projects/${entry.slug}/`).slice(base.length);

let built: BuildResult;
let tokyo: BuildResult;
let atomRng = '';

const read = (dist: string, rel: string) => fs.readFileSync(path.join(dist, rel), 'utf8');
function listFiles(dist: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (pattern.test(e.name)) out.push(path.relative(dist, abs).split(path.sep).join('/'));
    }
  };
  walk(dist);
  return out.sort();
}

// ical.js predates RFC 7986: NAME is TEXT.
ICAL.design.icalendar.property.name = { defaultType: 'text' };
const events = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((c) => ({ c, e: new ICAL.Event(c) }));
const localTime = (t: ICAL.Time) => DateTime.fromMillis(t.toUnixTime() * 1000, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

beforeAll(() => {
  expect(content.problems.filter((p) => p.severity === 'error')).toEqual([]);
  built = buildSite('outputs', { CONTENT_DIR: CONTENT, TZ: 'UTC' });
  expect(built.status, built.stdout + built.stderr).toBe(0);
  tokyo = buildSite('outputs-tokyo', { CONTENT_DIR: CONTENT, TZ: 'Asia/Tokyo' });
  expect(tokyo.status, tokyo.stdout + tokyo.stderr).toBe(0);
  atomRng = atomSchema();
});

describe('calendar files and update feeds of the demo site', () => {
  it('has a calendar, a feed and one file per meeting for every project page, and nothing else', () => {
    const expected = content.projects.flatMap((entry) => [
      `${dirOf(entry)}calendar.ics`,
      `${dirOf(entry)}updates.xml`,
      ...entry.data.meetings.map((m) => `${dirOf(entry)}meetings/${m.id}.ics`),
    ]);
    expect(content.projects.some((p) => !p.isBase), 'the demo has a translated project').toBe(true);
    expect(content.projects.some((p) => p.data.meetings.length > 0)).toBe(true);
    expect(listFiles(built.dist, /\.(ics|xml)$/).filter((f) => /(^|\/)projects\//.test(f))).toEqual(expected.sort());
  });

  it('is byte-identical when the build machine’s TZ changes', () => {
    const files = listFiles(built.dist, /\.(ics|xml)$/);
    expect(listFiles(tokyo.dist, /\.(ics|xml)$/)).toEqual(files);
    for (const f of files) expect(read(tokyo.dist, f), f).toBe(read(built.dist, f));
  });

  it('parses every .ics with ical.js, and every line is CRLF-ended and at most 75 octets', () => {
    const files = listFiles(built.dist, /\.ics$/);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const ics = read(built.dist, f);
      expect(ics.startsWith('BEGIN:VCALENDAR\r\n'), f).toBe(true);
      expect(ics.endsWith('END:VCALENDAR\r\n'), f).toBe(true);
      expect(ics, f).not.toMatch(/[^\r]\n/);
      for (const line of ics.slice(0, -2).split('\r\n')) expect(Buffer.byteLength(line), `${f}: ${line}`).toBeLessThanOrEqual(75);
      const cal = new ICAL.Component(ICAL.parse(ics));
      expect(cal.getFirstPropertyValue('method'), f).toBe('PUBLISH');
      expect(cal.getFirstPropertyValue('version'), f).toBe('2.0');
      for (const { c } of events(ics)) {
        expect(c.getFirstPropertyValue('uid'), f).toMatch(new RegExp(`@${siteUrl.hostname.replace(/\./g, '\\.')}$`));
        expect(c.getFirstPropertyValue('dtstamp')!.toString(), f).toBe(DateTime.fromISO(TEST_NOW).toUTC().toISO({ suppressMilliseconds: true }));
      }
    }
  });

  it('gives each meeting the content’s local start and end in the utility’s zone, in the page’s language', () => {
    let checked = 0;
    for (const entry of content.projects) {
      const t = translator(entry.lang);
      const calendar = events(read(built.dist, `${dirOf(entry)}calendar.ics`));
      const page = read(built.dist, `${dirOf(entry)}index.html`);
      for (const m of entry.data.meetings) {
        const uid = `${entry.slug}-${m.id}@${siteUrl.hostname}`;
        const single = events(read(built.dist, `${dirOf(entry)}meetings/${m.id}.ics`));
        expect(single).toHaveLength(1);
        const inCalendar = calendar.filter(({ e }) => e.uid === uid);
        expect(inCalendar, `${uid} in ${entry.lang} calendar`).toHaveLength(1);
        for (const { c, e } of [...single, ...inCalendar]) {
          expect(e.uid).toBe(uid);
          expect(localTime(e.startDate), `${uid} start`).toBe(m.start);
          expect(localTime(e.endDate), `${uid} end`).toBe(m.end);
          expect(e.summary).toBe(m.status === 'cancelled' ? t('ics.cancelledTitle', { title: m.title }) : m.title);
          expect(c.getFirstPropertyValue('status')).toBe(m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
          expect(e.sequence).toBe({ scheduled: 0, rescheduled: 1, cancelled: 2 }[m.status]);
          const link = `${pageUrl(entry)}#meeting-${m.id}`;
          expect(e.description).toContain(link);
          expect(c.getFirstPropertyValue('url')).toBe(link);
          checked++;
        }
        // The link's target exists on the page.
        expect(page).toContain(`id="meeting-${m.id}"`);
      }
      // The other events link to parts of the page that exist.
      for (const { c } of calendar) {
        const hash = String(c.getFirstPropertyValue('url')).split('#')[1];
        expect(page, `#${hash} on ${dirOf(entry)}`).toContain(`id="${hash}"`);
      }
      // NAME and REFRESH-INTERVAL on every subscribable calendar.
      const cal = new ICAL.Component(ICAL.parse(read(built.dist, `${dirOf(entry)}calendar.ics`)));
      expect(cal.getFirstPropertyValue('name')).toBe(t('ics.calendarName', { project: entry.data.title, site: site.name }));
      expect(String(cal.getFirstPropertyValue('refresh-interval'))).toBe('PT12H');
      // One all-day event per phase start.
      const phases = calendar.filter(({ e }) => e.uid.startsWith(`${entry.slug}-phase-`));
      expect(phases.map(({ e }) => e.startDate.toString())).toEqual(entry.data.timeline.map((p) => p.start));
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('parses every updates.xml, newest first, and each is valid Atom', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) });
    for (const entry of content.projects) {
      const f = `${dirOf(entry)}updates.xml`;
      const xml = read(built.dist, f);
      expect(XMLValidator.validate(xml), f).toBe(true);
      const feed = parser.parse(xml).feed;
      expect(feed['@xml:lang']).toBe(entry.lang);
      const entries: { updated: string }[] = feed.entry ?? [];
      expect(entries, f).toHaveLength(entry.data.updates.length);
      const dates = entries.map((e) => e.updated);
      expect(dates).toEqual([...dates].sort().reverse());
      const self = feed.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href'];
      expect(self).toBe(`${pageUrl(entry)}updates.xml`);
      const result = await validateXML({ xml: [{ fileName: 'updates.xml', contents: xml }], schema: [{ fileName: 'atom.rng', contents: atomRng }], extension: 'relaxng' });
      expect(result.errors, f).toEqual([]);
    }
  });
});

/**
 * RFC 4287's schema is RELAX NG compact syntax, which libxml2 cannot read:
 * trang (Debian's package, installed here when we are root) converts it.
 */
const atomSchema = atomRelaxNg;

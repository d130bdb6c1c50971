import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { loadContent, type LoadedContent, type ProjectEntry } from '../../src/lib/content/load.ts';
import { endInstant } from '../../src/lib/time.ts';
import { getSiteModel } from '../../src/lib/site-model.ts';
import { buildDisruptionsFile, buildProjectsFile, safeJson, type DisruptionsFile, type ProjectsFile } from '../../src/lib/open-data.ts';
import { buildWzdxFeed, wzdxJson, type WzdxFeed } from '../../src/lib/wzdx.ts';
import { siteFeedInput, siteUpdatesFeed } from '../../src/lib/site-feed.ts';
import { buildSite, ROOT, TEST_NOW, type BuildResult } from '../support/site-build.ts';
import { GEOJSON_SCHEMAS, WZDX, atomRelaxNg, wzdxValidator } from '../support/standards.ts';

/**
 * The feeds and open data of the demo site, as the real build writes them:
 * the WZDx feed validated against the official WZDx 4.2 schemas with ajv,
 * projects.json and projects.geojson parsed and checked against the content,
 * the site-wide Atom feeds parsed and validated against RFC 4287's schema, and
 * the page that explains them. A second site, copied from the valid-site
 * fixture with a title full of ", <, &, ]]> and U+2028, checks that each
 * format escapes by its own rules and that the text comes back exactly.
 */

const CONTENT = path.join(ROOT, 'content');
const FIXTURE = path.join(ROOT, 'test/fixtures/valid-site');
const NOW = DateTime.fromISO(TEST_NOW, { setZone: true });
const FILES = ['updates.xml', 'es/updates.xml', 'projects.json', 'projects.geojson', 'wzdx.geojson'];

const NASTY_TITLE = 'Elm "Main" <b>St</b> & more\u2028next ]]> end';
const NASTY_UPDATE = 'Crews <script>alert(1)</script> & "friends" ]]> stop\u2028soon';

let content: LoadedContent;
let zone = '';
let base: ProjectEntry[] = [];
/** A copy of the demo content, so edits made while the tests run cannot make the build and the checks disagree. */
let demoDir = '';
let demo: BuildResult;
let nasty: BuildResult;
let nastyDir = '';
let atomRng = '';

const read = (dist: string, rel: string) => fs.readFileSync(path.join(dist, rel), 'utf8');
/** The built file behind an absolute URL of the site (its path, without the fragment). */
function fileOf(dist: string, url: string): string {
  const { pathname } = new URL(url);
  const rel = decodeURIComponent(pathname).replace(/^\//, '');
  return path.join(dist, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
}

const atomSchema = atomRelaxNg;

/** The valid-site fixture with a project title and an update title that need escaping everywhere. */
function nastyContent(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'underway-nasty-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const file = path.join(dir, 'projects/elm-street-water-main/index.mdx');
  const yaml = (s: string) => JSON.stringify(s).replace(/\u2028/g, '\\u2028'); // a YAML double-quoted string
  const text = fs.readFileSync(file, 'utf8');
  const changed = text
    .replace(/^title: Elm Street water main replacement$/m, `title: ${yaml(NASTY_TITLE)}`)
    .replace(/^ {4}title: Work pauses for the holidays$/m, `    title: ${yaml(NASTY_UPDATE)}`);
  expect(changed.split('\n').filter((l, i) => l !== text.split('\n')[i])).toHaveLength(2);
  fs.writeFileSync(file, changed);
  return dir;
}

beforeAll(() => {
  demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'underway-demo-'));
  fs.cpSync(CONTENT, demoDir, { recursive: true });
  content = loadContent({ contentDir: demoDir, now: NOW, checkBodies: false });
  expect(content.problems.filter((p) => p.severity === 'error')).toEqual([]);
  zone = content.site!.timeZone;
  base = content.projects.filter((p) => p.isBase);
  demo = buildSite('open-data', { CONTENT_DIR: demoDir, TZ: 'UTC' });
  expect(demo.status, demo.stdout + demo.stderr).toBe(0);
  nastyDir = nastyContent();
  nasty = buildSite('open-data-nasty', { CONTENT_DIR: nastyDir, TZ: 'Asia/Tokyo' });
  expect(nasty.status, nasty.stdout + nasty.stderr).toBe(0);
  atomRng = atomSchema();
});

afterAll(() => {
  for (const dir of [demoDir, nastyDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) });
const htmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('feeds and open data of the demo site', () => {
  it('writes every file, and the page that explains them in both languages', () => {
    for (const f of [...FILES, 'open-data/index.html', 'es/open-data/index.html']) expect(fs.existsSync(path.join(demo.dist, f)), f).toBe(true);
  });

  it('has a WZDx feed that validates against the official WZDx 4.2 schemas', () => {
    const validate = wzdxValidator();
    const feed = JSON.parse(read(demo.dist, 'wzdx.geojson')) as WzdxFeed;
    expect(validate(feed) ? [] : validate.errors).toEqual([]);
    expect(feed.feed_info.version).toBe('4.2');
    expect(feed.feed_info.update_date).toBe('2026-12-01T17:00:00Z');
    // And the same validator rejects a broken copy.
    const broken = structuredClone(feed);
    delete (broken.features[0].properties.core_details as Partial<WzdxFeed['features'][0]['properties']['core_details']>).direction;
    expect(validate(broken)).toBe(false);
  });

  it('puts in WZDx exactly the road closures, lane closures and detours that have not ended', () => {
    const feed = JSON.parse(read(demo.dist, 'wzdx.geojson')) as WzdxFeed;
    const expected = base.flatMap((p) =>
      p.disruptions.filter((d) => ['road-closure', 'lane-closure', 'detour'].includes(d.properties.kind) && endInstant(d.properties.end, zone) > NOW),
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(feed.features).toHaveLength(expected.length);
    expect(feed.features.map((f) => f.geometry.coordinates)).toEqual(expected.map((d) => (d.geometry as { coordinates: unknown }).coordinates));
    expect(feed.features.some((f) => f.properties.core_details.event_type === 'detour')).toBe(true);
    const ids = new Set(feed.features.map((f) => f.id));
    expect(ids.size).toBe(feed.features.length);
    for (const f of feed.features) for (const r of f.properties.core_details.related_road_events ?? []) expect(ids.has(r.id), r.id).toBe(true);
    // Every detour of the demo leads around a closure on its street.
    for (const f of feed.features.filter((f) => f.properties.core_details.event_type === 'detour'))
      expect(f.properties.core_details.related_road_events?.some((r) => r.type === 'related-work-zone')).toBe(true);
  });

  it('has projects.json with one record per project, linking to pages and files that exist', () => {
    const file = JSON.parse(read(demo.dist, 'projects.json')) as ProjectsFile;
    expect(file.projects.map((p) => p.slug)).toEqual(base.map((p) => p.slug));
    expect(file.site.timeZone).toBe(zone);
    expect(file.generated).toBe(NOW.setZone(zone).toISO({ suppressMilliseconds: true }));
    let meetings = 0;
    for (const p of file.projects) {
      expect(['planned', 'active', 'complete']).toContain(p.status);
      expect(p.neighborhoods.length).toBeGreaterThan(0);
      for (const url of [p.links.page, p.links.updates, p.links.calendar, ...p.translations.flatMap((t) => [t.page, t.updates])])
        expect(fs.existsSync(fileOf(demo.dist, url)), url).toBe(true);
      if (p.nextMeeting) {
        meetings++;
        expect(fs.existsSync(fileOf(demo.dist, p.nextMeeting.calendar)), p.nextMeeting.calendar).toBe(true);
        expect(read(demo.dist, path.relative(demo.dist, fileOf(demo.dist, p.nextMeeting.url)))).toContain(`id="meeting-${p.nextMeeting.id}"`);
        expect(DateTime.fromISO(p.nextMeeting.end) > NOW).toBe(true);
        expect(p.nextMeeting.status).not.toBe('cancelled');
      }
    }
    expect(meetings).toBeGreaterThan(0);
    expect(file.projects.some((p) => p.translations.length > 0)).toBe(true);
  });

  it('has projects.geojson with every disruption and its project’s properties, valid by the geojson.org schema', () => {
    const file = JSON.parse(read(demo.dist, 'projects.geojson')) as DisruptionsFile;
    expect(file.features).toHaveLength(base.reduce((n, p) => n + p.disruptions.length, 0));
    for (const f of file.features) {
      const project = base.find((p) => p.slug === f.properties.project)!;
      expect(f.properties.projectTitle).toBe(project.data.title);
      expect(f.properties.neighborhoods).toEqual(project.data.neighborhoods);
      expect(fs.existsSync(fileOf(demo.dist, f.properties.projectUrl))).toBe(true);
    }
    const ajv = new Ajv({ strictTypes: false });
    for (const f of fs.readdirSync(GEOJSON_SCHEMAS).filter((f) => f.endsWith('.json') && f !== 'package.json'))
      ajv.addSchema(JSON.parse(fs.readFileSync(path.join(GEOJSON_SCHEMAS, f), 'utf8')));
    expect(ajv.validate('https://geojson.org/schema/FeatureCollection.json', file), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('has site-wide Atom feeds that are well-formed and valid by RFC 4287, with every update', async () => {
    const total = base.reduce((n, p) => n + p.data.updates.length, 0);
    expect(total).toBeGreaterThan(0);
    for (const [f, lang] of [['updates.xml', 'en'], ['es/updates.xml', 'es']]) {
      const xml = read(demo.dist, f);
      expect(XMLValidator.validate(xml), f).toBe(true);
      const feed = parser.parse(xml).feed;
      expect(feed['@xml:lang']).toBe(lang);
      expect(feed.entry, f).toHaveLength(total);
      const dates = (feed.entry as { updated: string }[]).map((e) => e.updated);
      expect(dates).toEqual([...dates].sort().reverse());
      for (const e of feed.entry as { link: { '@href': string }[] }[]) expect(fs.existsSync(fileOf(demo.dist, e.link[0]['@href'])), e.link[0]['@href']).toBe(true);
      const result = await validateXML({ xml: [{ fileName: 'updates.xml', contents: xml }], schema: [{ fileName: 'atom.rng', contents: atomRng }], extension: 'relaxng' });
      expect(result.errors, f).toEqual([]);
    }
  });

  it('explains each file on the open data page, links to it, and is linked from every page’s footer', () => {
    for (const [page, lang] of [['open-data/index.html', 'en'], ['es/open-data/index.html', 'es']]) {
      const html = read(demo.dist, page);
      expect(html).toContain(`<html lang="${lang}"`);
      const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      for (const f of FILES.filter((f) => !f.startsWith('es/'))) {
        const href = lang === 'es' && f === 'updates.xml' ? '/es/updates.xml' : `/${f}`;
        expect(hrefs, `${page} links to ${href}`).toContain(href);
        expect(fs.existsSync(path.join(demo.dist, href))).toBe(true);
      }
      expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/(es\/)?updates\.xml"/);
    }
    expect(read(demo.dist, 'index.html')).toMatch(/<footer[^]*<a href="\/open-data\/"[^>]*>Feeds and open data<\/a>[^]*<\/footer>/);
    expect(read(demo.dist, 'es/index.html')).toMatch(/<footer[^]*<a href="\/es\/open-data\/"[^>]*>Suscripciones y datos abiertos<\/a>/);
    expect(read(demo.dist, 'projects/elm-street-water-main/index.html')).toMatch(/<footer[^]*<a href="\/open-data\/"/);
  });

  it('writes exactly what the builders give for the same content and SITE_NOW, whatever the build machine’s TZ', () => {
    // This process has its own TZ, and its own clock; the build ran with TZ=UTC.
    process.env.CONTENT_DIR = demoDir;
    process.env.SITE_NOW = TEST_NOW;
    const model = getSiteModel();
    const en = siteFeedInput(model, 'en');
    const es = siteFeedInput(model, 'es');
    expect(read(demo.dist, 'wzdx.geojson')).toBe(wzdxJson(buildWzdxFeed(model)));
    expect(read(demo.dist, 'projects.json')).toBe(safeJson(buildProjectsFile(model)));
    expect(read(demo.dist, 'projects.geojson')).toBe(safeJson(buildDisruptionsFile(model)));
    expect(read(demo.dist, 'updates.xml')).toBe(siteUpdatesFeed(en.projects, en.ctx));
    expect(read(demo.dist, 'es/updates.xml')).toBe(siteUpdatesFeed(es.projects, es.ctx));
  });
});

describe('escaping, on a site whose titles hold ", <, &, ]]> and U+2028', () => {
  it('keeps JSON free of raw <, U+2028 and U+2029, and gives the exact title back', () => {
    for (const f of ['projects.json', 'projects.geojson', 'wzdx.geojson']) {
      const text = read(nasty.dist, f);
      expect(text, f).not.toMatch(/[<\u2028\u2029]/);
      expect(() => JSON.parse(text), f).not.toThrow();
    }
    const projects = JSON.parse(read(nasty.dist, 'projects.json')) as ProjectsFile;
    const elm = projects.projects.find((p) => p.slug === 'elm-street-water-main')!;
    expect(elm.title).toBe(NASTY_TITLE);
    expect(elm.lastUpdate?.title).toBe(NASTY_UPDATE);
    const geo = JSON.parse(read(nasty.dist, 'projects.geojson')) as DisruptionsFile;
    expect(geo.features.filter((f) => f.properties.project === 'elm-street-water-main').every((f) => f.properties.projectTitle === NASTY_TITLE)).toBe(true);
    const wzdx = JSON.parse(read(nasty.dist, 'wzdx.geojson')) as WzdxFeed;
    expect(wzdx.features.length).toBeGreaterThan(0);
    expect(wzdx.features[0].properties.core_details.description).toContain(`${NASTY_TITLE}: https://`);
    const validate = wzdxValidator();
    expect(validate(wzdx) ? [] : validate.errors).toEqual([]);
  });

  it('keeps the Atom feed well-formed and valid, and a reader shows the exact title', async () => {
    const xml = read(nasty.dist, 'updates.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/<script|<b>/);
    const result = await validateXML({ xml: [{ fileName: 'updates.xml', contents: xml }], schema: [{ fileName: 'atom.rng', contents: atomRng }], extension: 'relaxng' });
    expect(result.errors).toEqual([]);
    const entries = parser.parse(xml).feed.entry as { title: { '#text': string } }[];
    expect(entries.map((e) => htmlText(e.title['#text']))).toContain(`${NASTY_TITLE}: ${NASTY_UPDATE}`);
  });
});

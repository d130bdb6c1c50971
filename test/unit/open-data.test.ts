import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { loadContent, type ProjectEntry } from '../../src/lib/content/load.ts';
import type { SiteModel } from '../../src/lib/site-model.ts';
import { currentPhase } from '../../src/lib/status.ts';
import { feedContext, feedEntries, feedProject } from '../../src/lib/feeds.ts';
import { buildDisruptionsFile, buildProjectsFile, safeJson, type ProjectsFile } from '../../src/lib/open-data.ts';
import { siteFeedInput, siteUpdatesFeed } from '../../src/lib/site-feed.ts';
import { atomRelaxNg } from '../support/standards.ts';
import { testModel } from '../support/model.ts';

/**
 * projects.json, projects.geojson and the site-wide Atom feed, built from the
 * valid-site fixture with a fixed SITE_NOW. The feed is read back with a real
 * XML parser and validated against RFC 4287's RELAX NG schema (converted by
 * trang, as in feeds.test.ts); the GeoJSON against the geojson.org schemas.
 */

const FIXTURE = fileURLToPath(new URL('../fixtures/valid-site', import.meta.url));
const GEOJSON_SCHEMAS = path.dirname(fileURLToPath(import.meta.resolve('geojson-schema/package.json')));
const ZONE = 'America/Chicago';
const NOW = DateTime.fromISO('2026-12-01T17:00:00Z', { setZone: true });
const SITE = 'https://projects.lakeviewwater.org';

const content = loadContent({ contentDir: FIXTURE, now: NOW, checkBodies: false });
const find = (id: string) => content.projects.find((p) => p.entryId === id)!;

function makeModel(projects: ProjectEntry[], { now = NOW, base = '/' } = {}): SiteModel {
  return testModel({ site: content.site!, projects, now, zone: ZONE, base, origin: SITE + base.replace(/\/$/, '') });
}

const model = makeModel(content.projects);
const NASTY = 'Say "no" to <script>alert(1)</script> & ]]> \u2028 line \u2029 para \\ \u0001 done 💧';

/** Every string in a JSON value under a key that holds a link. */
function links(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => links(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && /^(url|page|updates|calendar|online|rsvp|projectUrl)$/.test(k)) out.push(v);
      else links(v, out);
    }
  return out;
}

describe('safeJson', () => {
  it('round-trips quotes, <, &, U+2028/U+2029, backslashes and control characters, escaping what could break a script', () => {
    const value = { text: NASTY, list: [1.5, -87.65, 1e-7], nested: { empty: [] } };
    const text = safeJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toMatch(/[<\u2028\u2029\u0001]/);
    expect(text).toContain('\\u003cscript>');
    expect(text).toContain('\\"no\\"');
    expect(text).toContain('\\u2028');
    expect(text).toContain('"list": [1.5, -87.65, 1e-7]');
    expect(text.endsWith('}\n')).toBe(true);
    // A string that looks like an array stays exactly as it was.
    expect(JSON.parse(safeJson({ s: '[\n 1,\n 2\n]' })).s).toBe('[\n 1,\n 2\n]');
  });
});

describe('projects.json', () => {
  const file = buildProjectsFile(model);
  const record = (slug: string) => file.projects.find((p) => p.slug === slug)!;

  it('has one record per project, in the default language, with the site and SITE_NOW', () => {
    expect(file.projects.map((p) => p.slug)).toEqual(['elm-street-water-main', 'north-tank-repainting', 'riverside-lead-service-lines']);
    expect(file.site).toEqual({ name: 'Lakeview Water', url: `${SITE}/`, timeZone: ZONE, language: 'en' });
    expect(file.generated).toBe('2026-12-01T11:00:00-06:00');
    expect(record('elm-street-water-main').title).toBe('Elm Street water main replacement');
  });

  it('gives status, current phase, dates, neighborhoods and facts', () => {
    const elm = record('elm-street-water-main');
    expect(elm.status).toBe('active');
    expect(elm.currentPhase).toEqual({ phase: 'construction', start: '2026-06-15', end: '2027-04-30', estimated: true, displayDates: 'Summer 2026 to spring 2027' });
    expect([elm.start, elm.end]).toEqual(['2025-09-01', '2027-06-30']);
    expect(elm.timeline).toHaveLength(5);
    expect(elm.timeline.at(-1)).toEqual({ phase: 'complete', start: '2027-07-01', estimated: false });
    expect(elm.neighborhoods).toEqual(['Riverside', 'Old Town']);
    expect(elm.streets).toEqual(['Elm St', '3rd Ave']);
    expect(elm.location).toEqual({ lat: 41.885, lon: -87.655 });
    expect({ cost: elm.cost, currency: elm.currency, households: elm.households, contractor: elm.contractor }).toEqual({ cost: 4200000, currency: 'USD', households: 240, contractor: 'Acme Pipe Co.' });
    expect(elm.lastUpdate).toEqual({ date: '2026-11-20', title: 'Work pauses for the holidays' });
    expect(elm.disruptions).toBe(find('elm-street-water-main/index').disruptions.length);
    for (const p of file.projects) expect(p.status).toBe(currentPhase(find(`${p.slug}/index`).data.timeline, NOW, ZONE).status);
  });

  it('gives the next meeting with times in the utility’s offset, skipping past and cancelled ones', () => {
    expect(record('elm-street-water-main').nextMeeting).toEqual({
      id: 'winter-update-call',
      title: 'Winter update call',
      kind: 'online',
      status: 'scheduled',
      localStart: '2027-01-12T12:00',
      localEnd: '2027-01-12T13:00',
      start: '2027-01-12T12:00:00-06:00',
      end: '2027-01-12T13:00:00-06:00',
      online: 'https://meet.example.org/elm-winter',
      rsvp: 'mailto:projects@lakeviewwater.org',
      url: `${SITE}/projects/elm-street-water-main/#meeting-winter-update-call`,
      calendar: `${SITE}/projects/elm-street-water-main/meetings/winter-update-call.ics`,
    });
    expect(record('riverside-lead-service-lines').nextMeeting?.id).toBe('lead-hearing');
    // After the hearing only a cancelled site walk is left: no next meeting.
    const later = buildProjectsFile(makeModel(content.projects, { now: DateTime.fromISO('2027-01-25T12:00:00Z') }));
    expect(later.projects.find((p) => p.slug === 'riverside-lead-service-lines')!.nextMeeting).toBeNull();
  });

  it('lists translations, and links to pages, feeds and calendars that the site builds', () => {
    const elm = record('elm-street-water-main');
    expect(elm.links).toEqual({
      page: `${SITE}/projects/elm-street-water-main/`,
      updates: `${SITE}/projects/elm-street-water-main/updates.xml`,
      calendar: `${SITE}/projects/elm-street-water-main/calendar.ics`,
    });
    expect(elm.translations).toEqual([
      {
        lang: 'es',
        title: 'Reemplazo de la tubería de agua de la calle Elm',
        summary: 'Estamos reemplazando la vieja tubería de agua bajo la calle Elm. La nueva tubería durará muchos años.',
        page: `${SITE}/es/projects/elm-street-water-main/`,
        updates: `${SITE}/es/projects/elm-street-water-main/updates.xml`,
      },
    ]);
    expect(record('north-tank-repainting').translations).toEqual([]);
  });

  it('follows the base path', () => {
    const water = buildProjectsFile(makeModel(content.projects, { base: '/water/' }));
    expect(water.site.url).toBe(`${SITE}/water/`);
    for (const url of links(water)) expect(url.startsWith(`${SITE}/water/`) || !url.startsWith(SITE), url).toBe(true);
    expect(water.projects[0].links.page).toBe(`${SITE}/water/projects/elm-street-water-main/`);
  });

  it('has only http(s), mailto and tel links, leaving out anything else', () => {
    const elm = structuredClone(find('elm-street-water-main/index'));
    elm.data.meetings = elm.data.meetings.map((m) => ({ ...m, online: 'javascript:alert(1)', rsvp: 'data:text/html,hi' }));
    const file = buildProjectsFile(makeModel([elm]));
    expect(file.projects[0].nextMeeting).not.toHaveProperty('online');
    expect(file.projects[0].nextMeeting).not.toHaveProperty('rsvp');
    const all = links(buildProjectsFile(model));
    expect(all.length).toBeGreaterThan(10);
    for (const url of all) expect(url).toMatch(/^(https?:\/\/|mailto:|tel:)/);
  });

  it('escapes text by JSON’s rules: a title with ", <, &, U+2028 comes back exactly', () => {
    const elm = structuredClone(find('elm-street-water-main/index'));
    elm.data.title = NASTY;
    const text = safeJson(buildProjectsFile(makeModel([elm])));
    expect(text).not.toMatch(/[<\u2028\u2029]/);
    expect((JSON.parse(text) as ProjectsFile).projects[0].title).toBe(NASTY);
  });

  it('is byte-identical for the same content and SITE_NOW, whatever the clock says', () => {
    const first = safeJson(buildProjectsFile(model));
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2031-07-04T12:00:00Z'));
      expect(safeJson(buildProjectsFile(makeModel(content.projects)))).toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('projects.geojson', () => {
  const file = buildDisruptionsFile(model);
  const base = content.projects.filter((p) => p.isBase);

  it('is a valid GeoJSON FeatureCollection by the geojson.org schemas', () => {
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    for (const f of fs.readdirSync(GEOJSON_SCHEMAS).filter((f) => f.endsWith('.json') && f !== 'package.json'))
      ajv.addSchema(JSON.parse(fs.readFileSync(path.join(GEOJSON_SCHEMAS, f), 'utf8')));
    const validate = ajv.getSchema('https://geojson.org/schema/FeatureCollection.json')!;
    const parsed = JSON.parse(safeJson(file));
    expect(validate(parsed) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...parsed, features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[1, 2]] } }] })).toBe(false);
  });

  it('has every disruption of every project once, with its geometry as drawn', () => {
    const expected = base.flatMap((p) => p.disruptions.map((d) => ({ p, d })));
    expect(expected.length).toBeGreaterThan(0);
    expect(file.features).toHaveLength(expected.length);
    file.features.forEach((f, i) => {
      expect(f.geometry).toEqual(expected[i].d.geometry);
      expect(f.properties.project).toBe(expected[i].p.slug);
    });
    const ids = file.features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives each disruption its project’s properties, its times with offsets, and its timing on SITE_NOW', () => {
    const closure = file.features.find((f) => f.id === 'elm-street-water-main/elm-closure-1')!;
    expect(closure.properties).toMatchObject({
      id: 'elm-closure-1',
      kind: 'road-closure',
      kindLabel: 'Road closure',
      start: '2026-06-15T07:00',
      end: '2026-12-18',
      startsAt: '2026-06-15T07:00:00-05:00',
      endsAt: '2026-12-19T00:00:00-06:00',
      timing: 'underway',
      project: 'elm-street-water-main',
      projectTitle: 'Elm Street water main replacement',
      projectUrl: `${SITE}/projects/elm-street-water-main/`,
      projectType: 'water-main',
      projectStatus: 'active',
      neighborhoods: ['Riverside', 'Old Town'],
    });
    const later = buildDisruptionsFile(makeModel(content.projects, { now: DateTime.fromISO('2027-01-01T00:00:00Z') }));
    expect(later.features.find((f) => f.id === closure.id)!.properties.timing).toBe('ended');
    const earlier = buildDisruptionsFile(makeModel(content.projects, { now: DateTime.fromISO('2026-01-01T00:00:00Z') }));
    expect(earlier.features.find((f) => f.id === closure.id)!.properties.timing).toBe('upcoming');
  });

  it('escapes a description with ", <, &, U+2028 and gives it back exactly', () => {
    const elm = structuredClone(find('elm-street-water-main/index'));
    elm.disruptions[0].properties.description = NASTY;
    const text = safeJson(buildDisruptionsFile(makeModel([elm])));
    expect(text).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(text).features[0].properties.description).toBe(NASTY);
  });
});

// ---- The site-wide Atom feed ------------------------------------------------

let atomRng = '';

beforeAll(() => {
  atomRng = atomRelaxNg();
}, 300_000);

const validateAtom = (xml: string) =>
  validateXML({ xml: [{ fileName: 'updates.xml', contents: xml }], schema: [{ fileName: 'atom.rng', contents: atomRng }], extension: 'relaxng' });

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'category'].includes(name) });
type Entry = { '@xml:lang'?: string; id: string; title: { '#text': string }; updated: string; link: { '@href': string }[]; category: { '@term': string }[]; content: { '#text': string } };
const parse = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).feed;
};
/** What a feed reader shows for a type="html" text. */
const htmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The fixture, with updates on several projects (one in Spanish too) and a nasty title. */
function withUpdates(): ProjectEntry[] {
  const projects = structuredClone(content.projects);
  const get = (id: string) => projects.find((p) => p.entryId === id)!;
  get('elm-street-water-main/index').data.updates.push({ date: '2026-11-25', title: NASTY, body: 'First <b>para</b> & more.\n\nSecond ]]> para.' });
  get('elm-street-water-main/index.es').data.updates = [{ date: '2026-11-25', title: 'Título en español', body: 'Cuerpo.' }];
  get('north-tank-repainting/index').data.updates = [
    { date: '2026-11-25', title: 'Tank scaffolding up', body: 'Same day as Elm.' },
    { date: '2026-10-01', title: 'Tank work starts', body: 'Older.' },
  ];
  get('riverside-lead-service-lines/index').data.updates = [{ date: '2026-11-30', title: 'Newest of all', body: 'Newest.' }];
  return projects;
}

describe('site-wide updates feed', () => {
  const projects = withUpdates();
  const siteModel = makeModel(projects);
  const en = (() => {
    const { projects: p, ctx } = siteFeedInput(siteModel, 'en');
    return siteUpdatesFeed(p, ctx);
  })();
  const es = (() => {
    const { projects: p, ctx } = siteFeedInput(siteModel, 'es');
    return siteUpdatesFeed(p, ctx);
  })();

  it('is valid Atom by the RFC 4287 RELAX NG schema, in both languages', async () => {
    for (const xml of [en, es]) {
      const result = await validateAtom(xml);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    }
    expect((await validateAtom(en.replace(/<id>[^<]*<\/id>/, ''))).valid).toBe(false);
  });

  it('has the site’s title, links, language and the newest update’s day as updated', () => {
    const feed = parse(en);
    expect(feed['@xml:lang']).toBe('en');
    expect(feed.id).toBe(`${SITE}/updates.xml`);
    expect(feed.title).toBe('Lakeview Water: Project updates');
    const linkMap = Object.fromEntries(feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']]));
    expect(linkMap).toEqual({ alternate: `${SITE}/projects/`, self: `${SITE}/updates.xml` });
    expect(feed.updated).toBe('2026-11-30T06:00:00.000Z');
    const esFeed = parse(es);
    expect(esFeed.id).toBe(`${SITE}/es/updates.xml`);
    expect(esFeed['@xml:lang']).toBe('es');
    expect(esFeed.title).toBe('Lakeview Water: Novedades de los proyectos');
  });

  it('lists every project’s updates newest first, with the same ids as the project feeds', () => {
    const entries: Entry[] = parse(en).entry;
    expect(entries.map((e) => htmlText(e.title['#text']))).toEqual([
      'Riverside lead service line replacement: Newest of all',
      `Elm Street water main replacement: ${NASTY.replace(/[\u0001]/g, '')}`,
      'North water tank repainting: Tank scaffolding up',
      'Elm Street water main replacement: Work pauses for the holidays',
      'North water tank repainting: Tank work starts',
    ]);
    const projectIds = siteModel.projects
      .filter((p) => p.isBase)
      .flatMap((p) => feedEntries(feedProject(p), { zone: ZONE, projectUrl: feedContext(siteModel, p).projectUrl }).map((e) => e.id));
    expect(entries.map((e) => e.id).sort()).toEqual(projectIds.sort());
    expect(entries[0].link[0]['@href']).toBe(`${SITE}/projects/riverside-lead-service-lines/#updates-heading`);
    expect(entries[0].category).toEqual([{ '@term': 'riverside-lead-service-lines' }]);
    expect(entries[0].updated).toBe('2026-11-30T06:00:00.000Z');
  });

  it('escapes titles and paragraphs so readers show them as text', () => {
    expect(en).not.toMatch(/<script|<b>/);
    const nasty = (parse(en).entry as Entry[])[1];
    expect(nasty.content['#text']).toBe('<p>First &lt;b&gt;para&lt;/b&gt; &amp; more.</p>\n<p>Second ]]&gt; para.</p>');
  });

  it('uses translations in another language, and marks the updates that are not translated', () => {
    const entries: Entry[] = parse(es).entry;
    const elm = entries.find((e) => e.link[0]['@href'].includes('elm-street-water-main'))!;
    expect(htmlText(elm.title['#text'])).toBe('Reemplazo de la tubería de agua de la calle Elm: Título en español');
    expect(elm['@xml:lang']).toBeUndefined();
    expect(elm.link[0]['@href']).toBe(`${SITE}/es/projects/elm-street-water-main/#updates-heading`);
    const tank = entries.filter((e) => e.link[0]['@href'].includes('north-tank'));
    expect(tank).toHaveLength(2);
    for (const e of tank) {
      expect(e['@xml:lang']).toBe('en');
      expect(e.link[0]['@href']).toBe(`${SITE}/projects/north-tank-repainting/#updates-heading`);
    }
    expect(entries).toHaveLength(4);
  });

  it('is valid and dated from SITE_NOW’s day with no updates at all', async () => {
    const empty = structuredClone(content.projects).map((p) => ({ ...p, data: { ...p.data, updates: [] } }));
    const { projects: p, ctx } = siteFeedInput(makeModel(empty), 'en');
    const xml = siteUpdatesFeed(p, ctx);
    expect((await validateAtom(xml)).valid).toBe(true);
    const feed = parse(xml);
    expect(feed.entry).toBeUndefined();
    expect(feed.updated).toBe('2026-12-01T06:00:00.000Z'); // 1 December, midnight CST
  });

  it('is byte-identical for the same content and SITE_NOW, whatever the clock says', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2031-07-04T12:00:00Z'));
      const { projects: p, ctx } = siteFeedInput(makeModel(withUpdates()), 'en');
      expect(siteUpdatesFeed(p, ctx)).toBe(en);
    } finally {
      vi.useRealTimers();
    }
  });
});

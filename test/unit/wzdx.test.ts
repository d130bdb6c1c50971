import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import { loadContent, type ProjectEntry } from '../../src/lib/content/load.ts';
import type { DisruptionFeature } from '../../src/schemas/geojson.ts';
import type { SiteModel } from '../../src/lib/site-model.ts';
import { buildWzdxFeed, roadEventId, wzdxJson, wzdxNamespace, type WzdxFeed } from '../../src/lib/wzdx.ts';
import { WZDX, wzdxValidator } from '../support/standards.ts';
import { testModel } from '../support/model.ts';

/**
 * The WZDx 4.2 Work Zone Feed builder, validated with ajv against the official
 * schemas in shared/standards/wzdx-4.2 (draft-07). The schemas refer to each
 * other and to the GeoJSON schemas (https://geojson.org/schema/*.json, from
 * the geojson-schema package, the geojson/schema repository's own) by $id,
 * so every file of both folders is added before validating.
 */

const FIXTURE = fileURLToPath(new URL('../fixtures/valid-site', import.meta.url));
const ZONE = 'America/Chicago';
const NOW = DateTime.fromISO('2026-12-01T17:00:00Z', { setZone: true });
const ORIGIN = 'https://projects.lakeviewwater.org';

const validate = wzdxValidator();
const errors = (value: unknown) => (validate(value) ? [] : validate.errors);

// ---- A site model built from the valid-site fixture, with our own disruptions ----

const content = loadContent({ contentDir: FIXTURE, now: NOW, checkBodies: false });
const elm = content.projects.find((p) => p.entryId === 'elm-street-water-main/index')!;

function line(id: string | undefined, kind: string, start: string, end: string, street: string, extra: Record<string, unknown> = {}, coordinates: number[][] = [[-87.656, 41.885], [-87.654, 41.885]]): DisruptionFeature {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates },
    properties: { ...(id ? { id } : {}), kind, start, end, street, description: `${kind} on ${street}`, ...extra },
  } as DisruptionFeature;
}

const NASTY = 'Say "no" to <script>alert(1)</script> & ]]> \u2028 next line \\ done';

const DISRUPTIONS: DisruptionFeature[] = [
  line('closure-a', 'road-closure', '2026-11-30T07:00', '2027-03-20', 'Elm St', { from: '3rd Ave', to: '4th Ave', hours: '7 am to 5 pm' }),
  {
    type: 'Feature',
    geometry: { type: 'MultiLineString', coordinates: [[[-87.656, 41.885], [-87.656, 41.887]], [[-87.656, 41.887], [-87.654, 41.887], [-87.654, 41.885]]] },
    properties: { id: 'detour-a', kind: 'detour', start: '2026-11-30T07:00', end: '2027-03-20', street: 'elm st ', description: 'Take Oak St around the work.' },
  },
  line('lane-a', 'lane-closure', '2027-03-15T07:00', '2027-03-15T15:00', '3rd Ave', { description: NASTY }),
  line('ended', 'road-closure', '2026-09-01T07:00', '2026-10-01T17:00', 'Elm St'),
  { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[-87.66, 41.88], [-87.65, 41.88], [-87.65, 41.89], [-87.66, 41.88]]] }, properties: { id: 'shut-off', kind: 'water-shut-off', start: '2026-12-08T09:00', end: '2026-12-08T15:00', street: 'Elm St', description: 'Water off.' } },
  { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[-87.66, 41.88], [-87.65, 41.88], [-87.65, 41.89], [-87.66, 41.88]]] }, properties: { id: 'closure-as-area', kind: 'road-closure', start: '2026-12-08T09:00', end: '2026-12-08T15:00', street: 'Elm St', description: 'Drawn as an area.' } },
  line(undefined, 'lane-closure', '2026-12-02', '2026-12-02', 'Birch St'),
  line('closure-b', 'road-closure', '2026-12-10T07:00', '2026-12-20T17:00', 'Oak St'),
  line('detour-b', 'detour', '2026-12-12T07:00', '2026-12-14T17:00', 'Pine St'),
  line('sidewalk', 'sidewalk-closure', '2026-12-02T07:00', '2026-12-20T17:00', 'Elm St'),
];

function entry(slug: string, type: ProjectEntry['data']['type'], disruptions: DisruptionFeature[]): ProjectEntry {
  const copy = structuredClone(elm);
  return { ...copy, slug, entryId: `${slug}/index`, data: { ...copy.data, type }, disruptions };
}

function makeModel(projects: ProjectEntry[], now = NOW, origin = ORIGIN): SiteModel {
  return testModel({ site: content.site!, projects, now, zone: ZONE, origin });
}

const sewer = entry('oak-sewer', 'sewer', DISRUPTIONS);
const tank = entry('north-tank', 'storage-tank', [line('closure-a', 'road-closure', '2026-12-01T07:00', '2026-12-05T17:00', 'Tank Rd')]);
const translated = { ...structuredClone(sewer), lang: 'es', isBase: false, entryId: 'oak-sewer/index.es' };
translated.disruptions = translated.disruptions.map((f) => ({ ...f, properties: { ...f.properties, description: 'Desvío en español' } }));
const model = makeModel([tank, sewer, translated]);
const feed = buildWzdxFeed(model);
const byName = (name: string) => feed.features.filter((f) => f.properties.core_details.name.startsWith(name));
const ns = wzdxNamespace(ORIGIN);

describe('the validator itself', () => {
  it('accepts every official WZDx 4.2 example', () => {
    const examples = fs.readdirSync(path.join(WZDX, 'examples')).filter((f) => f.endsWith('.geojson'));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const f of examples) expect(errors(JSON.parse(fs.readFileSync(path.join(WZDX, 'examples', f), 'utf8'))), f).toEqual([]);
  });

  it('rejects broken feeds, so a pass means something', () => {
    const example = JSON.parse(fs.readFileSync(path.join(WZDX, 'examples/scenario4_detour_linestring_example.geojson'), 'utf8'));
    const broken = (change: (f: typeof example) => void) => {
      const copy = structuredClone(example);
      change(copy);
      return validate(copy);
    };
    expect(broken((f) => delete f.features[0].properties.core_details.direction)).toBe(false);
    expect(broken((f) => (f.features[0].properties.core_details.direction = 'sideways'))).toBe(false);
    expect(broken((f) => (f.features[0].properties.start_date = '2010-01-01T01:03:01'))).toBe(false); // no offset: not RFC 3339
    expect(broken((f) => (f.features[0].geometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }))).toBe(false);
    expect(broken((f) => (f.features[0].geometry.coordinates = [[-93.6, 41.8]]))).toBe(false); // a LineString needs 2 positions
    expect(broken((f) => delete f.features[0].properties.vehicle_impact)).toBe(false);
    expect(broken((f) => (f.feed_info.contact_email = 'not an email'))).toBe(false);
    expect(broken((f) => (f.features[1].properties.core_details.event_type = 'restriction'))).toBe(false);
  });
});

describe('WZDx feed', () => {
  it('validates against the official WorkZoneFeed schema, as an object and as the published text', () => {
    expect(feed.features.length).toBeGreaterThan(0);
    expect(errors(feed)).toEqual([]);
    expect(errors(JSON.parse(wzdxJson(feed)))).toEqual([]);
  });

  it('is valid with no road events at all', () => {
    const empty = buildWzdxFeed(makeModel([entry('quiet', 'water-main', [])]));
    expect(empty.features).toEqual([]);
    expect(errors(empty)).toEqual([]);
  });

  it('has feed_info for the utility, version 4.2, and SITE_NOW in UTC as update_date', () => {
    expect(feed.feed_info).toEqual({
      publisher: 'Lakeview Water',
      contact_name: 'Lakeview Water',
      contact_email: 'projects@lakeviewwater.org',
      update_date: '2026-12-01T17:00:00Z',
      version: '4.2',
      data_sources: [{ data_source_id: ns, organization_name: 'Lakeview Water', contact_name: 'Lakeview Water', contact_email: 'projects@lakeviewwater.org' }],
    });
    for (const f of feed.features) expect(f.properties.core_details.data_source_id).toBe(ns);
  });

  it('takes only road closures, lane closures and detours that have not ended, from default-language files', () => {
    const keys = feed.features.map((f) => f.properties.core_details.name);
    expect(keys).toEqual([
      'Road closure: Tank Rd',
      'Road closure: Elm St between 3rd Ave and 4th Ave',
      'Detour: elm st  (1/2)',
      'Detour: elm st  (2/2)',
      'Lane closure: 3rd Ave',
      'Lane closure: Birch St',
      'Road closure: Oak St',
      'Detour: Pine St',
    ]);
    // Not the translation's descriptions.
    expect(JSON.stringify(feed)).not.toContain('español');
  });

  it('maps kinds to event types and vehicle impacts, with direction unknown and planned (unverified) dates and positions', () => {
    for (const f of feed.features) {
      const p = f.properties;
      expect(p.core_details.direction).toBe('unknown');
      expect(p.is_start_date_verified).toBe(false);
      expect(p.is_end_date_verified).toBe(false);
      expect(f.geometry.type).toBe('LineString');
      if (p.core_details.event_type === 'work-zone') {
        expect(p.location_method).toBe('other');
        expect(p.is_start_position_verified).toBe(false);
        expect(p.is_end_position_verified).toBe(false);
        expect(p.work_zone_type).toBe('static');
      } else {
        expect(p.vehicle_impact).toBeUndefined();
        expect(p.location_method).toBeUndefined();
      }
    }
    expect(byName('Road closure: Elm St')[0].properties.vehicle_impact).toBe('all-lanes-closed');
    expect(byName('Lane closure: 3rd Ave')[0].properties.vehicle_impact).toBe('some-lanes-closed');
    expect(byName('Detour')[0].properties.core_details.event_type).toBe('detour');
    // Pipes under the street for a sewer; nothing said for a storage tank.
    expect(byName('Road closure: Elm St')[0].properties.types_of_work).toEqual([{ type_name: 'below-road-work' }]);
    expect(byName('Road closure: Tank Rd')[0].properties.types_of_work).toBeUndefined();
  });

  it('gives road names, cross streets, and the description with hours and the project page', () => {
    const closure = byName('Road closure: Elm St')[0].properties;
    expect(closure.core_details.road_names).toEqual(['Elm St']);
    expect(closure.beginning_cross_street).toBe('3rd Ave');
    expect(closure.ending_cross_street).toBe('4th Ave');
    expect(closure.core_details.description).toBe(
      'road-closure on Elm St\n\nWorking hours: 7 am to 5 pm\n\nElm Street water main replacement: https://projects.lakeviewwater.org/projects/oak-sewer/#disruptions-heading',
    );
    expect(byName('Lane closure: 3rd Ave')[0].properties.beginning_cross_street).toBeUndefined();
  });

  it('writes times as UTC instants of the utility’s wall-clock times, across daylight saving', () => {
    const closure = byName('Road closure: Elm St')[0].properties;
    expect(closure.start_date).toBe('2026-11-30T13:00:00Z'); // 7:00 CST
    expect(closure.end_date).toBe('2027-03-21T05:00:00Z'); // a bare end date lasts the whole day: midnight CDT
    const lane = byName('Lane closure: 3rd Ave')[0].properties;
    expect(lane.start_date).toBe('2027-03-15T12:00:00Z'); // 7:00 CDT, after the change on 14 March
    expect(lane.end_date).toBe('2027-03-15T20:00:00Z');
    const allDay = byName('Lane closure: Birch St')[0].properties;
    expect([allDay.start_date, allDay.end_date]).toEqual(['2026-12-02T06:00:00Z', '2026-12-03T06:00:00Z']);
  });

  it('gives stable UUID v5 ids from the slug and disruption id, unique across projects', () => {
    const ids = feed.features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(byName('Road closure: Elm St')[0].id).toBe(roadEventId(ns, 'oak-sewer', 'closure-a', 0));
    expect(byName('Road closure: Tank Rd')[0].id).toBe(roadEventId(ns, 'north-tank', 'closure-a', 0));
    // The same ids when the editor reorders the file, or when the build runs again later.
    const reordered = buildWzdxFeed(makeModel([tank, { ...sewer, disruptions: [...DISRUPTIONS.slice(0, 6).reverse(), ...DISRUPTIONS.slice(6)] }]));
    expect(reordered.features.find((f) => f.properties.core_details.name.startsWith('Road closure: Elm St'))!.id).toBe(byName('Road closure: Elm St')[0].id);
    // A disruption without an id falls back to its position in the file.
    expect(byName('Lane closure: Birch St')[0].id).toBe(roadEventId(ns, 'oak-sewer', '6', 0));
    // Another site gets other ids.
    expect(buildWzdxFeed(makeModel([tank], NOW, 'https://water.example.org')).features[0].id).not.toBe(byName('Road closure: Tank Rd')[0].id);
  });

  it('links a detour and its closures both ways, and the lines of a multi-line detour in sequence', () => {
    const related = (name: string, i = 0) => byName(name)[i].properties.core_details.related_road_events ?? [];
    const closureA = byName('Road closure: Elm St')[0].id;
    const closureB = byName('Road closure: Oak St')[0].id;
    const [detourA1, detourA2] = byName('Detour: elm st').map((f) => f.id);
    const detourB = byName('Detour: Pine St')[0].id;
    // Same street (case and spaces aside) and overlapping dates.
    expect(related('Detour: elm st', 0)).toEqual([{ type: 'next-in-sequence', id: detourA2 }, { type: 'related-work-zone', id: closureA }]);
    expect(related('Detour: elm st', 1)).toEqual([{ type: 'first-in-sequence', id: detourA1 }, { type: 'related-work-zone', id: closureA }]);
    // No closure on its street: every overlapping closure of the project.
    expect(related('Detour: Pine St')).toEqual([{ type: 'related-work-zone', id: closureA }, { type: 'related-work-zone', id: closureB }]);
    expect(related('Road closure: Elm St')).toEqual([
      { type: 'related-detour', id: detourA1 },
      { type: 'related-detour', id: detourA2 },
      { type: 'related-detour', id: detourB },
    ]);
    expect(related('Road closure: Oak St')).toEqual([{ type: 'related-detour', id: detourB }]);
    // Never a closure of another project, never a lane closure, and every link points into the feed.
    expect(related('Road closure: Tank Rd')).toEqual([]);
    expect(related('Lane closure: 3rd Ave')).toEqual([]);
    const ids = new Set(feed.features.map((f) => f.id));
    for (const f of feed.features) for (const r of f.properties.core_details.related_road_events ?? []) expect(ids.has(r.id)).toBe(true);
  });

  it('escapes text by JSON’s rules, and the text round-trips exactly', () => {
    const text = wzdxJson(feed);
    expect(text).not.toContain('<');
    expect(text).not.toContain('\u2028');
    expect(text).toContain('\\u003cscript>');
    const parsed = JSON.parse(text) as WzdxFeed;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(feed)));
    expect(parsed.features.find((f) => f.properties.core_details.name === 'Lane closure: 3rd Ave')!.properties.core_details.description.split('\n\n')[0]).toBe(NASTY);
    // Positions stay on one line each.
    expect(text).toContain('[-87.656, 41.885]');
  });

  it('is byte-identical for the same content and SITE_NOW, whatever the clock says', () => {
    const first = wzdxJson(buildWzdxFeed(makeModel([tank, sewer, translated])));
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2031-07-04T12:00:00Z'));
      expect(wzdxJson(buildWzdxFeed(makeModel([tank, sewer, translated])))).toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });
});

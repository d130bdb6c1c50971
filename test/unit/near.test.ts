import { describe, expect, it } from 'vitest';
import type { Geometry, LineString, Point, Polygon } from 'geojson';
import { distance as turfDistance } from '@turf/distance';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import {
  buildIndex,
  compactShape,
  decodeNearPayload,
  decodeShape,
  distanceToGeometries,
  distanceToShape,
  encodeInts,
  decodeInts,
  encodeNearPayload,
  encodeShape,
  formatNearParam,
  nearestPointOnShape,
  parseNearParam,
  shapeOf,
  sortByDistance,
  type LonLat,
} from '../../src/lib/near.ts';

/** The reference: turf's geodesic distances, in metres, 0 inside a polygon. */
function turfNearest(geometries: Geometry[], p: LonLat): number {
  let best = Infinity;
  const one = (g: Geometry) => {
    switch (g.type) {
      case 'Point':
        best = Math.min(best, turfDistance(p, g.coordinates, { units: 'meters' }));
        break;
      case 'MultiPoint':
        g.coordinates.forEach((c) => one({ type: 'Point', coordinates: c }));
        break;
      case 'LineString':
        best = Math.min(best, pointToLineDistance(p, g, { units: 'meters' }));
        break;
      case 'MultiLineString':
        g.coordinates.forEach((c) => one({ type: 'LineString', coordinates: c }));
        break;
      case 'Polygon':
      case 'MultiPolygon':
        best = Math.min(best, Math.max(0, pointToPolygonDistance(p, g, { units: 'meters' })));
        break;
      default:
        throw new Error(g.type);
    }
  };
  geometries.forEach(one);
  return best;
}

/** A seeded random generator, so failures repeat. */
function random(seed = 1) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

// The demo's street grid (northwest Chicago), about 6 km across.
const WEST = -87.75;
const SOUTH = 41.905;
const SPAN = 0.07;
const rnd = random(42);
const somewhere = (): LonLat => [WEST + rnd() * SPAN, SOUTH + rnd() * SPAN];
const near = ([x, y]: LonLat, d = 0.004): LonLat => [x + (rnd() - 0.5) * d, y + (rnd() - 0.5) * d];
const point = (p: LonLat): Point => ({ type: 'Point', coordinates: p });
const line = (n: number): LineString => {
  const start = somewhere();
  const coords: LonLat[] = [start];
  for (let i = 1; i < n; i++) coords.push(near(coords[i - 1]));
  return { type: 'LineString', coordinates: coords };
};
const box = ([x, y]: LonLat, w: number, h: number): LonLat[] => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
  [x, y],
];
const rect = (c: LonLat, w = 0.003, h = 0.002): Polygon => ({ type: 'Polygon', coordinates: [box(c, w, h)] });
/** An L-shaped (not convex) polygon. */
const ell = ([x, y]: LonLat): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.004, y],
      [x + 0.004, y + 0.001],
      [x + 0.001, y + 0.001],
      [x + 0.001, y + 0.004],
      [x, y + 0.004],
      [x, y],
    ],
  ],
});

/** Within 0.3 % of turf, or 0.5 m when very close. */
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(0.5, expected * 0.003));

describe('distance to the nearest geometry (checked against turf)', () => {
  it('points', () => {
    for (let i = 0; i < 300; i++) {
      const geoms = [point(somewhere()), point(somewhere())];
      const p = somewhere();
      close(distanceToGeometries(geoms, p), turfNearest(geoms, p));
    }
    expect(distanceToGeometries([point([-87.7, 41.9])], [-87.7, 41.9])).toBe(0);
  });

  it('lines, including the ends and the middle of segments', () => {
    for (let i = 0; i < 300; i++) {
      const g = line(2 + (i % 6));
      const p = i % 3 ? near(g.coordinates[i % g.coordinates.length] as LonLat, 0.01) : somewhere();
      close(distanceToGeometries([g], p), turfNearest([g], p));
    }
    // A point beside the middle of an east–west segment: the distance is perpendicular, not to an end.
    const ew: LineString = { type: 'LineString', coordinates: [[-87.72, 41.92], [-87.70, 41.92]] };
    const d = distanceToGeometries([ew], [-87.71, 41.921]);
    close(d, 111.2);
    close(d, turfNearest([ew], [-87.71, 41.921]));
  });

  it('polygons: inside counts as 0, outside is the distance to the edge, holes are outside', () => {
    for (let i = 0; i < 200; i++) {
      const g = i % 2 ? rect(somewhere(), 0.001 + rnd() * 0.006, 0.001 + rnd() * 0.006) : ell(somewhere());
      const corner = g.coordinates[0][0] as LonLat;
      const p = near(corner, 0.012);
      const expected = turfNearest([g], p);
      close(distanceToGeometries([g], p), expected);
    }
    const r = rect([-87.72, 41.92], 0.01, 0.01);
    expect(distanceToGeometries([r], [-87.715, 41.925])).toBe(0);
    // In the notch of the L: outside.
    const l = ell([-87.72, 41.92]);
    const notch: LonLat = [-87.7175, 41.9225];
    expect(distanceToGeometries([l], notch)).toBeGreaterThan(100);
    close(distanceToGeometries([l], notch), turfNearest([l], notch));
    // A hole: inside the hole is outside the polygon, by the distance to the hole's edge.
    const holed: Polygon = { type: 'Polygon', coordinates: [box([-87.72, 41.92], 0.01, 0.01), box([-87.717, 41.923], 0.004, 0.004)] };
    const inHole: LonLat = [-87.715, 41.925];
    expect(distanceToGeometries([holed], inHole)).toBeGreaterThan(100);
    close(distanceToGeometries([holed], inHole), turfNearest([holed], inHole));
    expect(distanceToGeometries([holed], [-87.7185, 41.9285])).toBe(0);
  });

  it('mixed and multi geometries: the nearest part wins; inside any polygon is 0', () => {
    for (let i = 0; i < 200; i++) {
      const c = somewhere();
      const geoms: Geometry[] = [
        point(near(c)),
        { type: 'MultiLineString', coordinates: [line(3).coordinates, [near(c), near(c)]] },
        { type: 'MultiPolygon', coordinates: [rect(near(c)).coordinates, ell(near(c)).coordinates] },
      ];
      const p = near(c, 0.01);
      close(distanceToGeometries(geoms, p), turfNearest(geoms, p));
    }
    const inside: Geometry[] = [point([-87.6, 41.8]), rect([-87.72, 41.92])];
    expect(distanceToGeometries(inside, [-87.719, 41.921])).toBe(0);
  });

  it('sorts many projects by their nearest geometry, not their centre', () => {
    const projects: Geometry[][] = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? [point(somewhere())] : i % 3 === 1 ? [line(4)] : [rect(somewhere()), point(somewhere())]));
    const index = buildIndex(projects.map((g) => shapeOf(g)));
    for (let k = 0; k < 5; k++) {
      const p = somewhere();
      const { order, distances } = sortByDistance(index, p[0], p[1]);
      const reference = projects.map((g) => turfNearest(g, p));
      for (let i = 1; i < order.length; i++) expect(distances[order[i]]).toBeGreaterThanOrEqual(distances[order[i - 1]]);
      // Same order as turf, except between projects whose distances differ by less than the tolerance.
      for (let i = 1; i < order.length; i++) expect(reference[order[i]] + Math.max(0.5, reference[order[i]] * 0.006)).toBeGreaterThanOrEqual(reference[order[i - 1]]);
    }
    // A long line whose centre is far away but which passes next to the location comes first.
    const location: LonLat = [-87.70, 41.93];
    const longLine: Geometry[] = [{ type: 'LineString', coordinates: [[-87.74, 41.9301], [-87.66, 41.9301]] }];
    const closeCentre: Geometry[] = [point([-87.705, 41.935])];
    const { order } = sortByDistance(buildIndex([shapeOf(closeCentre), shapeOf(longLine)]), ...location);
    expect([...order]).toEqual([1, 0]);
  });

  it('puts the projects that name a place first', () => {
    const index = buildIndex([shapeOf([point([-87.70, 41.93])]), shapeOf([point([-87.71, 41.93])]), shapeOf([point([-87.72, 41.93])])]);
    expect([...sortByDistance(index, -87.70, 41.93, [2]).order]).toEqual([2, 0, 1]);
    expect([...sortByDistance(index, -87.70, 41.93, [2, 1, 2]).order]).toEqual([1, 2, 0]);
    // Equal distances keep their order; a shape with no parts goes last.
    const ties = buildIndex([shapeOf([point([-87.71, 41.93])]), { coords: [], parts: [] }, shapeOf([point([-87.69, 41.93])]), shapeOf([point([-87.71, 41.93])])]);
    const sorted = sortByDistance(ties, -87.70, 41.93);
    expect([...sorted.order]).toEqual([0, 2, 3, 1]);
    expect(sorted.distances[1]).toBe(Infinity);
  });
});

describe('the compact shape and its text encoding', () => {
  it('keeps distances within a few metres while dropping what cannot be nearest', () => {
    for (let i = 0; i < 100; i++) {
      const c = somewhere();
      const zone = rect(near(c), 0.003, 0.0003);
      const ring = zone.coordinates[0];
      // A closure line inside the work zone, a detour around it, the marker inside it, a duplicate.
      const geoms: Geometry[] = [
        point([(ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2]),
        zone,
        { type: 'LineString', coordinates: [[ring[0][0] + 0.0005, ring[0][1] + 0.0001], [ring[1][0] - 0.0005, ring[0][1] + 0.0001]] },
        { type: 'LineString', coordinates: [ring[0], [ring[0][0], ring[0][1] + 0.002], [ring[1][0], ring[0][1] + 0.002], ring[1]] },
        zone,
        line(6),
      ];
      const full = shapeOf(geoms);
      const small = compactShape(full);
      expect(small.parts.length).toBeLessThan(full.parts.length);
      for (let k = 0; k < 10; k++) {
        const p = near(c, 0.01);
        expect(Math.abs(distanceToShape(small, p) - distanceToShape(full, p))).toBeLessThanOrEqual(4);
      }
    }
  });

  it('round-trips through text', () => {
    const origin: LonLat = [-87.75, 41.9];
    const shape = compactShape(shapeOf([rect([-87.72, 41.92]), line(5), point([-87.71, 41.93]), ell([-87.73, 41.95])]));
    const text = encodeShape([-87.71, 41.93], shape, origin, 1e-5);
    expect(text).toMatch(/^[A-Za-z0-9_~.*+-]+$/);
    const back = decodeShape(text, origin, 1e-5);
    expect(back.anchor[0]).toBeCloseTo(-87.71, 9);
    expect(back.shape.parts).toEqual(shape.parts);
    back.shape.coords.forEach((v, i) => expect(v).toBeCloseTo(shape.coords[i], 8));
    expect(decodeInts(encodeInts([0, 1, -1, 31, 32, -33, 123456, -987654]))).toEqual([0, 1, -1, 31, 32, -33, 123456, -987654]);
    expect(decodeInts(encodeInts([3, 9, 27, 28], true), true)).toEqual([3, 9, 27, 28]);
  });

  it('round-trips the whole payload the home page carries', () => {
    const payload = encodeNearPayload(
      [
        { slug: 'elm', title: 'Elm St', status: 'active', next: { what: 'Road closure, Elm St', when: 'Mon, Nov 30' }, anchor: [-87.7, 41.92], geometries: [rect([-87.701, 41.919])] },
        { slug: 'oak', title: 'Oak St', status: 'complete', next: null, fallback: true, anchor: [-87.73, 41.93], geometries: [] },
      ],
      [
        { name: 'Elm St', kind: 'street', at: [-87.7005, 41.9195], projects: [0] },
        { name: 'Old Mill', kind: 'neighborhood', at: [-87.71, 41.925], projects: [1, 0] },
        // Points the browser can work out are not shipped: a project's marker, the centre of the markers.
        { name: 'Oak St', kind: 'street', at: [-87.73, 41.93], projects: [0, 1] },
        { name: 'Westgate', kind: 'neighborhood', at: [-87.715, 41.925], projects: [0, 1] },
      ],
    );
    expect(decodeInts(payload.pa)).toEqual([-1, 2950, -50, -1, 2000, 500, 2, 0]);
    const data = decodeNearPayload(JSON.parse(JSON.stringify(payload)));
    expect(data.projects.map((p) => [p.slug, p.status, p.fallback, p.next?.what ?? null])).toEqual([
      ['elm', 'active', false, 'Road closure, Elm St'],
      ['oak', 'complete', true, null],
    ]);
    expect(data.projects[1].anchor[0]).toBeCloseTo(-87.73, 6);
    expect(data.places[1]).toMatchObject({ name: 'Old Mill', kind: 'neighborhood', projects: [0, 1] });
    expect(data.places[0].at[1]).toBeCloseTo(41.9195, 5);
    expect(data.places[2].at).toEqual(data.projects[1].anchor);
    expect(data.places[3].at[0]).toBeCloseTo(-87.715, 6);
    expect(data.places[3].at[1]).toBeCloseTo(41.925, 6);
    // The anchor inside the work zone adds nothing; inside the zone is 0, beside it is about 111 m per 0.001° north.
    expect(sortByDistance(data.index, -87.6995, 41.9195).distances[0]).toBe(0);
  });
});

describe('nearest point and the ?near= deep link', () => {
  it('finds the point of a shape nearest to a location', () => {
    const shape = shapeOf([{ type: 'LineString', coordinates: [[-87.72, 41.92], [-87.70, 41.92]] }]);
    const [lon, lat] = nearestPointOnShape(shape, [-87.71, 41.93]);
    expect(lon).toBeCloseTo(-87.71, 6);
    expect(lat).toBeCloseTo(41.92, 6);
  });

  it('reads lat,lon and ignores junk', () => {
    expect(parseNearParam('41.91958,-87.695654')).toEqual([-87.695654, 41.91958]);
    expect(parseNearParam(' 41.9 , -87.7 ')).toEqual([-87.7, 41.9]);
    for (const junk of [null, '', 'elm', '41.9', '41.9,', '91,0', '0,181', '41.9;-87.7', 'NaN,NaN', '1e3,5', '41.9,-87.7,3', '<script>']) expect(parseNearParam(junk)).toBeNull();
    expect(formatNearParam([-87.6956541234, 41.9195812345])).toBe('41.91958,-87.69565');
    expect(parseNearParam(formatNearParam([-87.69565, 41.91958]))).toEqual([-87.69565, 41.91958]);
  });
});

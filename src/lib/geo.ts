import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Geometry } from '../schemas/geojson.ts';

export type LonLat = [number, number];

/** The service area as polygons we can test points against. */
export interface ServiceArea {
  contains(p: LonLat): boolean;
  bbox: [number, number, number, number];
}

export function serviceAreaFromBbox([w, s, e, n]: [number, number, number, number]): ServiceArea {
  return { bbox: [w, s, e, n], contains: ([lon, lat]) => lon >= w && lon <= e && lat >= s && lat <= n };
}

export function serviceAreaFromPolygon(geometry: Polygon | MultiPolygon): ServiceArea {
  const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', geometry, properties: {} };
  const positions = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2) as number[][];
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  return {
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    contains: (p) => booleanPointInPolygon(p, feature),
  };
}

/** Every position of a geometry with its path inside `coordinates`. */
export function positionsOf(geometry: Geometry): { position: number[]; path: number[] }[] {
  const out: { position: number[]; path: number[] }[] = [];
  const walk = (value: unknown, path: number[]) => {
    if (Array.isArray(value) && typeof value[0] === 'number') out.push({ position: value as number[], path });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
  };
  walk(geometry.coordinates, []);
  return out;
}

/** Signed area of a ring (positive = counterclockwise), for the RFC 7946 right-hand rule. */
export function ringSignedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

export function boundsOf(geometries: Geometry[]): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const g of geometries)
    for (const { position } of positionsOf(g)) {
      w = Math.min(w, position[0]); e = Math.max(e, position[0]);
      s = Math.min(s, position[1]); n = Math.max(n, position[1]);
    }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

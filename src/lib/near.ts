import type { Geometry } from 'geojson';

/**
 * "Projects near you": the distance from a location to the nearest part of a
 * project (its marker point, and every disruption's point, line or area), and
 * the compact form in which the home page ships every project's geometry.
 *
 * Pure TypeScript with no imports at run time: the build encodes with it and
 * the browser decodes and sorts with it. Distances are in metres on a local
 * flat (equirectangular) frame whose east–west scale is taken at the mean
 * latitude of the location and the project, which for a city-sized service
 * area agrees with great-circle distances (turf's geodesic method) to well
 * under 0.5 %. A location inside a polygon is at distance 0.
 */

export type LonLat = [number, number];

/** The mean Earth radius that turf uses, in metres. */
export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;
/** Metres per degree of latitude (and of longitude at the equator). */
const M_PER_DEG = EARTH_RADIUS_M * RAD;

/** Kinds of part in a shape. A polygon is one OUTER ring followed by its HOLE rings. */
export const POINT = 0;
export const LINE = 1;
export const OUTER = 2;
export const HOLE = 3;
export type PartKind = typeof POINT | typeof LINE | typeof OUTER | typeof HOLE;

/**
 * One project's geometry, flattened: positions as lon, lat pairs, and parts as
 * (kind, first position, end position) triples. Rings do not repeat their
 * first position at the end.
 */
export interface Shape {
  coords: number[];
  parts: number[];
}

export function emptyShape(): Shape {
  return { coords: [], parts: [] };
}

function addPart(shape: Shape, kind: PartKind, positions: readonly (readonly number[])[]) {
  let list = positions;
  if (kind >= OUTER && list.length > 1) {
    const [a, b] = [list[0], list[list.length - 1]];
    if (a[0] === b[0] && a[1] === b[1]) list = list.slice(0, -1);
  }
  if (!list.length) return;
  const start = shape.coords.length / 2;
  for (const p of list) shape.coords.push(p[0], p[1]);
  shape.parts.push(kind, start, start + list.length);
}

/** Adds GeoJSON geometries to a shape (a new one by default). */
export function shapeOf(geometries: readonly Geometry[], shape: Shape = emptyShape()): Shape {
  for (const g of geometries) {
    switch (g.type) {
      case 'Point':
        addPart(shape, POINT, [g.coordinates]);
        break;
      case 'MultiPoint':
        for (const p of g.coordinates) addPart(shape, POINT, [p]);
        break;
      case 'LineString':
        addPart(shape, LINE, g.coordinates);
        break;
      case 'MultiLineString':
        for (const l of g.coordinates) addPart(shape, LINE, l);
        break;
      case 'Polygon':
        g.coordinates.forEach((ring, i) => addPart(shape, i === 0 ? OUTER : HOLE, ring));
        break;
      case 'MultiPolygon':
        for (const poly of g.coordinates) poly.forEach((ring, i) => addPart(shape, i === 0 ? OUTER : HOLE, ring));
        break;
      case 'GeometryCollection':
        shapeOf(g.geometries, shape);
        break;
    }
  }
  return shape;
}

/** Many shapes in typed arrays, for sorting thousands of projects at once. */
export interface NearIndex {
  size: number;
  /** lon, lat pairs of every shape. */
  coords: Float64Array;
  /** (kind, first position, end position) triples of every shape. */
  parts: Int32Array;
  /** Shape i owns parts firstPart[i] to firstPart[i + 1] - 1. */
  firstPart: Int32Array;
  /** The middle latitude of each shape, for the east–west scale. */
  midLat: Float64Array;
}

export function buildIndex(shapes: readonly Shape[]): NearIndex {
  let nCoords = 0;
  let nParts = 0;
  for (const s of shapes) {
    nCoords += s.coords.length;
    nParts += s.parts.length;
  }
  const coords = new Float64Array(nCoords);
  const parts = new Int32Array(nParts);
  const firstPart = new Int32Array(shapes.length + 1);
  const midLat = new Float64Array(shapes.length);
  let c = 0;
  let p = 0;
  shapes.forEach((s, i) => {
    firstPart[i] = p / 3;
    const offset = c / 2;
    coords.set(s.coords, c);
    for (let k = 0; k < s.parts.length; k += 3) {
      parts[p + k] = s.parts[k];
      parts[p + k + 1] = s.parts[k + 1] + offset;
      parts[p + k + 2] = s.parts[k + 2] + offset;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 1; k < s.coords.length; k += 2) {
      if (s.coords[k] < lo) lo = s.coords[k];
      if (s.coords[k] > hi) hi = s.coords[k];
    }
    midLat[i] = Number.isFinite(lo) ? (lo + hi) / 2 : 0;
    c += s.coords.length;
    p += s.parts.length;
  });
  firstPart[shapes.length] = p / 3;
  return { size: shapes.length, coords, parts, firstPart, midLat };
}

/**
 * Metres from (lon, lat) to the nearest part of shape i; 0 inside a polygon
 * (and not in one of its holes). Infinity for a shape with no parts.
 */
export function distanceInIndex(index: NearIndex, i: number, lon: number, lat: number): number {
  const { coords, parts } = index;
  const kx = M_PER_DEG * Math.cos(((lat + index.midLat[i]) / 2) * RAD);
  const ky = M_PER_DEG;
  let best = Infinity;
  let crossings = 0;
  for (let k = index.firstPart[i] * 3, end = index.firstPart[i + 1] * 3; k < end; k += 3) {
    const kind = parts[k];
    const s = parts[k + 1];
    const e = parts[k + 2];
    if (kind === OUTER) {
      // A new polygon: the previous one (outer ring and holes) is decided.
      if (crossings & 1) return 0;
      crossings = 0;
    }
    let x1 = (coords[2 * s] - lon) * kx;
    let y1 = (coords[2 * s + 1] - lat) * ky;
    if (kind === POINT || e - s === 1) {
      const d = x1 * x1 + y1 * y1;
      if (d < best) best = d;
      continue;
    }
    const closed = kind >= OUTER;
    const last = closed ? e : e - 1;
    for (let v = s + 1; v <= last; v++) {
      const w = v === e ? s : v;
      const x2 = (coords[2 * w] - lon) * kx;
      const y2 = (coords[2 * w + 1] - lat) * ky;
      const dx = x2 - x1;
      const dy = y2 - y1;
      const len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? -(x1 * dx + y1 * dy) / len2 : 0;
      if (t < 0) t = 0;
      else if (t > 1) t = 1;
      const px = x1 + t * dx;
      const py = y1 + t * dy;
      const d = px * px + py * py;
      if (d < best) best = d;
      // Even–odd rule: count the ring edges a ray from the location towards +x crosses.
      if (closed && y1 > 0 !== y2 > 0 && x1 - (y1 * dx) / dy > 0) crossings++;
      x1 = x2;
      y1 = y2;
    }
  }
  if (crossings & 1) return 0;
  return Math.sqrt(best);
}

/** Distances in metres from (lon, lat) to every shape of the index. */
export function distancesFrom(index: NearIndex, lon: number, lat: number, out = new Float64Array(index.size)): Float64Array {
  for (let i = 0; i < index.size; i++) out[i] = distanceInIndex(index, i, lon, lat);
  return out;
}

/**
 * Shape numbers from nearest to farthest, with their distances. `first`, when
 * given, says which shapes go before all others (the projects that name the
 * street or neighborhood the reader typed); ties keep the index order.
 */
export function sortByDistance(index: NearIndex, lon: number, lat: number, first?: ArrayLike<number>): { order: Uint32Array; distances: Float64Array } {
  const n = index.size;
  const distances = distancesFrom(index, lon, lat);
  // Sort numbers, not objects: each key packs the distance in centimetres with
  // the shape number in the low 20 bits (exact below 2^53 for up to a million
  // shapes within 20,000 km), so a plain numeric sort orders by distance, then
  // by number. Shapes that go first get keys below zero.
  const SHIFT = 1048576; // 2^20
  const FIRST = 2147483648; // 2^31 cm, more than half the Earth's circumference
  if (n > SHIFT) {
    const rank = new Uint8Array(n).fill(1);
    if (first) for (let k = 0; k < first.length; k++) rank[first[k]] = 0;
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => rank[a] - rank[b] || distances[a] - distances[b] || a - b);
    return { order, distances };
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Math.min(Math.round(distances[i] * 100), FIRST - 1) * SHIFT + i;
  if (first) for (let k = 0; k < first.length; k++) if (first[k] < n && keys[first[k]] >= 0) keys[first[k]] -= FIRST * SHIFT;
  keys.sort();
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const key = keys[k] < 0 ? keys[k] + FIRST * SHIFT : keys[k];
    order[k] = key % SHIFT;
  }
  return { order, distances };
}

/** Metres from a location to the nearest part of a shape (0 inside a polygon). */
export function distanceToShape(shape: Shape, [lon, lat]: LonLat): number {
  return distanceInIndex(buildIndex([shape]), 0, lon, lat);
}

/** Metres from a location to the nearest of some GeoJSON geometries (0 inside a polygon). */
export function distanceToGeometries(geometries: readonly Geometry[], location: LonLat): number {
  return distanceToShape(shapeOf(geometries), location);
}

/** Great-circle distance in metres (haversine). */
export function haversine([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The point of a shape nearest to a location (the location itself inside a polygon). */
export function nearestPointOnShape(shape: Shape, [lon, lat]: LonLat): LonLat {
  if (distanceToShape(shape, [lon, lat]) === 0) return [lon, lat];
  const kx = M_PER_DEG * Math.cos(lat * RAD);
  const ky = M_PER_DEG;
  let best = Infinity;
  let out: LonLat = [lon, lat];
  const at = (i: number) => [(shape.coords[2 * i] - lon) * kx, (shape.coords[2 * i + 1] - lat) * ky];
  const consider = (a: number, b: number) => {
    const [x1, y1] = at(a);
    const [x2, y2] = at(b);
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / len2)) : 0;
    const px = x1 + t * dx;
    const py = y1 + t * dy;
    const d = px * px + py * py;
    if (d < best) {
      best = d;
      out = [lon + px / kx, lat + py / ky];
    }
  };
  for (let k = 0; k < shape.parts.length; k += 3) {
    const [kind, s, e] = [shape.parts[k], shape.parts[k + 1], shape.parts[k + 2]];
    if (kind === POINT) for (let v = s; v < e; v++) consider(v, v);
    else if (e - s === 1) consider(s, s);
    else {
      for (let v = s; v < e - 1; v++) consider(v, v + 1);
      if (kind >= OUTER) consider(e - 1, s);
    }
  }
  return out;
}

/* ------------------------------------------------------------------------ */
/* Making a shape small: fewer positions, fewer parts, same nearest distances */
/* ------------------------------------------------------------------------ */

/** Douglas–Peucker on a run of positions (lon, lat), tolerance in metres. */
function simplifyRun(points: LonLat[], tolerance: number): LonLat[] {
  if (points.length <= 2) return points;
  const lat0 = points[0][1];
  const kx = M_PER_DEG * Math.cos(lat0 * RAD);
  const xy = points.map(([x, y]) => [x * kx, y * M_PER_DEG]);
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let worst = -1;
    let at = -1;
    const [ax, ay] = xy[a];
    const dx = xy[b][0] - ax;
    const dy = xy[b][1] - ay;
    const len2 = dx * dx + dy * dy;
    for (let i = a + 1; i < b; i++) {
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((xy[i][0] - ax) * dx + (xy[i][1] - ay) * dy) / len2)) : 0;
      const d = Math.hypot(xy[i][0] - ax - t * dx, xy[i][1] - ay - t * dy);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (worst > tolerance) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function partsOf(shape: Shape): { kind: PartKind; points: LonLat[] }[] {
  const out: { kind: PartKind; points: LonLat[] }[] = [];
  for (let k = 0; k < shape.parts.length; k += 3) {
    const points: LonLat[] = [];
    for (let v = shape.parts[k + 1]; v < shape.parts[k + 2]; v++) points.push([shape.coords[2 * v], shape.coords[2 * v + 1]]);
    out.push({ kind: shape.parts[k] as PartKind, points });
  }
  return out;
}

function fromParts(parts: { kind: PartKind; points: LonLat[] }[]): Shape {
  const shape = emptyShape();
  for (const p of parts) addPart(shape, p.kind, p.points);
  return shape;
}

/** Is a polygon ring convex (then a segment whose ends are inside is inside)? */
function isConvex(ring: LonLat[]): boolean {
  let sign = 0;
  for (let i = 0; i < ring.length; i++) {
    const [a, b, c] = [ring[i], ring[(i + 1) % ring.length], ring[(i + 2) % ring.length]];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

/**
 * A smaller shape with (almost) the same distance from anywhere: positions
 * rounded to `quantum` degrees, lines and rings simplified to `tolerance`
 * metres, and parts dropped when they cannot be the nearest: duplicates,
 * points on or inside other parts, and parts inside a convex polygon without
 * holes. Distances change by at most about tolerance + quantum.
 */
export function compactShape(shape: Shape, { tolerance = 3, quantum = 1e-5 } = {}): Shape {
  const round = (v: number) => Math.round(v / quantum) * quantum;
  let parts = partsOf(shape).map((p) => {
    let points = p.points.map(([x, y]) => [round(x), round(y)] as LonLat).filter((pt, i, all) => i === 0 || pt[0] !== all[i - 1][0] || pt[1] !== all[i - 1][1]);
    if (p.kind >= OUTER) {
      while (points.length > 1 && points[0][0] === points[points.length - 1][0] && points[0][1] === points[points.length - 1][1]) points.pop();
      // Simplify the ring as a closed run, so its first position may go too if it is redundant.
      const simplified = simplifyRun([...points, points[0]], tolerance).slice(0, -1);
      points = simplified.length >= 3 ? simplified : points;
    } else if (p.kind === LINE) points = simplifyRun(points, tolerance);
    const kind: PartKind = p.kind === LINE && points.length === 1 ? POINT : p.kind;
    return { kind, points };
  });
  // Identical parts.
  const seen = new Set<string>();
  parts = parts.filter((p) => {
    const key = `${p.kind}:${p.points.join(';')}`;
    if (p.kind === HOLE) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Parts inside a convex polygon without holes add nothing to the nearest distance.
  const solid = parts.map((p, i) => p.kind === OUTER && parts[i + 1]?.kind !== HOLE && isConvex(p.points));
  const solids = parts.flatMap((p, i) => (solid[i] ? [{ i, shape: fromParts([p]) }] : []));
  const insideOther = (p: { points: LonLat[] }, self: number) => solids.some((s) => s.i !== self && p.points.every((pt) => distanceToShape(s.shape, pt) === 0));
  const kept: { kind: PartKind; points: LonLat[] }[] = [];
  let dropHoles = false;
  parts.forEach((p, i) => {
    if (p.kind === HOLE) {
      if (!dropHoles) kept.push(p);
      return;
    }
    dropHoles = false;
    // A polygon with holes is kept whole; anything else goes when a convex polygon covers it.
    if (p.kind === OUTER && !solid[i]) return void kept.push(p);
    if (insideOther(p, i)) {
      dropHoles = true;
      return;
    }
    kept.push(p);
  });
  // Points within the tolerance of another part.
  const result = kept.filter((p, i) => {
    if (p.kind !== POINT) return true;
    const others = fromParts(kept.filter((_, j) => j !== i && !(kept[j].kind === POINT && j > i)));
    return !others.parts.length || distanceToShape(others, p.points[0]) > tolerance;
  });
  return fromParts(result);
}

/* ------------------------------------------------------------------------ */
/* Text encoding: signed integers in a URL-safe base-64 varint               */
/* ------------------------------------------------------------------------ */

/**
 * Six bits per character: 32 "last" digits, then 32 "more follows" digits.
 * Every character is safe in JSON and HTML attributes without escaping.
 */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) DIGIT_VALUE[DIGITS.charCodeAt(i)] = i;

/** Part markers in a geometry string (none of them is a digit). */
const MARK: Record<PartKind, string> = { [POINT]: '.', [LINE]: '~', [OUTER]: '*', [HOLE]: '+' };
const MARK_KIND: Record<string, PartKind> = { '.': POINT, '~': LINE, '*': OUTER, '+': HOLE };

export function encodeInt(n: number): string {
  let z = n < 0 ? -2 * n - 1 : 2 * n;
  let out = '';
  while (z >= 32) {
    out += DIGITS[32 + (z % 32)];
    z = Math.floor(z / 32);
  }
  return out + DIGITS[z];
}

/** Reads integers from a string of digits; stops at a non-digit. */
export class IntReader {
  pos = 0;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  atDigit(): boolean {
    const c = this.text.charCodeAt(this.pos);
    return c < 128 && DIGIT_VALUE[c] >= 0;
  }
  next(): number {
    let z = 0;
    let scale = 1;
    for (;;) {
      const v = DIGIT_VALUE[this.text.charCodeAt(this.pos++)];
      if (v < 0 || v === undefined) throw new Error('Bad near-me geometry');
      if (v < 32) {
        z += v * scale;
        break;
      }
      z += (v - 32) * scale;
      scale *= 32;
    }
    return z % 2 ? -(z + 1) / 2 : z / 2;
  }
}

/** Integers as one string of digits (each a delta from the previous one when `delta`). */
export function encodeInts(values: readonly number[], delta = false): string {
  let prev = 0;
  let out = '';
  for (const v of values) {
    out += encodeInt(delta ? v - prev : v);
    prev = v;
  }
  return out;
}

export function decodeInts(text: string, delta = false): number[] {
  const r = new IntReader(text);
  const out: number[] = [];
  let prev = 0;
  while (r.pos < text.length) {
    const v = r.next();
    prev = delta ? prev + v : v;
    out.push(prev);
  }
  return out;
}

/**
 * A project's geometry as text: its marker point, as a delta from `origin`,
 * then each part as a marker character and its positions, each position a
 * delta from the one before, in units of `quantum` degrees.
 */
export function encodeShape(anchor: LonLat, shape: Shape, origin: LonLat, quantum: number): string {
  const q = (v: number) => Math.round(v / quantum);
  let [px, py] = [q(anchor[0]), q(anchor[1])];
  let out = encodeInt(px - q(origin[0])) + encodeInt(py - q(origin[1]));
  for (let k = 0; k < shape.parts.length; k += 3) {
    out += MARK[shape.parts[k] as PartKind];
    for (let v = shape.parts[k + 1]; v < shape.parts[k + 2]; v++) {
      const [x, y] = [q(shape.coords[2 * v]), q(shape.coords[2 * v + 1])];
      out += encodeInt(x - px) + encodeInt(y - py);
      [px, py] = [x, y];
    }
  }
  return out;
}

export function decodeShape(text: string, origin: LonLat, quantum: number): { anchor: LonLat; shape: Shape } {
  const r = new IntReader(text);
  const q = (v: number) => Math.round(v / quantum);
  let px = q(origin[0]) + r.next();
  let py = q(origin[1]) + r.next();
  const anchor: LonLat = [px * quantum, py * quantum];
  const shape = emptyShape();
  while (r.pos < text.length) {
    const kind = MARK_KIND[text[r.pos++]];
    if (kind === undefined) throw new Error('Bad near-me geometry');
    const start = shape.coords.length / 2;
    while (r.pos < text.length && r.atDigit()) {
      px += r.next();
      py += r.next();
      shape.coords.push(px * quantum, py * quantum);
    }
    shape.parts.push(kind, start, shape.coords.length / 2);
  }
  return { anchor, shape };
}

/* ------------------------------------------------------------------------ */
/* What the home page ships                                                  */
/* ------------------------------------------------------------------------ */

export type NearStatus = 'planned' | 'active' | 'complete';
const STATUS_CODE: Record<NearStatus, string> = { planned: 'p', active: 'a', complete: 'c' };
const CODE_STATUS: Record<string, NearStatus> = { p: 'planned', a: 'active', c: 'complete' };

/** One project as the near-me list needs it (built from the content at build time). */
export interface NearProjectInput {
  slug: string;
  title: string;
  status: NearStatus;
  /** The next disruption or meeting: what, and when (already in words). */
  next: { what: string; when: string } | null;
  /** Shown in the site's default language because it has no translation. */
  fallback?: boolean;
  anchor: LonLat;
  geometries: Geometry[];
}

export interface NearPlaceInput {
  name: string;
  kind: 'street' | 'neighborhood';
  at: LonLat;
  /** Indexes of the projects that name this place. */
  projects: number[];
}

/**
 * The JSON the home page carries, in columns (they compress better):
 * the list of projects, their compact geometry, and the named places.
 */
export interface NearPayload {
  v: 1;
  /** Degrees per coordinate unit. */
  q: number;
  /** Origin of the coordinates, in units. */
  o: [number, number];
  /** Slugs, titles, status codes (one letter each), next event [what, when] or 0, geometry text. */
  s: string[];
  t: string[];
  st: string;
  x: ([string, string] | 0)[];
  g: string[];
  /** Indexes of projects shown in the default language (no translation). */
  f?: number[];
  /**
   * Places: names; kinds ('s' street, 'n' neighborhood, one letter each);
   * points (digits: per place 0 = the centre of its projects' markers, k > 0 =
   * the marker of its k-th project, -1 = a point of its own, two more digits);
   * projects (digits, sorted, as deltas).
   */
  pn: string[];
  pk: string;
  pa: string;
  pp: string[];
}

export const NEAR_QUANTUM = 1e-5;

export function encodeNearPayload(projects: readonly NearProjectInput[], places: readonly NearPlaceInput[], { quantum = NEAR_QUANTUM, tolerance = 3 } = {}): NearPayload {
  let [ox, oy] = [Infinity, Infinity];
  for (const p of projects) {
    ox = Math.min(ox, p.anchor[0]);
    oy = Math.min(oy, p.anchor[1]);
  }
  if (!Number.isFinite(ox)) [ox, oy] = [0, 0];
  const o: [number, number] = [Math.round(ox / quantum), Math.round(oy / quantum)];
  const origin: LonLat = [o[0] * quantum, o[1] * quantum];
  const fallback = projects.flatMap((p, i) => (p.fallback ? [i] : []));
  return {
    v: 1,
    q: quantum,
    o,
    s: projects.map((p) => p.slug),
    t: projects.map((p) => p.title),
    st: projects.map((p) => STATUS_CODE[p.status]).join(''),
    x: projects.map((p) => (p.next ? [p.next.what, p.next.when] : 0)),
    g: projects.map((p) => {
      const shape = compactShape(shapeOf([{ type: 'Point', coordinates: p.anchor }, ...p.geometries]), { tolerance, quantum });
      return encodeShape(p.anchor, shape, origin, quantum);
    }),
    ...(fallback.length ? { f: fallback } : {}),
    pn: places.map((p) => p.name),
    pk: places.map((p) => (p.kind === 'street' ? 's' : 'n')).join(''),
    pa: encodeInts(
      places.flatMap((p) => {
        // A point the browser can work out from the projects is not shipped.
        const unit = (v: number) => Math.round(v / quantum);
        const at = [unit(p.at[0]), unit(p.at[1])];
        const members = [...p.projects].sort((a, b) => a - b);
        const anchors = members.map((i) => [unit(projects[i].anchor[0]), unit(projects[i].anchor[1])]);
        if (anchors.length) {
          const centre = [0, 1].map((k) => Math.round(anchors.reduce((sum, a) => sum + a[k], 0) / anchors.length));
          if (centre[0] === at[0] && centre[1] === at[1]) return [0];
          const k = anchors.findIndex((a) => a[0] === at[0] && a[1] === at[1]);
          if (k >= 0) return [k + 1];
        }
        return [-1, at[0] - o[0], at[1] - o[1]];
      }),
    ),
    pp: places.map((p) => encodeInts([...p.projects].sort((a, b) => a - b), true)),
  };
}

/** A project as the browser uses it. */
export interface NearProject {
  index: number;
  slug: string;
  title: string;
  status: NearStatus;
  next: { what: string; when: string } | null;
  fallback: boolean;
  anchor: LonLat;
}

export interface NearPlace {
  name: string;
  kind: 'street' | 'neighborhood';
  at: LonLat;
  projects: number[];
}

export interface NearData {
  projects: NearProject[];
  shapes: Shape[];
  index: NearIndex;
  places: NearPlace[];
}

export function decodeNearPayload(payload: NearPayload): NearData {
  const q = payload.q;
  const origin: LonLat = [payload.o[0] * q, payload.o[1] * q];
  const fallback = new Set(payload.f ?? []);
  const shapes: Shape[] = [];
  const projects = payload.s.map((slug, i): NearProject => {
    const { anchor, shape } = decodeShape(payload.g[i], origin, q);
    shapes.push(shape);
    const x = payload.x[i];
    return {
      index: i,
      slug,
      title: payload.t[i],
      status: CODE_STATUS[payload.st[i]] ?? 'planned',
      next: x ? { what: x[0], when: x[1] } : null,
      fallback: fallback.has(i),
      anchor,
    };
  });
  const points = new IntReader(payload.pa);
  const places = payload.pn.map((name, i): NearPlace => {
    const members = decodeInts(payload.pp[i], true);
    const code = points.next();
    let at: LonLat;
    if (code === -1) at = [(payload.o[0] + points.next()) * q, (payload.o[1] + points.next()) * q];
    else if (code > 0) at = projects[members[code - 1]].anchor;
    else {
      const sum = members.reduce((s, m) => [s[0] + projects[m].anchor[0], s[1] + projects[m].anchor[1]], [0, 0]);
      at = [sum[0] / members.length, sum[1] / members.length];
    }
    return { name, kind: payload.pk[i] === 'n' ? 'neighborhood' : 'street', at, projects: members };
  });
  return { projects, shapes, index: buildIndex(shapes), places };
}

/* ------------------------------------------------------------------------ */
/* The ?near=lat,lon deep link                                               */
/* ------------------------------------------------------------------------ */

/** Reads "lat,lon" (decimal degrees); null for anything else or out of range. */
export function parseNearParam(value: string | null | undefined): LonLat | null {
  if (!value) return null;
  const m = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(value);
  if (!m) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return [lon, lat];
}

/** "41.91958,-87.69565": 5 decimals (about a metre). */
export function formatNearParam([lon, lat]: LonLat): string {
  const r = (v: number) => String(Math.round(v * 1e5) / 1e5);
  return `${r(lat)},${r(lon)}`;
}

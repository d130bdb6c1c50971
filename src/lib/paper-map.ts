import { geoDistance, geoMercator, type GeoProjection } from 'd3-geo';
import type { MultiPolygon, Polygon } from 'geojson';
import { DISRUPTION_KINDS, type DisruptionKind } from '../schemas/disruption.ts';
import type { DisruptionFeature, Geometry } from '../schemas/geojson.ts';
import { MAP_STYLES } from './map-style.ts';

/**
 * The map on paper: a static SVG drawn at build time from a project's GeoJSON,
 * never from tiles. d3-geo's Mercator projection is fitted to the features;
 * everything else (the streets, their names, the north arrow, the scale bar) is
 * plain geometry in the SVG, so it prints the same on any printer and reads in
 * grayscale: each kind of disruption has its own pattern or line style.
 *
 * The project's GeoJSON has no street network, so the streets are inferred from
 * the disruptions themselves: a line lies on its `street`; a polygon's long axis
 * does too; the ends of a line are its `from` and `to` cross streets. Streets are
 * drawn straight past the work to the map's edge, as a sketch, and every street
 * named in the disruptions gets a label.
 */

export type Point = [number, number];
type Seg = [Point, Point];

export interface PaperMapText {
  /** The SVG's accessible name. */
  title: string;
  /** A sentence for screen readers describing what the map shows. */
  description?: string;
  /** The letter on the north arrow. */
  north: string;
  /** Label of the project marker when there is nothing else to draw. */
  location?: string;
}

export interface PaperMapInput {
  features: DisruptionFeature[];
  /** The project's point: drawn when there are no features, and framed then. */
  location?: { lat: number; lon: number };
  /** An area to outline and frame when there are no features (e.g. a citywide project's service area). */
  area?: Polygon | MultiPolygon;
  /** Size in SVG units (CSS pixels when printed at that size). */
  width: number;
  height: number;
  /** Prefix for ids inside the SVG (patterns, clip path), unique in the page. */
  idPrefix?: string;
  text: PaperMapText;
  /** Street label size in SVG units. */
  fontSize?: number;
  /**
   * How areas are filled: grayscale patterns for paper (the default), or the
   * screen map's colour tints for the share card, which is only seen on screens
   * and whose rasteriser spends most of its time on patterns.
   */
  areaFill?: 'pattern' | 'tint';
  /**
   * Distance between the spots tried for a street label, in SVG units. Paper
   * notices try every 4 units; the share card (a picture, redrawn for every
   * project) can try fewer.
   */
  labelStep?: number;
}

export interface StreetLine {
  name: string;
  role: 'main' | 'cross';
  /** Projected polyline, extended to the frame. */
  points: Point[];
}

export interface PlacedLabel {
  text: string;
  x: number;
  y: number;
  /** Rotation in degrees, within (-90, 90]. */
  angle: number;
  width: number;
  height: number;
}

export interface ProjectedFeature {
  kind: DisruptionKind;
  street: string;
  /** Rings or lines in projected coordinates. */
  parts: Point[][];
  type: 'polygon' | 'line' | 'point';
}

export interface PaperMapLayout {
  width: number;
  height: number;
  /** The padded area the features were fitted into: [[x0, y0], [x1, y1]]. */
  extent: [Point, Point];
  projection: GeoProjection;
  features: ProjectedFeature[];
  streets: StreetLine[];
  labels: PlacedLabel[];
  /** Street names that could not be placed without overlapping (normally none). */
  unplaced: string[];
  /** Kinds drawn, in legend order. */
  kinds: DisruptionKind[];
  scale: { feet: number; feetPx: number; meters: number; metersPx: number };
  /** Boxes kept free for the north arrow and the scale bar. */
  reserved: Box[];
  location?: Point;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const FEET_PER_M = 3.280839895;
/** The smallest area a map shows, in metres, so one short line is not blown up to a whole page. */
const MIN_SPAN_M = 320;

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const r = (n: number) => Math.round(n * 10) / 10;

/** Works out the projection, the streets and where every label goes. Pure: no I/O. */
export function layoutPaperMap(input: PaperMapInput): PaperMapLayout {
  const { width, height, features } = input;
  const fontSize = input.fontSize ?? 13;
  const pad = Math.max(28, Math.round(Math.min(width, height) * 0.12));
  const extent: [Point, Point] = [
    [pad, pad],
    [width - pad, height - pad],
  ];

  // Fit to the corners of the features' box (grown to a minimum span). Fitting to
  // corners, not polygons, sidesteps d3's spherical winding rules: an RFC 7946
  // ring (counterclockwise) would otherwise read as "the whole globe but this".
  const geoms: Geometry[] = features.map((f) => f.geometry);
  let bounds = boundsOfGeometries(geoms);
  if (!bounds && input.area) bounds = boundsOfGeometries([input.area as Geometry]);
  if (!bounds && input.location) bounds = [input.location.lon, input.location.lat, input.location.lon, input.location.lat];
  if (!bounds) bounds = [0, 0, 0, 0];
  bounds = growToMinimum(bounds, MIN_SPAN_M);
  const [w, s, e, n] = bounds;
  const projection = geoMercator().fitExtent(extent, {
    type: 'MultiPoint',
    coordinates: [
      [w, s],
      [e, n],
      [w, n],
      [e, s],
    ],
  });
  const project = (p: number[]): Point => {
    const xy = projection([p[0], p[1]])!;
    return [xy[0], xy[1]];
  };

  const frame: Box = { x0: 0, y0: 0, x1: width, y1: height };
  const projected: ProjectedFeature[] = features.map((f) => projectFeature(f, project));
  if (!features.length && input.area) {
    const polys = input.area.type === 'Polygon' ? [input.area.coordinates] : input.area.coordinates;
    for (const poly of polys) projected.push({ kind: 'work-zone', street: '', parts: poly.map((ring) => ring.map(project)), type: 'polygon' });
  }
  const areaOnly = !features.length && Boolean(input.area);

  // Streets: segments each street lies on, and points where cross streets meet them.
  const segments = new Map<string, Seg[]>();
  const anchors = new Map<string, { at: Point; dir: Point }[]>();
  const polygonEnds: { from?: string; to?: string; a: Point; b: Point }[] = [];
  const addSeg = (name: string, seg: Seg) => {
    if (dist(seg[0], seg[1]) < 1) return;
    if (!segments.has(name)) segments.set(name, []);
    segments.get(name)!.push(seg);
  };
  const addAnchor = (name: string, at: Point, dir: Point) => {
    if (!anchors.has(name)) anchors.set(name, []);
    anchors.get(name)!.push({ at, dir });
  };
  // Lines down the middle of the street first, so a sidewalk line a few metres
  // off is merged into the street rather than drawn as a second one.
  const rank = (k: DisruptionKind) => SEGMENT_RANK.indexOf(k);
  const order = features.map((_, i) => i).sort((x, y) => rank(features[x].properties.kind) - rank(features[y].properties.kind));
  const lineStreets = new Set<string>();
  /** Streets seen only on an area or a point: labelled beside it. */
  const nearLabels: { names: string[]; near: Point }[] = [];
  for (const i of order) {
    const p = features[i].properties;
    const pf = projected[i];
    if (p.kind === 'detour' || pf.type !== 'line') continue; // a detour runs along other streets
    lineStreets.add(p.street);
    for (const line of pf.parts) {
      for (let k = 0; k < line.length - 1; k++) addSeg(p.street, [line[k], line[k + 1]]);
      if (p.from) addAnchor(p.from, line[0], unit(sub(line[1], line[0])));
      if (p.to) addAnchor(p.to, line[line.length - 1], unit(sub(line[line.length - 1], line[line.length - 2])));
    }
  }
  for (const i of order) {
    const p = features[i].properties;
    const pf = projected[i];
    if (pf.type === 'polygon') {
      // A long, narrow area lies along its street; a squarer one (a plant, a tower
      // site) does not say where the street is.
      const axis = polygonAxis(pf.parts[0]);
      if (axis && axis.aspect >= 1.8) {
        if (!lineStreets.has(p.street)) addSeg(p.street, axis.seg);
        if (p.from || p.to) polygonEnds.push({ from: p.from, to: p.to, a: axis.seg[0], b: axis.seg[1] });
      } else {
        nearLabels.push({ names: [p.street], near: centroid(pf.parts[0]) });
        nearLabels.push({ names: [p.from, p.to].filter((x): x is string => Boolean(x)), near: centroid(pf.parts[0]) });
      }
    } else if (pf.type === 'point') nearLabels.push({ names: [p.street], near: pf.parts[0][0] });
  }
  // A polygon's ends do not say which cross street is which. When a line in the
  // project places one of the two, the other is at the far end; when neither is
  // placed, the pair is named together beside the polygon ("Locust St – Oak St").
  const known = (name?: string) => Boolean(name && (anchors.has(name) || segments.has(name)));
  const pairLabels: { names: string[]; near: Point }[] = [];
  for (const end of polygonEnds) {
    const dir = unit(sub(end.b, end.a));
    const place = (placed: string, other: string) => {
      const distanceTo = (pt: Point) =>
        Math.min(...(anchors.get(placed) ?? []).map((x) => dist(x.at, pt)), segments.has(placed) ? dist(nearestOnSegments(segments.get(placed)!, pt), pt) : Infinity);
      const otherEnd = distanceTo(end.a) < distanceTo(end.b) ? end.b : end.a;
      addAnchor(other, otherEnd, dir);
    };
    if (end.from && end.to && known(end.from) && !known(end.to)) place(end.from, end.to);
    else if (end.from && end.to && known(end.to) && !known(end.from)) place(end.to, end.from);
    else {
      pairLabels.push({ names: [end.from, end.to].filter((x): x is string => Boolean(x)), near: mid(end.a, end.b) });
    }
  }

  const streets: StreetLine[] = [];
  for (const [name, segs] of segments) {
    for (const line of chain(segs)) {
      const extended = extendToFrame(line, frame);
      if (extended.length >= 2) streets.push({ name, role: 'main', points: extended });
    }
  }
  for (const [name, list] of anchors) {
    if (segments.has(name)) continue;
    // Two far-apart points on the same cross street give its direction; one point
    // gives a street at right angles to the one it meets.
    let a = list[0].at;
    let b: Point | null = null;
    let best = 24;
    for (const x of list)
      for (const y of list)
        if (dist(x.at, y.at) > best) {
          best = dist(x.at, y.at);
          a = x.at;
          b = y.at;
        }
    const line: Point[] = b ? [a, b] : [add(a, perp(list[0].dir)), sub(a, perp(list[0].dir))];
    const extended = extendToFrame(line, frame);
    if (extended.length >= 2) streets.push({ name, role: 'cross', points: extended });
  }

  // Keep the corners for the north arrow (top right) and the scale bar (bottom left).
  const reserved: Box[] = [
    { x0: width - 44, y0: 0, x1: width, y1: 62 },
    { x0: 0, y0: height - 44, x1: Math.min(width, 150), y1: height },
  ];
  const obstacles = new PointIndex(obstacleSamples(projected));
  // Other streets: a label should not run across an intersection if it can help it.
  const streetSamples = new Map<string, Point[]>();
  for (const st of streets) streetSamples.set(st.name, [...(streetSamples.get(st.name) ?? []), ...dotsAlong(st.points, 3)]);
  const crossings = (name: string) => new PointIndex([...streetSamples].filter(([n]) => n !== name).flatMap(([, pts]) => pts));
  // Main streets first, then cross streets, then names placed beside areas.
  const byName = new Map<string, StreetLine[]>();
  for (const st of streets) byName.set(st.name, [...(byName.get(st.name) ?? []), st]);
  const names = [...byName.keys()].sort((x, y) => {
    const rx = byName.get(x)![0].role === 'main' ? 0 : 1;
    const ry = byName.get(y)![0].role === 'main' ? 0 : 1;
    return rx - ry || x.localeCompare(y);
  });
  const placeAll = (order: string[]) => {
    const labels: PlacedLabel[] = [];
    const unplaced: string[] = [];
    const placedBoxes: Box[] = [...reserved];
    for (const name of order) {
      const ctx = { frame, placedBoxes, obstacles, crossings: crossings(name), preferred: preferredPoint(name, segments, anchors), step: input.labelStep ?? 4 };
      // Smaller type only when the normal size finds no room.
      const label = placeAlong(name, byName.get(name)!, { ...ctx, fontSize }) ?? placeAlong(name, byName.get(name)!, { ...ctx, fontSize: fontSize * 0.85 });
      if (label) {
        labels.push(label);
        placedBoxes.push(labelBox(label, 3));
      } else unplaced.push(name);
    }
    const labelled = new Set<string>(order);
    for (const pair of [...pairLabels, ...nearLabels]) {
      const rest = pair.names.filter((x) => !labelled.has(x) && !known(x));
      if (!rest.length) continue;
      rest.forEach((x) => labelled.add(x));
      const text = rest.join(' – ');
      const label = placeFree(text, pair.near, { fontSize, frame, placedBoxes, obstacles });
      if (label) {
        labels.push(label);
        placedBoxes.push(labelBox(label, 3));
      } else unplaced.push(text);
    }
    return { labels, unplaced, placedBoxes };
  };
  // A street left without room goes first on a second try; the better of the two wins.
  let placed = placeAll(names);
  for (let attempt = 0; attempt < 3 && placed.unplaced.length; attempt++) {
    const first = placed.unplaced.filter((n) => byName.has(n));
    const retry = placeAll([...first, ...names.filter((n) => !first.includes(n))]);
    if (retry.unplaced.length >= placed.unplaced.length) break;
    placed = retry;
  }
  const { labels, unplaced, placedBoxes } = placed;

  let location: Point | undefined;
  if (areaOnly && input.text.location) {
    // A project as wide as the area: the outline is the project, named at its centre.
    const label = placeFree(input.text.location, centroid(projected[0].parts[0]), { fontSize, frame, placedBoxes, obstacles: EMPTY_INDEX });
    if (label) labels.push(label);
  } else if (input.location && !features.length) {
    location = project([input.location.lon, input.location.lat]);
    if (input.text.location) {
      const label = placeFree(input.text.location, [location[0], location[1] - 22], { fontSize, frame, placedBoxes, obstacles: EMPTY_INDEX });
      if (label) {
        labels.push(label);
        placedBoxes.push(labelBox(label, 3));
      }
    }
  }

  const kinds = DISRUPTION_KINDS.filter((k) => features.some((f) => f.properties.kind === k));
  return { width, height, extent, projection, features: projected, streets, labels, unplaced, kinds, scale: scaleBar(projection, width, height), reserved, location };
}

/** The map as an SVG string, with every content string escaped. */
export function renderPaperMap(input: PaperMapInput): { svg: string; layout: PaperMapLayout } {
  const layout = layoutPaperMap(input);
  const { width, height } = layout;
  const id = (input.idPrefix ?? 'paper-map').replace(/[^A-Za-z0-9_-]/g, '');
  const fontSize = input.fontSize ?? 13;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId}${input.text.description ? ` ${descId}` : ''}" class="paper-map">`,
    `<title id="${titleId}">${escapeXml(input.text.title)}</title>`,
  );
  if (input.text.description) out.push(`<desc id="${descId}">${escapeXml(input.text.description)}</desc>`);
  out.push(
    '<defs>',
    ...(input.areaFill === 'tint' ? [] : [`<pattern id="${id}-hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="7" height="7" fill="#fff"/><line x1="0" y1="0" x2="0" y2="7" stroke="#000" stroke-width="2"/></pattern>`,
    `<pattern id="${id}-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.5" fill="#000"/></pattern>`,
    `<pattern id="${id}-cross" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fff"/><path d="M0 4H8M4 0V8" stroke="#000" stroke-width="1"/></pattern>`,
    `<pattern id="${id}-hlines" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="3" x2="6" y2="3" stroke="#000" stroke-width="1.2"/></pattern>`]),
    `<clipPath id="${id}-clip"><rect x="0" y="0" width="${width}" height="${height}"/></clipPath>`,
    '</defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`,
    `<g clip-path="url(#${id}-clip)">`,
  );
  // Streets: a light band with a thin edge, so they read as roads even in grayscale.
  for (const st of layout.streets) out.push(`<path d="${pathD(st.points)}" fill="none" stroke="#7a7a7a" stroke-width="13" stroke-linecap="butt"/>`);
  for (const st of layout.streets) out.push(`<path d="${pathD(st.points)}" fill="none" stroke="#e4e4e4" stroke-width="11" stroke-linecap="square"/>`);
  // Disruptions, areas first, then lines, then points.
  const areaOnly = !input.features.length && Boolean(input.area);
  const drawOrder = (f: ProjectedFeature) => (f.type === 'polygon' ? 0 : f.type === 'line' ? 1 : 2) * 10 + LINE_ORDER.indexOf(f.kind);
  const sorted = [...layout.features].sort((a, b) => drawOrder(a) - drawOrder(b));
  for (const f of sorted) out.push(areaOnly ? areaOutline(f) : drawFeature(f, id, input.areaFill ?? 'pattern'));
  if (layout.location) {
    const [x, y] = layout.location;
    out.push(`<circle cx="${r(x)}" cy="${r(y)}" r="9" fill="#fff" stroke="#000" stroke-width="3"/><circle cx="${r(x)}" cy="${r(y)}" r="3.5" fill="#000"/>`);
  }
  out.push('</g>');
  // Labels: dark text on a white halo, centred on the street.
  for (const l of layout.labels) {
    const transform = l.angle ? ` transform="rotate(${r(l.angle)} ${r(l.x)} ${r(l.y)})"` : '';
    out.push(
      `<text x="${r(l.x)}" y="${r(l.y)}"${transform} text-anchor="middle" dominant-baseline="central" font-family="'Liberation Sans', Arial, Helvetica, sans-serif" font-size="${fontSize}" font-weight="700" fill="#000" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeXml(l.text)}</text>`,
    );
  }
  out.push(northArrow(width, input.text.north), scaleBarSvg(layout), `<rect x="0.75" y="0.75" width="${width - 1.5}" height="${height - 1.5}" fill="none" stroke="#000" stroke-width="1.5"/>`, '</svg>');
  return { svg: out.join(''), layout };
}

/** Which lines say best where a street runs: the middle of the road before the sidewalk. */
const SEGMENT_RANK: DisruptionKind[] = ['road-closure', 'lane-closure', 'night-work', 'parking-restriction', 'work-zone', 'water-shut-off', 'sidewalk-closure', 'detour'];

/** The order things are drawn in (later on top). */
const LINE_ORDER: DisruptionKind[] = ['work-zone', 'water-shut-off', 'night-work', 'parking-restriction', 'detour', 'road-closure', 'lane-closure', 'sidewalk-closure'];

/** A small standalone SVG that shows how a kind of disruption looks on the map. */
export function legendSwatch(kind: DisruptionKind, size: { width: number; height: number } = { width: 40, height: 20 }): string {
  const { width: w, height: h } = size;
  let body = '';
  switch (kind) {
    case 'work-zone': {
      const lines: string[] = [];
      for (let x = -h; x < w; x += 6) lines.push(`M${x} ${h}L${x + h} 0`);
      body = `<svg x="0" y="0" width="${w}" height="${h}"><path d="${lines.join('')}" stroke="#000" stroke-width="1.6"/></svg><rect x="1" y="1" width="${w - 2}" height="${h - 2}" fill="none" stroke="#000" stroke-width="2"/>`;
      break;
    }
    case 'water-shut-off': {
      const dots: string[] = [];
      for (let x = 4; x < w - 2; x += 6) for (let y = 4; y < h - 2; y += 6) dots.push(`<circle cx="${x}" cy="${y}" r="1.5" fill="#000"/>`);
      body = `${dots.join('')}<rect x="1" y="1" width="${w - 2}" height="${h - 2}" fill="none" stroke="#000" stroke-width="2" stroke-dasharray="6 3"/>`;
      break;
    }
    case 'night-work': {
      body = `<circle cx="${w / 2}" cy="${h / 2}" r="${h / 2 - 1.5}" fill="#fff" stroke="#000" stroke-width="2"/>${moon(w / 2, h / 2, h / 2 - 4)}`;
      break;
    }
    default: {
      const y = h / 2;
      body = lineStyle(kind, [
        [2, y],
        [w - 2, y],
      ]);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" aria-hidden="true" focusable="false">${body}</svg>`;
}

function drawFeature(f: ProjectedFeature, id: string, areaFill: 'pattern' | 'tint'): string {
  if (f.type === 'polygon') {
    const d = f.parts.map((ring) => pathD(ring) + 'Z').join('');
    if (areaFill === 'tint') {
      const st = MAP_STYLES[f.kind];
      const tint = `<path d="${d}" fill-rule="evenodd" fill="${st.fillColor}" fill-opacity="${Math.max(st.fillOpacity, 0.3)}" stroke="${st.color}" stroke-width="3"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>`;
      if (f.kind !== 'night-work') return tint;
      const c = centroid(f.parts[0]);
      return tint + `<circle cx="${r(c[0])}" cy="${r(c[1])}" r="9" fill="#fff" stroke="#000" stroke-width="2"/>${moon(c[0], c[1], 6)}`;
    }
    const style: Record<string, string> = {
      'work-zone': `fill="url(#${id}-hatch)" stroke="#000" stroke-width="2"`,
      'water-shut-off': `fill="url(#${id}-dots)" stroke="#000" stroke-width="2" stroke-dasharray="6 3"`,
      'night-work': `fill="url(#${id}-cross)" stroke="#000" stroke-width="1.5" stroke-dasharray="2 2"`,
      'parking-restriction': `fill="url(#${id}-hlines)" stroke="#000" stroke-width="1.5"`,
    };
    const out = `<path d="${d}" fill-rule="evenodd" ${style[f.kind] ?? style['work-zone']}/>`;
    if (f.kind === 'night-work') {
      const c = centroid(f.parts[0]);
      return out + `<circle cx="${r(c[0])}" cy="${r(c[1])}" r="9" fill="#fff" stroke="#000" stroke-width="2"/>${moon(c[0], c[1], 6)}`;
    }
    return out;
  }
  if (f.type === 'point') {
    return f.parts
      .map(([p]) => `<circle cx="${r(p[0])}" cy="${r(p[1])}" r="9" fill="#fff" stroke="#000" stroke-width="2"/>${f.kind === 'night-work' ? moon(p[0], p[1], 6) : `<circle cx="${r(p[0])}" cy="${r(p[1])}" r="3" fill="#000"/>`}`)
      .join('');
  }
  return f.parts.map((line) => lineStyle(f.kind, line)).join('');
}

function areaOutline(f: ProjectedFeature): string {
  const d = f.parts.map((ring) => pathD(ring) + 'Z').join('');
  return `<path d="${d}" fill="none" stroke="#000" stroke-width="2" stroke-dasharray="8 4"/>`;
}

/** Line styles that differ in shape, not colour: solid, hollow, dotted, dashed with arrows. */
function lineStyle(kind: DisruptionKind, line: Point[]): string {
  const d = pathD(line);
  switch (kind) {
    case 'road-closure':
      return `<path d="${d}" fill="none" stroke="#000" stroke-width="7" stroke-linecap="butt"/>` + bars(line);
    case 'lane-closure':
      return `<path d="${d}" fill="none" stroke="#000" stroke-width="8" stroke-linecap="butt"/><path d="${d}" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="butt"/>`;
    case 'parking-restriction':
      return dotsAlong(line, 9).map((p) => `<circle cx="${r(p[0])}" cy="${r(p[1])}" r="2.8" fill="#000"/>`).join('');
    case 'sidewalk-closure':
      return `<path d="${d}" fill="none" stroke="#000" stroke-width="2.5" stroke-dasharray="7 3 2 3"/>`;
    case 'detour':
      return `<path d="${d}" fill="none" stroke="#333" stroke-width="3.5" stroke-dasharray="9 5"/>` + arrows(line);
    case 'work-zone':
    case 'water-shut-off':
    case 'night-work':
    default:
      return `<path d="${d}" fill="none" stroke="#000" stroke-width="3"/>`;
  }
}

/** Short bars across both ends of a closed road, like barricades. */
function bars(line: Point[]): string {
  const ends: [Point, Point][] = [
    [line[0], line[1]],
    [line[line.length - 1], line[line.length - 2]],
  ];
  return ends
    .map(([p, q]) => {
      const n = perp(unit(sub(q, p)));
      const a = add(p, scale(n, 8));
      const b = sub(p, scale(n, 8));
      return `<path d="M${r(a[0])} ${r(a[1])}L${r(b[0])} ${r(b[1])}" stroke="#000" stroke-width="3.5"/>`;
    })
    .join('');
}

function arrows(line: Point[]): string {
  const out: string[] = [];
  for (let i = 0; i < line.length - 1; i++) {
    const [a, b] = [line[i], line[i + 1]];
    const len = dist(a, b);
    if (len < 24) continue;
    const dir = unit(sub(b, a));
    const tip = add(a, scale(dir, len / 2 + 6));
    const base = sub(tip, scale(dir, 11));
    const n = perp(dir);
    const l = add(base, scale(n, 6));
    const rt = sub(base, scale(n, 6));
    out.push(`<path d="M${r(tip[0])} ${r(tip[1])}L${r(l[0])} ${r(l[1])}L${r(rt[0])} ${r(rt[1])}Z" fill="#333"/>`);
  }
  return out.join('');
}

function moon(cx: number, cy: number, rad: number): string {
  // A crescent: a circle with another one cut out of it.
  const k = rad * 0.6;
  return `<path d="M${r(cx + k * 0.2)} ${r(cy - rad)}A${r(rad)} ${r(rad)} 0 1 0 ${r(cx + k * 0.2)} ${r(cy + rad)}A${r(rad * 0.78)} ${r(rad * 0.78)} 0 1 1 ${r(cx + k * 0.2)} ${r(cy - rad)}Z" fill="#000"/>`;
}

function northArrow(width: number, letter: string): string {
  const x = width - 22;
  return (
    `<g aria-hidden="true"><rect x="${width - 40}" y="4" width="36" height="54" rx="3" fill="#fff" stroke="#000" stroke-width="1"/>` +
    `<path d="M${x} 26L${x - 8} 50L${x} 44L${x + 8} 50Z" fill="#000"/>` +
    `<text x="${x}" y="19" text-anchor="middle" dominant-baseline="central" font-family="'Liberation Sans', Arial, Helvetica, sans-serif" font-size="14" font-weight="700" fill="#000">${escapeXml(letter)}</text></g>`
  );
}

function scaleBarSvg(layout: PaperMapLayout): string {
  const { scale, height } = layout;
  const x = 10;
  const y = height - 22;
  const font = `font-family="'Liberation Sans', Arial, Helvetica, sans-serif" font-size="11" font-weight="700" fill="#000"`;
  const boxW = Math.max(scale.feetPx, scale.metersPx) + 16;
  return (
    `<g aria-hidden="true"><rect x="4" y="${height - 40}" width="${r(boxW + 44)}" height="36" rx="3" fill="#fff" stroke="#000" stroke-width="1"/>` +
    `<path d="M${x} ${y - 5}V${y}H${r(x + scale.feetPx)}V${y - 5}" fill="none" stroke="#000" stroke-width="2"/>` +
    `<text x="${r(x + scale.feetPx + 4)}" y="${y - 7}" ${font}>${escapeXml(formatDistance(scale.feet, 'ft'))}</text>` +
    `<path d="M${x} ${y + 5}V${y}H${r(x + scale.metersPx)}V${y + 5}" fill="none" stroke="#000" stroke-width="2"/>` +
    `<text x="${r(x + scale.metersPx + 4)}" y="${y + 10}" ${font}>${escapeXml(formatDistance(scale.meters, 'm'))}</text></g>`
  );
}

function formatDistance(value: number, unitName: 'ft' | 'm'): string {
  if (unitName === 'ft' && value >= 5280) return `${value / 5280} mi`;
  if (unitName === 'ft' && value === 2640) return '½ mi';
  if (unitName === 'm' && value >= 1000) return `${value / 1000} km`;
  return `${value} ${unitName}`;
}

/** A round distance in feet and in metres that takes up to a quarter of the map's width. */
function scaleBar(projection: GeoProjection, width: number, height: number) {
  const cx = width / 2;
  const cy = height / 2;
  const a = projection.invert!([cx - 50, cy])!;
  const b = projection.invert!([cx + 50, cy])!;
  const metersPerPx = (geoDistance(a, b) * EARTH_RADIUS_M) / 100;
  const maxPx = Math.max(40, width * 0.24);
  const pick = (steps: number[], perPx: number) => {
    let best = steps[0];
    for (const s of steps) if (s / perPx <= maxPx) best = s;
    return { value: best, px: best / perPx };
  };
  const feet = pick([10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2640, 5280, 10560, 26400, 52800], metersPerPx * FEET_PER_M);
  const meters = pick([5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000], metersPerPx);
  return { feet: feet.value, feetPx: feet.px, meters: meters.value, metersPx: meters.px };
}

// ---------------------------------------------------------------------------
// Geometry helpers

function projectFeature(f: DisruptionFeature, project: (p: number[]) => Point): ProjectedFeature {
  const g = f.geometry;
  const base = { kind: f.properties.kind, street: f.properties.street };
  switch (g.type) {
    case 'Point':
      return { ...base, type: 'point', parts: [[project(g.coordinates)]] };
    case 'MultiPoint':
      return { ...base, type: 'point', parts: g.coordinates.map((c) => [project(c)]) };
    case 'LineString':
      return { ...base, type: 'line', parts: [g.coordinates.map(project)] };
    case 'MultiLineString':
      return { ...base, type: 'line', parts: g.coordinates.map((l) => l.map(project)) };
    case 'Polygon':
      return { ...base, type: 'polygon', parts: g.coordinates.map((ring) => ring.map(project)) };
    case 'MultiPolygon':
      return { ...base, type: 'polygon', parts: g.coordinates.flatMap((poly) => poly.map((ring) => ring.map(project))) };
  }
}

function boundsOfGeometries(geoms: Geometry[]): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const walk = (v: unknown) => {
    if (Array.isArray(v) && typeof v[0] === 'number') {
      const [lon, lat] = v as number[];
      w = Math.min(w, lon); e = Math.max(e, lon);
      s = Math.min(s, lat); n = Math.max(n, lat);
    } else if (Array.isArray(v)) v.forEach(walk);
  };
  for (const g of geoms) walk(g.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

function growToMinimum([w, s, e, n]: [number, number, number, number], minMeters: number): [number, number, number, number] {
  const lat = (s + n) / 2;
  const degLat = minMeters / 111_320;
  const degLon = minMeters / (111_320 * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
  if (n - s < degLat) [s, n] = [lat - degLat / 2, lat + degLat / 2];
  const lon = (w + e) / 2;
  if (e - w < degLon) [w, e] = [lon - degLon / 2, lon + degLon / 2];
  return [w, s, e, n];
}

const sub = (a: Point, b: Point): Point => [a[0] - b[0], a[1] - b[1]];
const add = (a: Point, b: Point): Point => [a[0] + b[0], a[1] + b[1]];
const scale = (a: Point, k: number): Point => [a[0] * k, a[1] * k];
const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
const perp = (a: Point): Point => [-a[1], a[0]];
function unit(a: Point): Point {
  const l = Math.hypot(a[0], a[1]) || 1;
  return [a[0] / l, a[1] / l];
}

function pathD(points: Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${r(p[0])} ${r(p[1])}`).join('');
}

function nearestOnSegments(segs: Seg[], p: Point): Point {
  let best: Point = segs[0][0];
  for (const [a, b] of segs) {
    const d = sub(b, a);
    const len2 = d[0] * d[0] + d[1] * d[1] || 1;
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len2));
    const q = add(a, scale(d, t));
    if (dist(q, p) < dist(best, p)) best = q;
  }
  return best;
}

function centroid(ring: Point[]): Point {
  const pts = ring.length > 1 && dist(ring[0], ring[ring.length - 1]) < 0.01 ? ring.slice(0, -1) : ring;
  const sum = pts.reduce((acc, p) => add(acc, p), [0, 0] as Point);
  return scale(sum, 1 / pts.length);
}

/** The long axis of a polygon through its centre (principal component of its vertices). */
function polygonAxis(ring: Point[]): { seg: Seg; aspect: number } | null {
  const pts = ring.length > 1 && dist(ring[0], ring[ring.length - 1]) < 0.01 ? ring.slice(0, -1) : ring;
  if (pts.length < 2) return null;
  const c = centroid(ring);
  let sxx = 0, syy = 0, sxy = 0;
  for (const p of pts) {
    const d = sub(p, c);
    sxx += d[0] * d[0]; syy += d[1] * d[1]; sxy += d[0] * d[1];
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const dir: Point = [Math.cos(angle), Math.sin(angle)];
  let lo = Infinity, hi = -Infinity, across = 0;
  for (const p of pts) {
    const d = sub(p, c);
    const t = d[0] * dir[0] + d[1] * dir[1];
    lo = Math.min(lo, t); hi = Math.max(hi, t);
    across = Math.max(across, Math.abs(d[0] * dir[1] - d[1] * dir[0]));
  }
  if (hi - lo < 1) return null;
  return { seg: [add(c, scale(dir, lo)), add(c, scale(dir, hi))], aspect: (hi - lo) / Math.max(1e-6, 2 * across) };
}

/** Joins segments that share ends into polylines; segments already covered by another are dropped. */
function chain(segs: Seg[]): Point[][] {
  const lines: Point[][] = [];
  const close = (a: Point, b: Point) => dist(a, b) < 2;
  for (const seg of segs) {
    // Drop a segment lying on an existing line (e.g. a polygon axis over a closure line).
    if (lines.some((line) => covers(line, seg))) continue;
    const line = lines.find((l) => close(l[l.length - 1], seg[0]) && collinear(l[l.length - 2], l[l.length - 1], seg[1]));
    if (line) line.push(seg[1]);
    else {
      const before = lines.find((l) => close(l[0], seg[1]) && collinear(seg[0], l[0], l[1]));
      if (before) before.unshift(seg[0]);
      else lines.push([seg[0], seg[1]]);
    }
  }
  return lines;
}

function collinear(a: Point, b: Point, c: Point): boolean {
  const u = unit(sub(b, a));
  const v = unit(sub(c, b));
  return Math.abs(u[0] * v[1] - u[1] * v[0]) < 0.05 && u[0] * v[0] + u[1] * v[1] > 0;
}

function covers(line: Point[], seg: Seg): boolean {
  // Both ends of the segment within 9 px of the line's straight extension.
  for (let i = 0; i < line.length - 1; i++) {
    const [a, b] = [line[i], line[i + 1]];
    const d = unit(sub(b, a));
    const off = (p: Point) => Math.abs(sub(p, a)[0] * d[1] - sub(p, a)[1] * d[0]);
    const sd = unit(sub(seg[1], seg[0]));
    if (off(seg[0]) < 9 && off(seg[1]) < 9 && Math.abs(d[0] * sd[1] - d[1] * sd[0]) < 0.05) return true;
  }
  return false;
}

/** Extends a polyline's first and last segments in a straight line to the frame's edge. */
function extendToFrame(line: Point[], frame: Box): Point[] {
  if (line.length < 2) return line;
  const far = (from: Point, dir: Point) => {
    // Distance along dir until leaving the frame (0 when already outside).
    let t = Infinity;
    if (dir[0] > 1e-9) t = Math.min(t, (frame.x1 - from[0]) / dir[0]);
    if (dir[0] < -1e-9) t = Math.min(t, (frame.x0 - from[0]) / dir[0]);
    if (dir[1] > 1e-9) t = Math.min(t, (frame.y1 - from[1]) / dir[1]);
    if (dir[1] < -1e-9) t = Math.min(t, (frame.y0 - from[1]) / dir[1]);
    return Number.isFinite(t) ? Math.max(0, t) : 0;
  };
  const startDir = unit(sub(line[0], line[1]));
  const endDir = unit(sub(line[line.length - 1], line[line.length - 2]));
  const start = add(line[0], scale(startDir, far(line[0], startDir)));
  const end = add(line[line.length - 1], scale(endDir, far(line[line.length - 1], endDir)));
  return simplify([start, ...line, end].filter((p, i, all) => i === 0 || dist(p, all[i - 1]) > 0.5));
}

/** Drops points in the middle of straight runs, so a label can use the whole run. */
function simplify(line: Point[]): Point[] {
  const out: Point[] = [line[0]];
  for (let i = 1; i < line.length - 1; i++) if (!collinear(out[out.length - 1], line[i], line[i + 1])) out.push(line[i]);
  out.push(line[line.length - 1]);
  return out;
}

/** Points along a polyline every `step` units. */
function dotsAlong(line: Point[], step: number): Point[] {
  const out: Point[] = [];
  let carry = 0;
  for (let i = 0; i < line.length - 1; i++) {
    const [a, b] = [line[i], line[i + 1]];
    const len = dist(a, b);
    const dir = unit(sub(b, a));
    for (let t = carry; t <= len; t += step) out.push(add(a, scale(dir, t)));
    carry = step - ((len - carry) % step);
    if (carry >= step) carry = 0;
  }
  const last = line[line.length - 1];
  if (!out.length || dist(out[out.length - 1], last) > step / 2) out.push(last);
  return out;
}

/** Sample points on everything drawn, to keep labels off the disruptions. */
function obstacleSamples(features: ProjectedFeature[]): Point[] {
  const out: Point[] = [];
  for (const f of features) for (const part of f.parts) out.push(...(part.length > 1 ? dotsAlong(part, 4) : part));
  return out;
}

interface PlaceContext {
  fontSize: number;
  frame: Box;
  placedBoxes: Box[];
  obstacles: PointIndex;
  /** Points on other streets: crossing them costs less than covering the work. */
  crossings?: PointIndex;
}

function labelSize(text: string, fontSize: number) {
  // Liberation Sans Bold averages about 0.6 em per character; round up.
  return { width: text.length * fontSize * 0.62 + 6, height: fontSize * 1.25 };
}

function labelBox(l: PlacedLabel, margin = 0): Box {
  const a = (l.angle * Math.PI) / 180;
  const hw = (Math.abs(Math.cos(a)) * l.width + Math.abs(Math.sin(a)) * l.height) / 2 + margin;
  const hh = (Math.abs(Math.sin(a)) * l.width + Math.abs(Math.cos(a)) * l.height) / 2 + margin;
  return { x0: l.x - hw, y0: l.y - hh, x1: l.x + hw, y1: l.y + hh };
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (a: Box, f: Box, m = 2) => a.x0 >= f.x0 + m && a.y0 >= f.y0 + m && a.x1 <= f.x1 - m && a.y1 <= f.y1 - m;

/**
 * Points, sorted along the axis of a label's angle, so counting the points under
 * a label is a binary search plus the few points in its span. Scanning every
 * point for every candidate spot was most of a notice's build time.
 */
export class PointIndex {
  private readonly byAngle = new Map<number, { xs: Float64Array; ys: Float64Array }>();
  private readonly points: Point[];
  constructor(points: Point[]) {
    this.points = points;
  }
  /** The points in the frame of a label rotated by `angle` degrees, sorted by x. */
  rotated(angle: number) {
    let r = this.byAngle.get(angle);
    if (!r) {
      const a = (-angle * Math.PI) / 180;
      const [c, s] = [Math.cos(a), Math.sin(a)];
      const pts = this.points.map((p) => [p[0] * c - p[1] * s, p[0] * s + p[1] * c] as const).sort((p, q) => p[0] - q[0]);
      r = { xs: Float64Array.from(pts, (p) => p[0]), ys: Float64Array.from(pts, (p) => p[1]) };
      this.byAngle.set(angle, r);
    }
    return r;
  }
}

const EMPTY_INDEX = new PointIndex([]);

/**
 * How many drawn points the label's rotated rectangle (grown by 2 units) covers.
 * The same count as scanning every point, except that a point exactly on the
 * edge may round the other way (it only nudges a label by a step).
 */
export function coverage(l: PlacedLabel, points: PointIndex): number {
  const { xs, ys } = points.rotated(l.angle);
  if (!xs.length) return 0;
  const a = (-l.angle * Math.PI) / 180;
  const [c, s] = [Math.cos(a), Math.sin(a)];
  const cx = l.x * c - l.y * s;
  const cy = l.x * s + l.y * c;
  const hw = l.width / 2 + 2;
  const hh = l.height / 2 + 2;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < cx - hw) lo = mid + 1;
    else hi = mid;
  }
  let n = 0;
  for (let i = lo; i < xs.length && xs[i] <= cx + hw; i++) if (Math.abs(ys[i] - cy) <= hh) n++;
  return n;
}

function preferredPoint(name: string, segments: Map<string, Seg[]>, anchors: Map<string, { at: Point }[]>): Point | null {
  const segs = segments.get(name);
  if (segs?.length) return centroid(segs.flatMap((s) => s));
  const list = anchors.get(name);
  return list?.length ? list[0].at : null;
}

/** The best spot along a street: inside the frame, clear of other labels, covering as little of the work as possible. */
function placeAlong(name: string, lines: StreetLine[], ctx: PlaceContext & { preferred: Point | null; step: number }): PlacedLabel | null {
  const { width, height } = labelSize(name, ctx.fontSize);
  let best: { label: PlacedLabel; score: number } | null = null;
  for (const st of lines) {
    for (let i = 0; i < st.points.length - 1; i++) {
      const [a, b] = [st.points[i], st.points[i + 1]];
      const len = dist(a, b);
      if (len < width * 0.6) continue;
      let angle = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
      if (angle > 90) angle -= 180;
      if (angle <= -90) angle += 180;
      if (Math.abs(Math.abs(angle) - 90) < 1) angle = -90;
      const dir = unit(sub(b, a));
      const normal = perp(dir);
      // The label's half extents on the page, the same at every spot along this segment.
      const half = labelBox({ text: name, x: 0, y: 0, angle, width, height });
      for (let t = width / 2; t <= len - width / 2 + 0.01; t += ctx.step) {
        // On the street; or, where streets run close together, just beside it.
        for (const shift of [0, -0.85 * height, 0.85 * height]) {
          const p = add(add(a, scale(dir, t)), scale(normal, shift));
          const label: PlacedLabel = { text: name, x: p[0], y: p[1], angle, width, height };
          const box = { x0: p[0] + half.x0, y0: p[1] + half.y0, x1: p[0] + half.x1, y1: p[1] + half.y1 };
          if (!inside(box, ctx.frame, 3)) continue;
          if (ctx.placedBoxes.some((o) => overlaps(o, box))) continue;
          const cover = coverage(label, ctx.obstacles);
          const crossing = ctx.crossings ? coverage(label, ctx.crossings) : 0;
          const far = ctx.preferred ? dist(p, ctx.preferred) : 0;
          const score = cover * 1000 + crossing * 150 + far + (shift ? 2500 : 0);
          if (!best || score < best.score) best = { label, score };
        }
      }
    }
  }
  return best?.label ?? null;
}

/** A horizontal label as near `near` as possible, clear of labels and (if it can) of the work. */
function placeFree(text: string, near: Point, ctx: PlaceContext): PlacedLabel | null {
  const { width, height } = labelSize(text, ctx.fontSize);
  let best: { label: PlacedLabel; score: number } | null = null;
  for (let dy = -80; dy <= 80; dy += 4)
    for (let dx = -120; dx <= 120; dx += 6) {
      const label: PlacedLabel = { text, x: near[0] + dx, y: near[1] + dy, angle: 0, width, height };
      const box = labelBox(label);
      if (!inside(box, ctx.frame, 3)) continue;
      if (ctx.placedBoxes.some((o) => overlaps(o, box))) continue;
      const score = coverage(label, ctx.obstacles) * 1000 + Math.hypot(dx, dy);
      if (!best || score < best.score) best = { label, score };
    }
  return best?.label ?? null;
}

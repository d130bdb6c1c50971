import type { DisruptionKind } from '../schemas/disruption.ts';

/**
 * How each kind of disruption looks on the map, in the legend and beside each
 * item of the list. Pure data and string builders: the server renders the
 * legend from it, and the lazy map chunk styles the Leaflet layers with it.
 *
 * Colour is never the only difference: every kind also differs from every
 * other by its dash pattern, its fill pattern, its line ends or its marker
 * (a unit test checks every pair), so the map reads in greyscale and for
 * people who do not see the colours.
 *
 * Only a type is imported from the schemas, so this module stays free of zod
 * in the browser bundle.
 */

/** How an area is filled. */
export type FillPattern = 'none' | 'solid' | 'hatch' | 'cross-hatch' | 'dots';
/** What is drawn at both ends of a line. */
export type LineEnds = 'none' | 'bar';
/** The symbol drawn for a point (and on top of an area or line of that kind). */
export type PointMarker = 'none' | 'moon';
/** Which sample the legend draws. */
export type LegendVariant = 'area' | 'line' | 'point';

export interface KindStyle {
  /** Stroke colour (dark enough for 3:1 against light map tiles). */
  color: string;
  /** Stroke width in CSS pixels. */
  weight: number;
  /** SVG stroke-dasharray, or null for a solid line. */
  dash: string | null;
  lineCap: 'butt' | 'round' | 'square';
  /** Fill of the kind's areas (polygons). */
  fill: FillPattern;
  /** Colour of the fill (or of the tint under a pattern). */
  fillColor: string;
  /** Opacity of a solid fill, or of the tint under a pattern. */
  fillOpacity: number;
  ends: LineEnds;
  marker: PointMarker;
}

export const MAP_STYLES: Record<DisruptionKind, KindStyle> = {
  // An area crews work in: a solid outline, solid amber shading.
  'work-zone': { color: '#7a4300', weight: 2, dash: null, lineCap: 'butt', fill: 'solid', fillColor: '#e89a00', fillOpacity: 0.32, ends: 'none', marker: 'none' },
  // Closed to traffic: a thick solid line with a barrier bar at each end.
  'road-closure': { color: '#a4161a', weight: 7, dash: null, lineCap: 'butt', fill: 'none', fillColor: '#a4161a', fillOpacity: 0, ends: 'bar', marker: 'none' },
  // One lane closed: a thinner solid line, open ends.
  'lane-closure': { color: '#b04a00', weight: 5, dash: null, lineCap: 'round', fill: 'none', fillColor: '#b04a00', fillOpacity: 0, ends: 'none', marker: 'none' },
  // The way around: long dashes.
  detour: { color: '#5a3d8a', weight: 4, dash: '10 6', lineCap: 'butt', fill: 'none', fillColor: '#5a3d8a', fillOpacity: 0, ends: 'none', marker: 'none' },
  // Homes without water: diagonal hatching inside a short-dashed outline.
  'water-shut-off': { color: '#0b4f8a', weight: 2, dash: '6 3', lineCap: 'butt', fill: 'hatch', fillColor: '#0b4f8a', fillOpacity: 0.12, ends: 'none', marker: 'none' },
  // No parking: dash-dot, like a kerb marking; areas are cross-hatched.
  'parking-restriction': { color: '#00616b', weight: 5, dash: '10 4 2 4', lineCap: 'butt', fill: 'cross-hatch', fillColor: '#00616b', fillOpacity: 0.1, ends: 'none', marker: 'none' },
  // Sidewalk closed: a row of round dots, like footsteps.
  'sidewalk-closure': { color: '#343b47', weight: 5, dash: '0.1 9', lineCap: 'round', fill: 'none', fillColor: '#343b47', fillOpacity: 0, ends: 'none', marker: 'none' },
  // Night or noisy work: a dark round marker with a moon; areas get a dotted fill too.
  'night-work': { color: '#2e2a5c', weight: 2, dash: '4 4', lineCap: 'butt', fill: 'dots', fillColor: '#2e2a5c', fillOpacity: 0.12, ends: 'none', marker: 'moon' },
};

export function styleFor(kind: DisruptionKind): KindStyle {
  return MAP_STYLES[kind];
}

/**
 * What tells this kind apart besides colour and line width. Distinct for every
 * pair of kinds.
 */
export function shapeSignature(kind: DisruptionKind): string {
  const s = MAP_STYLES[kind];
  return [`dash:${s.dash ?? 'solid'}`, `fill:${s.fill}`, `ends:${s.ends}`, `marker:${s.marker}`].join(' ');
}

/** The legend sample a GeoJSON geometry type calls for. */
export function variantFor(geometryType: string): LegendVariant {
  if (geometryType === 'Point' || geometryType === 'MultiPoint') return 'point';
  if (geometryType === 'LineString' || geometryType === 'MultiLineString') return 'line';
  return 'area';
}

/** Element ids of the SVG patterns and markers, under a prefix unique in the page. */
export const patternId = (prefix: string, kind: DisruptionKind) => `${prefix}fill-${kind}`;
export const barId = (prefix: string, kind: DisruptionKind) => `${prefix}bar-${kind}`;

/** The SVG `fill` of an area of this kind: a colour, or a pattern reference. */
export function areaFill(kind: DisruptionKind, prefix: string): { fill: string; fillOpacity: number } {
  const s = MAP_STYLES[kind];
  if (s.fill === 'none') return { fill: 'none', fillOpacity: 0 };
  if (s.fill === 'solid') return { fill: s.fillColor, fillOpacity: s.fillOpacity };
  return { fill: `url(#${patternId(prefix, kind)})`, fillOpacity: 1 };
}

/** `<pattern>` and `<marker>` definitions for every kind, for one SVG `<defs>`. */
export function svgDefs(prefix: string, kinds: readonly DisruptionKind[] = Object.keys(MAP_STYLES) as DisruptionKind[]): string {
  let out = '';
  for (const kind of kinds) {
    const s = MAP_STYLES[kind];
    const tint = `<rect width="8" height="8" fill="${s.fillColor}" fill-opacity="${s.fillOpacity}"/>`;
    const open = `<pattern id="${patternId(prefix, kind)}" patternUnits="userSpaceOnUse" width="8" height="8"`;
    if (s.fill === 'hatch') out += `${open} patternTransform="rotate(45)">${tint}<rect width="2.5" height="8" fill="${s.color}"/></pattern>`;
    else if (s.fill === 'cross-hatch') out += `${open} patternTransform="rotate(45)">${tint}<rect width="1.5" height="8" fill="${s.color}"/><rect width="8" height="1.5" fill="${s.color}"/></pattern>`;
    else if (s.fill === 'dots') out += `${open}>${tint}<circle cx="4" cy="4" r="1.6" fill="${s.color}"/></pattern>`;
    if (s.ends === 'bar')
      out += `<marker id="${barId(prefix, kind)}" viewBox="0 0 4 20" refX="2" refY="10" markerWidth="4" markerHeight="20" markerUnits="userSpaceOnUse" orient="auto"><rect width="4" height="20" fill="${s.color}"/></marker>`;
  }
  return out;
}

/** The moon marker for night work, as SVG markup (fixed markup, no content). */
export function moonMarkerSvg(size = 28): string {
  const s = MAP_STYLES['night-work'];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28" width="${size}" height="${size}" aria-hidden="true" focusable="false">` +
    `<circle cx="14" cy="14" r="12" fill="${s.color}" stroke="#fff" stroke-width="2.5"/>` +
    `<path d="M15.5 7.2a7 7 0 1 0 5.6 11.6a5.6 5.6 0 1 1 -5.6 -11.6z" fill="#fff"/>` +
    `</svg>`
  );
}

/** Stroke attributes of a kind, as SVG attribute text. */
function strokeAttrs(kind: DisruptionKind): string {
  const s = MAP_STYLES[kind];
  return `stroke="${s.color}" stroke-width="${s.weight}" stroke-linecap="${s.lineCap}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}`;
}

/**
 * A self-contained legend sample (48×24) for a kind: the same stroke, dash,
 * fill pattern, line ends and marker as on the map. `prefix` keeps the ids of
 * its definitions unique in the page.
 */
export function legendSvg(kind: DisruptionKind, variant: LegendVariant, prefix: string): string {
  const s = MAP_STYLES[kind];
  const p = `${prefix}${variant}-`;
  let body = '';
  let defs = '';
  if (variant === 'point') {
    body = s.marker === 'moon' ? moonMarkerSvg(24).replace('<svg ', '<svg x="12" y="0" ') : `<circle cx="24" cy="12" r="8" fill="#fff" stroke="${s.color}" stroke-width="4"/>`;
  } else if (variant === 'line') {
    defs = svgDefs(p, [kind]);
    const ends = s.ends === 'bar' ? ` marker-start="url(#${barId(p, kind)})" marker-end="url(#${barId(p, kind)})"` : '';
    body = `<path d="M6 12H42" fill="none" ${strokeAttrs(kind)}${ends}/>`;
  } else {
    defs = svgDefs(p, [kind]);
    const f = areaFill(kind, p);
    body = `<rect x="5" y="4" width="38" height="16" rx="1" fill="${f.fill}" fill-opacity="${f.fillOpacity}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
  }
  // Night work drawn as an area or a line also carries its moon marker.
  if (s.marker === 'moon' && variant !== 'point') body += moonMarkerSvg(16).replace('<svg ', '<svg x="30" y="0" ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24" width="48" height="24" aria-hidden="true" focusable="false">` +
    (defs ? `<defs>${defs}</defs>` : '') +
    body +
    `</svg>`
  );
}

/** An SVG string as a CSS url() value. */
export function svgDataUri(svg: string): string {
  return `url("data:image/svg+xml,${svg.replace(/"/g, "'").replace(/[<>#%\n]/g, (c) => encodeURIComponent(c))}")`;
}

/** Leaflet path options for a feature of this kind (SVG renderer). */
export function pathOptions(kind: DisruptionKind, variant: LegendVariant, prefix: string) {
  const s = MAP_STYLES[kind];
  const area = variant === 'area' ? areaFill(kind, prefix) : { fill: 'none', fillOpacity: 0 };
  return {
    color: s.color,
    weight: s.weight,
    opacity: 1,
    dashArray: s.dash ?? undefined,
    lineCap: s.lineCap,
    lineJoin: 'round' as const,
    fill: variant === 'area' && s.fill !== 'none',
    fillColor: area.fill,
    fillOpacity: area.fillOpacity,
  };
}

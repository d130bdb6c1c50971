/**
 * The map's symbols (src/lib/map-style.ts). The requirement: every kind is
 * drawn, and no two kinds differ by colour alone, so the map and its legend
 * read in greyscale and for colour-blind residents.
 */
import { describe, expect, it } from 'vitest';
import { DISRUPTION_KINDS, GEOMETRY_FOR_KIND } from '../../src/schemas/disruption.ts';
import {
  MAP_STYLES,
  areaFill,
  legendSvg,
  pathOptions,
  shapeSignature,
  styleFor,
  svgDataUri,
  svgDefs,
  variantFor,
  type KindStyle,
} from '../../src/lib/map-style.ts';

/** Everything about a style except its colours. */
const shapeOnly = (s: KindStyle) => ({ dash: s.dash, fill: s.fill, ends: s.ends, marker: s.marker });

describe('map styles', () => {
  it('has a style for every kind, and only for kinds', () => {
    expect(Object.keys(MAP_STYLES).sort()).toEqual([...DISRUPTION_KINDS].sort());
    for (const kind of DISRUPTION_KINDS) {
      const s = styleFor(kind);
      expect(s.color, kind).toMatch(/^#[0-9a-f]{6}$/);
      expect(s.weight, kind).toBeGreaterThan(0);
    }
  });

  it.each(DISRUPTION_KINDS.flatMap((a, i) => DISRUPTION_KINDS.slice(i + 1).map((b) => [a, b] as const)))(
    '%s and %s differ by more than colour',
    (a, b) => {
      expect(shapeOnly(MAP_STYLES[a])).not.toEqual(shapeOnly(MAP_STYLES[b]));
      expect(shapeSignature(a)).not.toBe(shapeSignature(b));
    },
  );

  it('follows the issue: closures solid, detours dashed, shut-offs hatched, work zones filled, night work a marker', () => {
    expect(MAP_STYLES['road-closure'].dash).toBeNull();
    expect(MAP_STYLES['lane-closure'].dash).toBeNull();
    expect(MAP_STYLES.detour.dash).not.toBeNull();
    expect(MAP_STYLES['water-shut-off'].fill).toBe('hatch');
    expect(MAP_STYLES['work-zone'].fill).not.toBe('none');
    expect(MAP_STYLES['night-work'].marker).not.toBe('none');
    expect(MAP_STYLES['parking-restriction'].dash).not.toBe(MAP_STYLES['sidewalk-closure'].dash);
  });

  it('gives every kind that can be an area a visible fill', () => {
    for (const kind of DISRUPTION_KINDS.filter((k) => GEOMETRY_FOR_KIND[k].includes('Polygon'))) {
      const f = areaFill(kind, 'p-');
      expect(f.fill, kind).not.toBe('none');
      expect(f.fillOpacity, kind).toBeGreaterThan(0);
    }
  });

  it('defines the patterns and line ends that paths refer to', () => {
    const defs = svgDefs('uw-map-');
    for (const kind of DISRUPTION_KINDS) {
      const fill = pathOptions(kind, 'area', 'uw-map-').fillColor;
      const ref = /^url\(#(.+)\)$/.exec(fill)?.[1];
      if (ref) expect(defs, kind).toContain(`id="${ref}"`);
    }
    expect(defs).toContain('id="uw-map-bar-road-closure"');
    expect(pathOptions('detour', 'line', 'x').dashArray).toBe(MAP_STYLES.detour.dash);
    expect(pathOptions('road-closure', 'line', 'x').fill).toBe(false);
  });

  it('maps geometry types to legend samples', () => {
    expect(variantFor('Point')).toBe('point');
    expect(variantFor('MultiLineString')).toBe('line');
    expect(variantFor('Polygon')).toBe('area');
    expect(variantFor('MultiPolygon')).toBe('area');
  });

  it('draws a legend sample for every kind and variant, hidden from screen readers', () => {
    for (const kind of DISRUPTION_KINDS) {
      for (const variant of ['line', 'area', 'point'] as const) {
        const svg = legendSvg(kind, variant, `l-${kind}-`);
        expect(svg).toMatch(/^<svg [^>]*aria-hidden="true"/);
        expect(svg.endsWith('</svg>')).toBe(true);
        if (variant === 'line' && MAP_STYLES[kind].dash) expect(svg).toContain(`stroke-dasharray="${MAP_STYLES[kind].dash}"`);
        // Its own ids, so many samples can share a page.
        for (const id of svg.matchAll(/id="([^"]+)"/g)) expect(id[1].startsWith(`l-${kind}-`)).toBe(true);
      }
    }
  });

  it('turns an SVG into a CSS url() that needs no further escaping', () => {
    const uri = svgDataUri(legendSvg('water-shut-off', 'area', 's-'));
    expect(uri.startsWith('url("data:image/svg+xml,')).toBe(true);
    expect(uri.slice(5, -2)).not.toMatch(/["<>#\n]/);
  });
});

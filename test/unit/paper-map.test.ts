import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { layoutPaperMap, renderPaperMap, escapeXml, legendSwatch, type PaperMapInput, type PlacedLabel } from '../../src/lib/paper-map.ts';
import { DISRUPTION_KINDS } from '../../src/schemas/disruption.ts';
import type { DisruptionFeature } from '../../src/schemas/geojson.ts';
import { qrSvg } from '../../src/lib/qr.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const text = { title: 'Map of the work', north: 'N' };

function feature(kind: DisruptionFeature['properties']['kind'], geometry: DisruptionFeature['geometry'], props: Partial<DisruptionFeature['properties']> = {}): DisruptionFeature {
  return { type: 'Feature', geometry, properties: { kind, start: '2027-03-01', end: '2027-03-20', description: 'Work.', street: 'Elm St', ...props } };
}

// A small grid: Elm St runs east–west; 4th and 5th Ave cross it.
const grid: DisruptionFeature[] = [
  feature('road-closure', { type: 'LineString', coordinates: [[-87.694432, 41.91958], [-87.696876, 41.91958]] }, { from: '4th Ave', to: '5th Ave' }),
  feature('work-zone', { type: 'Polygon', coordinates: [[[-87.696876, 41.91947], [-87.694432, 41.91947], [-87.694432, 41.91969], [-87.696876, 41.91969], [-87.696876, 41.91947]]] }, { from: '4th Ave', to: '5th Ave' }),
  feature('lane-closure', { type: 'LineString', coordinates: [[-87.696876, 41.917764], [-87.696876, 41.91958]] }, { street: '5th Ave', from: 'Chestnut St', to: 'Elm St' }),
  feature('detour', { type: 'LineString', coordinates: [[-87.694432, 41.91958], [-87.694432, 41.921396], [-87.696876, 41.921396], [-87.696876, 41.91958]] }, { from: '4th Ave', to: '5th Ave' }),
  feature('water-shut-off', { type: 'Polygon', coordinates: [[[-87.69932, 41.91913], [-87.696876, 41.91913], [-87.696876, 41.92003], [-87.69932, 41.92003], [-87.69932, 41.91913]]] }, { from: '5th Ave', to: '6th Ave' }),
  feature('night-work', { type: 'Point', coordinates: [-87.6955, 41.9196] }),
];

const input = (features: DisruptionFeature[], extra: Partial<PaperMapInput> = {}): PaperMapInput => ({ features, width: 320, height: 280, text, ...extra });

/** Every projected position of a feature list. */
function allPoints(layout: ReturnType<typeof layoutPaperMap>): [number, number][] {
  return layout.features.flatMap((f) => f.parts.flat());
}

function labelCorners(l: PlacedLabel): [number, number][] {
  const a = (l.angle * Math.PI) / 180;
  const [c, s] = [Math.cos(a), Math.sin(a)];
  return [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([sx, sy]) => {
    const x = (sx * l.width) / 2;
    const y = (sy * l.height) / 2;
    return [l.x + x * c - y * s, l.y + x * s + y * c];
  });
}

function overlap(a: PlacedLabel, b: PlacedLabel): boolean {
  // Separating axis test on two rotated rectangles.
  const ca = labelCorners(a);
  const cb = labelCorners(b);
  for (const poly of [ca, cb])
    for (let i = 0; i < 4; i++) {
      const [x1, y1] = poly[i];
      const [x2, y2] = poly[(i + 1) % 4];
      const axis = [y2 - y1, x1 - x2];
      const proj = (pts: [number, number][]) => pts.map(([x, y]) => x * axis[0] + y * axis[1]);
      const pa = proj(ca);
      const pb = proj(cb);
      if (Math.max(...pa) <= Math.min(...pb) || Math.max(...pb) <= Math.min(...pa)) return false;
    }
  return true;
}

describe('the paper map projection', () => {
  it('fits every feature inside the padded frame, filling it in one direction', () => {
    const layout = layoutPaperMap(input(grid));
    const [[x0, y0], [x1, y1]] = layout.extent;
    const points = allPoints(layout);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(x0 - 0.01);
      expect(x).toBeLessThanOrEqual(x1 + 0.01);
      expect(y).toBeGreaterThanOrEqual(y0 - 0.01);
      expect(y).toBeLessThanOrEqual(y1 + 0.01);
    }
    // fitExtent scales to the limiting side: the features span it edge to edge.
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const spanX = Math.max(...xs) - Math.min(...xs);
    const spanY = Math.max(...ys) - Math.min(...ys);
    expect(Math.max(spanX / (x1 - x0), spanY / (y1 - y0))).toBeCloseTo(1, 2);
  });

  it('keeps north up and east to the right', () => {
    const layout = layoutPaperMap(input(grid));
    const [wx, wy] = layout.projection([-87.7, 41.92])!;
    const [ex] = layout.projection([-87.69, 41.92])!;
    const [, ny] = layout.projection([-87.7, 41.93])!;
    expect(ex).toBeGreaterThan(wx);
    expect(ny).toBeLessThan(wy);
  });

  it('uses a real scale: a round distance in feet and in metres', () => {
    const layout = layoutPaperMap(input(grid));
    // Elm St from 4th to 5th Ave is 0.002444° of longitude at 41.92° N: about 202 m.
    const a = layout.projection([-87.694432, 41.91958])!;
    const b = layout.projection([-87.696876, 41.91958])!;
    const metresPerPx = 202.3 / Math.abs(a[0] - b[0]);
    expect(layout.scale.metersPx * metresPerPx).toBeCloseTo(layout.scale.meters, -1);
    expect(layout.scale.feetPx * metresPerPx * 3.2808).toBeCloseTo(layout.scale.feet, -1);
    expect([50, 100, 200, 250, 500]).toContain(layout.scale.meters);
  });

  it('frames a single short line at a readable minimum size, and a bare point too', () => {
    const short = layoutPaperMap(input([feature('lane-closure', { type: 'LineString', coordinates: [[-87.7, 41.9], [-87.7001, 41.9]] })]));
    const [a, b] = short.features[0].parts[0];
    expect(Math.abs(a[0] - b[0])).toBeLessThan(20); // ~8 m is not blown up to the whole map
    const point = layoutPaperMap(input([], { location: { lat: 41.9, lon: -87.7 }, text: { ...text, location: 'Project area' } }));
    expect(point.location![0]).toBeCloseTo(160, 0);
    expect(point.location![1]).toBeCloseTo(140, 0);
    expect(point.labels.map((l) => l.text)).toContain('Project area');
  });
});

describe('the paper map labels', () => {
  it('names every street in the disruptions, inside the frame, without overlaps', () => {
    const layout = layoutPaperMap(input(grid));
    const names = layout.labels.map((l) => l.text);
    for (const street of ['Elm St', '4th Ave', '5th Ave', '6th Ave', 'Chestnut St']) expect(names).toContain(street);
    expect(layout.unplaced).toEqual([]);
    for (const l of layout.labels)
      for (const [x, y] of labelCorners(l)) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(layout.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(layout.height);
      }
    for (let i = 0; i < layout.labels.length; i++)
      for (let j = i + 1; j < layout.labels.length; j++) expect(overlap(layout.labels[i], layout.labels[j]), `${layout.labels[i].text} / ${layout.labels[j].text}`).toBe(false);
  });

  it('runs a label along its street: Elm St horizontal, the avenues vertical and upright', () => {
    const layout = layoutPaperMap(input(grid));
    const by = (name: string) => layout.labels.find((l) => l.text === name)!;
    expect(by('Elm St').angle).toBeCloseTo(0, 0);
    expect(by('4th Ave').angle).toBe(-90);
    expect(by('5th Ave').angle).toBe(-90);
    // Elm St's label sits on Elm St.
    const elmY = layout.projection([-87.695, 41.91958])![1];
    expect(Math.abs(by('Elm St').y - elmY)).toBeLessThan(8);
    // 4th Ave's label sits on 4th Ave.
    const fourthX = layout.projection([-87.694432, 41.91958])![0];
    expect(Math.abs(by('4th Ave').x - fourthX)).toBeLessThan(3);
  });

  it('keeps labels off the north arrow and the scale bar', () => {
    const layout = layoutPaperMap(input(grid));
    for (const l of layout.labels)
      for (const box of layout.reserved) {
        const xs = labelCorners(l).map((p) => p[0]);
        const ys = labelCorners(l).map((p) => p[1]);
        const apart = Math.max(...xs) <= box.x0 || Math.min(...xs) >= box.x1 || Math.max(...ys) <= box.y0 || Math.min(...ys) >= box.y1;
        expect(apart, l.text).toBe(true);
      }
  });

  it('names cross streets known only from the two ends of an area together', () => {
    const tall = feature('work-zone', { type: 'Polygon', coordinates: [[[-87.7335, 41.9286], [-87.7286, 41.9286], [-87.7286, 41.9359], [-87.7335, 41.9359], [-87.7335, 41.9286]]] }, { street: '18th Ave', from: 'Locust St', to: 'Oak St' });
    const layout = layoutPaperMap(input([tall]));
    const names = layout.labels.map((l) => l.text);
    expect(names).toContain('18th Ave');
    expect(names).toContain('Locust St – Oak St');
  });

  it('places the labels of every demo project', () => {
    const dir = path.join(ROOT, 'content/projects');
    for (const slug of fs.readdirSync(dir)) {
      const file = path.join(dir, slug, 'disruptions.geojson');
      if (!fs.existsSync(file)) continue;
      const all = JSON.parse(fs.readFileSync(file, 'utf8')).features as DisruptionFeature[];
      // All of them, and those not over on 1 December 2026 (what the notice shows), at the notice's sizes.
      const current = all.filter((f) => f.properties.end > '2026-12-01T11:00');
      for (const features of [all, current].filter((f) => f.length))
        for (const height of [270, 220]) {
          const layout = layoutPaperMap(input(features, { width: 322, height }));
          const named = new Set(features.filter((f) => f.properties.kind !== 'detour').flatMap((f) => [f.properties.street, f.properties.from, f.properties.to]).filter(Boolean) as string[]);
          const labelled = layout.labels.flatMap((l) => l.text.split(' – '));
          for (const name of named) expect(labelled, `${slug} (${features.length} features, ${height} high): ${name}`).toContain(name);
          expect(layout.unplaced).toEqual([]);
        }
    }
  });
});

describe('the paper map SVG', () => {
  it('escapes every content string', () => {
    const evil = '<script>alert("x")</script> & \'Main\'';
    const features = [feature('road-closure', { type: 'LineString', coordinates: [[-87.70, 41.91], [-87.69, 41.91]] }, { street: evil, from: 'A & B', to: '"C"' })];
    const { svg } = renderPaperMap(input(features, { text: { title: `Map of ${evil}`, description: '<b>bold</b>', north: '<N>' }, width: 600 }));
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<N>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Main&#39;');
    expect(svg).toContain('A &amp; B');
    expect(svg).toContain('&quot;C&quot;');
    // Well-formed XML whose text reads back exactly as written.
    expect(XMLValidator.validate(svg)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true }).parse(svg);
    const texts = ([] as unknown[]).concat(parsed.svg.text).map((t) => (typeof t === 'object' ? (t as { '#text': string })['#text'] : t));
    expect(texts).toContain(evil);
    expect(parsed.svg.title['#text']).toBe(`Map of ${evil}`);
  });

  it('escapes the label of the QR code, and a legend swatch is plain SVG', () => {
    expect(qrSvg('https://example.org/a?b=1&c=2', { label: 'Scan <me> & "go"' })).toContain('aria-label="Scan &lt;me&gt; &amp; &quot;go&quot;"');
    for (const kind of DISRUPTION_KINDS) expect(XMLValidator.validate(legendSwatch(kind))).toBe(true);
    expect(escapeXml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('draws each kind differently, without relying on colour', () => {
    const { svg } = renderPaperMap(input(grid));
    expect(svg).toMatch(/pattern id="paper-map-hatch"/);
    expect(svg).toMatch(/fill="url\(#paper-map-hatch\)"/); // work zone: hatching
    expect(svg).toMatch(/fill="url\(#paper-map-dots\)"/); // shut-off: dots
    expect(svg).toMatch(/stroke-dasharray="9 5"/); // detour: dashes
    // Only black, white and grays.
    const colours = new Set(svg.match(/#[0-9a-f]{3,6}\b/gi));
    for (const c of colours) {
      const hex = c.length === 4 ? c.slice(1).split('').map((d) => d + d).join('') : c.slice(1);
      const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      expect(r === g && g === b, c).toBe(true);
    }
    // A north arrow and a scale bar with both units.
    expect(svg).toMatch(/>N<\/text>/);
    expect(svg).toMatch(/\d+ (ft|mi)</);
    expect(svg).toMatch(/\d+ (m|km)</);
    expect(svg).not.toMatch(/<image|href=|xlink/);
  });
});

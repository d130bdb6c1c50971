import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { siteNow } from '../../src/lib/time.ts';
import type { Problem } from '../../src/lib/problems.ts';

const VALID = path.resolve(import.meta.dirname, '../fixtures/valid-site');
const NOW = siteNow({ SITE_NOW: '2026-12-01T17:00:00Z' });
const PROJECT = 'projects/elm-street-water-main';
let dir = '';

function site(mutate: (projectDir: string) => void) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'underway-limits-'));
  fs.cpSync(VALID, dir, { recursive: true });
  mutate(path.join(dir, PROJECT));
  return loadContent({ contentDir: dir, now: NOW });
}
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const errorsIn = (problems: Problem[], file: string) => problems.filter((p) => p.file === file && p.severity === 'error');

describe('oversized content gets a clear error, not a crash or a endless build', () => {
  it('a 50 MB GeoJSON file is refused before it is read', () => {
    const { problems } = site((p) => {
      const fd = fs.openSync(path.join(p, 'disruptions.geojson'), 'w');
      fs.writeSync(fd, '{"type":"FeatureCollection","features":[]}');
      fs.ftruncateSync(fd, 50 * 1024 * 1024);
      fs.closeSync(fd);
    });
    const [error] = errorsIn(problems, `${PROJECT}/disruptions.geojson`);
    expect(error.message).toBe('The file is 50.0 MB; the limit is 5 MB');
    expect(error.hint).toMatch(/Simplify/);
  });

  it('a polygon with a million vertices is refused (its file is over the size limit)', () => {
    const { problems } = site((p) => {
      const ring = Array.from({ length: 1_000_000 }, (_, i) => [-87.66 + (i % 1000) * 1e-6, 41.884 + Math.floor(i / 1000) * 1e-6]);
      ring.push(ring[0]);
      const geo = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { kind: 'work-zone', start: '2026-06-15', end: '2026-07-01', description: 'x', street: 'Elm St' } }] };
      fs.writeFileSync(path.join(p, 'disruptions.geojson'), JSON.stringify(geo));
    });
    expect(errorsIn(problems, `${PROJECT}/disruptions.geojson`)[0].message).toMatch(/^The file is \d+\.\d MB; the limit is 5 MB$/);
  });

  it('a shape with too many positions in a small file is refused with a hint to simplify', () => {
    const { problems } = site((p) => {
      const line = Array.from({ length: 30_000 }, (_, i) => [-87.66 + i * 1e-7, 41.885]);
      const geo = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { kind: 'road-closure', start: '2026-06-15', end: '2026-07-01', description: 'x', street: 'Elm St' } }] };
      fs.writeFileSync(path.join(p, 'disruptions.geojson'), JSON.stringify(geo));
    });
    const [error] = errorsIn(problems, `${PROJECT}/disruptions.geojson`);
    expect(error).toMatchObject({ field: 'features[0].geometry.coordinates', line: 1 });
    expect(error.message).toMatch(/more than 20,000 positions/);
    expect(error.hint).toMatch(/simplify/);
  });

  it('10,000 meetings in one project are refused (the file is too large), and 300 by the list limit', () => {
    const meeting = (i: number) => `  - id: m-${i}\n    title: Meeting ${i}\n    kind: online\n    start: 2027-01-12T12:00\n    end: 2027-01-12T13:00\n    online: https://meet.example.org/${i}\n`;
    const withMeetings = (n: number) => (p: string) => {
      const file = path.join(p, 'index.mdx');
      const text = fs.readFileSync(file, 'utf8');
      const start = text.indexOf('meetings:\n');
      const end = text.indexOf('updates:\n');
      fs.writeFileSync(file, text.slice(0, start) + 'meetings:\n' + Array.from({ length: n }, (_, i) => meeting(i)).join('') + text.slice(end));
    };
    const huge = site(withMeetings(10_000));
    expect(errorsIn(huge.problems, `${PROJECT}/index.mdx`)[0].message).toMatch(/^The file is \d+\.\d MB; a project file is at most 1 MB$/);
    fs.rmSync(dir, { recursive: true, force: true });
    const many = site(withMeetings(300));
    const [error] = errorsIn(many.problems, `${PROJECT}/index.mdx`);
    expect(error).toMatchObject({ field: 'meetings' });
    expect(error.message).toMatch(/Too many items: at most 200/);
  });

  it('a 100 KB title is refused with the field and the limit', () => {
    const { problems } = site((p) => {
      const file = path.join(p, 'index.mdx');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${'A'.repeat(100_000)}`));
    });
    expect(errorsIn(problems, `${PROJECT}/index.mdx`)).toEqual([expect.objectContaining({ field: 'title', line: 2, message: 'Too long: at most 200 characters' })]);
  });
});

import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { memoize } from '../../src/lib/memo.ts';
import { coverage, PointIndex, type PlacedLabel, type Point } from '../../src/lib/paper-map.ts';
import { keysWritten, parseJsonSource, parseYamlSource } from '../../src/lib/source.ts';
import { rememberZoneOffsets, startInstant, formatDate } from '../../src/lib/time.ts';

/**
 * The shortcuts that made building thousands of projects fast (npm run bench)
 * must give exactly what the slow way gave.
 */

describe('memoize', () => {
  it('computes each key once and returns the remembered result', () => {
    let calls = 0;
    const square = memoize((n: number) => (calls++, n * n), (n) => String(n));
    expect([square(3), square(3), square(4), square(3)]).toEqual([9, 9, 16, 9]);
    expect(calls).toBe(2);
  });

  it('forgets everything when full, so memory stays bounded, and still answers right', () => {
    let calls = 0;
    const id = memoize((n: number) => (calls++, n), (n) => String(n), 2);
    id(1);
    id(2);
    id(3); // full: cleared, then 3 remembered
    expect(id(1)).toBe(1);
    expect(calls).toBe(4);
  });
});

describe('remembered zone offsets', () => {
  // Reference offsets straight from Intl, with no Luxon and no memo in between.
  const intlOffset = (zone: string, ts: number) => {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(ts)).find((p) => p.type === 'timeZoneName')!.value;
    const m = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(name)!;
    return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };

  for (const zone of ['America/Chicago', 'Australia/Lord_Howe', 'Europe/Berlin', 'Asia/Kolkata']) {
    it(`gives Intl's offset at every hour across both DST changes in ${zone}`, () => {
      rememberZoneOffsets(zone);
      const z = IANAZone.create(zone);
      const start = Date.UTC(2027, 0, 1);
      for (let h = 0; h < 365 * 24; h += 1) {
        const ts = start + h * 3_600_000;
        // Twice: the second answer comes from the memo.
        expect(z.offset(ts)).toBe(intlOffset(zone, ts));
        expect(z.offset(ts)).toBe(intlOffset(zone, ts));
      }
    });
  }

  it('still turns local times into the right instants around a DST change', () => {
    const zone = 'America/Chicago';
    rememberZoneOffsets(zone);
    // Clocks jump from 02:00 to 03:00 on 14 March 2027 in Chicago.
    expect(startInstant('2027-03-14T01:30', zone).toUTC().toISO()).toBe('2027-03-14T07:30:00.000Z');
    // 02:30 does not exist that day: Luxon moves it forward an hour, with the memo as without.
    expect(startInstant('2027-03-14T02:30', zone).toUTC().toISO()).toBe('2027-03-14T08:30:00.000Z');
    expect(startInstant('2027-03-14T03:30', zone).toUTC().toISO()).toBe('2027-03-14T08:30:00.000Z');
    expect(startInstant('2027-11-07T12:00', zone).offset).toBe(-360);
    expect(startInstant('2027-03-14T03:30', zone)).toBe(startInstant('2027-03-14T03:30', zone));
    expect(formatDate('2027-03-03', { lang: 'en', zone })).toBe(DateTime.fromISO('2027-03-03', { zone }).setLocale('en').toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
  });
});

describe('the label coverage index', () => {
  // The brute-force count it replaced.
  const bruteForce = (l: PlacedLabel, points: Point[]) => {
    const a = (-l.angle * Math.PI) / 180;
    const [c, s] = [Math.cos(a), Math.sin(a)];
    return points.filter(([px, py]) => {
      const dx = px - l.x;
      const dy = py - l.y;
      return Math.abs(dx * c - dy * s) <= l.width / 2 + 2 && Math.abs(dx * s + dy * c) <= l.height / 2 + 2;
    }).length;
  };

  it('counts exactly the points under a label, at any angle', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const points: Point[] = Array.from({ length: 600 }, () => [random() * 700, random() * 460]);
    const index = new PointIndex(points);
    let nonZero = 0;
    for (let i = 0; i < 500; i++) {
      const label: PlacedLabel = { text: 'x', x: random() * 700, y: random() * 460, angle: [0, -90, 30, -45, 12.5][i % 5], width: 40 + random() * 120, height: 16 };
      const expected = bruteForce(label, points);
      if (expected) nonZero++;
      expect(coverage(label, index)).toBe(expected);
    }
    expect(nonZero).toBeGreaterThan(100);
  });
});

describe('GeoJSON read with JSON.parse', () => {
  const text = '{\n  "type": "FeatureCollection",\n  "features": [\n    { "type": "Feature", "properties": { "kind": "detour" } }\n  ]\n}\n';

  it('gives the same data and the same line numbers as the YAML parser', () => {
    const fast = parseJsonSource('d.geojson', text).source!;
    const slow = parseYamlSource('d.geojson', text).source!;
    expect(fast.data).toEqual(slow.data);
    for (const p of [['features', 0, 'properties', 'kind'], ['type'], ['features', 0]]) expect(fast.locate(p)).toEqual(slow.locate(p));
    expect(fast.locate(['features', 0, 'properties', 'kind'])).toEqual({ line: 4, column: 50 });
  });

  it('reports a key written twice, as the YAML parser did, with its line', () => {
    const twice = text.replace('"kind": "detour"', '"kind": "detour", "kind": "road-closure"');
    const result = parseJsonSource('d.geojson', twice);
    expect(result.source).toBeUndefined();
    expect(result.problems).toEqual(parseYamlSource('d.geojson', twice).problems);
    expect(result.problems[0]).toMatchObject({ line: 4, message: 'The same field is written twice' });
    // Keys with escaped quotes and colons inside strings are counted right: no false alarm.
    const tricky = '{"a\\"b": "x: y", "c": {"d": ["e:", {"f": 1}]}}';
    expect(keysWritten(tricky)).toBe(4);
    expect(parseJsonSource('t.geojson', tricky).source?.data).toEqual(JSON.parse(tricky));
  });

  it('reports a syntax error with its line, as before', () => {
    const broken = text.replace('"detour" }', '"detour" ');
    const result = parseJsonSource('d.geojson', broken);
    expect(result.source).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ file: 'd.geojson', line: expect.any(Number) });
    expect(result.problems[0].line).toBeGreaterThanOrEqual(4);
  });
});

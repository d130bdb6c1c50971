/**
 * Direct tests of the content schemas and of the problem formatter. Expected
 * values come from the schema docs (src/schemas/*.ts JSDoc) and the documented
 * output format `file:line:column  field  error: message`.
 */
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import {
  disruptionCollectionSchema,
  disruptionFeatureSchema,
  GEOMETRY_FOR_KIND,
  geometrySchema,
  localDate,
  localDateTime,
  meetingSchema,
  phaseSchema,
  point,
  safeUrl,
} from '../../src/schemas/index.ts';
import { formatProblem, formatReport, type Problem } from '../../src/lib/problems.ts';
import { parseYamlSource } from '../../src/lib/source.ts';
import { zodProblems } from '../../src/lib/zod-problems.ts';

function issues(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues;
}
function messages(schema: z.ZodType, value: unknown): string[] {
  return issues(schema, value).map((i) => i.message);
}

describe('localDate', () => {
  it.each(['2027-03-03', '2028-02-29', '2027-12-31'])('accepts %s', (v) => {
    expect(localDate.parse(v)).toBe(v);
  });

  it('turns a YAML Date (midnight UTC) back into the day the editor wrote', () => {
    expect(localDate.parse(new Date(Date.UTC(2027, 2, 3)))).toBe('2027-03-03');
  });

  it.each(['2027-02-30', '2027-02-29', '2027-13-01', '2027-04-31'])('rejects %s as not in the calendar', (v) => {
    expect(messages(localDate, v).join(' | ')).toContain('does not exist in the calendar');
  });

  it.each(['next March', '2027-3-3', '03/03/2027', '2027-03-03T09:00'])('rejects %s with the expected format', (v) => {
    expect(messages(localDate, v).join(' | ')).toContain('YYYY-MM-DD');
  });

  it('rejects a number', () => {
    expect(localDate.safeParse(20270303).success).toBe(false);
  });
});

describe('localDateTime', () => {
  it.each([
    ['2027-03-03T09:00', '2027-03-03T09:00'],
    ['2027-03-03T09:00:30', '2027-03-03T09:00:30'],
    ['2027-03-03 18:30', '2027-03-03T18:30'],
    ['2027-03-03', '2027-03-03'],
  ])('accepts %s as %s', (input, output) => {
    expect(localDateTime.parse(input)).toBe(output);
  });

  it.each(['2027-03-03T09:00-05:00', '2027-03-03T09:00+01:00', '2027-03-03T09:00Z', '2027-03-03T09:00:00z', '2027-03-03T09:00+0530'])(
    'rejects the offset in %s and says to remove it',
    (v) => {
      const found = messages(localDateTime, v);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toContain('remove the offset');
    },
  );

  it.each(['2027-03-03T24:00', '2027-03-03T09:60', '2027-02-30T09:00'])('rejects %s as not in the calendar', (v) => {
    expect(messages(localDateTime, v).join(' | ')).toContain('does not exist in the calendar');
  });

  it.each(['tomorrow at 9', '2027-03-03T9:00', '2027-03-03T09'])('rejects %s with the expected format', (v) => {
    expect(messages(localDateTime, v).join(' | ')).toContain('2027-03-03T09:00');
  });
});

describe('safeUrl', () => {
  it.each([
    'https://www.lakeviewwater.org/docs/plan.pdf',
    'http://example.org',
    'HTTPS://EXAMPLE.ORG/',
    'mailto:projects@lakeviewwater.org',
    'tel:+1 (555) 010-0100',
  ])('allows %s', (v) => {
    expect(safeUrl.parse(v)).toBe(v);
  });

  it('trims spaces around the address', () => {
    expect(safeUrl.parse('  https://example.org/a  ')).toBe('https://example.org/a');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'data:image/png;base64,iVBORw0KGgo=',
    'ftp://files.example.org/plan.pdf',
    'vbscript:msgbox(1)',
    'www.example.org',
    '//example.org/page',
    'https://',
    'tel:call-us',
  ])('rejects %s', (v) => {
    expect(messages(safeUrl, v)).toEqual(['Only http(s)://, mailto: and tel: links are allowed']);
  });

  it('rejects a value that is not text', () => {
    expect(safeUrl.safeParse(42).success).toBe(false);
  });
});

describe('point', () => {
  it('accepts a point in range', () => {
    expect(point.parse({ lat: 41.88, lon: -87.65 })).toEqual({ lat: 41.88, lon: -87.65 });
  });

  it('says lat and lon look swapped when the latitude is out of range but would fit as a longitude', () => {
    const found = issues(point, { lat: -93.27, lon: 44.98 });
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['lat']);
    expect(found[0].message).toContain('Latitude must be between -90 and 90');
    expect(found[0].message).toContain('swapped');
  });

  it('does not claim a swap when the numbers are simply out of range', () => {
    const found = issues(point, { lat: 95, lon: 200 });
    expect(found.map((i) => i.path)).toEqual([['lat'], ['lon']]);
    expect(found.map((i) => i.message).join(' | ')).not.toContain('swapped');
    expect(found[1].message).toContain('Longitude must be between -180 and 180');
  });

  it.each([
    [{ lat: 41.88 }, 'lon'],
    [{ lat: '41.88', lon: -87.65 }, 'lat'],
  ])('rejects %j (problem at %s)', (value, key) => {
    expect(issues(point, value).map((i) => i.path[0])).toContain(key);
  });

  it('rejects other names for the coordinates (lng)', () => {
    const found = issues(point, { lat: 41.88, lon: -87.65, lng: -87.65 });
    expect(found[0].code).toBe('unrecognized_keys');
  });

  it('the checker turns the swap into a hint on the lat line', () => {
    const schema = z.object({ name: z.string(), location: point });
    const { source } = parseYamlSource('x.yaml', 'name: x\nlocation: { lat: -93.27, lon: 44.98 }\n');
    const parsed = schema.safeParse(source!.data);
    expect(parsed.success).toBe(false);
    const problems = zodProblems(source!, schema, parsed.error!);
    expect(problems).toEqual([
      {
        file: 'x.yaml',
        line: 2,
        column: 18,
        field: 'location.lat',
        message: 'Latitude must be between -90 and 90',
        hint: 'lat and lon look swapped: exchange the two numbers',
        severity: 'error',
      },
    ]);
  });
});

describe('geometry', () => {
  const ring = [
    [-87.66, 41.88],
    [-87.65, 41.88],
    [-87.65, 41.89],
    [-87.66, 41.89],
    [-87.66, 41.88],
  ];

  it.each([
    { type: 'Point', coordinates: [-87.66, 41.88] },
    { type: 'Point', coordinates: [-87.66, 41.88, 180] },
    { type: 'MultiPoint', coordinates: [[-87.66, 41.88]] },
    { type: 'LineString', coordinates: [[-87.66, 41.88], [-87.65, 41.88]] },
    { type: 'MultiLineString', coordinates: [[[-87.66, 41.88], [-87.65, 41.88]]] },
    { type: 'Polygon', coordinates: [ring] },
    { type: 'MultiPolygon', coordinates: [[ring], [ring]] },
  ])('accepts a $type', (g) => {
    expect(geometrySchema.safeParse(g).success).toBe(true);
  });

  it('a line needs two positions', () => {
    const found = issues(geometrySchema, { type: 'LineString', coordinates: [[-87.66, 41.88]] });
    expect(found.map((i) => [i.path, i.message])).toEqual([[['coordinates'], 'A line needs at least 2 positions']]);
  });

  it('each line of a MultiLineString needs two positions', () => {
    const found = issues(geometrySchema, { type: 'MultiLineString', coordinates: [[[-87.66, 41.88], [-87.65, 41.88]], [[-87.66, 41.88]]] });
    expect(found.map((i) => i.path)).toEqual([['coordinates', 1]]);
  });

  it('a ring needs four positions', () => {
    const found = issues(geometrySchema, { type: 'Polygon', coordinates: [ring.slice(0, 3)] });
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['coordinates', 0]);
    expect(found[0].message).toContain('at least 4 positions');
  });

  it('a ring must end where it starts, reported at its last position', () => {
    const open = [...ring.slice(0, 4), [-87.66, 41.885]];
    const found = issues(geometrySchema, { type: 'Polygon', coordinates: [open] });
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['coordinates', 0, 4]);
    expect(found[0].message).toContain('not closed');
  });

  it('an unclosed ring inside a MultiPolygon is found too', () => {
    const open = [...ring.slice(0, 4), [-87.66, 41.885]];
    expect(issues(geometrySchema, { type: 'MultiPolygon', coordinates: [[ring], [open]] }).map((i) => i.path)).toEqual([['coordinates', 1, 0, 4]]);
  });

  it.each([
    [[-87.66], 'two numbers'],
    [[-87.66, 41.88, 1, 2], 'optional third number'],
    [['-87.66', 41.88], 'two numbers'],
  ])('a position %j is refused (%s)', (position, message) => {
    expect(messages(geometrySchema, { type: 'Point', coordinates: position }).join(' | ')).toContain(message);
  });

  it('a position written [latitude, longitude] gets the longitude-first hint', () => {
    const found = issues(geometrySchema, { type: 'Point', coordinates: [44.98, -93.27] });
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['coordinates', 1]);
    expect(found[0].message).toContain('Latitude must be between -90 and 90');
    expect(found[0].message).toContain('longitude first');
  });

  it('a longitude out of range is refused without the swap hint', () => {
    const found = issues(geometrySchema, { type: 'Point', coordinates: [200, 41.88] });
    expect(found.map((i) => [i.path, i.message])).toEqual([[['coordinates', 0], 'Longitude must be between -180 and 180']]);
  });

  it.each(['Polyline', 'point', 'GeometryCollection', 'Feature'])('rejects the geometry type %s and lists the known ones', (type) => {
    const found = messages(geometrySchema, { type, coordinates: [-87.66, 41.88] });
    expect(found).toEqual(['Unknown geometry type: expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon']);
  });

  it('rejects unknown members in a geometry', () => {
    expect(issues(geometrySchema, { type: 'Point', coordinates: [-87.66, 41.88], crs: {} })[0].code).toBe('unrecognized_keys');
  });

  it('a FeatureCollection with crs is refused (RFC 7946 removed it)', () => {
    const found = issues(disruptionCollectionSchema, { type: 'FeatureCollection', crs: { type: 'name' }, features: [] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['crs'] });
  });

  it('a disruptions file must be a FeatureCollection of Features', () => {
    expect(messages(disruptionCollectionSchema, { type: 'Feature', features: [] })).toContain('A disruptions file must have type: FeatureCollection');
    const feature = {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[-87.66, 41.88], [-87.65, 41.88]] },
      properties: { kind: 'road-closure', start: '2027-03-01T07:00', end: '2027-03-31', description: 'Closed.', street: 'Oak St' },
    };
    expect(disruptionFeatureSchema.safeParse(feature).success).toBe(true);
    expect(messages(disruptionFeatureSchema, { ...feature, type: 'feature' })).toContain('Each item in features must have type: Feature');
  });

  it('kinds only allow the geometry that fits them', () => {
    expect(GEOMETRY_FOR_KIND['road-closure']).not.toContain('Point');
    expect(GEOMETRY_FOR_KIND['road-closure']).toContain('LineString');
    expect(GEOMETRY_FOR_KIND.detour).not.toContain('Polygon');
    expect(GEOMETRY_FOR_KIND['work-zone']).toEqual(['Polygon', 'MultiPolygon']);
    expect(GEOMETRY_FOR_KIND['water-shut-off']).not.toContain('LineString');
  });
});

describe('cross-field rules inside one object', () => {
  it('a phase of kind other needs a label', () => {
    const found = issues(phaseSchema, { phase: 'other', start: '2027-01-04', end: '2027-02-26', description: 'x' });
    expect(found.map((i) => i.path)).toEqual([['label']]);
    expect(phaseSchema.safeParse({ phase: 'other', label: 'Tank repainting', start: '2027-01-04', description: 'x' }).success).toBe(true);
  });

  it('a cancelled or rescheduled meeting needs a statusReason', () => {
    const meeting = { id: 'open-house', title: 'Open house', kind: 'open-house', start: '2027-03-03T18:00', end: '2027-03-03T19:30', online: 'https://meet.example.org/x' };
    expect(meetingSchema.safeParse(meeting).success).toBe(true);
    for (const status of ['cancelled', 'rescheduled']) {
      expect(issues(meetingSchema, { ...meeting, status }).map((i) => i.path)).toEqual([['statusReason']]);
      expect(meetingSchema.safeParse({ ...meeting, status, statusReason: 'Snow.' }).success).toBe(true);
    }
  });

  it('meeting ids are web-address safe', () => {
    const meeting = { id: 'Open House', title: 'Open house', kind: 'open-house', start: '2027-03-03T18:00', end: '2027-03-03T19:30', online: 'https://meet.example.org/x' };
    expect(issues(meetingSchema, meeting).map((i) => i.path)).toEqual([['id']]);
  });
});

describe('formatProblem', () => {
  const base: Problem = { file: 'projects/elm/index.mdx', line: 4, column: 7, field: 'type', message: '"watermain" is not an allowed value', severity: 'error' };

  it('prints file:line:column, two spaces, field, two spaces, severity and message', () => {
    expect(formatProblem(base)).toBe('projects/elm/index.mdx:4:7  type  error: "watermain" is not an allowed value');
  });

  it('puts the hint on its own indented line', () => {
    expect(formatProblem({ ...base, hint: 'Did you mean "water-main"?' })).toBe(
      'projects/elm/index.mdx:4:7  type  error: "watermain" is not an allowed value\n    hint: Did you mean "water-main"?',
    );
  });

  it('names a whole-file problem (file) and labels warnings', () => {
    expect(formatProblem({ ...base, field: '', line: 0, column: 0, severity: 'warning', message: 'm' })).toBe('projects/elm/index.mdx:0:0  (file)  warning: m');
  });
});

describe('formatReport', () => {
  const p = (file: string, line: number, column: number, severity: Problem['severity'], message: string): Problem => ({ file, line, column, field: 'f', message, severity });

  it('sorts by file, line, column, errors first, and counts errors, files and warnings', () => {
    const report = formatReport([
      p('projects/b/index.mdx', 1, 1, 'warning', 'w-b'),
      p('projects/a/index.mdx', 5, 1, 'error', 'e-a5'),
      p('projects/a/index.mdx', 2, 3, 'warning', 'w-a2'),
      p('projects/a/index.mdx', 2, 3, 'error', 'e-a2'),
      p('projects/a/index.mdx', 2, 1, 'error', 'e-a2c1'),
    ]);
    expect(report).toBe(
      [
        'projects/a/index.mdx:2:1  f  error: e-a2c1',
        'projects/a/index.mdx:2:3  f  error: e-a2',
        'projects/a/index.mdx:2:3  f  warning: w-a2',
        'projects/a/index.mdx:5:1  f  error: e-a5',
        'projects/b/index.mdx:1:1  f  warning: w-b',
        '',
        '3 errors in 1 file, 2 warnings. Nothing was published; fix the errors and run again.',
      ].join('\n'),
    );
  });

  it('uses singulars and counts every file with an error', () => {
    const report = formatReport([p('site.yaml', 3, 11, 'error', 'x'), p('projects/a/index.mdx', 1, 1, 'error', 'y'), p('projects/a/index.mdx', 9, 1, 'warning', 'z')]);
    expect(report.split('\n').at(-1)).toBe('2 errors in 2 files, 1 warning. Nothing was published; fix the errors and run again.');
    expect(formatReport([p('site.yaml', 3, 11, 'error', 'x')]).split('\n').at(-1)).toBe('1 error in 1 file, 0 warnings. Nothing was published; fix the errors and run again.');
  });

  it('says so when there are no errors', () => {
    expect(formatReport([])).toBe('\nNo errors, 0 warnings.');
    expect(formatReport([p('a', 1, 1, 'warning', 'w')])).toBe('a:1:1  f  warning: w\n\nNo errors, 1 warning.');
  });

  it('does not change the order of the array it is given', () => {
    const list = [p('b', 1, 1, 'error', 'x'), p('a', 1, 1, 'error', 'y')];
    formatReport(list);
    expect(list.map((x) => x.file)).toEqual(['b', 'a']);
  });
});

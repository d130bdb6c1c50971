/**
 * The checker corpus: test/fixtures/broken-site holds one project folder per
 * mistake an editor can make, each with exactly one mistake in an otherwise
 * valid project. Every expected line and column below was counted by hand in
 * the fixture files (frontmatter line 1 is the opening ---), never taken from
 * the checker's own output.
 *
 * The folder `dup-slug` is the untouched template every case starts from; it
 * must stay error-free (it is also the partner of the `Dup-Slug` case).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Problem } from '../../src/lib/problems.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = path.join(REPO, 'test/fixtures');
const BROKEN = path.join(FIXTURES, 'broken-site');
const BROKEN_CONFIG = path.join(FIXTURES, 'broken-site-config');
const VALID = path.join(FIXTURES, 'valid-site');
const NOW_ISO = '2026-12-01T17:00:00Z';
const NOW = DateTime.fromISO(NOW_ISO, { zone: 'utc' });
const NODE = path.join(REPO, 'node_modules/.bin/node');

/** Folders in broken-site/projects that are correct on purpose. */
const VALID_FOLDERS = ['dup-slug'];

interface Case {
  /** Folder under projects/. */
  name: string;
  /** File inside the folder ('index.mdx' when left out); null for a problem about the folder itself. */
  file?: string | null;
  line: number;
  /** Asserted only where the column is meaningful. */
  column?: number;
  field: string;
  /** A substring of the message. */
  message: string;
  /** A substring of the hint, where the hint matters. */
  hint?: string;
}

// prettier-ignore
const CASES: Case[] = [
  // YAML syntax
  { name: 'yaml-bad-indent', line: 8, column: 1, field: '', message: 'YAML syntax error', hint: 'spaces at the start of this line' },
  { name: 'yaml-over-indent', line: 10, field: '', message: 'YAML syntax error', hint: 'spaces at the start of this line' },
  { name: 'yaml-unquoted-colon', line: 2, field: '', message: 'YAML syntax error', hint: 'must be put in quotes' },
  // MDX syntax
  { name: 'mdx-unclosed-tag', line: 20, column: 1, field: 'body', message: 'closing tag for `<Callout>`', hint: '</Component>' },
  { name: 'mdx-stray-brace', line: 20, field: 'body', message: 'MDX syntax error', hint: 'write \\{' },
  // Missing required fields: reported at the start of the object that lacks them
  { name: 'missing-title', line: 2, column: 1, field: 'title', message: 'Missing required field "title"', hint: 'title:' },
  { name: 'missing-summary', line: 2, column: 1, field: 'summary', message: 'Missing required field "summary"', hint: 'summary:' },
  { name: 'missing-type', line: 2, column: 1, field: 'type', message: 'Missing required field "type"', hint: 'type: water-main' },
  { name: 'missing-location', line: 2, column: 1, field: 'location', message: 'Missing required field "location"', hint: 'lat:' },
  { name: 'missing-timeline', line: 2, column: 1, field: 'timeline', message: 'Missing required field "timeline"', hint: 'phase' },
  { name: 'missing-phase-description', line: 8, column: 5, field: 'timeline[0].description', message: 'Missing required field "description"', hint: 'description:' },
  // Unknown fields
  { name: 'unknown-field-typo', line: 7, column: 1, field: 'contractr', message: 'Unknown field "contractr"', hint: 'Did you mean "contractor"?' },
  { name: 'unknown-field-meeting', line: 25, column: 5, field: 'meetings[0].desciption', message: 'Unknown field "desciption"', hint: 'Did you mean "description"?' },
  { name: 'unknown-field-phase', line: 12, column: 5, field: 'timeline[0].estimate', message: 'Unknown field "estimate"', hint: 'Did you mean "estimated"?' },
  // Enums: the message lists the allowed values
  { name: 'bad-enum-type', line: 4, column: 7, field: 'type', message: 'Allowed: water-main, lead-service-lines, sewer, treatment-plant, storage-tank, pump-station, other', hint: 'Did you mean "water-main"?' },
  { name: 'bad-enum-phase', line: 12, column: 12, field: 'timeline[1].phase', message: 'Allowed: planning, design, construction, restoration, complete, other', hint: 'Did you mean "construction"?' },
  { name: 'bad-enum-meeting-kind', line: 19, column: 11, field: 'meetings[0].kind', message: '"town-hall" is not an allowed value. Allowed: open-house, public-hearing, online, site-walk' },
  { name: 'bad-enum-meeting-status', line: 25, column: 13, field: 'meetings[0].status', message: '"postponed" is not an allowed value. Allowed: scheduled, cancelled, rescheduled' },
  { name: 'bad-enum-disruption-kind', file: 'disruptions.geojson', line: 11, column: 17, field: 'features[0].properties.kind', message: 'Allowed: work-zone, road-closure, lane-closure, detour, water-shut-off, parking-restriction, sidewalk-closure, night-work', hint: 'Did you mean "road-closure"?' },
  // Dates
  { name: 'date-not-in-calendar', line: 10, column: 10, field: 'timeline[0].end', message: 'does not exist in the calendar' },
  { name: 'date-in-words', line: 13, column: 12, field: 'timeline[1].start', message: 'Expected a date written as YYYY-MM-DD' },
  { name: 'datetime-with-offset', line: 20, column: 12, field: 'meetings[0].start', message: 'remove the offset' },
  // Timeline
  { name: 'phase-end-before-start', line: 14, column: 10, field: 'timeline[1].end', message: 'The phase ends (2027-02-28) before it starts (2027-03-01)' },
  { name: 'phases-out-of-order', line: 13, column: 12, field: 'timeline[1].start', message: 'Phases are out of order' },
  { name: 'phases-overlap', line: 13, column: 12, field: 'timeline[1].start', message: 'overlaps the previous one' },
  { name: 'phase-open-not-last', line: 8, column: 5, field: 'timeline[0]', message: 'This phase has no end date', hint: 'end:' },
  { name: 'phase-other-no-label', line: 8, column: 5, field: 'timeline[0].label', message: 'needs a label' },
  // Meetings
  { name: 'meeting-no-venue-no-online', line: 17, column: 5, field: 'meetings[0]', message: 'neither a venue nor an online link', hint: 'venue:' },
  { name: 'meeting-end-before-start', line: 21, column: 10, field: 'meetings[0].end', message: 'The meeting ends (2027-03-03T17:00) before it starts (2027-03-03T18:00)' },
  { name: 'meeting-cancelled-no-reason', line: 17, column: 5, field: 'meetings[0].statusReason', message: 'statusReason' },
  { name: 'meeting-duplicate-ids', line: 25, column: 9, field: 'meetings[1].id', message: 'Two meetings have the id "spring-open-house"' },
  // Disruption dates (file, inline, file)
  { name: 'disruption-before-project', file: 'disruptions.geojson', line: 12, column: 18, field: 'features[0].properties.start', message: 'starts (2026-12-01) before the project does (2027-01-04)' },
  { name: 'disruption-after-last-phase', line: 26, column: 14, field: 'disruptions.features[0].properties.end', message: 'ends (2027-07-15) after the project’s last phase (2027-06-30)' },
  { name: 'disruption-end-before-start', file: 'disruptions.geojson', line: 13, column: 16, field: 'features[0].properties.end', message: 'ends (2027-03-05) before it starts (2027-03-10)' },
  // GeoJSON shape
  { name: 'geojson-unclosed-ring', file: 'disruptions.geojson', line: 14, column: 13, field: 'features[0].geometry.coordinates[0][4]', message: 'ring is not closed' },
  { name: 'geojson-line-one-position', file: 'disruptions.geojson', line: 8, column: 24, field: 'features[0].geometry.coordinates', message: 'A line needs at least 2 positions' },
  { name: 'geojson-ring-three-positions', file: 'disruptions.geojson', line: 8, column: 25, field: 'features[0].geometry.coordinates[0]', message: 'at least 4 positions' },
  { name: 'geojson-unknown-geometry-type', file: 'disruptions.geojson', line: 7, column: 17, field: 'features[0].geometry.type', message: 'Unknown geometry type: expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon' },
  { name: 'geojson-crs', file: 'disruptions.geojson', line: 3, column: 3, field: 'crs', message: 'no crs member', hint: 'Delete the crs member' },
  // The comma is missing at the end of line 11; like JSON.parse, the error is where the next item starts.
  { name: 'geojson-json-syntax', file: 'disruptions.geojson', line: 12, column: 9, field: '', message: 'JSON syntax error', hint: 'missing comma' },
  { name: 'geojson-wrong-geometry-for-kind', file: 'disruptions.geojson', line: 7, column: 17, field: 'features[0].geometry.type', message: 'A road-closure cannot be drawn as a Point', hint: 'LineString or MultiLineString' },
  { name: 'inline-geojson-unclosed-ring', line: 27, column: 15, field: 'disruptions.features[0].geometry.coordinates[0][4]', message: 'ring is not closed' },
  // Places
  { name: 'location-swapped', line: 6, column: 11, field: 'location', message: 'outside the service area', hint: 'swapped' },
  { name: 'geojson-position-swapped', file: 'disruptions.geojson', line: 10, column: 11, field: 'features[0].geometry.coordinates[1]', message: 'Position [41.88, -87.65] is outside the service area', hint: 'swapped' },
  // Files
  { name: 'disruptions-file-missing', line: 16, column: 14, field: 'disruptions', message: 'Disruptions file "./disruptions.geojson" does not exist' },
  { name: 'hero-file-missing', line: 7, column: 14, field: 'hero.src', message: 'Image file "./hero.jpg" does not exist' },
  { name: 'hero-no-alt', line: 7, field: 'hero.alt', message: 'alt' },
  { name: 'mdx-image-no-alt', line: 20, column: 1, field: 'body', message: 'Image without alt text' },
  { name: 'mdx-image-missing-file', line: 20, column: 1, field: 'body', message: 'Image file "./missing-photo.jpg" does not exist' },
  // MDX components
  { name: 'mdx-unknown-component', line: 20, column: 1, field: 'Calout', message: 'Unknown component <Calout>', hint: 'Did you mean <Callout>' },
  { name: 'mdx-component-missing-attr', line: 20, column: 1, field: 'Chart.data', message: '<Chart> needs the attribute data', hint: 'data="' },
  // Unsafe links and code
  { name: 'documents-javascript-url', line: 18, column: 10, field: 'documents[0].url', message: 'Only http(s)://, mailto: and tel: links are allowed' },
  { name: 'meeting-rsvp-data-url', line: 25, column: 11, field: 'meetings[0].rsvp', message: 'Only http(s)://, mailto: and tel: links are allowed' },
  { name: 'mdx-javascript-link', line: 20, column: 6, field: 'body', message: 'Link "javascript:alert(1)" is not allowed' },
  { name: 'mdx-script-tag', line: 20, column: 1, field: 'script', message: '<script> is not allowed' },
  { name: 'mdx-import-line', line: 18, column: 1, field: 'body', message: 'import and export lines are not allowed' },
  // Translations
  { name: 'translation-no-base', file: 'index.es.mdx', line: 0, field: '', message: 'This translation has no base file', hint: 'index.mdx' },
  { name: 'translation-date-differs', file: 'index.es.mdx', line: 10, column: 12, field: 'timeline[1].start', message: 'differs from the base file' },
  { name: 'translation-unknown-language', file: 'index.fr.mdx', line: 0, field: '', message: '"fr" is not one of the site\'s languages', hint: 'languages.others' },
  // Folder names
  { name: 'Bad Name', file: null, line: 0, field: '', message: 'cannot be used in a web address', hint: 'bad-name' },
  { name: 'Dup-Slug', file: null, line: 0, field: '', message: 'Duplicate project: "Dup-Slug" gives the same web address as "dup-slug"' },
  // Values
  { name: 'cost-not-number', line: 7, column: 7, field: 'cost', message: 'Expected a number', hint: 'without quotes, currency signs or commas' },
  { name: 'neighborhoods-string', line: 5, column: 16, field: 'neighborhoods', message: 'Expected a list', hint: 'Write a list' },
  { name: 'no-frontmatter', line: 1, column: 1, field: '', message: 'does not start with frontmatter', hint: '---' },
];

function fileOf(c: Case): string {
  return c.file === null ? `projects/${c.name}` : `projects/${c.name}/${c.file ?? 'index.mdx'}`;
}

function expected(c: Case) {
  return expect.objectContaining({
    file: fileOf(c),
    line: c.line,
    ...(c.column !== undefined ? { column: c.column } : {}),
    field: c.field,
    severity: 'error',
    message: expect.stringContaining(c.message),
    ...(c.hint !== undefined ? { hint: expect.stringContaining(c.hint) } : {}),
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function errorsIn(problems: Problem[], folder: string): Problem[] {
  return problems.filter((p) => p.severity === 'error' && (p.file === `projects/${folder}` || p.file.startsWith(`projects/${folder}/`)));
}

// Loaded once for the whole corpus.
const broken = loadContent({ contentDir: BROKEN, now: NOW });

describe('broken-site corpus', () => {
  it('has at least 45 cases, one per broken folder', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(45);
    const names = CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const folders = fs
      .readdirSync(path.join(BROKEN, 'projects'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .filter((n) => !VALID_FOLDERS.includes(n));
    expect([...names].sort()).toEqual([...folders].sort());
  });

  it('loads a valid site.yaml (no problem outside projects/)', () => {
    expect(broken.site?.name).toBe('Lakeview Water');
    expect(broken.problems.filter((p) => !p.file.startsWith('projects/'))).toEqual([]);
  });

  it('the template folder dup-slug has no problems', () => {
    expect(broken.problems.filter((p) => p.file.startsWith('projects/dup-slug'))).toEqual([]);
  });

  it('reports at least one error for every broken folder in one run', () => {
    const silent = CASES.filter((c) => errorsIn(broken.problems, c.name).length === 0).map((c) => c.name);
    expect(silent).toEqual([]);
  });

  it.each(CASES)('$name', (c) => {
    const candidates = broken.problems.filter((p) => p.file === fileOf(c));
    expect(candidates).toContainEqual(expected(c));
  });

  // One mistake should read as one message: extra, contradictory messages on the
  // same field (e.g. "does not exist in the calendar" for "next March") mislead.
  it.each(CASES.filter((c) => c.field !== ''))('$name: the mistake is reported once', (c) => {
    const atField = broken.problems.filter((p) => p.file === fileOf(c) && p.field === c.field && p.severity === 'error');
    expect(atField.map((p) => p.message)).toHaveLength(1);
  });
});

describe('broken-site-config: site.yaml mistakes', () => {
  // prettier-ignore
  const CONFIG_CASES = [
    { name: 'unknown-time-zone', line: 3, column: 11, field: 'timeZone', message: 'Unknown time zone' },
    { name: 'missing-emergency', line: 7, column: 1, field: 'contacts.emergency', message: 'Missing required field "emergency"' },
    { name: 'bad-url', line: 2, column: 6, field: 'url', message: 'Expected the site address' },
    { name: 'missing-service-area-file', line: 14, column: 9, field: 'serviceArea.file', message: 'Service area file "./service-area.geojson" does not exist' },
    { name: 'no-ui-strings', line: 6, column: 16, field: 'languages.others[1]', message: 'There are no UI strings for the language "fr"' },
  ];

  it('covers every folder', () => {
    const folders = fs.readdirSync(BROKEN_CONFIG).sort();
    expect(CONFIG_CASES.map((c) => c.name).sort()).toEqual(folders);
  });

  it.each(CONFIG_CASES)('$name', (c) => {
    const { problems } = loadContent({ contentDir: path.join(BROKEN_CONFIG, c.name), now: NOW });
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'site.yaml', line: c.line, column: c.column, field: c.field, severity: 'error', message: expect.stringContaining(c.message) }),
    );
    // Nothing else is wrong in these folders.
    expect(problems.filter((p) => p.severity === 'error')).toHaveLength(1);
  });
});

describe('npm run check (scripts/check.ts)', () => {
  const run = (contentDir: string) =>
    spawnSync(NODE, ['scripts/check.ts'], {
      cwd: REPO,
      env: { ...process.env, CONTENT_DIR: contentDir, SITE_NOW: NOW_ISO },
      encoding: 'utf8',
      timeout: 60_000,
    });

  let brokenRun: ReturnType<typeof run>;
  beforeAll(() => {
    brokenRun = run(BROKEN);
  }, 60_000);

  it('exits 1 on broken-site', () => {
    expect(brokenRun.stderr).toBe('');
    expect(brokenRun.status).toBe(1);
  });

  it.each(CASES)('prints a located error line for $name', (c) => {
    const line = new RegExp(`^projects/${escapeRegExp(c.name)}(/[^:\\n]+)?:\\d+:\\d+  \\S.*  error: `, 'm');
    expect(brokenRun.stdout).toMatch(line);
  });

  it('exits 0 on valid-site', () => {
    const result = run(VALID);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('No errors');
    expect(result.status).toBe(0);
  }, 60_000);
});

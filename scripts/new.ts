// npm run new -- "Elm Street water main": creates content/projects/<slug>/ from the
// commented template. It never overwrites anything.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { slugify } from '../src/lib/content/load.ts';
import { readEnv } from '../src/lib/env.ts';
import { STARTER_LADDER } from '../src/lib/alert-ladder.ts';
import type { AlertLevel } from '../src/schemas/alert.ts';

// npm run new -- --alert boil-water: a new alert from its approved template.
const alertFlag = process.argv.indexOf('--alert');
if (alertFlag !== -1) process.exit(newAlert(process.argv[alertFlag + 1]));

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const title = args.join(' ').trim();
if (!title) {
  console.error('Give the project a name:  npm run new -- "Elm Street water main"');
  process.exit(2);
}
const env = readEnv();
const slug = slugify(title);
if (!slug) {
  console.error(`"${title}" has no letters or digits to make a web address from.`);
  process.exit(2);
}
const dir = path.join(env.contentDir, 'projects', slug);
if (fs.existsSync(dir)) {
  console.error(`projects/${slug}/ already exists; nothing was changed.\nChoose another name, or edit projects/${slug}/index.mdx.`);
  process.exit(1);
}

// Dates and place come from site.yaml, so the new project passes check at once.
let zone = 'UTC';
let center = { lat: 0, lon: 0 };
let neighborhood = 'Citywide';
try {
  const site = parse(fs.readFileSync(path.join(env.contentDir, 'site.yaml'), 'utf8')) ?? {};
  zone = site.timeZone ?? zone;
  const bbox: number[] | undefined = site.serviceArea?.bbox ?? polygonBbox(site.serviceArea?.file);
  if (bbox) center = { lon: round((bbox[0] + bbox[2]) / 2), lat: round((bbox[1] + bbox[3]) / 2) };
} catch {
  console.warn('Could not read site.yaml; fill in location by hand.');
}
const today = env.now.setZone(zone).startOf('day');
const d = (dt: typeof today) => dt.toISODate()!;
const fill: Record<string, string> = {
  title: title.replace(/"/g, '\\"'),
  neighborhood,
  lat: String(center.lat),
  lon: String(center.lon),
  today: d(today),
  start: d(today),
  planningEnd: d(today.plus({ months: 3 })),
  designStart: d(today.plus({ months: 3, days: 1 })),
  designEnd: d(today.plus({ months: 9 })),
};
const template = fs.readFileSync(fileURLToPath(new URL('../src/templates/project.mdx', import.meta.url)), 'utf8');
const text = template.replace(/\{\{(\w+)\}\}/g, (_, key) => fill[key] ?? '');

fs.mkdirSync(dir, { recursive: true });
// 'wx' fails if the file appeared meanwhile: never overwrite an editor's file.
fs.writeFileSync(path.join(dir, 'index.mdx'), text, { flag: 'wx' });
console.log(`Created projects/${slug}/index.mdx\nNext: fill it in, then run  npm run check`);

function polygonBbox(file?: string): number[] | undefined {
  if (!file) return undefined;
  const geo = JSON.parse(fs.readFileSync(path.resolve(env.contentDir, file), 'utf8'));
  const g = geo.type === 'FeatureCollection' ? geo.features[0].geometry : geo.type === 'Feature' ? geo.geometry : geo;
  const pts: number[][] = (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat();
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
function round(n: number) {
  return Math.round(n * 1e5) / 1e5;
}

/**
 * Scaffolds content/alerts/<kind>-<date>.mdx from alerts/templates/<kind>.yaml.
 * When the content has no such template, the starter for that kind
 * (src/templates/alerts/<kind>.yaml, English and Spanish, not yet approved)
 * is copied there first. Times come from SITE_NOW in the site's zone; the
 * first level is the lowest on the site's ladder that fits the template's
 * instruction; there is no expires, so the alert stays in force until a
 * person lifts it. One empty fill: line per placeholder the template uses
 * (the checker refuses the alert until each is filled and an area is given).
 * Never overwrites: a second alert of the same kind on the same day gets -2, -3….
 */
function newAlert(kind: string | undefined): number {
  const env = readEnv();
  const templatesDir = path.join(env.contentDir, 'alerts', 'templates');
  const startersDir = fileURLToPath(new URL('../src/templates/alerts/', import.meta.url));
  const names = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort() : []);
  const own = names(templatesDir);
  const starters = names(startersDir);
  const choices = `Your templates (alerts/templates/): ${own.join(', ') || 'none yet'}.\nStarter wording, copied on first use: ${starters.join(', ')}.`;
  if (!kind || kind.startsWith('-')) {
    console.error(`Which kind of alert? Put its name after --alert, for example: npm run new -- --alert ${own[0] ?? 'boil-water'}\n${choices}`);
    return 2;
  }
  const templateFile = path.join(templatesDir, `${kind}.yaml`);
  if (!own.includes(kind)) {
    if (!starters.includes(kind)) {
      console.error(`There is no template or starter wording called "${kind}"; nothing was changed.\n${choices}`);
      return 2;
    }
    fs.mkdirSync(templatesDir, { recursive: true });
    // 'wx': never overwrite an editor's file.
    fs.writeFileSync(templateFile, fs.readFileSync(path.join(startersDir, `${kind}.yaml`)), { flag: 'wx' });
    console.log(`Copied the starter wording to alerts/templates/${kind}.yaml (English and Spanish).\nIt is NOT YET APPROVED: have it approved, then write who and when after approved: in that file.`);
  }
  const template = parse(fs.readFileSync(templateFile, 'utf8')) ?? {};
  if (template.kind === 'all-clear') {
    console.log(`alerts/templates/${kind}.yaml lifts any alert: use it in the last history entry of an alert:\n  - at: <time>\n    level: all-clear\n    template: ${kind}`);
    return 0;
  }
  let site: { timeZone?: string; alerts?: { levels?: AlertLevel[] } } = {};
  try {
    site = parse(fs.readFileSync(path.join(env.contentDir, 'site.yaml'), 'utf8')) ?? {};
  } catch {
    console.warn('Could not read site.yaml; times are in UTC and the starter ladder gives the level.');
  }
  const zone = site.timeZone ?? 'UTC';
  const ladder: AlertLevel[] = Array.isArray(site.alerts?.levels) ? site.alerts!.levels! : STARTER_LADDER;
  const level = ladder.find((l) => l?.instruction === template.instruction)?.id;
  const automatic = new Set(['until', 'untilWhen', 'level', 'utility', 'phone']);
  const placeholderNames = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') for (const m of v.matchAll(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g)) placeholderNames.add(m[1]);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(template);
  const now = env.now.setZone(zone).startOf('minute');
  const local = (dt: typeof now) => dt.toFormat("yyyy-MM-dd'T'HH:mm");
  let id = `${kind}-${now.toFormat('yyyy-MM-dd')}`;
  for (let n = 2; fs.existsSync(path.join(env.contentDir, 'alerts', `${id}.mdx`)); n++) id = `${kind}-${now.toFormat('yyyy-MM-dd')}-${n}`;
  const fill = [...placeholderNames].filter((n) => !automatic.has(n));
  const text = `---
# A critical alert. The wording comes from alerts/templates/${kind}.yaml,
# approved in advance: fill in the words in braces below, give the area, and
# run npm run check (it refuses the alert until everything is filled).
# Times are local time in the utility's zone, without an offset.
kind: ${template.kind ?? kind}
template: ${kind}
# drill: true      # for a drill: the CAP message says Test and no banner shows
effective: ${local(now)}
# The alert stays in force "until further notice", until a history entry with
# level: all-clear lifts it. Only for a planned end (e.g. a repair), add:
# expires: ${local(now.plus({ hours: 24 }))}
area:
  # The affected area as a GeoJSON polygon (longitude, latitude), e.g. drawn on geojson.io:
  # polygon:
  #   type: Polygon
  #   coordinates:
  #     - - [-87.74, 41.91]
  #       - [-87.72, 41.91]
  #       - [-87.72, 41.94]
  #       - [-87.74, 41.91]
  # And/or the affected projects (folder names under projects/):
  projects: []
# The template's words in braces. One text for every language, or one per
# language ({ en: …, es: … }). {level}, {untilWhen}, {utility} and {phone}
# are automatic.
fill:
${fill.map((n) => `  ${n}: ""`).join('\n') || '  {}'}
# Add an entry when the level changes. The levels, lowest first (site.yaml):
#   ${ladder.map((l) => l?.id).join(', ')}
# A level that needs other wording (e.g. do-not-drink) needs template: with
# that wording. Lift the alert with level: all-clear.
history:
  - at: ${local(now)}
    level: ${level ?? `${ladder[0]?.id ?? 'LEVEL'}   # no level on the ladder fits this template's instruction (${template.instruction}): choose one`}
---

Internal notes (never published): who approved this alert, and when.
`;
  fs.mkdirSync(path.join(env.contentDir, 'alerts'), { recursive: true });
  fs.writeFileSync(path.join(env.contentDir, 'alerts', `${id}.mdx`), text, { flag: 'wx' });
  console.log(`Created alerts/${id}.mdx from the ${kind} template, at level ${level ?? '(choose one)'}, in force until further notice.\nFill in the words in braces and the area, then run npm run check.`);
  return 0;
}

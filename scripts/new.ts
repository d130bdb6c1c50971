// npm run new -- "Elm Street water main": creates content/projects/<slug>/ from the
// commented template. It never overwrites anything.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { slugify } from '../src/lib/content/load.ts';
import { readEnv } from '../src/lib/env.ts';

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
 * Scaffolds content/alerts/<kind>-<date>.mdx from alerts/templates/<kind>.yaml:
 * times from SITE_NOW in the site's zone, and one empty fill: line per
 * placeholder the template uses (the checker refuses the alert until each is
 * filled and an area is given). Never overwrites: a second alert of the same
 * kind on the same day gets -2, -3….
 */
function newAlert(kind: string | undefined): number {
  const env = readEnv();
  const templatesDir = path.join(env.contentDir, 'alerts', 'templates');
  const available = fs.existsSync(templatesDir) ? fs.readdirSync(templatesDir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')) : [];
  if (!kind || !available.includes(kind)) {
    console.error(`Name the kind of alert:  npm run new -- --alert boil-water\nApproved templates: ${available.join(', ') || '(none: add alerts/templates/<kind>.yaml first)'}`);
    return 2;
  }
  const template = parse(fs.readFileSync(path.join(templatesDir, `${kind}.yaml`), 'utf8')) ?? {};
  let zone = 'UTC';
  try {
    zone = parse(fs.readFileSync(path.join(env.contentDir, 'site.yaml'), 'utf8'))?.timeZone ?? zone;
  } catch {
    console.warn('Could not read site.yaml; times are in UTC.');
  }
  const automatic = new Set(['until', 'utility', 'phone']);
  const names = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') for (const m of v.matchAll(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g)) names.add(m[1]);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(template);
  const now = env.now.setZone(zone).startOf('minute');
  const local = (dt: typeof now) => dt.toFormat("yyyy-MM-dd'T'HH:mm");
  let id = `${kind}-${now.toFormat('yyyy-MM-dd')}`;
  for (let n = 2; fs.existsSync(path.join(env.contentDir, 'alerts', `${id}.mdx`)); n++) id = `${kind}-${now.toFormat('yyyy-MM-dd')}-${n}`;
  const level = ['boil-water', 'do-not-drink', 'unplanned-outage'].includes(kind) ? 'advisory' : 'notice';
  const fill = [...names].filter((n) => !automatic.has(n));
  const text = `---
# A critical alert. The wording comes from alerts/templates/${kind}.yaml,
# approved in advance: fill in the words in braces below, give the area, and
# run npm run check (it refuses the alert until everything is filled).
# Times are local time in the utility's zone, without an offset.
kind: ${template.kind ?? kind}
template: ${kind}
# drill: true      # for a drill: the CAP message says Test and no banner shows
effective: ${local(now)}
# When it ends if nobody closes it with an all-clear entry before.
expires: ${local(now.plus({ hours: 24 }))}
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
# language ({ en: …, es: … }). {until}, {utility} and {phone} are automatic.
fill:
${fill.map((n) => `  ${n}: ""`).join('\n') || '  {}'}
# Add an entry when the level changes; close with level: all-clear.
history:
  - at: ${local(now)}
    level: ${level}
---

Internal notes (never published): who approved this alert, and when.
`;
  fs.mkdirSync(path.join(env.contentDir, 'alerts'), { recursive: true });
  fs.writeFileSync(path.join(env.contentDir, 'alerts', `${id}.mdx`), text, { flag: 'wx' });
  console.log(`Created alerts/${id}.mdx from the approved ${kind} template.\nFill in the words in braces and the area, then run npm run check.`);
  return 0;
}

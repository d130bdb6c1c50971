// npm run new -- "Elm Street water main": creates content/projects/<slug>/ from the
// commented template. It never overwrites anything.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { slugify } from '../src/lib/content/load.ts';
import { readEnv } from '../src/lib/env.ts';

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

/**
 * A deterministic synthetic content folder for the build benchmark: the demo's
 * site.yaml (with its logo and service area) and N project folders
 * (projects/p-00001/index.mdx + disruptions.geojson) that pass `npm run check`
 * with 0 errors. Each project has 3 to 5 phases in order without overlap, 3 to
 * 10 disruptions of the 8 kinds inside the project's span and the service area,
 * 1 to 4 meetings (venue or online link), a few neighborhoods and streets, and
 * a plain-language MDX body of about 400 words with a heading, a list and a
 * Callout.
 *
 *   node scripts/bench/synthetic.ts <dir> <n> [seed]
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** mulberry32: a small seeded PRNG (the same folder on every run). */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Inside the demo's service area (lon -87.7470..-87.6859, lat 41.9087..41.9704, notch in the south-west), with a margin.
const BOX = { lon0: -87.733, lon1: -87.692, lat0: 41.92, lat1: 41.962 };
const BLOCK_LON = 0.0024;
const BLOCK_LAT = 0.0018;

const TREES = ['Elm', 'Oak', 'Maple', 'Ash', 'Birch', 'Cedar', 'Chestnut', 'Hawthorn', 'Hickory', 'Linden', 'Locust', 'Magnolia', 'Poplar', 'Spruce', 'Willow', 'Walnut'];
const HOODS = ['Old Mill', 'Linden Park', 'Riverbend', 'Westgate', 'Prairie Heights', 'Harbor Point', 'North Grove', 'South Bend', 'Fair Ridge', 'Little Hollow'];
const TYPES = [
  ['water-main', 'water main replacement'],
  ['lead-service-lines', 'lead service line replacement'],
  ['sewer', 'sewer lining'],
  ['pump-station', 'pump station upgrade'],
  ['storage-tank', 'water tower repainting'],
  ['treatment-plant', 'filter upgrade'],
] as const;
const KINDS = ['work-zone', 'road-closure', 'lane-closure', 'detour', 'water-shut-off', 'parking-restriction', 'sidewalk-closure', 'night-work'] as const;
const KIND_TEXT: Record<(typeof KINDS)[number], string> = {
  'work-zone': 'Crews work in this area. Keep clear of the fences.',
  'road-closure': 'The street is closed to through traffic. Homes on the block stay reachable.',
  'lane-closure': 'One lane is closed. Traffic moves slowly, so allow extra time.',
  detour: 'Follow the orange signs around the work. The detour adds about two minutes.',
  'water-shut-off': 'Water is off for a few hours. We leave a door hanger two days ahead.',
  'parking-restriction': 'No parking on this side of the street during work hours.',
  'sidewalk-closure': 'The sidewalk is closed. Use the other side of the street.',
  'night-work': 'Crews work at night here. Expect some noise and bright lights.',
};

const SENTENCES = [
  'The old pipe under this street is almost one hundred years old.',
  'It has broken many times in the last ten years.',
  'Each break floods the street and leaves homes without water.',
  'The new pipe is made of strong plastic and should last for a long time.',
  'We work one block at a time, so most streets stay open.',
  'Crews start at 7 in the morning and stop at 5 in the evening.',
  'We do not work on weekends or holidays.',
  'You can still reach your home by car on most days.',
  'If we need to close your driveway, we will tell you two days ahead.',
  'Your water may be off for a few hours on one day.',
  'We leave a door hanger before any water shut-off.',
  'Fill a pot with water before the work starts.',
  'After the work, run your cold tap for a few minutes.',
  'The water may look cloudy at first. That is only air and it is safe.',
  'We fix every lawn, sidewalk and driveway we dig up.',
  'The street gets new asphalt when the work is done.',
  'Trucks and diggers will be on the street during the day.',
  'Please keep children and pets away from the work area.',
  'Call us if you have a question or a problem.',
  'We answer the phone on weekdays from 8 am to 5 pm.',
  'For an emergency, call our day and night number.',
  'This project is paid for with a low-cost state loan and water rates.',
  'Doing the work now costs less than fixing breaks later.',
  'Lead pipes can put lead in drinking water.',
  'We replace the lead pipe all the way to your house at no cost.',
  'A plumber needs about half a day inside your home.',
  'We test the water in every home after the work.',
  'You will get the test results by mail.',
  'The pump keeps water pressure steady on the hills.',
  'A backup generator keeps the pumps running in a power cut.',
  'Thank you for your patience while we work.',
  'We post news on this page every two weeks.',
];

const day = (base: number, offset: number) => new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

export interface SyntheticOptions {
  dir: string;
  count: number;
  seed?: number;
}

/** Writes the content folder; returns the number of projects. */
export function writeSyntheticContent({ dir, count, seed = 42 }: SyntheticOptions): number {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'projects'), { recursive: true });
  for (const f of ['site.yaml', 'logo.svg', 'service-area.geojson']) fs.copyFileSync(path.join(ROOT, 'content', f), path.join(dir, f));

  const T0 = Date.UTC(2022, 0, 3);
  for (let i = 1; i <= count; i++) {
    const slug = `p-${String(i).padStart(5, '0')}`;
    const [type, noun] = pick(TYPES);
    const ew = rnd() < 0.5;
    const avenue = () => `${ordinal(int(1, 40))} Ave`;
    const street = ew ? `${pick(TREES)} St` : avenue();
    const crossA = ew ? avenue() : `${pick(TREES)} St`;
    const crossB = ew ? avenue() : `${pick(TREES)} St`;
    const hoods = [...new Set([pick(HOODS), pick(HOODS), pick(HOODS)].slice(0, int(1, 3)))];
    const title = `${street.replace(/ St$/, ' Street').replace(/ Ave$/, ' Avenue')} ${noun} (${slug})`;

    // Timeline: 3 to 5 consecutive phases starting between 2022 and 2027.
    let t = int(0, 5 * 365);
    const phases = ['planning', 'design', 'construction', 'restoration', 'complete'].slice(0, int(3, 5));
    const timeline = phases.map((phase) => {
      const start = t;
      const len = phase === 'construction' ? int(90, 400) : phase === 'complete' ? int(10, 60) : int(40, 200);
      t = start + len + int(1, 14);
      return { phase, start: day(T0, start), end: day(T0, start + len), estimated: rnd() < 0.3, description: `In this phase we ${phase === 'planning' ? 'study the pipes and choose the route' : phase === 'design' ? 'draw the plans and talk to neighbors' : phase === 'construction' ? 'dig, lay the new pipe and connect homes' : phase === 'restoration' ? 'fix curbs, lawns and the road' : 'finish the last checks'}.` };
    });
    const spanStart = Number(new Date(`${timeline[0].start}T00:00:00Z`)) - T0;
    const spanEnd = Number(new Date(`${timeline[timeline.length - 1].end}T00:00:00Z`)) - T0;
    const spanDays = Math.floor((spanEnd - spanStart) / 86_400_000);

    // Place: a street segment inside the box.
    const x = r6(BOX.lon0 + 0.004 + rnd() * (BOX.lon1 - BOX.lon0 - 0.008));
    const y = r6(BOX.lat0 + 0.004 + rnd() * (BOX.lat1 - BOX.lat0 - 0.008));
    const blocks = int(2, 4);
    const end = ew ? [r6(x + blocks * BLOCK_LON * (rnd() < 0.5 ? 1 : -1)), y] : [x, r6(y + blocks * BLOCK_LAT * (rnd() < 0.5 ? 1 : -1))];

    const features = [];
    const nDis = int(3, 10);
    for (let k = 0; k < nDis; k++) {
      const kind = KINDS[(k + i) % KINDS.length];
      const s = spanStart / 86_400_000 + int(0, Math.max(0, spanDays - 20));
      const e = Math.min(s + int(1, 20), spanEnd / 86_400_000);
      const ox = r6(x + (rnd() - 0.5) * 0.004);
      const oy = r6(y + (rnd() - 0.5) * 0.003);
      const w = r6(0.0004 + rnd() * 0.001);
      const h = r6(0.0003 + rnd() * 0.0008);
      let geometry: { type: string; coordinates: unknown };
      if (kind === 'work-zone' || kind === 'water-shut-off') {
        const ring = [[ox, oy], [r6(ox + w), oy], [r6(ox + w), r6(oy + h)], [ox, r6(oy + h)]];
        geometry = { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
      } else if (kind === 'night-work') geometry = { type: 'Point', coordinates: [ox, oy] };
      else if (kind === 'detour') geometry = { type: 'LineString', coordinates: [[ox, oy], [ox, r6(oy + h)], [r6(ox + w), r6(oy + h)], [r6(ox + w), oy]] };
      else geometry = { type: 'LineString', coordinates: ew ? [[ox, oy], [r6(ox + w), oy]] : [[ox, oy], [ox, r6(oy + h)]] };
      features.push({
        type: 'Feature',
        properties: { id: `${slug}-d${k + 1}`, kind, start: `${day(T0, s)}T07:00`, end: `${day(T0, e)}T17:00`, street, from: crossA, to: crossB, ...(rnd() < 0.5 ? { hours: '7 am to 5 pm, Monday to Friday' } : {}), description: KIND_TEXT[kind] },
        geometry,
      });
    }

    const meetings = Array.from({ length: int(1, 4) }, (_, k) => {
      const online = rnd() < 0.3;
      const d = day(T0, spanStart / 86_400_000 + int(0, spanDays));
      const hour = int(9, 18);
      return {
        id: `meeting-${k + 1}`,
        title: `${pick(['Community open house', 'Public hearing', 'Site walk', 'Online question time'])} for ${street}`,
        kind: online ? 'online' : pick(['open-house', 'public-hearing', 'site-walk']),
        start: `${d}T${String(hour).padStart(2, '0')}:00`,
        end: `${d}T${String(hour + 1).padStart(2, '0')}:30`,
        ...(online ? { online: `https://meet.example.org/${slug}-${k + 1}` } : { venue: { name: `${pick(HOODS)} Library, Community Room`, address: [`${int(100, 999)} ${street}`, 'Harbor Falls, IL 60839'], location: { lat: r6(y + 0.001), lon: r6(x + 0.001) } } }),
        description: 'See the plans, ask questions and tell us what worries you.',
        materials: [{ title: 'Slides (PDF)', url: `https://www.example.org/docs/${slug}-${k + 1}.pdf` }],
      };
    });

    const data = {
      title,
      summary: `We are replacing old pipes under ${street} in ${hoods[0]}. The work keeps your water safe and stops breaks.`,
      type,
      neighborhoods: hoods,
      streets: [...new Set([street, crossA, crossB])],
      location: { lat: y, lon: x },
      cost: int(2, 200) * 50_000,
      contractor: `${pick(TREES)} Utility Contractors`,
      households: int(10, 900),
      contacts: [{ name: 'Pat Rivera', role: 'Project manager', phone: '773-555-0136', email: 'projects@example.org' }],
      timeline,
      milestones: [{ date: timeline[1].start, title: 'Design starts' }],
      disruptions: './disruptions.geojson',
      meetings,
      updates: [{ date: timeline[0].start, title: 'Project starts', body: 'Planning for this project has started. We will post news here.' }],
      faq: [{ question: 'Will my water be off?', answer: 'Only for a few hours on one day. We tell you two days ahead.' }],
    };

    // Body: about 400 words of short sentences, a heading, a list and a Callout.
    const para = () => Array.from({ length: int(3, 5) }, () => pick(SENTENCES)).join(' ');
    const parts = [`${street} has an old pipe that needs to be replaced. ${para()}`, para(), '## What to expect', para(), '- Work hours are 7 am to 5 pm.\n- Your street stays open to homes.\n- We fix what we dig up.', `<Callout kind="important" title="Water will be off">\nWe will leave a door hanger two days before.\n</Callout>`, para()];
    let words = parts.join(' ').split(/\s+/).length;
    while (words < 400) {
      const p = para();
      parts.push(p);
      words += p.split(/\s+/).length;
    }
    const body = parts.join('\n\n');
    const folder = path.join(dir, 'projects', slug);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'index.mdx'), `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body}\n`);
    fs.writeFileSync(path.join(folder, 'disruptions.geojson'), JSON.stringify({ type: 'FeatureCollection', features }, null, 1));
  }
  return count;
}

if (import.meta.main) {
  const [dir, n, seed] = process.argv.slice(2);
  if (!dir || !n) {
    console.error('Usage: node scripts/bench/synthetic.ts <dir> <n> [seed]');
    process.exit(2);
  }
  writeSyntheticContent({ dir: path.resolve(dir), count: Number(n), seed: seed ? Number(seed) : undefined });
  console.log(`Wrote ${n} projects into ${dir}`);
}

/**
 * Matching what a resident types ("elm street", "Élm St.", "412 Elm St",
 * "fifth ave", "Calle Elm") against the streets and neighborhoods named in
 * the content. No geocoding service: only names the utility wrote.
 *
 * Both sides are normalised the same way: accents and case dropped,
 * punctuation turned into spaces, and each word put into two forms, short
 * ("st", "ave", "n", "5") and long ("street", "avenue", "north", "5"), so that
 * "St" and "Street" match, and so does "Stre" while the reader is still typing.
 * Matches rank exact, then prefix of the name, then prefix of a later word,
 * then anywhere inside.
 *
 * Pure TypeScript: the browser runs it as the reader types.
 */

/** Short form → long form of the words street names abbreviate (USPS suffixes and directions). */
const PAIRS: [string, string][] = [
  ['st', 'street'],
  ['ave', 'avenue'],
  ['rd', 'road'],
  ['blvd', 'boulevard'],
  ['dr', 'drive'],
  ['ln', 'lane'],
  ['ct', 'court'],
  ['pl', 'place'],
  ['pkwy', 'parkway'],
  ['hwy', 'highway'],
  ['ter', 'terrace'],
  ['cir', 'circle'],
  ['sq', 'square'],
  ['trl', 'trail'],
  ['aly', 'alley'],
  ['expy', 'expressway'],
  ['fwy', 'freeway'],
  ['hts', 'heights'],
  ['mt', 'mount'],
  ['ft', 'fort'],
  ['n', 'north'],
  ['s', 'south'],
  ['e', 'east'],
  ['w', 'west'],
  ['ne', 'northeast'],
  ['nw', 'northwest'],
  ['se', 'southeast'],
  ['sw', 'southwest'],
];

/** Other spellings of the same words. */
const VARIANTS: Record<string, string> = {
  str: 'st',
  av: 'ave',
  avn: 'ave',
  avenu: 'ave',
  boul: 'blvd',
  blv: 'blvd',
  drv: 'dr',
  pky: 'pkwy',
  saint: 'st',
};

/** Spanish words that come before the name ("Calle Elm" = "Elm St"). */
const LEADING_TYPES: Record<string, string> = {
  calle: 'st',
  avenida: 'ave',
  av: 'ave',
  camino: 'rd',
  bulevar: 'blvd',
  boulevard: 'blvd',
};

const ORDINAL_WORDS = [
  'zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
];

const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

const SHORT = new Map<string, string>();
const LONG = new Map<string, string>();
for (const [s, l] of PAIRS) {
  SHORT.set(l, s);
  SHORT.set(s, s);
  LONG.set(s, l);
  LONG.set(l, l);
}
for (const [v, s] of Object.entries(VARIANTS)) {
  SHORT.set(v, s);
  LONG.set(v, LONG.get(s)!);
}
ORDINAL_WORDS.forEach((w, i) => {
  SHORT.set(w, String(i));
  LONG.set(w, String(i));
});
TENS.forEach((w, i) => {
  if (!w) return;
  const nth = `${w.slice(0, -1)}ieth`;
  SHORT.set(nth, String(i * 10));
  LONG.set(nth, String(i * 10));
});

/** Lower case, no accents, no punctuation, single spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(text: string): string[] {
  let list = fold(text).split(' ').filter(Boolean);
  // "1st", "21st", "3rd" → "1", "21", "3"; "5" stays "5": the reader may leave the ending off.
  list = list.map((w) => w.replace(/^(\d+)(st|nd|rd|th)$/, '$1'));
  // "twenty first" → "21".
  for (let i = 0; i < list.length - 1; i++) {
    const tens = TENS.indexOf(list[i]);
    const unit = ORDINAL_WORDS.indexOf(list[i + 1]);
    if (tens >= 2 && unit >= 1 && unit <= 9) list.splice(i, 2, String(tens * 10 + unit));
  }
  // "Calle Elm" → "Elm calle": the type word goes last, as in the names.
  if (list.length > 1 && list[0] in LEADING_TYPES) list = [...list.slice(1), LEADING_TYPES[list[0]]];
  return list;
}

export interface Normalized {
  /** "elm st", "5 ave", "prairie hts" */
  short: string;
  /** "elm street", "5 avenue", "prairie heights" */
  long: string;
}

/** A street or neighborhood name in its two comparable forms. */
export function normalizeName(text: string): Normalized {
  const list = words(text);
  return { short: list.map((w) => SHORT.get(w) ?? w).join(' '), long: list.map((w) => LONG.get(w) ?? w).join(' ') };
}

/** What the reader typed, in the two forms; a house number in front ("412 Elm St") is left out. */
export function normalizeQuery(text: string): Normalized {
  const raw = fold(text).split(' ').filter(Boolean);
  const cut = raw.length >= 3 && /^\d+[a-z]?$/.test(raw[0]) && !/^\d+(st|nd|rd|th)$/.test(raw[0]) ? text.replace(/^\s*\d+[a-z]?\b/i, '') : text;
  return normalizeName(cut);
}

export interface Place {
  name: string;
  kind: 'street' | 'neighborhood';
}

export interface PlaceIndex<P extends Place = Place> {
  places: P[];
  keys: Normalized[];
}

export function placeIndex<P extends Place>(places: P[]): PlaceIndex<P> {
  return { places, keys: places.map((p) => normalizeName(p.name)) };
}

/** 0 exact, 1 the name starts with it, 2 a later word starts with it, 3 inside a word; -1 no match. */
function rank(name: Normalized, query: Normalized): number {
  let best = -1;
  for (const [n, q] of [
    [name.short, query.short],
    [name.long, query.long],
  ]) {
    if (!q) continue;
    let r = -1;
    if (n === q) r = 0;
    else if (n.startsWith(q)) r = 1;
    else if (n.includes(` ${q}`)) r = 2;
    else if (q.length >= 2 && n.includes(q)) r = 3;
    if (r >= 0 && (best < 0 || r < best)) best = r;
  }
  return best;
}

export interface PlaceMatch<P extends Place = Place> {
  place: P;
  /** 0 exact, 1 prefix, 2 word prefix, 3 inside. */
  rank: number;
}

/**
 * The places matching what the reader typed, best first: exact, then prefix,
 * then a word prefix, then inside; within a rank, shorter names first, then A–Z.
 */
export function matchPlaces<P extends Place>(index: PlaceIndex<P>, text: string, limit = 8): PlaceMatch<P>[] {
  const query = normalizeQuery(text);
  if (!query.short && !query.long) return [];
  const out: PlaceMatch<P>[] = [];
  index.keys.forEach((key, i) => {
    const r = rank(key, query);
    if (r >= 0) out.push({ place: index.places[i], rank: r });
  });
  out.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.place.name.length - b.place.name.length ||
      a.place.name.localeCompare(b.place.name),
  );
  return out.slice(0, limit);
}

/** The one place the reader most likely means, or null. */
export function bestPlace<P extends Place>(index: PlaceIndex<P>, text: string): P | null {
  return matchPlaces(index, text, 1)[0]?.place ?? null;
}

/**
 * The first result of the optional geocoder set in site.yaml, as [lon, lat]:
 * Nominatim's JSON list ([{ lat, lon }]) or a GeoJSON FeatureCollection
 * (Photon, Pelias). Null for anything else.
 */
export function parseGeocoderResponse(json: unknown): [number, number] | null {
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);
  const valid = (lon: number, lat: number): [number, number] | null =>
    Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? [lon, lat] : null;
  if (Array.isArray(json) && json.length && typeof json[0] === 'object' && json[0]) {
    const first = json[0] as Record<string, unknown>;
    return valid(num(first.lon ?? first.lng), num(first.lat));
  }
  if (json && typeof json === 'object' && Array.isArray((json as { features?: unknown }).features)) {
    const feature = (json as { features: { geometry?: { type?: string; coordinates?: unknown } }[] }).features[0];
    const c = feature?.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
    if (Array.isArray(c)) return valid(num(c[0]), num(c[1]));
  }
  return null;
}

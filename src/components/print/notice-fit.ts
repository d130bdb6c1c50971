import { countLines, PT, textWidth } from './text-metrics.ts';
import type { ExpectItem } from './notice-data.ts';

/**
 * The notice's page budget. The sheet has a fixed height (print.css) and the
 * narrowest printable width of US Letter and A4; everything but the "what to
 * expect" list has a known size once its text is known, so the list gets what
 * is left, item by item, and the rest is "N more on the project page". These
 * numbers mirror print.css; the browser test checks that nothing is cut off.
 */

/** The printable area shared by Letter and A4 inside half-inch margins. */
export const SHEET = { width: 7.27 * PT, height: 9.9 * PT };
const LINE = 12 * 1.25;
const GAP = 0.11 * PT;
const COL_GAP = 0.12 * PT;
const H2 = LINE + 0.04 * PT;
const RIGHT_COL = 3.3 * PT;
const LEFT_COL = SHEET.width - RIGHT_COL - 0.2 * PT;
const ICON = 18 + 0.08 * PT;
const SCAN_COL = 3.45 * PT;

export interface NoticeText {
  headline: string;
  subtitle: string;
  summary: string;
  whenHeading: string;
  dates: string;
  then?: string;
  contact: string[];
  emergency: string;
  scan: string[];
  languages: string[];
  /** Legend entries under the map. */
  legend: string[];
  /** The next-meeting block: bold lines, then plain ones. */
  meeting: { bold: string[]; plain: string[] };
}

/** The map's width in SVG units; it is drawn 3.3 in wide. */
export const MAP_WIDTH = 322;
const MAP_MAX = 270;
const MAP_MIN = 220;

const lines = (text: string, width: number, size = 12, bold = false) => countLines(text, width, size, bold);
const upper = (text: string) => text.toUpperCase() + ' '.repeat(Math.ceil(text.length * 0.2)); // letter-spacing 0.05em

/**
 * Height left for the "what to expect" list, in points, and the map's height
 * (in SVG units): the map gives up some height when the column beside the list
 * (map, key, next meeting) would not fit, e.g. with a long key in Spanish.
 */
export function noticeLayout(text: NoticeText): { expectSpace: number; mapHeight: number } {
  const head = 0.58 * PT + 0.08 * PT + 2.25;
  const h1 = lines(text.headline, SHEET.width, 29, true) * 29 * 1.05 + 0.04 * PT + lines(text.subtitle, SHEET.width, 14, true) * 14 * 1.25;
  const bandLeft = SHEET.width - SCAN_COL - 0.2 * PT;
  const contact = H2 + text.contact.reduce((sum, l) => sum + lines(l, bandLeft) * LINE, 0) + lines(text.emergency, bandLeft - 24, 13) * 21;
  const scan = Math.max(1.05 * PT, text.scan.reduce((sum, l) => sum + lines(l, SCAN_COL - 1.17 * PT, 12, true) * LINE + 0.04 * PT, 0));
  const band = 2.25 + 0.08 * PT + Math.max(contact, scan);
  const langs = text.languages.length ? 1 + 0.06 * PT + text.languages.reduce((sum, l) => sum + lines(l, SHEET.width, 12, true) * LINE + 0.03 * PT, 0) : 0;
  // Five per cent to spare for rounding in the browser's layout.
  const body = (SHEET.height - head - h1 - band - langs - GAP * (text.languages.length ? 4 : 3)) * 0.95;
  const boxWidth = LEFT_COL - 5 - 0.24 * PT;
  const what = H2 + lines(text.summary, LEFT_COL) * LINE;
  const when =
    5 + 0.16 * PT + lines(upper(text.whenHeading), boxWidth, 12, true) * LINE + 0.04 * PT + lines(text.dates, boxWidth, 17, true) * 17 * 1.15 + (text.then ? lines(text.then, boxWidth) * LINE + 0.04 * PT : 0);

  // The right column: the map's heading, the map, its key, the next meeting.
  let row = 0;
  let rows = text.legend.length ? 1 : 0;
  for (const entry of text.legend) {
    const w = 26 + 0.05 * PT + widthOf(entry);
    if (row && row + 0.14 * PT + w > RIGHT_COL) {
      rows++;
      row = w;
    } else row += (row ? 0.14 * PT : 0) + w;
  }
  const legend = rows ? 0.05 * PT + rows * 15.5 : 0;
  const meeting = COL_GAP + 1 + 0.07 * PT + H2 + text.meeting.bold.reduce((sum, l) => sum + lines(l, RIGHT_COL, 12, true) * LINE, 0) + text.meeting.plain.reduce((sum, l) => sum + lines(l, RIGHT_COL) * LINE, 0);
  const mapPt = Math.min((MAP_MAX * RIGHT_COL) / MAP_WIDTH, body - H2 - legend - meeting);
  const mapHeight = Math.max(MAP_MIN, Math.floor((mapPt * MAP_WIDTH) / RIGHT_COL));
  return { expectSpace: body - what - when - 2 * COL_GAP - H2, mapHeight };
}

const widthOf = (text: string) => textWidth(text, 12);

/** Height of one item in the list. */
export function expectItemHeight(item: ExpectItem): number {
  const width = LEFT_COL - ICON;
  return (lines(`${item.label}: ${item.when}`, width, 12, true) + lines(item.place + (item.hours ? `; ${item.hours}` : ''), width)) * LINE + 0.08 * PT + 1;
}

/**
 * The items that fit, and how many are left for the project page. When not all
 * fit, the ones that change a resident's day most (shut-offs, closures) are
 * kept first; they are shown in date order either way.
 */
export function fitExpect(items: ExpectItem[], space: number, weight: (item: ExpectItem) => number): { shown: ExpectItem[]; more: number } {
  const moreLine = LINE + 0.05 * PT;
  const total = items.reduce((sum, item) => sum + expectItemHeight(item), 1);
  if (total <= space) return { shown: items, more: 0 };
  const byWeight = items.map((item, index) => ({ item, index })).sort((a, b) => weight(a.item) - weight(b.item) || a.index - b.index);
  const keep = new Set<number>();
  let used = 1 + moreLine;
  for (const { item, index } of byWeight) {
    const h = expectItemHeight(item);
    if (used + h > space) continue;
    used += h;
    keep.add(index);
  }
  return { shown: items.filter((_, i) => keep.has(i)), more: items.length - keep.size };
}

export interface FlyerText {
  invited: string;
  title: string;
  subtitle: string;
  status?: string;
  day: string;
  time?: string;
  place: { bold: string; rest?: string }[];
  /** The texts that may be shortened, as sentences. */
  description: string[];
  summary: string[];
  /** Access items; the notes item (index given) may be shortened. */
  access: string[];
  notes?: string[];
  rsvp: string;
  scan: string[];
  languages: string[];
}

/**
 * How many sentences of the meeting's description, the project's summary and
 * the access notes the flyer has room for. The date, the place, access help,
 * RSVP and the QR code always fit; the longer texts give way, longest first
 * (the whole text is on the project page the QR code and the address lead to).
 */
export function fitFlyer(text: FlyerText): { description: number; summary: number; notes: number } {
  const W = SHEET.width;
  const head = 0.58 * PT + 0.08 * PT + 2.25;
  const title = 14 * 1.25 + lines(text.title, W, 32, true) * 32 * 1.05 + 0.04 * PT + lines(text.subtitle, W, 14, true) * 14 * 1.25;
  const status = text.status ? lines(text.status, W - 0.32 * PT - 5, 12, true) * LINE + 0.08 * PT + 0.06 * PT + 2 : 0;
  const boxInner = W - 0.32 * PT - 5 - 28 - 0.14 * PT;
  const when =
    5 +
    0.24 * PT +
    lines(text.day, boxInner, 21, true) * 21 * 1.2 +
    (text.time ? lines(text.time, boxInner, 21, true) * 21 * 1.2 : 0) +
    text.place.reduce((sum, p) => sum + 0.08 * PT + Math.max(28, (lines(p.bold, boxInner, 15, true) + (p.rest ? lines(p.rest, boxInner, 15) : 0)) * 15 * 1.25), 0);
  const rsvp = 1 + 0.07 * PT + lines(`${'X'.repeat(24)} ${text.rsvp}`, W, 14) * 14 * 1.25;
  const scanWidth = W - 2.6 * PT - 0.2 * PT - 1.2 * PT - 0.12 * PT;
  const band = 2.25 + 0.08 * PT + Math.max(1.2 * PT, lines(text.scan[0], scanWidth, 14, true) * 17.5 + text.scan.slice(1).reduce((sum, l) => sum + lines(l, scanWidth, 12, true) * LINE, 0));
  const langs = text.languages.length ? 1 + 0.06 * PT + text.languages.reduce((sum, l) => sum + lines(l, W, 12, true) * LINE + 0.03 * PT, 0) : 0;
  const blocks = 5 + (text.languages.length ? 1 : 0);
  const available = (SHEET.height - head - title - status - when - rsvp - band - langs - GAP * (blocks - 1)) * 0.95;

  const col = (W - 0.25 * PT) / 2;
  const itemWidth = col - 18 - 0.08 * PT;
  const left = (d: number, s: number) =>
    (text.description.length ? H2 + lines(text.description.slice(0, d).join(' '), col) * LINE + COL_GAP : 0) + H2 + lines(text.summary.slice(0, s).join(' '), col) * LINE;
  const right = (n: number) =>
    H2 +
    [...text.access, ...(text.notes?.length ? [text.notes.slice(0, n).join(' ')] : [])].reduce((sum, item) => sum + Math.max(18, lines(item, itemWidth) * LINE) + 0.06 * PT, 0);

  let d = Math.min(4, text.description.length);
  let s = Math.min(3, text.summary.length);
  let n = Math.min(3, text.notes?.length ?? 0);
  while (left(d, s) > available && (d > 1 || s > 1)) {
    if (s > 1 && (s >= d || d <= 1)) s--;
    else d--;
  }
  while (right(n) > available && n > 1) n--;
  return { description: d, summary: s, notes: n };
}

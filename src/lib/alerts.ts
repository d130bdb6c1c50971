import type { DateTime } from 'luxon';
import type { MultiPolygon, Polygon } from 'geojson';
import { ALERT_LEVELS, ALL_CLEAR, type AlertData, type AlertKind, type AlertWording, type HistoryLevel, type Localized } from '../schemas/alert.ts';
import { startInstant } from './time.ts';

/**
 * Critical alerts, pure: the state of an alert at a given instant, template
 * filling, and the CAP 1.2 message. No file system, no Astro.
 */

// ---- Templates ---------------------------------------------------------------

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** The placeholder names in a text, in order of first use. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The first brace that is not part of a {name} placeholder, with the text around it; null when there is none. */
export function brokenPlaceholder(text: string): string | null {
  const rest = text.replace(PLACEHOLDER, (whole) => ' '.repeat(whole.length));
  const at = rest.search(/[{}]/);
  if (at < 0) return null;
  if (text[at] === '}') return text.slice(text.lastIndexOf(' ', at) + 1, at + 1);
  const close = /^\{[^{}]{0,30}\}/.exec(text.slice(at));
  return close ? close[0] : text.slice(at).split(/\s/)[0];
}

/** Fills {name} placeholders; unknown ones stay as written and are listed in `missing`. */
export function fillTemplate(text: string, values: Record<string, string | undefined>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return value;
  });
  return { text: out, missing };
}

/** Fills every field of one wording block. */
export function fillWording(wording: AlertWording, values: Record<string, string | undefined>): { wording: AlertWording; missing: string[] } {
  const missing = new Set<string>();
  const out = {} as AlertWording;
  for (const key of ['headline', 'summary', 'sms', 'instructions'] as const) {
    const r = fillTemplate(wording[key], values);
    r.missing.forEach((m) => missing.add(m));
    out[key] = r.text;
  }
  return { wording: out, missing: [...missing] };
}

/** A localized value in one language: the shared text, or that language's (undefined when missing). */
export function localized(value: Localized | undefined, lang: string): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value[lang];
}

// ---- State at a time --------------------------------------------------------

export type AlertState = 'pending' | 'active' | 'expired' | 'lifted';

export interface AlertStatus {
  state: AlertState;
  /** The history entry in force (the first one before the alert starts). */
  index: number;
  level: HistoryLevel;
  /** The level went up at the entry in force (compared with the entry before it). */
  escalated: boolean;
  /** The level went down at the entry in force. */
  deescalated: boolean;
  /** When the alert starts. */
  start: DateTime;
  /** When it ends: the all-clear if there is one, else expires (whichever comes first). */
  end: DateTime;
}

type Timed = Pick<AlertData, 'effective' | 'expires' | 'history'>;

/** The rank of a level: notice 0 … do-not-drink 3; all-clear -1. */
export function levelRank(level: HistoryLevel): number {
  return level === ALL_CLEAR ? -1 : ALERT_LEVELS.indexOf(level);
}

/** When the alert ends: its all-clear, or its expiry, whichever is first. */
export function alertEnd(alert: Timed, zone: string): DateTime {
  const expires = startInstant(alert.expires, zone);
  const clear = alert.history.find((h) => h.level === ALL_CLEAR);
  if (!clear) return expires;
  const at = startInstant(clear.at, zone);
  return at < expires ? at : expires;
}

/** The state of an alert at `now`: pending before `effective`, then active until lifted or expired. */
export function alertStatus(alert: Timed, now: DateTime, zone: string): AlertStatus {
  const start = startInstant(alert.effective, zone);
  const end = alertEnd(alert, zone);
  let index = 0;
  alert.history.forEach((h, i) => {
    if (startInstant(h.at, zone) <= now) index = i;
  });
  const entry = alert.history[index];
  const prev = index > 0 ? alert.history[index - 1] : undefined;
  const rank = levelRank(entry.level);
  const prevRank = prev ? levelRank(prev.level) : rank;
  const lifted = alert.history.some((h) => h.level === ALL_CLEAR && startInstant(h.at, zone) <= now);
  let state: AlertState;
  if (now < start) state = 'pending';
  else if (lifted) state = 'lifted';
  else if (now >= startInstant(alert.expires, zone)) state = 'expired';
  else state = 'active';
  return {
    state,
    index,
    level: entry.level,
    escalated: entry.level !== ALL_CLEAR && rank > prevRank,
    deescalated: entry.level !== ALL_CLEAR && rank < prevRank && prevRank >= 0,
    start,
    end,
  };
}

// ---- CAP 1.2 -----------------------------------------------------------------

/** Text for XML character data and attribute values; characters XML 1.0 forbids are dropped. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** CAP's dateTime: 2026-11-30T14:00:00-06:00 (no Z, no fractions). */
export function capTime(dt: DateTime, zone: string): string {
  return dt.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

const CATEGORY: Record<AlertKind, string> = {
  'unplanned-outage': 'Infra',
  'low-pressure': 'Infra',
  'boil-water': 'Health',
  'do-not-drink': 'Health',
  'water-quality': 'Health',
  other: 'Other',
};
const RESPONSE: Record<AlertKind, string> = {
  'unplanned-outage': 'Prepare',
  'low-pressure': 'Monitor',
  'boil-water': 'Execute',
  'do-not-drink': 'Avoid',
  'water-quality': 'Monitor',
  other: 'Monitor',
};
const SEVERITY: Record<HistoryLevel, string> = { notice: 'Minor', advisory: 'Moderate', warning: 'Severe', 'do-not-drink': 'Extreme', 'all-clear': 'Minor' };

export interface CapInfo {
  lang: string;
  /** The kind in words, e.g. "Boil-water advisory". */
  event: string;
  wording: AlertWording;
  /** The history note in force, if any. */
  note?: string;
  /** Absolute URL of the alert page in this language. */
  web: string;
  areaDesc: string;
}

export interface CapInput {
  id: string;
  kind: AlertKind;
  drill: boolean;
  effective: string;
  expires: string;
  history: AlertData['history'];
  /** The history entry this message is for (the one in force at SITE_NOW). */
  index: number;
  zone: string;
  /** The sender: the site's host name, e.g. projects.example.org. */
  sender: string;
  senderName: string;
  contact?: string;
  polygon: Polygon | MultiPolygon | null;
  /** One per language, default first. */
  infos: CapInfo[];
}

/** The identifier of the message for history entry `n` (unique and stable). */
export function capIdentifier(sender: string, id: string, n: number): string {
  return `${sender}.alert.${id}.${n + 1}`;
}

/** CAP polygons: closed rings of "lat,lon" pairs, one per outer ring (CAP has no holes). */
export function capPolygons(polygon: Polygon | MultiPolygon | null): string[] {
  if (!polygon) return [];
  const outer = polygon.type === 'Polygon' ? [polygon.coordinates[0]] : polygon.coordinates.map((p) => p[0]);
  return outer.map((ring) => {
    const closed = ring.length && (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1]) ? [...ring, ring[0]] : ring;
    return closed.map(([lon, lat]) => `${lat},${lon}`).join(' ');
  });
}

/**
 * The CAP 1.2 message for one history entry: Alert for the first, Update for
 * later levels, Cancel for the all-clear, each referencing every earlier
 * message; status Test for drills; one <info> per language; the polygon in <area>.
 */
export function buildCap(input: CapInput): string {
  const { zone, sender } = input;
  const entry = input.history[input.index];
  const allClear = entry.level === ALL_CLEAR;
  const sentOf = (i: number) => capTime(startInstant(input.history[i].at, zone), zone);
  const msgType = allClear ? 'Cancel' : input.index === 0 ? 'Alert' : 'Update';
  const references = input.history.slice(0, input.index).map((_, i) => `${sender},${capIdentifier(sender, input.id, i)},${sentOf(i)}`);
  const el = (name: string, value: string, indent: string) => `${indent}<${name}>${xmlEscape(value)}</${name}>`;
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'];
  const a = '  ';
  lines.push(el('identifier', capIdentifier(sender, input.id, input.index), a));
  lines.push(el('sender', sender, a));
  lines.push(el('sent', sentOf(input.index), a));
  lines.push(el('status', input.drill ? 'Test' : 'Actual', a));
  lines.push(el('msgType', msgType, a));
  lines.push(el('scope', 'Public', a));
  if (input.drill) lines.push(el('note', 'Drill: this is a test message. No action is needed.', a));
  if (references.length) lines.push(el('references', references.join(' '), a));
  const polygons = capPolygons(input.polygon);
  const b = '    ';
  const c = '      ';
  for (const info of input.infos) {
    lines.push(`${a}<info>`);
    lines.push(el('language', info.lang, b));
    lines.push(el('category', CATEGORY[input.kind], b));
    lines.push(el('event', info.event, b));
    lines.push(el('responseType', allClear ? 'AllClear' : entry.level === 'do-not-drink' ? 'Avoid' : RESPONSE[input.kind], b));
    lines.push(el('urgency', allClear ? 'Past' : 'Immediate', b));
    lines.push(el('severity', SEVERITY[entry.level], b));
    lines.push(el('certainty', 'Observed', b));
    lines.push(el('effective', capTime(startInstant(input.effective, zone), zone), b));
    lines.push(el('expires', capTime(startInstant(input.expires, zone), zone), b));
    lines.push(el('senderName', input.senderName, b));
    lines.push(el('headline', info.wording.headline, b));
    lines.push(el('description', [info.wording.summary, info.note].filter(Boolean).join('\n\n'), b));
    lines.push(el('instruction', info.wording.instructions, b));
    lines.push(el('web', info.web, b));
    if (input.contact) lines.push(el('contact', input.contact, b));
    lines.push(`${b}<parameter>`, el('valueName', 'SMS', c), el('value', info.wording.sms, c), `${b}</parameter>`);
    lines.push(`${b}<area>`, el('areaDesc', info.areaDesc, c), ...polygons.map((p) => el('polygon', p, c)), `${b}</area>`);
    lines.push(`${a}</info>`);
  }
  lines.push('</alert>', '');
  return lines.join('\n');
}

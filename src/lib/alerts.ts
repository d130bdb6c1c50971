import type { DateTime } from 'luxon';
import type { MultiPolygon, Polygon } from 'geojson';
import { ALL_CLEAR, type AlertData, type AlertKind, type AlertLevel, type AlertWording, type HistoryLevel, type Instruction, type Localized } from '../schemas/alert.ts';
import { levelRank } from './alert-ladder.ts';
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
  /** The level went up the ladder at the entry in force (compared with the entry before it). */
  escalated: boolean;
  /** The level went down at the entry in force. */
  deescalated: boolean;
  /** When the alert starts. */
  start: DateTime;
  /** When it ends: the all-clear if there is one, else expires (whichever comes first); null "until further notice". */
  end: DateTime | null;
}

type Timed = Pick<AlertData, 'effective' | 'expires' | 'history'>;

/** When the alert ends: its all-clear, or its expiry, whichever is first; null while it is in force until further notice. */
export function alertEnd(alert: Timed, zone: string): DateTime | null {
  const expires = alert.expires ? startInstant(alert.expires, zone) : null;
  const clear = alert.history.find((h) => h.level === ALL_CLEAR);
  if (!clear) return expires;
  const at = startInstant(clear.at, zone);
  return expires && expires < at ? expires : at;
}

/**
 * The state of an alert at `now`: pending before `effective`, then active
 * until a person lifts it (all-clear) or its planned `expires` passes. An
 * alert without `expires` never ends by itself.
 */
export function alertStatus(alert: Timed, now: DateTime, zone: string, ladder: AlertLevel[]): AlertStatus {
  const start = startInstant(alert.effective, zone);
  const end = alertEnd(alert, zone);
  let index = 0;
  alert.history.forEach((h, i) => {
    if (startInstant(h.at, zone) <= now) index = i;
  });
  const entry = alert.history[index];
  const prev = index > 0 ? alert.history[index - 1] : undefined;
  const rank = levelRank(ladder, entry.level);
  const prevRank = prev ? levelRank(ladder, prev.level) : rank;
  const lifted = alert.history.some((h) => h.level === ALL_CLEAR && startInstant(h.at, zone) <= now);
  let state: AlertState;
  if (now < start) state = 'pending';
  else if (lifted) state = 'lifted';
  else if (alert.expires && now >= startInstant(alert.expires, zone)) state = 'expired';
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

// ---- CAP 1.2, IPAWS profile ------------------------------------------------------

/** Text for XML character data and attribute values; characters XML 1.0 forbids are dropped. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** CAP's dateTime: 2026-11-30T14:00:00-06:00 (an offset, never Z; no fractions). */
export function capTime(dt: DateTime, zone: string): string {
  return dt.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/** CAP's language tag, as IPAWS expects it: en → en-US (a tag with a region stays). */
export function capLanguage(lang: string, region: string): string {
  return lang.includes('-') ? lang : `${lang}-${region}`;
}

const CATEGORY: Record<AlertKind, string> = {
  'unplanned-outage': 'Infra',
  'low-pressure': 'Infra',
  'boil-water': 'Health',
  'do-not-drink': 'Health',
  'do-not-use': 'Health',
  'water-quality': 'Health',
  other: 'Other',
};
const RESPONSE: Record<Instruction, string> = {
  informational: 'Monitor',
  conserve: 'Prepare',
  'no-water': 'Prepare',
  boil: 'Execute',
  'do-not-drink': 'Avoid',
  'do-not-use': 'Avoid',
  restored: 'AllClear',
};

export interface CapInfo {
  /** The site language, e.g. en (CAP gets en-US). */
  lang: string;
  /** The level in words, e.g. "Boil Water Notice". */
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
  /** The planned end; absent "until further notice". */
  expires?: string;
  history: AlertData['history'];
  /** The ladder level of each history entry (null for the all-clear). */
  levels: (AlertLevel | null)[];
  /** What the wording in force at each entry tells residents. */
  instructions: Instruction[];
  /** The history entry this message is for (the one in force at SITE_NOW). */
  index: number;
  /** SITE_NOW: the build's clock. */
  now: DateTime;
  zone: string;
  /** The sender: the site's host name, e.g. projects.example.org. */
  sender: string;
  senderName: string;
  contact?: string;
  polygon: Polygon | MultiPolygon | null;
  /** The SAME event code of this message (3 letters). */
  eventCode: string;
  /** SAME county codes and originator; absent when site.yaml gives none (the checker warns). */
  same?: { geocodes: string[]; originator: string };
  /** The region for CAP language tags (US: en-US, es-US). */
  languageRegion: string;
  /** Hours between two builds at most, and how far past a build a message "until further notice" expires. */
  rebuildHours: number;
  horizonHours: number;
  /** One per language, default first. */
  infos: CapInfo[];
}

/** The identifier of the message for history entry `n` (unique and stable); `reissue` k > 0 for its k-th rolling re-issue. */
export function capIdentifier(sender: string, id: string, n: number, reissue = 0): string {
  return `${sender}.alert.${id}.${n + 1}${reissue ? `.r${reissue}` : ''}`;
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

export interface CapMessage {
  identifier: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  sent: DateTime;
  expires: DateTime;
  /** Earlier messages this one replaces: "sender,identifier,sent". */
  references: string[];
}

/**
 * Which message is in force at SITE_NOW, and when it expires. IPAWS needs an
 * <expires>, but an alert "until further notice" has no end: its message
 * expires a rolling horizon (capHorizonHours) past its sending, and is
 * re-issued as an Update every rebuildHours, so a build always publishes a
 * message that has not expired, whatever the clock, until a person lifts it.
 */
export function capMessage(input: Pick<CapInput, 'id' | 'expires' | 'history' | 'index' | 'now' | 'zone' | 'sender' | 'rebuildHours' | 'horizonHours'>): CapMessage {
  const { zone, sender, id, history, index } = input;
  const hours = (h: number) => h * 3600_000;
  const atOf = (i: number) => startInstant(history[i].at, zone);
  const rolling = !input.expires;
  /** Re-issues of entry i sent before `until`: 0 when none. */
  const reissuesBefore = (i: number, until: DateTime) => (rolling ? Math.max(0, Math.floor((until.toMillis() - atOf(i).toMillis()) / hours(input.rebuildHours))) : 0);
  const ref = (i: number, k: number) => `${sender},${capIdentifier(sender, id, i, k)},${capTime(atOf(i).plus({ milliseconds: k * hours(input.rebuildHours) }), zone)}`;
  const references: string[] = [];
  for (let i = 0; i < index; i++) {
    references.push(ref(i, 0));
    const k = history[i + 1] ? reissuesBefore(i, atOf(i + 1).minus({ milliseconds: 1 })) : 0;
    if (k > 0) references.push(ref(i, k));
  }
  const entry = history[index];
  const at = atOf(index);
  if (entry.level === ALL_CLEAR)
    return { identifier: capIdentifier(sender, id, index), msgType: 'Cancel', sent: at, expires: at.plus({ hours: input.horizonHours }), references };
  if (!rolling) return { identifier: capIdentifier(sender, id, index), msgType: index === 0 ? 'Alert' : 'Update', sent: at, expires: startInstant(input.expires!, zone), references };
  const k = input.now < at ? 0 : reissuesBefore(index, input.now);
  const sent = at.plus({ milliseconds: k * hours(input.rebuildHours) });
  if (k > 0) {
    references.push(ref(index, 0));
    if (k > 1) references.push(ref(index, k - 1));
  }
  return {
    identifier: capIdentifier(sender, id, index, k),
    msgType: index === 0 && k === 0 ? 'Alert' : 'Update',
    sent,
    expires: sent.plus({ hours: input.horizonHours }),
    references,
  };
}

/**
 * The CAP 1.2 message for the history entry in force, to the IPAWS profile:
 * <code>IPAWSv1.0</code>; Alert for the first entry, Update for later levels
 * and rolling re-issues, Cancel for the all-clear, each referencing the
 * earlier messages; status Test for drills; one <info> per language (en-US
 * first), each with the same category and SAME event code, an <expires>, the
 * EAS-ORG parameter, and the polygon and SAME county codes in <area>.
 * Elements follow the XSD's strict order.
 */
export function buildCap(input: CapInput): string {
  const { zone, sender } = input;
  const entry = input.history[input.index];
  const allClear = entry.level === ALL_CLEAR;
  const level = input.levels[input.index];
  const message = capMessage(input);
  const el = (name: string, value: string, indent: string) => `${indent}<${name}>${xmlEscape(value)}</${name}>`;
  const pair = (name: string, valueName: string, value: string, indent: string) =>
    [`${indent}<${name}>`, el('valueName', valueName, indent + '  '), el('value', value, indent + '  '), `${indent}</${name}>`];
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'];
  const a = '  ';
  lines.push(el('identifier', message.identifier, a));
  lines.push(el('sender', sender, a));
  lines.push(el('sent', capTime(message.sent, zone), a));
  lines.push(el('status', input.drill ? 'Test' : 'Actual', a));
  lines.push(el('msgType', message.msgType, a));
  lines.push(el('scope', 'Public', a));
  lines.push(el('code', 'IPAWSv1.0', a));
  const notes = [
    input.drill ? 'Drill: this is a test message. No action is needed.' : '',
    !input.expires && !allClear ? `In force until further notice: the expiry is a rolling horizon, and this message is re-issued as an Update at least every ${input.rebuildHours} hours until the alert is lifted.` : '',
  ].filter(Boolean);
  if (notes.length) lines.push(el('note', notes.join(' '), a));
  if (message.references.length) lines.push(el('references', message.references.join(' '), a));
  const polygons = capPolygons(input.polygon);
  const b = '    ';
  const c = '      ';
  // The level lifted by an all-clear is the one before it.
  const shown = level ?? input.levels.slice(0, input.index).reverse().find(Boolean) ?? null;
  for (const info of input.infos) {
    lines.push(`${a}<info>`);
    lines.push(el('language', capLanguage(info.lang, input.languageRegion), b));
    lines.push(el('category', CATEGORY[input.kind], b));
    lines.push(el('event', info.event, b));
    lines.push(el('responseType', allClear ? 'AllClear' : RESPONSE[input.instructions[input.index]], b));
    lines.push(el('urgency', allClear || !shown ? 'Past' : shown.cap.urgency, b));
    lines.push(el('severity', allClear || !shown ? 'Minor' : shown.cap.severity, b));
    lines.push(el('certainty', allClear || !shown ? 'Observed' : shown.cap.certainty, b));
    lines.push(...pair('eventCode', 'SAME', input.eventCode, b));
    lines.push(el('effective', capTime(startInstant(input.effective, zone), zone), b));
    lines.push(el('expires', capTime(message.expires, zone), b));
    lines.push(el('senderName', input.senderName, b));
    lines.push(el('headline', info.wording.headline, b));
    lines.push(el('description', [info.wording.summary, info.note].filter(Boolean).join('\n\n'), b));
    lines.push(el('instruction', info.wording.instructions, b));
    lines.push(el('web', info.web, b));
    if (input.contact) lines.push(el('contact', input.contact, b));
    if (input.same) lines.push(...pair('parameter', 'EAS-ORG', input.same.originator, b));
    lines.push(...pair('parameter', 'SMS', info.wording.sms, b));
    lines.push(`${b}<area>`, el('areaDesc', info.areaDesc, c), ...polygons.map((p) => el('polygon', p, c)));
    for (const code of input.same?.geocodes ?? []) lines.push(...pair('geocode', 'SAME', code, c));
    lines.push(`${b}</area>`);
    lines.push(`${a}</info>`);
  }
  lines.push('</alert>', '');
  return lines.join('\n');
}

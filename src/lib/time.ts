import { DateTime, IANAZone } from 'luxon';
import { memoize } from './memo.ts';

/**
 * Every date in the content is a wall-clock time in the utility's zone. These
 * helpers turn them into instants and format them back, always in that zone,
 * so the build machine's TZ never leaks into the output.
 */

/**
 * The instant a local date or date-time begins, in the given zone. DateTimes
 * are immutable, so one per (zone, local) is shared.
 */
export const startInstant = memoize(startInstantNow, (local: string, zone: string) => `${zone} ${local}`, 200_000);

function startInstantNow(local: string, zone: string): DateTime {
  rememberZoneOffsets(zone);
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`Invalid local date "${local}" (${dt.invalidExplanation})`);
  return dt;
}

// Marks a zone already wrapped, also by another bundled copy of this module.
const REMEMBERING = Symbol.for('underway.rememberZoneOffsets');

/**
 * Luxon asks Intl for a zone's offset on every conversion, and that call was the
 * largest single cost of building a thousand projects (npm run bench -- profile).
 * An offset at a given instant never changes, so remember each one on Luxon's
 * shared zone object (IANAZone.create returns the same instance for a name).
 */
export function rememberZoneOffsets(zone: string): void {
  const z = IANAZone.create(zone) as IANAZone & { [REMEMBERING]?: true };
  if (z[REMEMBERING] || !z.isValid) return;
  z[REMEMBERING] = true;
  const offset = z.offset.bind(z);
  z.offset = memoize(offset, (ts: number) => ts, 500_000);
  const offsetName = z.offsetName.bind(z);
  z.offsetName = memoize(offsetName, (ts, opts) => `${ts} ${opts.format} ${opts.locale}`);
}

/** The instant a local date or date-time ends: a bare date lasts until the end of that day. */
export function endInstant(local: string, zone: string): DateTime {
  const dt = startInstant(local, zone);
  return isDateOnly(local) ? dt.plus({ days: 1 }) : dt;
}

export function isDateOnly(local: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(local);
}

/**
 * "Now" for this build: SITE_NOW when set (so tests and rebuilds are reproducible),
 * otherwise the real clock.
 */
export function siteNow(env: Record<string, string | undefined> = process.env): DateTime {
  const raw = env.SITE_NOW;
  if (!raw) return DateTime.utc();
  const dt = DateTime.fromISO(raw, { setZone: true });
  if (!dt.isValid) throw new Error(`SITE_NOW="${raw}" is not an ISO date-time, e.g. 2027-03-01T12:00:00Z`);
  return dt;
}

/** ISO string with the zone's offset, for <time datetime> and client-side refresh. */
export function isoInZone(dt: DateTime, zone: string): string {
  return dt.setZone(zone).toISO({ suppressMilliseconds: true }) ?? '';
}

export interface FormatOptions {
  lang: string;
  zone: string;
}

/** "Tuesday 3 March 2027" / "martes, 3 de marzo de 2027". */
export const formatDate = memoize(formatDateNow, (local: string, o: FormatOptions) => `${local} ${o.lang} ${o.zone}`);

function formatDateNow(local: string, { lang, zone }: FormatOptions): string {
  return startInstant(local, zone).setLocale(lang).toLocaleString({
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** "3 Mar 2027" style short date. */
export const formatShortDate = memoize(formatShortDateNow, (local: string, o: FormatOptions) => `${local} ${o.lang} ${o.zone}`);

function formatShortDateNow(local: string, { lang, zone }: FormatOptions): string {
  return startInstant(local, zone).setLocale(lang).toLocaleString({ day: 'numeric', month: 'short', year: 'numeric' });
}

/** "9:00 AM" in the utility's zone. */
export const formatTime = memoize(formatTimeNow, (local: string, o: FormatOptions) => `${local} ${o.lang} ${o.zone}`);

function formatTimeNow(local: string, { lang, zone }: FormatOptions): string {
  return startInstant(local, zone).setLocale(lang).toLocaleString({ hour: 'numeric', minute: '2-digit' });
}

/** The zone's abbreviation at that moment, e.g. CST or CDT, so readers elsewhere know. */
export const zoneAbbreviation = memoize(zoneAbbreviationNow, (local: string, o: FormatOptions) => `${local} ${o.lang} ${o.zone}`);

function zoneAbbreviationNow(local: string, { lang, zone }: FormatOptions): string {
  return startInstant(local, zone).setLocale(lang).toFormat('ZZZZ');
}

/** Whole days from a to b (b later gives a positive number). */
export function daysBetween(a: DateTime, b: DateTime): number {
  return Math.floor(b.diff(a, 'days').days);
}

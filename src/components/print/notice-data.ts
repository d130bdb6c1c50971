import fs from 'node:fs';
import path from 'node:path';
import type { Polygon, MultiPolygon } from 'geojson';
import type { ProjectEntry } from '../../lib/content/load.ts';
import type { SiteModel } from '../../lib/site-model.ts';
import type { Meeting } from '../../schemas/meeting.ts';
import type { Phase } from '../../schemas/timeline.ts';
import type { DisruptionFeature } from '../../schemas/geojson.ts';
import { translator, type UiKey } from '../../i18n/index.ts';
import { pagePath, absoluteUrl } from '../../lib/paths.ts';
import { describePlace, describeRange } from '../../lib/describe-dates.ts';
import { endInstant, formatDate, formatTime, isDateOnly, startInstant, zoneAbbreviation } from '../../lib/time.ts';
import { readEnv } from '../../lib/env.ts';

/**
 * What the printed notice and flyer say, worked out from the same content and
 * the same rules as the project page, so paper never contradicts the web.
 */

export type T = ReturnType<typeof translator>;

/** Web addresses of a project's pages, absolute and in the short form printed under a QR code. */
export function projectUrls(model: SiteModel, slug: string, lang: string) {
  const abs = (route: string) => absoluteUrl(model.origin, model.base, pagePath(model.base, model.defaultLang, lang, route));
  const page = abs(`projects/${slug}/`);
  const notice = abs(`projects/${slug}/notice/`);
  return { page, notice, shortPage: shortUrl(page), shortNotice: shortUrl(notice) };
}

/** "https://example.org/projects/elm/" → "example.org/projects/elm": what people type. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

export function noticePath(model: SiteModel, lang: string, slug: string): string {
  return pagePath(model.base, model.defaultLang, lang, `projects/${slug}/notice/`);
}

export function flyerPath(model: SiteModel, lang: string, slug: string, id: string): string {
  return pagePath(model.base, model.defaultLang, lang, `projects/${slug}/meetings/${id}/flyer/`);
}

/** The meeting's own calendar file (one VEVENT), which the flyer's QR code opens. */
export function meetingIcsUrl(model: SiteModel, lang: string, slug: string, id: string): string {
  return absoluteUrl(model.origin, model.base, pagePath(model.base, model.defaultLang, lang, `projects/${slug}/meetings/${id}.ics`));
}

/** Meetings that get a flyer: not over at build time, and not cancelled. Soonest first. */
export function flyerMeetings(project: ProjectEntry, model: SiteModel): Meeting[] {
  const now = model.now.toMillis();
  return project.data.meetings
    .filter((m) => m.status !== 'cancelled' && endInstant(m.end, model.zone).toMillis() > now)
    .sort((a, b) => startInstant(a.start, model.zone).toMillis() - startInstant(b.start, model.zone).toMillis());
}

/** A text split into sentences. */
export function splitSentences(text: string): string[] {
  // A sentence ends at . ! or ? followed by a space and a capital (so "7 a.m. on" stays whole).
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?]["'’”)\]]*)\s+(?=["'“¿¡(]?[A-ZÁÉÍÓÚÑÜ0-9])/u)
    .filter(Boolean);
}

/** The first `n` sentences of a text (the summary is meant to be two or three). */
export function sentences(text: string, n: number): string {
  return splitSentences(text).slice(0, n).join(' ');
}

/** A day in words: "July 13, 2026" / "13 de julio de 2026". */
export function longDay(local: string, lang: string, zone: string): string {
  return startInstant(local, zone).setLocale(lang).toLocaleString({ month: 'long', day: 'numeric', year: 'numeric' });
}

export interface NoticePhase {
  /** now: under way; next: the next phase; done: the project is complete. */
  stage: 'now' | 'next' | 'done';
  name: string;
  dates: string;
  estimated: boolean;
  description: string;
}

export function phaseName(p: Phase, t: T): string {
  return p.label ?? t(`phase.${p.phase}` as UiKey);
}

function phaseDates(p: Phase, lang: string, zone: string, t: T): string {
  if (p.displayDates) return p.displayDates;
  if (!p.end) return longDay(p.start, lang, zone);
  return t('project.dateRange', { start: longDay(p.start, lang, zone), end: longDay(p.end, lang, zone) });
}

/** The active phase, or the next one when the project has not reached construction yet. */
export function noticePhases(project: ProjectEntry, model: SiteModel): { main: NoticePhase; then?: NoticePhase } {
  const t = translator(project.lang);
  const { timeline } = project.data;
  const status = model.status(project);
  const make = (p: Phase, stage: NoticePhase['stage']): NoticePhase => ({
    stage,
    name: phaseName(p, t),
    dates: phaseDates(p, project.lang, model.zone, t),
    estimated: p.estimated,
    description: p.description,
  });
  let index: number;
  let stage: NoticePhase['stage'];
  if (status.status === 'complete') {
    index = Math.max(0, status.index);
    stage = 'done';
  } else if (status.status === 'active') {
    index = status.index;
    stage = 'now';
  } else {
    index = Math.min(timeline.length - 1, status.index + 1);
    stage = status.index >= 0 && index === status.index ? 'now' : 'next';
  }
  const main = make(timeline[index], stage);
  const following = stage !== 'done' ? timeline[index + 1] : undefined;
  return { main, then: following ? make(following, 'next') : undefined };
}

export interface ExpectItem {
  /** The kinds at this place and time, most disruptive first (the first one's icon is shown). */
  kinds: DisruptionFeature['properties']['kind'][];
  label: string;
  when: string;
  place: string;
  hours?: string;
}

/** Which kind leads a merged item: what changes a resident's day the most. */
export const KIND_WEIGHT: DisruptionFeature['properties']['kind'][] = ['water-shut-off', 'road-closure', 'night-work', 'parking-restriction', 'lane-closure', 'detour', 'sidewalk-closure', 'work-zone'];

/**
 * Dates for paper, short but complete: "Tue, Dec 8, 9:00 AM – 3:00 PM" within a
 * day or two, "Mon, Nov 16 – Fri, Dec 18" for longer spans (the daily hours are
 * given beside it), with the year wherever it is not the current one.
 */
export function paperRange(start: string, end: string, lang: string, zone: string, nowYear: number): string {
  const s = startInstant(start, zone).setLocale(lang);
  const e = (isDateOnly(end) ? endInstant(end, zone).minus({ days: 1 }) : startInstant(end, zone)).setLocale(lang);
  const day = (d: typeof s, withYear: boolean) => d.toLocaleString({ weekday: 'short', month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) });
  const time = (d: typeof s) => d.toLocaleString({ hour: 'numeric', minute: '2-digit' });
  const timed = !isDateOnly(start) && !isDateOnly(end);
  const endYear = e.year !== nowYear || s.year !== e.year;
  const startYear = s.year !== e.year;
  if (s.hasSame(e, 'day')) return timed ? `${day(s, endYear)}, ${time(s)} – ${time(e)}` : day(s, endYear);
  if (timed && e.diff(s, 'hours').hours <= 36) return `${day(s, startYear)}, ${time(s)} – ${day(e, endYear)}, ${time(e)}`;
  return `${day(s, startYear)} – ${day(e, endYear)}`;
}

/** Disruptions not over at build time, soonest first, with identical ones merged. */
export function activeDisruptions(project: ProjectEntry, model: SiteModel): DisruptionFeature[] {
  const now = model.now.toMillis();
  return project.disruptions
    .filter((f) => endInstant(f.properties.end, model.zone).toMillis() > now)
    .sort((a, b) => startInstant(a.properties.start, model.zone).toMillis() - startInstant(b.properties.start, model.zone).toMillis());
}

export function expectItems(project: ProjectEntry, model: SiteModel): ExpectItem[] {
  const t = translator(project.lang);
  const lang = project.lang;
  const nowYear = model.now.setZone(model.zone).year;
  const items = new Map<string, ExpectItem>();
  for (const f of activeDisruptions(project, model)) {
    const p = f.properties;
    const when = paperRange(p.start, p.end, lang, model.zone, nowYear);
    const place = describePlace({ street: p.street, from: p.from, to: p.to, block: p.from && p.to ? undefined : p.block }, t);
    // The same place and time: one item ("Road closure, detour, sidewalk closed").
    const key = `${when}|${place}`;
    const item = items.get(key) ?? { kinds: [], label: '', when, place, hours: undefined };
    if (!item.kinds.includes(p.kind)) item.kinds.push(p.kind);
    item.hours ??= p.hours;
    items.set(key, item);
  }
  return [...items.values()].map((item) => {
    const kinds = [...item.kinds].sort((a, b) => KIND_WEIGHT.indexOf(a) - KIND_WEIGHT.indexOf(b));
    const label = kinds.map((k, i) => (i ? t(`kind.${k}` as UiKey).toLocaleLowerCase(lang) : t(`kind.${k}` as UiKey))).join(', ');
    return { ...item, kinds, label };
  });
}

export interface MeetingFacts {
  meeting: Meeting;
  day: string;
  time: string;
  zone: string;
  /** Venue name and address lines, when in person. */
  venue?: { name: string; address: string[] };
  online?: string;
}

export function meetingFacts(m: Meeting, lang: string, zone: string): MeetingFacts {
  const fmt = { lang, zone };
  const sameDay = m.start.slice(0, 10) === m.end.slice(0, 10);
  const timed = !isDateOnly(m.start);
  return {
    meeting: m,
    day: sameDay ? formatDate(m.start, fmt) : describeRange(m.start, m.end, fmt),
    time: sameDay && timed ? `${formatTime(m.start, fmt)} – ${formatTime(m.end, fmt)}` : '',
    zone: timed ? zoneAbbreviation(m.start, fmt) : '',
    venue: m.venue ? { name: m.venue.name, address: m.venue.address } : undefined,
    online: m.online,
  };
}

/** The site logo as a data: URI, so printing makes no request for it. */
export function logoDataUri(model: SiteModel): string | undefined {
  const logo = model.site.logo;
  if (!logo) return undefined;
  const file = path.resolve(readEnv().contentDir, logo.src);
  if (!fs.existsSync(file)) return undefined;
  const ext = path.extname(file).toLowerCase();
  const mime = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' }[ext] ?? 'application/octet-stream';
  return `data:${mime};base64,${fs.readFileSync(file).toString('base64')}`;
}

/** The service area, to frame a project with no street work (e.g. a citywide program). */
export function serviceAreaGeometry(model: SiteModel): Polygon | MultiPolygon | undefined {
  const area = model.site.serviceArea;
  if (area.bbox) {
    const [w, s, e, n] = area.bbox;
    return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
  }
  if (!area.file) return undefined;
  try {
    let g = JSON.parse(fs.readFileSync(path.resolve(readEnv().contentDir, area.file), 'utf8'));
    if (g?.type === 'FeatureCollection') g = g.features?.[0];
    if (g?.type === 'Feature') g = g.geometry;
    return g?.type === 'Polygon' || g?.type === 'MultiPolygon' ? g : undefined;
  } catch {
    return undefined;
  }
}

/** "Para recibir este aviso en español…": one line in each other site language. */
export function otherLanguageLines(project: ProjectEntry, model: SiteModel, kind: 'notice' | 'flyer', meetingId?: string) {
  return model.languages
    .filter((l) => l !== project.lang)
    .map((l) => {
      const t = translator(l);
      const translated = project.languages.includes(l);
      const url = shortUrl(
        absoluteUrl(model.origin, model.base, kind === 'notice' ? noticePath(model, l, project.slug) : flyerPath(model, l, project.slug, meetingId!)),
      );
      const text = translated
        ? t(kind === 'notice' ? 'notice.getHere' : 'flyer.getHere', { url })
        : t(kind === 'notice' ? 'notice.getByPhone' : 'flyer.getByPhone', { phone: model.site.contacts.phone });
      return { lang: l, text };
    });
}

export const tel = (phone: string) => `tel:${phone.replace(/[^+0-9]/g, '')}`;

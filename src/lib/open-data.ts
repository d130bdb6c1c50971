import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { DateTime } from 'luxon';
import type { Meeting } from '../schemas/meeting.ts';
import type { Phase } from '../schemas/timeline.ts';
import type { DisruptionKind } from '../schemas/disruption.ts';
import type { ProjectEntry } from './content/load.ts';
import type { DisruptionFeature } from '../schemas/geojson.ts';
import type { SiteModel } from './site-model.ts';
import type { UiKey } from '../i18n/en.ts';
import { translator } from '../i18n/index.ts';
import { describePlace } from './describe-dates.ts';
import { absoluteUrl, pagePath } from './paths.ts';
import { endInstant, isoInZone, startInstant } from './time.ts';
import { isSafeUrl } from './urls.ts';

/**
 * The open data files: projects.json (one record per project) and
 * projects.geojson (every disruption, with its project's properties). Pure:
 * everything comes from the site model, and "now" is SITE_NOW, so the same
 * content and SITE_NOW give the same bytes.
 *
 * Both are in the site's default language (each project record lists its
 * translations). Calendar days from the content stay as they were written
 * (2027-03-03); moments (a meeting's start, a disruption's start) are ISO 8601
 * with the utility's UTC offset at that moment (2027-03-03T18:00:00-06:00),
 * and the content's wall-clock text is kept beside them. Every link is
 * http(s), mailto or tel: the content schema checks them, and the builders
 * check again and leave out anything else.
 */

export type OpenDataModel = Pick<SiteModel, 'site' | 'zone' | 'now' | 'origin' | 'base' | 'defaultLang' | 'projects' | 'bySlug' | 'status'>;

export interface PhaseRecord {
  phase: Phase['phase'];
  label?: string;
  /** First day, YYYY-MM-DD in the utility's zone. */
  start: string;
  /** Last day; absent for an open-ended last phase. */
  end?: string;
  estimated: boolean;
  displayDates?: string;
}

export interface MeetingRecord {
  id: string;
  title: string;
  kind: Meeting['kind'];
  status: Meeting['status'];
  statusReason?: string;
  /** The content's local wall-clock time, e.g. 2027-03-03T18:00. */
  localStart: string;
  localEnd: string;
  /** ISO 8601 with the utility's offset. */
  start: string;
  end: string;
  venue?: { name: string; address: string[]; lat?: number; lon?: number };
  online?: string;
  rsvp?: string;
  /** The meeting on the project page. */
  url: string;
  /** A calendar file with this one meeting. */
  calendar: string;
}

export interface ProjectRecord {
  slug: string;
  title: string;
  summary: string;
  type: string;
  /** planned, active (under construction or restoration) or complete, on SITE_NOW. */
  status: string;
  /** The phase on SITE_NOW; null before the first phase starts. */
  currentPhase: PhaseRecord | null;
  /** First day of the first phase and last day of the last phase that has an end (YYYY-MM-DD). */
  start: string;
  end: string | null;
  timeline: PhaseRecord[];
  neighborhoods: string[];
  streets: string[];
  location: { lat: number; lon: number };
  contractor?: string;
  cost?: number;
  currency: string;
  households?: number;
  /** The next meeting that has not ended and is not cancelled, or null. */
  nextMeeting: MeetingRecord | null;
  lastUpdate: { date: string; title: string } | null;
  disruptions: number;
  links: { page: string; updates: string; calendar: string };
  translations: { lang: string; title: string; summary: string; page: string; updates: string }[];
}

export interface ProjectsFile {
  site: { name: string; url: string; timeZone: string; language: string };
  /** SITE_NOW: statuses and "next" are as of this moment. */
  generated: string;
  projects: ProjectRecord[];
}

export interface DisruptionRecordProperties {
  id: string;
  kind: DisruptionKind;
  kindLabel: string;
  /** Where, in words: "Elm St between 4th Ave and 5th Ave". */
  place: string;
  street: string;
  from?: string;
  to?: string;
  block?: string;
  /** The content's local wall-clock text (a bare date means the whole day). */
  start: string;
  end: string;
  /** The same moments in ISO 8601 with the utility's offset; a bare end date ends at midnight after it. */
  startsAt: string;
  endsAt: string;
  /** On SITE_NOW. */
  timing: 'ended' | 'underway' | 'upcoming';
  hours?: string;
  description: string;
  project: string;
  projectTitle: string;
  projectUrl: string;
  projectType: string;
  projectStatus: string;
  neighborhoods: string[];
}

export interface DisruptionsFile extends FeatureCollection<Geometry, DisruptionRecordProperties> {
  name: string;
  generated: string;
}

/** Absolute URL of a route in one language, e.g. url(model, 'es', 'projects/elm/'). */
export function siteUrl(model: Pick<SiteModel, 'origin' | 'base' | 'defaultLang'>, lang: string, route: string): string {
  return absoluteUrl(model.origin, model.base, pagePath(model.base, model.defaultLang, lang, route));
}

const safe = (url: string | undefined) => (url && isSafeUrl(url) ? url.trim() : undefined);

function phaseRecord(p: Phase): PhaseRecord {
  return {
    phase: p.phase,
    ...(p.label ? { label: p.label } : {}),
    start: p.start,
    ...(p.end ? { end: p.end } : {}),
    estimated: p.estimated,
    ...(p.displayDates ? { displayDates: p.displayDates } : {}),
  };
}

function meetingRecord(m: Meeting, project: ProjectEntry, model: OpenDataModel): MeetingRecord {
  const page = siteUrl(model, project.lang, `projects/${project.slug}/`);
  const venue = m.venue && {
    name: m.venue.name,
    address: m.venue.address,
    ...(m.venue.location ? { lat: m.venue.location.lat, lon: m.venue.location.lon } : {}),
  };
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    status: m.status,
    ...(m.statusReason ? { statusReason: m.statusReason } : {}),
    localStart: m.start,
    localEnd: m.end,
    start: isoInZone(startInstant(m.start, model.zone), model.zone),
    end: isoInZone(endInstant(m.end, model.zone), model.zone),
    ...(venue ? { venue } : {}),
    ...(safe(m.online) ? { online: safe(m.online) } : {}),
    ...(safe(m.rsvp) ? { rsvp: safe(m.rsvp) } : {}),
    url: `${page}#meeting-${m.id}`,
    calendar: siteUrl(model, project.lang, `projects/${project.slug}/meetings/${m.id}.ics`),
  };
}

/** The next meeting that has not ended and is not cancelled (a rescheduled one counts, at its new time). */
export function nextMeeting(project: ProjectEntry, now: DateTime, zone: string): Meeting | null {
  const nowMs = now.toMillis();
  const upcoming = project.data.meetings
    .filter((m) => m.status !== 'cancelled' && endInstant(m.end, zone).toMillis() > nowMs)
    .map((m) => ({ m, start: startInstant(m.start, zone).toMillis() }))
    .sort((a, b) => a.start - b.start || a.m.id.localeCompare(b.m.id));
  return upcoming[0]?.m ?? null;
}

/** The newest update (the first in file order among the same day, as the page lists them). */
function lastUpdate(project: ProjectEntry) {
  let newest: { date: string; title: string } | null = null;
  for (const u of project.data.updates) if (!newest || u.date > newest.date) newest = { date: u.date, title: u.title };
  return newest;
}

/** The key of a disruption within its project: the same rule as the calendars' UIDs. */
export function disruptionKey(feature: DisruptionFeature, index: number): string {
  return feature.properties.id ?? (feature.id !== undefined ? String(feature.id) : String(index));
}

/** projects.json: one record per project, default language, in folder order. */
export function buildProjectsFile(model: OpenDataModel): ProjectsFile {
  const { site, zone, defaultLang } = model;
  const projects = model.projects.filter((p) => p.isBase).map((project): ProjectRecord => {
    const { data, slug } = project;
    const status = model.status(project);
    const ends = data.timeline.map((p) => p.end).filter((e): e is string => Boolean(e));
    const meeting = nextMeeting(project, model.now, zone);
    const translations = [...(model.bySlug.get(slug)?.values() ?? [])]
      .filter((e) => !e.isBase)
      .map((e) => ({
        lang: e.lang,
        title: e.data.title,
        summary: e.data.summary,
        page: siteUrl(model, e.lang, `projects/${slug}/`),
        updates: siteUrl(model, e.lang, `projects/${slug}/updates.xml`),
      }));
    return {
      slug,
      title: data.title,
      summary: data.summary,
      type: data.type,
      status: status.status,
      currentPhase: status.phase ? phaseRecord(status.phase) : null,
      start: data.timeline[0].start,
      end: ends.length ? ends.reduce((a, b) => (b > a ? b : a)) : null,
      timeline: data.timeline.map(phaseRecord),
      neighborhoods: data.neighborhoods,
      streets: data.streets,
      location: { lat: data.location.lat, lon: data.location.lon },
      ...(data.contractor ? { contractor: data.contractor } : {}),
      ...(data.cost !== undefined ? { cost: data.cost } : {}),
      currency: site.currency,
      ...(data.households !== undefined ? { households: data.households } : {}),
      nextMeeting: meeting ? meetingRecord(meeting, project, model) : null,
      lastUpdate: lastUpdate(project),
      disruptions: project.disruptions.length,
      links: {
        page: siteUrl(model, defaultLang, `projects/${slug}/`),
        updates: siteUrl(model, defaultLang, `projects/${slug}/updates.xml`),
        calendar: siteUrl(model, defaultLang, `projects/${slug}/calendar.ics`),
      },
      translations,
    };
  });
  return {
    site: { name: site.name, url: siteUrl(model, defaultLang, ''), timeZone: zone, language: defaultLang },
    generated: isoInZone(model.now, zone),
    projects,
  };
}

/** projects.geojson: every disruption of every project, in folder and file order. */
export function buildDisruptionsFile(model: OpenDataModel): DisruptionsFile {
  const { site, zone, defaultLang } = model;
  const t = translator(defaultLang);
  const nowMs = model.now.toMillis();
  const features: Feature<Geometry, DisruptionRecordProperties>[] = [];
  for (const project of model.projects.filter((p) => p.isBase)) {
    const status = model.status(project).status;
    const projectUrl = siteUrl(model, defaultLang, `projects/${project.slug}/`);
    project.disruptions.forEach((feature, index) => {
      const p = feature.properties;
      const key = disruptionKey(feature, index);
      const start = startInstant(p.start, zone);
      const end = endInstant(p.end, zone);
      const timing = end.toMillis() <= nowMs ? 'ended' : start.toMillis() <= nowMs ? 'underway' : 'upcoming';
      features.push({
        type: 'Feature',
        id: `${project.slug}/${key}`,
        geometry: feature.geometry as Geometry,
        properties: {
          id: key,
          kind: p.kind,
          kindLabel: t(`kind.${p.kind}` as UiKey),
          place: describePlace(p, t),
          street: p.street,
          ...(p.from ? { from: p.from } : {}),
          ...(p.to ? { to: p.to } : {}),
          ...(p.block ? { block: p.block } : {}),
          start: p.start,
          end: p.end,
          startsAt: isoInZone(start, zone),
          endsAt: isoInZone(end, zone),
          timing,
          ...(p.hours ? { hours: p.hours } : {}),
          description: p.description,
          project: project.slug,
          projectTitle: project.data.title,
          projectUrl,
          projectType: project.data.type,
          projectStatus: status,
          neighborhoods: project.data.neighborhoods,
        },
      });
    });
  }
  return { type: 'FeatureCollection', name: `${site.name}: ${t('openData.geojsonName')}`, generated: isoInZone(model.now, zone), features };
}

/**
 * The JSON text of a file we publish. JSON.stringify already escapes what JSON
 * requires (quotes, backslashes, control characters, lone surrogates). On top
 * of that "<" and the line and paragraph separators U+2028/U+2029 are written
 * as \u escapes, so the text stays safe if someone pastes it into an HTML
 * <script> ("</script>" cannot appear) or reads it with an old JavaScript
 * parser. Parsing gives back the exact text. Two-space indents, with each
 * array of plain numbers (a position, a bbox) kept on one line.
 */
export function safeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)
    // A newline inside a JSON string is always escaped, so this only meets real arrays.
    .replace(/\[\s*\n\s*(-?\d[\d.eE+-]*(?:,\s*\n\s*-?\d[\d.eE+-]*)*)\s*\n\s*\]/g, (_, nums: string) => `[${nums.split(/,\s*/).join(', ')}]`)
    .replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

export const JSON_HEADERS = { 'Content-Type': 'application/json' };
export const GEOJSON_HEADERS = { 'Content-Type': 'application/geo+json' };

import ical, { escape as icalEscape, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency, type ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Meeting } from '../schemas/meeting.ts';
import type { Phase } from '../schemas/timeline.ts';
import type { DisruptionFeature } from '../schemas/geojson.ts';
import type { DisruptionKind } from '../schemas/disruption.ts';
import type { ProjectEntry } from './content/load.ts';
import type { SiteModel } from './site-model.ts';
import { translator, type UiKey } from '../i18n/index.ts';
import { describePlace, describeRange } from './describe-dates.ts';
import { endInstant, isDateOnly, startInstant } from './time.ts';
import { absoluteUrl, pagePath } from './paths.ts';

/**
 * iCalendar (RFC 5545, with RFC 7986 calendar properties) for meetings and for
 * a project's subscribable calendar. Pure functions of the content, the zone,
 * SITE_NOW and the URLs: the same input gives the same bytes, whatever the
 * build machine's TZ.
 *
 * - Times are written in UTC (`…Z`): the instant is worked out from the
 *   content's wall-clock time in the utility's zone, so no VTIMEZONE (and no
 *   stale copy of the zone's rules) is needed. Phase starts, and closures that
 *   last several days, are all-day DATE values.
 * - UIDs are stable: `<slug>-<meeting-id>@<host>`, `<slug>-phase-<i>-<phase>@<host>`,
 *   `<slug>-disruption-<id or index>@<host>`. The translations share them.
 * - SEQUENCE: scheduled 0, rescheduled 1, cancelled 2, so calendars that hold
 *   the event replace it. METHOD:PUBLISH (no invitations).
 * - DTSTAMP is SITE_NOW.
 * - ical-generator escapes TEXT values and folds lines at 75 octets (never
 *   inside a UTF-8 character). It writes NAME and X-WR-CALDESC unescaped, so
 *   those two are escaped here.
 */

/** Disruptions that go into the project calendar: the ones that change a resident's day. */
export const MAJOR_DISRUPTIONS: readonly DisruptionKind[] = ['road-closure', 'detour', 'water-shut-off'];

/** How often subscribed calendars should fetch the file again. */
export const REFRESH_SECONDS = 12 * 60 * 60;

const SEQUENCE: Record<Meeting['status'], number> = { scheduled: 0, rescheduled: 1, cancelled: 2 };

/** The parts of a project a calendar needs, in one language. */
export interface CalendarProject {
  slug: string;
  lang: string;
  title: string;
  timeline: Phase[];
  meetings: Meeting[];
  disruptions: DisruptionFeature[];
}

/** Where and when the calendar is made. */
export interface CalendarContext {
  /** The utility's IANA zone: every content date is a wall-clock time there. */
  zone: string;
  /** SITE_NOW: written as DTSTAMP. */
  now: DateTime;
  /** Host name for UIDs, e.g. projects.lakeviewwater.org */
  host: string;
  /** The utility, e.g. Lakeview Water. */
  siteName: string;
  /** Absolute URL of the project page in this language, ending with a slash. */
  projectUrl: string;
  /** Absolute URL of the project's calendar.ics in this language. */
  calendarUrl: string;
}

export const meetingUid = (slug: string, meetingId: string, host: string) => `${slug}-${meetingId}@${host}`;
export const phaseUid = (slug: string, index: number, phase: string, host: string) => `${slug}-phase-${index}-${phase}@${host}`;
export function disruptionUid(slug: string, feature: DisruptionFeature, index: number, host: string): string {
  const key = feature.properties.id ?? (feature.id !== undefined ? String(feature.id) : String(index));
  return `${slug}-disruption-${key.replace(/[^A-Za-z0-9_.-]/g, '-')}@${host}`;
}

/** A calendar file holding one meeting (the "Download .ics file" link). */
export function meetingCalendar(project: CalendarProject, meetingId: string, ctx: CalendarContext): string {
  const meeting = project.meetings.find((m) => m.id === meetingId);
  if (!meeting) throw new Error(`Project ${project.slug} has no meeting "${meetingId}"`);
  const cal = newCalendar(project.lang);
  addMeeting(cal, project, meeting, ctx);
  return finish(cal);
}

/**
 * The project's subscribable calendar: every meeting, each phase start as an
 * all-day event, and the road closures, detours and water shut-offs.
 */
export function projectCalendar(project: CalendarProject, ctx: CalendarContext): string {
  const t = translator(project.lang);
  const cal = newCalendar(project.lang);
  // RFC 7986 NAME (+ X-WR-CALNAME), REFRESH-INTERVAL (+ X-PUBLISHED-TTL), URL and SOURCE.
  cal.name(icalEscape(t('ics.calendarName', { project: project.title, site: ctx.siteName }), false));
  cal.description(icalEscape(t('ics.calendarDescription', { project: project.title }), false));
  cal.ttl(REFRESH_SECONDS);
  cal.url(ctx.projectUrl);
  cal.source(ctx.calendarUrl);
  for (const m of project.meetings) addMeeting(cal, project, m, ctx);
  project.timeline.forEach((phase, i) => addPhase(cal, project, phase, i, ctx));
  project.disruptions.forEach((f, i) => {
    if (MAJOR_DISRUPTIONS.includes(f.properties.kind)) addDisruption(cal, project, f, i, ctx);
  });
  return finish(cal);
}

/**
 * A site-wide (or neighborhood) calendar of meetings from many projects, with
 * the same UIDs as the project calendars, so an event is never duplicated for
 * someone subscribed to both.
 */
export function meetingsCalendar(
  items: { project: CalendarProject; ctx: CalendarContext }[],
  opts: { lang: string; name: string; description: string; url: string; source: string },
): string {
  const cal = newCalendar(opts.lang);
  cal.name(icalEscape(opts.name, false));
  cal.description(icalEscape(opts.description, false));
  cal.ttl(REFRESH_SECONDS);
  cal.url(opts.url);
  cal.source(opts.source);
  for (const { project, ctx } of items) for (const m of project.meetings) addMeeting(cal, project, m, ctx);
  return finish(cal);
}

function newCalendar(lang: string): ICalCalendar {
  return ical({
    prodId: { company: 'Underway', product: 'Underway', language: lang.split('-')[0].toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
}

/** ical-generator leaves off the CRLF that ends the last content line (RFC 5545 §3.1). */
function finish(cal: ICalCalendar): string {
  return `${cal.toString()}\r\n`;
}

const utc = (local: string, zone: string, edge: 'start' | 'end') =>
  (edge === 'start' ? startInstant(local, zone) : endInstant(local, zone)).toUTC();

/** A calendar date (all-day value), independent of any zone. */
const calendarDate = (isoDate: string) => DateTime.fromISO(isoDate, { zone: 'utc' });

function addMeeting(cal: ICalCalendar, project: CalendarProject, m: Meeting, ctx: CalendarContext) {
  const t = translator(project.lang);
  const url = `${ctx.projectUrl}#meeting-${m.id}`;
  const venue = m.venue ? [m.venue.name, ...m.venue.address].join(', ') : undefined;
  const where = venue ?? m.online;
  const description = [
    m.status !== 'scheduled' &&
      [t(m.status === 'cancelled' ? 'meeting.cancelledNotice' : 'meeting.rescheduledNotice'), m.statusReason].filter(Boolean).join(' '),
    m.description,
    `${project.title} · ${t(`meeting.${m.kind}` as UiKey)}`,
    venue && m.online && `${t('project.online')}: ${m.online}`,
    !venue && m.online && `${t('meeting.join')}: ${m.online}`,
    m.rsvp && m.status !== 'cancelled' && `${t('meeting.rsvp')}: ${m.rsvp}`,
    `${t('meeting.details')}: ${url}`,
  ];
  cal.createEvent({
    id: meetingUid(project.slug, m.id, ctx.host),
    sequence: SEQUENCE[m.status],
    stamp: ctx.now,
    start: utc(m.start, ctx.zone, 'start'),
    end: utc(m.end, ctx.zone, 'end'),
    summary: m.status === 'cancelled' ? t('ics.cancelledTitle', { title: m.title }) : m.title,
    description: paragraphs(description),
    location: where ? (venue && m.venue?.location ? { title: where, geo: m.venue.location } : where) : null,
    url,
    status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

const BUILT_IN_PHASES = ['planning', 'design', 'construction', 'restoration', 'complete'];

function addPhase(cal: ICalCalendar, project: CalendarProject, phase: Phase, index: number, ctx: CalendarContext) {
  const t = translator(project.lang);
  const name = phase.label ?? t(`phase.${phase.phase}` as UiKey);
  const builtIn = !phase.label && BUILT_IN_PHASES.includes(phase.phase);
  let summary =
    phase.phase === 'complete' && !phase.label
      ? t('ics.workComplete', { project: project.title })
      : t('ics.phaseStarts', { phase: builtIn ? name.toLocaleLowerCase(project.lang) : name, project: project.title });
  if (phase.estimated) summary += ` (${t('project.estimated')})`;
  const start = calendarDate(phase.start);
  cal.createEvent({
    id: phaseUid(project.slug, index, phase.phase, ctx.host),
    stamp: ctx.now,
    allDay: true,
    start,
    end: start.plus({ days: 1 }),
    summary,
    description: paragraphs([
      phase.description,
      phase.displayDates && `${t('project.when')}: ${phase.displayDates}`,
      phase.estimated && t('ics.estimatedNote'),
      `${t('ics.projectPage')}: ${ctx.projectUrl}#timeline-heading`,
    ]),
    url: `${ctx.projectUrl}#timeline-heading`,
    status: phase.estimated ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.TRANSPARENT,
  });
}

function addDisruption(cal: ICalCalendar, project: CalendarProject, f: DisruptionFeature, index: number, ctx: CalendarContext) {
  const t = translator(project.lang);
  const p = f.properties;
  const place = describePlace(p, t);
  const start = startInstant(p.start, ctx.zone);
  const end = endInstant(p.end, ctx.zone);
  // Within a day (a water shut-off, a night's closure): the exact times. Longer:
  // an all-day banner over the days it lasts, with the times in the description.
  const timed = !(isDateOnly(p.start) && isDateOnly(p.end)) && end.diff(start, 'hours').hours <= 24;
  const firstDay = calendarDate(start.toISODate()!);
  const lastDay = calendarDate(end.minus({ milliseconds: 1 }).toISODate()!);
  cal.createEvent({
    id: disruptionUid(project.slug, f, index, ctx.host),
    stamp: ctx.now,
    ...(timed
      ? { start: start.toUTC(), end: end.toUTC() }
      : { allDay: true, start: firstDay, end: lastDay.plus({ days: 1 }) }),
    summary: `${t(`kind.${p.kind}` as UiKey)}: ${place}`,
    description: paragraphs([
      p.description,
      `${t('project.when')}: ${describeRange(p.start, p.end, { lang: project.lang, zone: ctx.zone })}`,
      p.hours && `${t('ics.hours')}: ${p.hours}`,
      project.title,
      `${t('ics.projectPage')}: ${ctx.projectUrl}#disruptions-heading`,
    ]),
    location: place,
    url: `${ctx.projectUrl}#disruptions-heading`,
    status: ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.TRANSPARENT,
  });
}

const paragraphs = (parts: (string | false | undefined | null)[]) => parts.filter(Boolean).join('\n\n');

// ---- Glue for the Astro endpoints -------------------------------------------

type ModelPart = Pick<SiteModel, 'site' | 'zone' | 'now' | 'origin' | 'base' | 'defaultLang'>;

/** The calendar context of one project page (one language) of the built site. */
export function calendarContext(model: ModelPart, entry: Pick<ProjectEntry, 'slug' | 'lang'>): CalendarContext {
  const url = (route: string) => absoluteUrl(model.origin, model.base, pagePath(model.base, model.defaultLang, entry.lang, route));
  return {
    zone: model.zone,
    now: model.now,
    host: new URL(model.origin).hostname,
    siteName: model.site.name,
    projectUrl: url(`projects/${entry.slug}/`),
    calendarUrl: url(`projects/${entry.slug}/calendar.ics`),
  };
}

export function calendarProject(entry: ProjectEntry): CalendarProject {
  const { slug, lang, data, disruptions } = entry;
  return { slug, lang, title: data.title, timeline: data.timeline, meetings: data.meetings, disruptions };
}

export const ICS_HEADERS = { 'Content-Type': 'text/calendar; charset=utf-8' };

import type { DateTime } from 'luxon';

/**
 * One-click "add to calendar" links for people who do not know what an .ics
 * file is. Both services take UTC times, so the utility's zone is applied first.
 */
export interface CalendarEventLink {
  title: string;
  start: DateTime;
  end: DateTime;
  details: string;
  location: string;
}

const utcStamp = (dt: DateTime) => dt.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");

export function googleCalendarUrl(e: CalendarEventLink): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${utcStamp(e.start)}/${utcStamp(e.end)}`,
    details: e.details,
    location: e.location,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

export function outlookCalendarUrl(e: CalendarEventLink): string {
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: e.title,
    startdt: e.start.toUTC().toISO({ suppressMilliseconds: true })!,
    enddt: e.end.toUTC().toISO({ suppressMilliseconds: true })!,
    body: e.details,
    location: e.location,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}

/** A map link for a venue: the point when known, otherwise the address. */
export function mapLink(venue: { name: string; address: string[]; location?: { lat: number; lon: number } }): string {
  if (venue.location) {
    const { lat, lon } = venue.location;
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=18/${lat}/${lon}`;
  }
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent([venue.name, ...venue.address].join(', '))}`;
}

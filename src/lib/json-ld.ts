import type { DateTime } from 'luxon';
import type { Meeting } from '../schemas/meeting.ts';

/**
 * JSON for a <script type="application/ld+json"> block. `<`, `>` and `&` are
 * escaped as \u003c etc. so content can never close the script element.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** schema.org Event for a meeting, with the cancellation or new date carried through. */
export function meetingEvent(m: Meeting, ctx: { start: DateTime; end: DateTime; url: string; organizer: string; zone: string; description: string }) {
  const status = { scheduled: 'EventScheduled', cancelled: 'EventCancelled', rescheduled: 'EventRescheduled' }[m.status];
  const mode = m.venue && m.online ? 'MixedEventAttendanceMode' : m.online ? 'OnlineEventAttendanceMode' : 'OfflineEventAttendanceMode';
  const locations: object[] = [];
  if (m.venue)
    locations.push({
      '@type': 'Place',
      name: m.venue.name,
      address: m.venue.address.join(', '),
      ...(m.venue.location ? { geo: { '@type': 'GeoCoordinates', latitude: m.venue.location.lat, longitude: m.venue.location.lon } } : {}),
    });
  if (m.online) locations.push({ '@type': 'VirtualLocation', url: m.online });
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: m.title,
    description: ctx.description,
    startDate: ctx.start.setZone(ctx.zone).toISO({ suppressMilliseconds: true }),
    endDate: ctx.end.setZone(ctx.zone).toISO({ suppressMilliseconds: true }),
    eventStatus: `https://schema.org/${status}`,
    eventAttendanceMode: `https://schema.org/${mode}`,
    location: locations.length === 1 ? locations[0] : locations,
    organizer: { '@type': 'Organization', name: ctx.organizer },
    url: ctx.url,
    isAccessibleForFree: true,
  };
}

import { z } from 'astro/zod';
import { documentLink, languageTag, localDateTime, point, safeUrl, slugId, line, text, list } from './common.ts';

export const MEETING_KINDS = ['open-house', 'public-hearing', 'online', 'site-walk'] as const;
export const MEETING_STATUSES = ['scheduled', 'cancelled', 'rescheduled'] as const;

/** Where a meeting happens in person. */
export const venueSchema = z
  .object({
    /** Name of the place, e.g. "Riverside Library, Community Room". */
    name: line,
    /** Street address, one line per line. */
    address: list(line, 6).min(1),
    /** Location, for the map link. */
    location: point.optional(),
  })
  .strict();

/** Help offered so everyone can take part. */
export const meetingAccessSchema = z
  .object({
    /** Step-free (wheelchair) access to the room. */
    stepFree: z.boolean().default(false),
    /** Live captions. */
    captions: z.boolean().default(false),
    /** Childcare on site. */
    childcare: z.boolean().default(false),
    /** Languages offered by interpreters, e.g. [es, asl]. */
    interpretation: z.array(z.string().min(2)).default([]),
    /** Anything else, e.g. "Request other accommodations by 1 March". */
    notes: z.string().optional(),
  })
  .strict();

/** A community meeting, hearing or site walk. */
export const meetingSchema = z
  .object({
    /** Stable identifier used in web addresses and calendars; never change it once published. */
    id: slugId,
    /** Title, e.g. "Spring open house". */
    title: line,
    /** What kind of meeting it is. */
    kind: z.enum(MEETING_KINDS),
    /** Starts, local time: 2027-03-03T18:00. */
    start: localDateTime,
    /** Ends, local time: 2027-03-03T19:30. */
    end: localDateTime,
    /** Where it happens in person. A meeting needs a venue, an online link, or both. */
    venue: venueSchema.optional(),
    /** Link to join online. */
    online: safeUrl.optional(),
    /** scheduled, cancelled or rescheduled. */
    status: z.enum(MEETING_STATUSES).default('scheduled'),
    /** Why it was cancelled or moved; required for cancelled and rescheduled meetings. */
    statusReason: text.optional(),
    /** What residents will learn or decide there. */
    description: text.optional(),
    /** Access and interpretation services. */
    access: meetingAccessSchema.optional(),
    /** Where to RSVP. */
    rsvp: safeUrl.optional(),
    /** Slides, recordings and minutes, added after the meeting. */
    materials: list(documentLink).default([]),
    /** Languages the meeting is held in, e.g. [en]. */
    languages: z.array(languageTag).optional(),
  })
  .strict()
  .refine((m) => m.status === 'scheduled' || m.statusReason, {
    error: 'Say why the meeting was cancelled or rescheduled (statusReason)',
    path: ['statusReason'],
  });

export type Meeting = z.infer<typeof meetingSchema>;

import { z } from 'astro/zod';

/**
 * Shared building blocks for the content schemas.
 *
 * Dates and times in content are always *local wall-clock times in the utility's
 * time zone* (from site.yaml), written without an offset, e.g. `2027-03-03` or
 * `2027-03-03T09:00`. The schemas keep them as strings; `src/lib/time.ts` turns
 * them into instants once the time zone is known.
 */

/**
 * Limits that keep one bad paste from producing an unreadable page or an
 * hour-long build. They are generous for real content.
 */
export const LIMITS = {
  /** Names, titles, streets, labels. */
  line: 200,
  /** Descriptions, answers, reasons. */
  text: 5_000,
  /** Update posts. */
  post: 20_000,
  /** Items in one list (meetings, updates, questions…). */
  items: 200,
  /** Disruptions in one project. */
  disruptions: 500,
  /** Positions in one disruption's geometry. */
  positionsPerFeature: 20_000,
  /** Size of one GeoJSON file. */
  geojsonBytes: 5 * 1024 * 1024,
  /** Size of one project file (index.mdx). */
  projectFileBytes: 1024 * 1024,
} as const;

const tooLong = (max: number) => `Too long: at most ${max.toLocaleString('en')} characters. Hint: shorten it, or move the detail into the page body`;

/** A name, title or label: one line of text. */
export const line = z.string().trim().min(1, { error: 'This must not be empty' }).max(LIMITS.line, { error: tooLong(LIMITS.line) });
/** A paragraph or a few: descriptions, answers. */
export const text = z.string().trim().min(1, { error: 'This must not be empty' }).max(LIMITS.text, { error: tooLong(LIMITS.text) });
/** A news post. */
export const post = z.string().trim().min(1, { error: 'This must not be empty' }).max(LIMITS.post, { error: tooLong(LIMITS.post) });
/** A list with a sane upper bound. */
export const list = <T extends z.ZodType>(item: T, max: number = LIMITS.items) =>
  z.array(item).max(max, { error: `Too many items: at most ${max}. Hint: split the project, or remove old entries` });

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** True when a YYYY-MM-DD string names a real calendar day (rejects 2027-02-30). */
export function isRealDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isRealTime(value: string): boolean {
  const time = value.slice(11);
  if (!time) return true;
  const [h, min, s = 0] = time.split(':').map(Number);
  return h < 24 && min < 60 && s < 60;
}

/**
 * js-yaml (used by Astro's frontmatter parser) turns unquoted timestamps into Date
 * objects in UTC. Our own parser keeps them as text. Turning such a Date back into
 * the wall-clock text the editor wrote keeps both parsers in agreement.
 */
export function dateToWallClock(value: unknown): unknown {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return value;
  const iso = value.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

function offsetMessage(value: unknown) {
  return typeof value === 'string' && HAS_OFFSET.test(value)
    ? 'Times are always in the utility’s time zone from site.yaml: remove the offset (write 2027-03-03T09:00)'
    : undefined;
}

/** A calendar day, `YYYY-MM-DD`. */
export const localDate = z.preprocess(
  dateToWallClock,
  z
    .string({ error: 'Expected a date written as YYYY-MM-DD, e.g. 2027-03-03' })
    .regex(LOCAL_DATE, { error: 'Expected a date written as YYYY-MM-DD, e.g. 2027-03-03', abort: true })
    .refine(isRealDate, { error: 'This date does not exist in the calendar' }),
);

/** A day, or a day and a local time: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`. */
export const localDateOrDateTime = z.preprocess(
  dateToWallClock,
  z
    .string({ error: 'Expected a date (2027-03-03) or a date and time (2027-03-03T09:00)' })
    .refine((v) => !HAS_OFFSET.test(v), {
      error: (issue) => offsetMessage(issue.input) ?? 'Invalid date',
      abort: true,
    })
    .refine((v) => LOCAL_DATE.test(v) || LOCAL_DATE_TIME.test(v), {
      error: 'Expected a date (2027-03-03) or a date and time (2027-03-03T09:00)',
      abort: true,
    })
    .refine((v) => isRealDate(v) && isRealTime(v), {
      error: 'This date or time does not exist in the calendar',
    })
    .transform((v) => v.replace(' ', 'T')),
);

/** A local date and time, `YYYY-MM-DDTHH:MM`. A bare date means the start of that day. */
export const localDateTime = localDateOrDateTime;

const SAFE_URL = /^(https?:\/\/[^\s]+|mailto:[^\s]+|tel:[+0-9().\- ]+)$/i;

/** A link residents can follow: http(s), mailto or tel only (never javascript: or data:). */
export const safeUrl = z
  .string({ error: 'Expected a web address, e.g. https://example.org/page' })
  .trim()
  .refine((v) => SAFE_URL.test(v), {
    error: 'Only http(s)://, mailto: and tel: links are allowed',
  });

/** A link to a file beside the content, or a web address. */
export const fileOrUrl = z.string().trim().min(1);

/** A geographic point written with names, so latitude and longitude cannot be swapped by accident. */
export const point = z
  .object({
    /** Latitude in decimal degrees, -90 to 90 (north is positive). */
    lat: z.number(),
    /** Longitude in decimal degrees, -180 to 180 (east is positive, so the Americas are negative). */
    lon: z.number(),
  })
  .strict()
  .superRefine(({ lat, lon }, ctx) => {
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
    if (Math.abs(lat) > 90)
      ctx.addIssue({
        code: 'custom',
        path: ['lat'],
        message: `Latitude must be between -90 and 90${swapped ? '. Hint: lat and lon look swapped: exchange the two numbers' : ''}`,
      });
    if (Math.abs(lon) > 180) ctx.addIssue({ code: 'custom', path: ['lon'], message: 'Longitude must be between -180 and 180' });
  });

/** A short identifier used in web addresses: lowercase letters, digits and hyphens. */
export const slugId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: 'Use lowercase letters, digits and hyphens only, e.g. spring-open-house',
  });

/** A phone number as residents would dial it. */
export const phone = z
  .string()
  .trim()
  .regex(/^[+0-9().\- ]{5,}( ?(x|ext\.?) ?\d+)?$/i, { error: 'Expected a phone number, e.g. 555-010-0100' });

/** An email address. */
export const email = z.email({ error: 'Expected an email address, e.g. projects@example.org' });

/** A language tag such as `en` or `es`. */
export const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'Expected a language code such as en or es' });

/** A person or office residents can contact. */
export const contact = z
  .object({
    /** Name of the person or office. */
    name: line,
    /** Their role, e.g. "Project manager". */
    role: z.string().optional(),
    /** Phone number. */
    phone: phone.optional(),
    /** Email address. */
    email: email.optional(),
  })
  .strict();

/** A document residents can open. */
export const documentLink = z
  .object({
    /** What the document is, e.g. "Design drawings (PDF, 2 MB)". */
    title: line,
    /** Web address of the document. */
    url: safeUrl,
  })
  .strict();

/** An image with its required text alternative. */
export const imageRef = z
  .object({
    /** Path to the image file, relative to the content file, e.g. ./hero.jpg */
    src: z.string().min(1),
    /** What the image shows, for people who cannot see it. Required. */
    alt: z.string({ error: 'Every image needs alt text that says what it shows' }).trim().min(1, {
      error: 'Every image needs alt text that says what it shows',
    }),
    /** Who took or owns the picture. */
    credit: z.string().optional(),
  })
  .strict();

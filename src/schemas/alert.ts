import { z } from 'astro/zod';
import { line, list, localDateTime, slugId, text, LIMITS } from './common.ts';
import { geometrySchema } from './geojson.ts';

/**
 * Critical alerts: `content/alerts/<id>.mdx` (frontmatter only; the body is
 * never published, so it can hold internal notes such as who approved the
 * alert) and the pre-approved wording in `content/alerts/templates/<name>.yaml`.
 *
 * Every time is a local wall-clock time in the utility's zone (site.yaml),
 * like every other date in the content.
 */

/** What happened. Each kind has its pre-approved template. */
export const ALERT_KINDS = ['unplanned-outage', 'low-pressure', 'boil-water', 'do-not-drink', 'water-quality', 'other'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * How serious it is right now, lowest first. An alert moves up (escalates) and
 * down (de-escalates) over its life; each move is a dated history entry.
 */
export const ALERT_LEVELS = ['notice', 'advisory', 'warning', 'do-not-drink'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** The last history entry of a finished alert: the danger is over (e.g. lifted after testing). */
export const ALL_CLEAR = 'all-clear' as const;
export type HistoryLevel = AlertLevel | typeof ALL_CLEAR;

/** A placeholder name, as written in a template between braces: {area}. */
export const placeholderName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, {
  error: 'A placeholder name is letters and digits, e.g. area or until',
});

/** Text that is the same in every language, or one text per language: { en: …, es: … }. */
export const localizedLine = z.union([line, z.record(z.string(), line)]);
export const localizedText = z.union([text, z.record(z.string(), text)]);
export type Localized = z.infer<typeof localizedText>;

/** One dated step of the alert's life. */
export const alertHistorySchema = z
  .object({
    /** When this level took effect (local time), e.g. 2026-11-30T14:00. */
    at: localDateTime,
    /** The level from then on, or all-clear to close the alert (it must be the last entry). */
    level: z.enum([...ALERT_LEVELS, ALL_CLEAR]),
    /** Another approved template from this entry on, e.g. do-not-drink when a boil-water advisory escalates. */
    template: slugId.optional(),
    /** What changed, in plain words, shown in the history (one text, or one per language). */
    note: localizedText.optional(),
  })
  .strict();
export type AlertHistoryEntry = z.infer<typeof alertHistorySchema>;

/** A GeoJSON Polygon or MultiPolygon, longitude first (RFC 7946). */
export const alertPolygonSchema = geometrySchema.refine(
  (g) => (g as { type?: string }).type === 'Polygon' || (g as { type?: string }).type === 'MultiPolygon',
  { error: 'The affected area must be a GeoJSON Polygon or MultiPolygon. Hint: draw the area as a polygon, e.g. { type: Polygon, coordinates: [[[lon, lat], …]] }' },
);

/** The frontmatter of `content/alerts/<id>.mdx`. */
export const alertSchema = z
  .object({
    /** What happened: unplanned-outage, low-pressure, boil-water, do-not-drink, water-quality or other. */
    kind: z.enum(ALERT_KINDS),
    /** The approved template the wording comes from: content/alerts/templates/<template>.yaml. */
    template: slugId,
    /** true for a drill or test: the CAP message says status Test and no banner is shown. */
    drill: z.boolean().default(false),
    /** When the alert takes effect (local time), e.g. 2026-11-30T14:00. */
    effective: localDateTime,
    /** When it ends if nobody closes it before (local time). The banner disappears then, even on an old build. */
    expires: localDateTime,
    /** Where. At least one of polygon and projects. */
    area: z
      .object({
        /** The affected area as a GeoJSON Polygon or MultiPolygon (longitude, latitude). */
        polygon: alertPolygonSchema.optional(),
        /** Projects affected (folder names under projects/): their pages show the alert at the top. */
        projects: list(slugId, 50).default([]),
      })
      .strict(),
    /** The values of the template's placeholders, e.g. area: Westgate, or area: { en: Westgate, es: Westgate }. */
    fill: z.record(z.string(), localizedLine).default({}),
    /** The levels over the alert's life, oldest first; close with an all-clear entry. */
    history: list(alertHistorySchema, 100).min(1, { error: 'An alert needs at least one history entry: its first level' }),
  })
  .strict();
export type AlertData = z.infer<typeof alertSchema>;

/** One message in one language: every channel (banner, page, SMS, CAP) says the same thing. */
export const alertWordingSchema = z
  .object({
    /** The title, e.g. "Boil-water advisory for {area}". */
    headline: line,
    /** One line for the banner, e.g. "Boil tap water before drinking until {until}." */
    summary: line,
    /** The text message; at most 160 characters once filled (the checker counts). */
    sms: line,
    /** What residents should do, in short paragraphs (blank line between them). */
    instructions: z.string().trim().min(1).max(LIMITS.text),
  })
  .strict();
export type AlertWording = z.infer<typeof alertWordingSchema>;

/** A template's text in one language: the wording while active, and for the all-clear. */
export const alertTemplateLanguageSchema = alertWordingSchema.extend({ allClear: alertWordingSchema }).strict();
export type AlertTemplateLanguage = z.infer<typeof alertTemplateLanguageSchema>;

/**
 * `content/alerts/templates/<name>.yaml`: wording approved in advance by
 * management and legal, one block per site language (en:, es:, …).
 */
export const alertTemplateSchema = z
  .object({
    /** The kind of alert this wording is for. */
    kind: z.enum(ALERT_KINDS),
    /** Who approved it and when, e.g. "Legal, 2026-05-04". Not published. */
    approved: line.optional(),
  })
  .catchall(alertTemplateLanguageSchema);

/** The longest SMS, in characters, once every placeholder is filled. */
export const SMS_MAX = 160;

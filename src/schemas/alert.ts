import { z } from 'astro/zod';
import { line, list, localDateTime, slugId, text, LIMITS } from './common.ts';
import { geometrySchema } from './geojson.ts';

/**
 * Critical alerts: `content/alerts/<id>.mdx` (frontmatter only; the body is
 * never published, so it can hold internal notes such as who approved the
 * alert), the pre-approved wording in `content/alerts/templates/<name>.yaml`,
 * and the utility's ladder of levels in site.yaml (`alerts:`).
 *
 * Every time is a local wall-clock time in the utility's zone (site.yaml),
 * like every other date in the content.
 */

/** What happened. Each kind has its pre-approved template and its SAME event code. */
export const ALERT_KINDS = ['unplanned-outage', 'low-pressure', 'boil-water', 'do-not-drink', 'do-not-use', 'water-quality', 'other'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A template's kind: an alert kind, or all-clear (wording that closes any alert). */
export const TEMPLATE_KINDS = [...ALERT_KINDS, 'all-clear'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/**
 * What residents are told to do. A level requires one; a template declares
 * the one its wording gives. The checker compares the two at every history
 * entry, so the wording can never tell people to boil water under a
 * do-not-drink order.
 * - informational: nothing changes about using the water (a water-quality notice)
 * - conserve: use less water (low pressure)
 * - no-water: the water is off (an outage)
 * - boil: boil tap water before drinking or cooking
 * - do-not-drink: do not drink the water, even boiled
 * - do-not-use: do not use the water at all
 * - restored: the water is safe again (the all-clear)
 */
export const INSTRUCTIONS = ['informational', 'conserve', 'no-water', 'boil', 'do-not-drink', 'do-not-use', 'restored'] as const;
export type Instruction = (typeof INSTRUCTIONS)[number];

/** The last history entry of a finished alert: the danger is over (e.g. lifted after testing). */
export const ALL_CLEAR = 'all-clear' as const;
/** A level id from the site's ladder, or all-clear. */
export type HistoryLevel = string;

/** CAP 1.2's severities, lowest first (Unknown is left out: a ladder says how serious each level is). */
export const CAP_SEVERITIES = ['Minor', 'Moderate', 'Severe', 'Extreme'] as const;
export type CapSeverity = (typeof CAP_SEVERITIES)[number];
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

/** A placeholder name, as written in a template between braces: {area}. */
export const placeholderName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, {
  error: 'A placeholder name is letters and digits, e.g. area or until',
});

/** Text that is the same in every language, or one text per language: { en: …, es: … }. */
export const localizedLine = z.union([line, z.record(z.string(), line)]);
export const localizedText = z.union([text, z.record(z.string(), text)]);
export type Localized = z.infer<typeof localizedText>;

/** A SAME event code: three capital letters, e.g. LAE (local area emergency) or CDW (civil danger warning). */
const sameEventCode = z.string().regex(/^[A-Z]{3}$/, { error: 'A SAME event code is three capital letters, e.g. LAE or CDW' });

// ---- The ladder (site.yaml, alerts:) -----------------------------------------

/** One step of the utility's ladder, e.g. "Boil Water Notice". */
export const alertLevelSchema = z
  .object({
    /** The level's name in the alert files, e.g. boil-water-notice (lowercase letters, digits, hyphens). */
    id: slugId,
    /** Older names this level also answers to, e.g. [advisory], so alerts written before the ladder keep working. */
    aliases: z.array(slugId).default([]),
    /** The name residents read, in every site language: { en: Boil Water Notice, es: Aviso obligatorio de hervir el agua }. */
    name: z.record(z.string(), line),
    /** What this level requires the wording to tell residents: informational, conserve, no-water, boil, do-not-drink or do-not-use. */
    instruction: z.enum(INSTRUCTIONS).exclude(['restored']),
    /** How the level reads in CAP (Common Alerting Protocol) messages for emergency systems. */
    cap: z
      .object({
        /** How soon to act: Immediate, Expected, Future or Unknown. */
        urgency: z.enum(CAP_URGENCIES).exclude(['Past']),
        /** How serious: Minor, Moderate, Severe or Extreme. It may not go down as the level goes up. */
        severity: z.enum(CAP_SEVERITIES),
        /** How sure: Observed, Likely, Possible, Unlikely or Unknown. */
        certainty: z.enum(CAP_CERTAINTIES),
      })
      .strict(),
  })
  .strict();
export type AlertLevel = z.infer<typeof alertLevelSchema>;

/** SAME codes (Specific Area Message Encoding) for the Emergency Alert System, as IPAWS expects them. */
export const sameSettingsSchema = z
  .object({
    /** The counties served, as 6-digit SAME codes (0 + state and county FIPS), e.g. ["017031"] for Cook County, Illinois. */
    geocodes: list(z.string().regex(/^\d{6}$/, { error: 'A SAME geocode is 6 digits: 0, the 2-digit state code and the 3-digit county code, e.g. 017031' }), 31).min(1, { error: 'Give at least one county code' }),
    /** Who originates the message (EAS-ORG): CIV for civil authorities, which a utility's alert relayed by the county is. */
    originator: z.enum(['CIV', 'PEP', 'WXR', 'EAS']).default('CIV'),
    /** SAME event codes by kind of alert, where yours differ from the usual ones (boil-water LAE, do-not-drink CDW, all-clear ADR…). */
    eventCodes: z.partialRecord(z.enum(TEMPLATE_KINDS), sameEventCode).default({}),
  })
  .strict();

/** `alerts:` in site.yaml: the ladder and what emergency systems need. Everything is optional. */
export const alertSettingsSchema = z
  .object({
    /** The levels, lowest first. Without it, the starter ladder applies (see src/lib/alert-ladder.ts and the README). */
    levels: list(alertLevelSchema, 30).min(1, { error: 'Give at least one level' }).optional(),
    /** SAME codes for the Emergency Alert System (IPAWS). Without them, the CAP files lack the county codes. */
    same: sameSettingsSchema.optional(),
    /** The language region in CAP files (en becomes en-US), as IPAWS expects. */
    languageRegion: z.string().regex(/^[A-Z]{2}$/, { error: 'A two-letter country code, e.g. US' }).default('US'),
    /** How many hours can pass between two builds at most (the scheduled daily rebuild: 24). */
    rebuildHours: z.number().int().min(1).max(168).default(24),
    /** How far past a build a CAP message of an alert "until further notice" says it expires; longer than rebuildHours. */
    capHorizonHours: z.number().int().min(2).max(336).default(48),
  })
  .strict();
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

// ---- An alert (content/alerts/<id>.mdx) ----------------------------------------

/** One dated step of the alert's life. */
export const alertHistorySchema = z
  .object({
    /** When this level took effect (local time), e.g. 2026-11-30T14:00. */
    at: localDateTime,
    /** The level from then on: a level id of the site's ladder, or all-clear to close the alert (it must be the last entry). */
    level: slugId,
    /** Another approved template from this entry on, e.g. do-not-drink when a boil-water alert escalates. */
    template: slugId.optional(),
    /** What changed, in plain words, shown in the history and as "last changed" (one text, or one per language). */
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
    /** What happened: unplanned-outage, low-pressure, boil-water, do-not-drink, do-not-use, water-quality or other. */
    kind: z.enum(ALERT_KINDS),
    /** The approved template the wording comes from: content/alerts/templates/<template>.yaml. */
    template: slugId,
    /** true for a drill or test: the CAP message says status Test and no banner is shown. */
    drill: z.boolean().default(false),
    /** When the alert takes effect (local time), e.g. 2026-11-30T14:00. */
    effective: localDateTime,
    /**
     * Only for an alert with a planned end, e.g. a repair (local time). Leave
     * it out and the alert stays in force "until further notice", until an
     * all-clear entry lifts it.
     */
    expires: localDateTime.optional(),
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

// ---- A template (content/alerts/templates/<name>.yaml) --------------------------

/** One message in one language: every channel (banner, page, SMS, CAP, feed) says the same thing. */
export const alertWordingSchema = z
  .object({
    /** The title, e.g. "{level} for {area}". */
    headline: line,
    /** One line for the banner, e.g. "Boil tap water before drinking {untilWhen}." */
    summary: line,
    /** The text message; at most 160 characters once filled (the checker counts). */
    sms: line,
    /** What residents should do, in short paragraphs (blank line between them). */
    instructions: z.string().trim().min(1).max(LIMITS.text),
  })
  .strict();
export type AlertWording = z.infer<typeof alertWordingSchema>;

/** A template's text in one language: the wording while in force, and for the all-clear (optional: the all-clear template can stand in). */
export const alertTemplateLanguageSchema = alertWordingSchema.extend({ allClear: alertWordingSchema.optional() }).strict();
export type AlertTemplateLanguage = z.infer<typeof alertTemplateLanguageSchema>;

/** The instruction a template of each kind gives when it does not say. */
export const KIND_INSTRUCTION: Record<TemplateKind, Instruction> = {
  'boil-water': 'boil',
  'do-not-drink': 'do-not-drink',
  'do-not-use': 'do-not-use',
  'unplanned-outage': 'no-water',
  'low-pressure': 'conserve',
  'water-quality': 'informational',
  other: 'informational',
  'all-clear': 'restored',
};

/**
 * `content/alerts/templates/<name>.yaml`: wording approved in advance by
 * management and legal, one block per site language (en:, es:, …).
 */
export const alertTemplateSchema = z
  .object({
    /** The kind of alert this wording is for, or all-clear for wording that lifts any alert. */
    kind: z.enum(TEMPLATE_KINDS),
    /** What the wording tells residents: informational, conserve, no-water, boil, do-not-drink, do-not-use or restored. Left out, it follows the kind (boil-water: boil…). */
    instruction: z.enum(INSTRUCTIONS).optional(),
    /** Who approved it and when, e.g. "Legal, 2026-05-04"; false (or left out) until it is approved. Not published. */
    approved: z.union([z.literal(false), line]).optional(),
    /** The shortest time such an alert can last before its all-clear, in hours (boil water: 48, two sets of samples 24 h apart). */
    minimumHours: z.number().int().min(1).max(24 * 60).optional(),
  })
  .catchall(alertTemplateLanguageSchema);

/** The longest SMS, in characters, once every placeholder is filled. */
export const SMS_MAX = 160;

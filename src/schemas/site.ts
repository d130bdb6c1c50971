import { z } from 'astro/zod';
import { contact, email, imageRef, languageTag, phone, safeUrl } from './common.ts';
import { feedbackConfigSchema } from './feedback.ts';
import { alertSettingsSchema } from './alert.ts';

/** Bounding box `[west, south, east, north]` in decimal degrees. */
const bbox = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine(([w, s, e, n]) => w < e && s < n, {
    error: 'Write the box as [west, south, east, north]: west must be less than east and south less than north',
  });

/** The area the utility serves. Coordinates outside it are reported by the checker. */
export const serviceAreaSchema = z
  .object({
    /** A simple box `[west, south, east, north]`. */
    bbox: bbox.optional(),
    /** Or a GeoJSON file (Polygon or MultiPolygon) beside site.yaml, e.g. ./service-area.geojson */
    file: z.string().optional(),
  })
  .strict()
  .refine((v) => v.bbox || v.file, { error: 'Give the service area as a bbox or a file' });

/** Background map tiles for the interactive maps. */
export const mapTilesSchema = z
  .object({
    /** Tile URL template with {z}, {x} and {y}. */
    url: z
      .string()
      .regex(/^https:\/\/.*\{z\}.*\{x\}.*\{y\}/, { error: 'Expected an https URL template containing {z}, {x} and {y}' })
      .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    /** Attribution text shown on the map, as the tile provider requires. */
    attribution: z.string().default('© OpenStreetMap contributors'),
    /** Highest zoom level the tiles offer. */
    maxZoom: z.number().int().min(1).max(22).default(19),
  })
  .strict();

/** `content/site.yaml`: the utility itself. */
export const siteSchema = z
  .object({
    /** The utility's name as residents know it, e.g. "Lakeview Water". */
    name: z.string().min(1),
    /** A one-line description of the site, used in search results. */
    tagline: z.string().optional(),
    /** The utility's logo, with alt text (usually the utility's name). */
    logo: imageRef.optional(),
    /** The canonical address of the published site, e.g. https://projects.lakeviewwater.org */
    url: z.url({ protocol: /^https?$/, error: 'Expected the site address, e.g. https://projects.example.org' }),
    /** The path the site lives under, e.g. /water/ (default /). */
    base: z
      .string()
      .regex(/^\/([A-Za-z0-9_-]+\/)*$/, { error: 'Expected a path that starts and ends with /, e.g. /water/' })
      .default('/'),
    /** IANA time zone of the utility, e.g. America/Chicago. Every date in the content is in this zone. */
    timeZone: z.string().refine(isTimeZone, { error: 'Unknown time zone: use an IANA name such as America/Chicago' }),
    /** Currency for costs, as an ISO 4217 code. */
    currency: z.string().regex(/^[A-Z]{3}$/).default('USD'),
    /** Languages of the site. */
    languages: z
      .object({
        /** The language most residents read, e.g. en. */
        default: languageTag,
        /** Other languages with translations, e.g. [es]. */
        others: z.array(languageTag).default([]),
      })
      .strict(),
    /** How residents reach the utility. */
    contacts: z
      .object({
        /** Main customer service phone. */
        phone,
        /** Main email. */
        email,
        /** Postal address, one line per line. */
        address: z.array(z.string().min(1)).min(1),
        /** Office hours in words, e.g. "Monday to Friday, 8 am to 5 pm". */
        hours: z.string().min(1),
        /** The 24-hour emergency line for main breaks and outages. */
        emergency: phone,
        /** Other people or offices. */
        others: z.array(contact).default([]),
      })
      .strict(),
    /** The utility's main website. */
    website: safeUrl.optional(),
    /** Where the utility serves, to catch coordinates that are wrong. */
    serviceArea: serviceAreaSchema,
    /** Map tiles; defaults to OpenStreetMap's public tiles. */
    map: mapTilesSchema.default({
      url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap contributors',
      maxZoom: 19,
    }),
    /** Optional geocoder endpoint for the "near me" search, with {query} in it. */
    geocoder: z.string().regex(/^https:\/\/.*\{query\}/).optional(),
    /** The feedback form on every project page and on /feedback/: where it sends. Without it, residents write by email to contacts.email. */
    feedback: feedbackConfigSchema.optional(),
    /** Critical alerts: the utility's ladder of levels (lowest first) and the SAME codes for emergency systems. Without it, the starter ladder applies. */
    alerts: alertSettingsSchema.optional(),
  })
  .strict();

export type Site = z.infer<typeof siteSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

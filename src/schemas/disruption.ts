import { z } from 'astro/zod';
import { localDateTime, line, text } from './common.ts';

/** What a disruption does to residents. */
export const DISRUPTION_KINDS = [
  'work-zone',
  'road-closure',
  'lane-closure',
  'detour',
  'water-shut-off',
  'parking-restriction',
  'sidewalk-closure',
  'night-work',
] as const;
export type DisruptionKind = (typeof DISRUPTION_KINDS)[number];

/** Which GeoJSON geometry types make sense for each kind. */
export const GEOMETRY_FOR_KIND: Record<DisruptionKind, readonly string[]> = {
  'work-zone': ['Polygon', 'MultiPolygon'],
  'road-closure': ['LineString', 'MultiLineString'],
  'lane-closure': ['LineString', 'MultiLineString'],
  detour: ['LineString', 'MultiLineString'],
  'water-shut-off': ['Polygon', 'MultiPolygon'],
  'parking-restriction': ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'],
  'sidewalk-closure': ['LineString', 'MultiLineString'],
  'night-work': ['Point', 'Polygon', 'MultiPolygon', 'LineString'],
};

/** The `properties` of one disruption feature. */
export const disruptionPropertiesSchema = z
  .object({
    /** A stable identifier, unique within the project, e.g. elm-closure-1. */
    id: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
    /** What kind of disruption this is. */
    kind: z.enum(DISRUPTION_KINDS),
    /** When it starts, local time: 2027-03-03T09:00 (a bare date means from the start of that day). */
    start: localDateTime,
    /** When it ends, local time (a bare date means until the end of that day). */
    end: localDateTime,
    /** What residents should expect, in plain words. */
    description: text,
    /** The affected street, e.g. "Elm St". */
    street: line,
    /** The cross street where it starts, e.g. "3rd Ave". */
    from: line.optional(),
    /** The cross street where it ends, e.g. "7th Ave". */
    to: line.optional(),
    /** The block range in words when there are no cross streets, e.g. "100–300 block". */
    block: line.optional(),
    /** Daily working hours when work is not continuous, e.g. "7 am to 6 pm weekdays". */
    hours: line.optional(),
  })
  .strict();

export type DisruptionProperties = z.infer<typeof disruptionPropertiesSchema>;

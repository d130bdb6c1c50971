import { z } from 'astro/zod';
import { disruptionPropertiesSchema } from './disruption.ts';
import { LIMITS } from './common.ts';

/**
 * GeoJSON (RFC 7946) geometry with the rules editors most often break:
 * positions are [longitude, latitude], lines need two positions, polygon rings
 * need four and must end where they start.
 */

const position = z
  .array(z.number({ error: 'A position is [longitude, latitude] with two numbers' }))
  .min(2, { error: 'A position is [longitude, latitude] with two numbers' })
  .max(3, { error: 'A position is [longitude, latitude] (an optional third number is the height)' })
  .superRefine((p, ctx) => {
    if (Math.abs(p[0]) > 180) ctx.addIssue({ code: 'custom', message: 'Longitude must be between -180 and 180', path: [0] });
    if (Math.abs(p[1]) > 90)
      ctx.addIssue({
        code: 'custom',
        message:
          Math.abs(p[0]) <= 90
            ? 'Latitude must be between -90 and 90. Hint: GeoJSON puts longitude first: [longitude, latitude]'
            : 'Latitude must be between -90 and 90',
        path: [1],
      });
  });

const line = z.array(position).min(2, { error: 'A line needs at least 2 positions' });

const ring = z
  .array(position)
  .min(4, { error: 'A polygon ring needs at least 4 positions (the last repeats the first)' })
  .superRefine((r, ctx) => {
    if (r.length < 4) return;
    const [a, b] = [r[0], r[r.length - 1]];
    if (a[0] !== b[0] || a[1] !== b[1])
      ctx.addIssue({
        code: 'custom',
        message: 'This polygon ring is not closed: its last position must repeat the first',
        path: [r.length - 1],
      });
  });

const polygon = z.array(ring).min(1, { error: 'A polygon needs at least one ring' });

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;

const geometryShapes = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Point'), coordinates: position }).strict(),
    z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position).min(1) }).strict(),
    z.object({ type: z.literal('LineString'), coordinates: line }).strict(),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(line).min(1) }).strict(),
    z.object({ type: z.literal('Polygon'), coordinates: polygon }).strict(),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }).strict(),
  ],
  { error: `Unknown geometry type: expected one of ${GEOMETRY_TYPES.join(', ')}` },
);

/** Counts positions without validating them, so a huge geometry is refused before it is parsed. */
export function countPositions(coordinates: unknown, limit = Infinity): number {
  let count = 0;
  const walk = (value: unknown) => {
    if (count > limit || !Array.isArray(value)) return;
    if (typeof value[0] === 'number') count++;
    else for (const item of value) walk(item);
  };
  walk(coordinates);
  return count;
}

/** Any geometry, refused quickly (with a clear message) when it has too many positions. */
export const geometrySchema = z.preprocess((value, ctx) => {
  const coordinates = (value as { coordinates?: unknown } | null)?.coordinates;
  const count = countPositions(coordinates, LIMITS.positionsPerFeature);
  if (count > LIMITS.positionsPerFeature) {
    ctx.addIssue({
      code: 'custom',
      message: `This shape has more than ${LIMITS.positionsPerFeature.toLocaleString('en')} positions. Hint: simplify it in your GIS (e.g. mapshaper's simplify) to a few hundred points; street-level detail is enough`,
      path: ['coordinates'],
      input: value,
    });
    return z.NEVER;
  }
  return value;
}, geometryShapes);

/** One disruption: a GeoJSON Feature whose properties describe the disruption. */
export const disruptionFeatureSchema = z
  .object({
    type: z.literal('Feature', { error: 'Each item in features must have type: Feature' }),
    id: z.union([z.string(), z.number()]).optional(),
    geometry: geometrySchema,
    properties: disruptionPropertiesSchema,
  })
  .strict();

/** All disruptions of a project: a GeoJSON FeatureCollection. */
export const disruptionCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection', { error: 'A disruptions file must have type: FeatureCollection' }),
    features: z.array(disruptionFeatureSchema).max(LIMITS.disruptions, { error: `Too many disruptions: at most ${LIMITS.disruptions} in one project. Hint: split the project` }),
    /** RFC 7946 removed the crs member; coordinates are always WGS 84. */
    bbox: z.array(z.number()).optional(),
    name: z.string().optional(),
  })
  .strict();

export type Geometry = z.infer<typeof geometrySchema>;
export type DisruptionFeature = z.infer<typeof disruptionFeatureSchema>;
export type DisruptionCollection = z.infer<typeof disruptionCollectionSchema>;

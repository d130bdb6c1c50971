import { z } from 'astro/zod';
import { contact, documentLink, fileOrUrl, imageRef, point, line, list } from './common.ts';
import { disruptionCollectionSchema } from './geojson.ts';
import { meetingSchema } from './meeting.ts';
import { faqSchema, fundingSchema, keyFigureSchema, updateSchema } from './story.ts';
import { youSaidWeDidSchema } from './feedback.ts';
import { milestoneSchema, phaseSchema } from './timeline.ts';

export const PROJECT_TYPES = [
  'water-main',
  'lead-service-lines',
  'sewer',
  'treatment-plant',
  'storage-tank',
  'pump-station',
  'other',
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/**
 * The frontmatter of `content/projects/<slug>/index.mdx`.
 * The MDX body below the frontmatter is the "Why this project" narrative.
 *
 * `imageSchema` lets Astro's content collection swap in its `image()` helper
 * for the hero image, while the checker keeps the plain path.
 */
export function makeProjectSchema<I extends z.ZodType>(imageSchema: I) {
  return z
    .object({
      /** The project's name, e.g. "Elm Street water main replacement". */
      title: line,
      /** Two or three plain sentences: what, where, and why. Shown in lists and search. */
      summary: z.string().trim().min(1).max(1_000, { error: 'Too long: a summary is at most 1,000 characters. Hint: two or three sentences; put the rest in the body' }),
      /** What kind of infrastructure this is. */
      type: z.enum(PROJECT_TYPES),
      /** Neighborhoods affected, e.g. [Riverside, Old Town]. */
      neighborhoods: list(line, 50).min(1, { error: 'Name at least one neighborhood' }),
      /** Streets where work happens, e.g. [Elm St, 3rd Ave]. Used by "near me" search. */
      streets: list(line).default([]),
      /** A point that represents the project on the all-projects map. */
      location: point,
      /** Total cost in the site currency. */
      cost: z.number().nonnegative().optional(),
      /** Where the money comes from. */
      funding: z.array(fundingSchema).default([]),
      /** The company doing the work. */
      contractor: z.string().optional(),
      /** Number of households or customers directly affected. */
      households: z.number().int().nonnegative().optional(),
      /** People residents can contact about this project. */
      contacts: z.array(contact).default([]),
      /** Reports, drawings and permits. */
      documents: z.array(documentLink).default([]),
      /** The main photo, with alt text. */
      hero: imageRef.extend({ src: imageSchema }).strict().optional(),
      /** The phases, in order. */
      timeline: list(phaseSchema, 50).min(1, { error: 'A project needs at least one phase in its timeline' }),
      /** Notable days. */
      milestones: z.array(milestoneSchema).default([]),
      /** Disruptions: a GeoJSON file beside this one (./disruptions.geojson) or an inline FeatureCollection. */
      disruptions: z.union([fileOrUrl, disruptionCollectionSchema]).optional(),
      /** Key figures for "Why this project". */
      keyFigures: z.array(keyFigureSchema).default([]),
      /** Community meetings, hearings and site walks. */
      meetings: list(meetingSchema).default([]),
      /** News posts, any order (the site shows the newest first). */
      updates: list(updateSchema).default([]),
      /** Questions and answers. */
      faq: list(faqSchema).default([]),
      /** "You said, we did": what residents raised and what changed because of it, with the date. */
      youSaidWeDid: z.array(youSaidWeDidSchema).default([]),
    })
    .strict();
}

/** The project frontmatter as the checker and the site model read it. */
export const projectSchema = makeProjectSchema(z.string().min(1));

/**
 * A translation (`index.es.mdx`) repeats only what it translates; anything left
 * out comes from the base file. Dates, places and geometry must match the base
 * file (the checker compares them).
 */
export const projectTranslationSchema = projectSchema.partial();

export type ProjectData = z.infer<typeof projectSchema>;
export type ProjectTranslationData = z.infer<typeof projectTranslationSchema>;

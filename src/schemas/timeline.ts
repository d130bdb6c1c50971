import { z } from 'astro/zod';
import { localDate, line, text } from './common.ts';

/** The standard phases of a public-works project, in order. */
export const PHASES = ['planning', 'design', 'construction', 'restoration', 'complete'] as const;
/** `other` lets editors name a phase of their own with `label`. */
export const PHASE_KINDS = [...PHASES, 'other'] as const;

/** One phase of the project's timeline. */
export const phaseSchema = z
  .object({
    /** Which phase: planning, design, construction, restoration, complete, or other (then give a label). */
    phase: z.enum(PHASE_KINDS),
    /** A name of your own for the phase, e.g. "Tank repainting". Required when phase is other. */
    label: line.optional(),
    /** First day of the phase. */
    start: localDate,
    /** Last day of the phase. May be left out only for the complete phase. */
    end: localDate.optional(),
    /** True when the dates are still estimates; the site marks them as such. */
    estimated: z.boolean().default(false),
    /** Dates in words for residents when they are approximate, e.g. "Fall 2027". */
    displayDates: line.optional(),
    /** What happens in this phase, in plain words. */
    description: text,
  })
  .strict()
  .refine((p) => p.phase !== 'other' || p.label, {
    error: 'A phase of kind other needs a label, e.g. label: Tank repainting',
    path: ['label'],
  });

/** A notable day, e.g. "Water main connected". */
export const milestoneSchema = z
  .object({
    /** The day. */
    date: localDate,
    /** What happened or will happen. */
    title: line,
    /** True when the date is an estimate. */
    estimated: z.boolean().default(false),
  })
  .strict();

export type Phase = z.infer<typeof phaseSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;

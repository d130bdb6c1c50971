import { z } from 'astro/zod';
import { localDate, line, text, post } from './common.ts';

/** A key figure for the "Why this project" section. */
export const keyFigureSchema = z
  .object({
    /** What is measured, e.g. "Main breaks per year". */
    label: line,
    /** The headline number. */
    value: z.number(),
    /** Unit in words, e.g. "breaks" or "years old". */
    unit: z.string().optional(),
    /** The figure before the project, for a before/after comparison. */
    before: z.number().optional(),
    /** The expected figure after the project. */
    after: z.number().optional(),
    /** Where the figure comes from. */
    source: z.string().optional(),
  })
  .strict();

/** A dated news post about the project. */
export const updateSchema = z
  .object({
    /** The day it was published. */
    date: localDate,
    /** Headline. */
    title: line,
    /** The update in plain words (Markdown paragraphs allowed). */
    body: post,
  })
  .strict();

/** A question residents ask, with its answer. */
export const faqSchema = z
  .object({
    /** The question, as a resident would ask it. */
    question: line,
    /** The answer, in plain words. */
    answer: text,
  })
  .strict();

/** A source of money for the project. */
export const fundingSchema = z
  .object({
    /** Where the money comes from, e.g. "State Revolving Fund loan". */
    source: line,
    /** How much, in the site currency. */
    amount: z.number().nonnegative().optional(),
  })
  .strict();

export type KeyFigure = z.infer<typeof keyFigureSchema>;
export type Update = z.infer<typeof updateSchema>;
export type Faq = z.infer<typeof faqSchema>;

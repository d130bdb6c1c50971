import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const contentDir = process.env.CONTENT_DIR;
if (!contentDir) throw new Error('Set CONTENT_DIR to the synthetic content folder');

/** The same files Underway reads, with a schema that accepts any frontmatter. */
const projects = defineCollection({
  loader: glob({ base: `${contentDir}/projects`, pattern: '*/index.mdx', generateId: ({ entry }) => entry.replace(/\/index\.mdx$/, '') }),
  schema: z.object({ title: z.string() }).loose(),
});

export const collections = { projects };

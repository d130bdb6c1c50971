import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { makeProjectSchema } from './schemas/project.ts';
import { readEnv } from './lib/env.ts';

const { contentDir } = readEnv();
const generateId = ({ entry }: { entry: string }) => entry.replace(/\.mdx$/, '');
// Pages render the compiled MDX, never the raw text: not keeping it saves memory at thousands of projects.
// (No deferRender: Astro already renders MDX only when a page asks for it, since MDX is a content module.)
const retainBody = false;

/**
 * Projects in the default language (`projects/<slug>/index.mdx`). The same zod
 * schema validates here and in `npm run check`; Astro's `image()` replaces the
 * hero path so the image is optimised.
 */
const projects = defineCollection({
  loader: glob({ base: `${contentDir}/projects`, pattern: '*/index.mdx', generateId, retainBody }),
  schema: ({ image }) => makeProjectSchema(image()),
});

/** Translations (`index.es.mdx`) repeat only what they translate. */
const translations = defineCollection({
  loader: glob({ base: `${contentDir}/projects`, pattern: '*/index.*.mdx', generateId, retainBody }),
  schema: ({ image }) => makeProjectSchema(image()).partial(),
});

export const collections = { projects, translations };

// @ts-check
// The floor: a bare Astro + MDX site with one page per project that renders the
// same MDX bodies as Underway. scripts/bench/build.ts copies this folder into a
// temporary root and sets FLOOR_OUT_DIR, FLOOR_CACHE_DIR and CONTENT_DIR.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  outDir: process.env.FLOOR_OUT_DIR || './dist',
  cacheDir: process.env.FLOOR_CACHE_DIR || './.cache',
  trailingSlash: 'always',
  build: { format: 'directory' },
  compressHTML: false,
  markdown: { syntaxHighlight: false },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  vite: { server: { fs: { allow: ['.', process.env.CONTENT_DIR || '.'] } } },
});

// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { readSiteSettings } from './src/lib/site-settings.ts';
import underway from './src/integration/underway.ts';

const settings = readSiteSettings();

export default defineConfig({
  site: settings.site,
  base: settings.base,
  trailingSlash: 'always',
  // Inline the (small) stylesheets: no render-blocking request before first paint on slow phones.
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: Number(process.env.UNDERWAY_BUILD_CONCURRENCY) || 4 },
  // scripts/build.ts points this at a temporary folder and swaps it in only when complete.
  outDir: process.env.UNDERWAY_OUT_DIR || './dist',
  cacheDir: `./.underway/cache/${settings.cacheKey}`,
  // 'jsx' whitespace collapsing can glue inline dates together; keep HTML whitespace as written.
  compressHTML: false,
  // Editors write no code blocks, and Shiki's inline styles would weaken the CSP.
  markdown: { syntaxHighlight: false },
  integrations: [mdx(), underway()],
  devToolbar: { enabled: false },
  // A Content-Security-Policy meta tag on every page: scripts only from our own
  // files (hashed by Astro), never inline; see src/lib/site-settings.ts.
  security: {
    csp: {
      directives: /** @type {any} */ (settings.csp.directives),
      scriptDirective: { resources: settings.csp.scriptResources },
      styleDirective: { resources: settings.csp.styleResources },
    },
  },
  vite: {
    server: { fs: { allow: ['.', settings.contentDir] } },
    build: {
      // Scripts stay in external files: cacheable across pages, and ready for a strict CSP.
      assetsInlineLimit: 0,
      rollupOptions: {
        // MDX content modules carry Astro's head-inject directive; the bundler's notice about it is noise.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
  },
});

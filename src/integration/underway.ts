import type { AstroIntegration } from 'astro';
import fs from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIndex, close } from 'pagefind';
import { loadContent } from '../lib/content/load.ts';
import { readEnv } from '../lib/env.ts';
import { formatReport } from '../lib/problems.ts';
import { writeSitemap } from './sitemap.ts';

/**
 * Underway's Astro integration:
 * - refuses to build content with errors (the same checker as `npm run check`),
 * - indexes the finished site with Pagefind's Node API and fails on its errors
 *   (astro-pagefind only logs them, which would publish a site without search).
 */
export default function underway(): AstroIntegration {
  let site = '';
  let base = '/';
  return {
    name: 'underway',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build' || process.env.UNDERWAY_CHECKED === '1') return;
        const env = readEnv();
        const { problems } = loadContent({ contentDir: env.contentDir, now: env.now });
        if (problems.some((p) => p.severity === 'error')) {
          logger.error(`\n${formatReport(problems)}`);
          throw new Error('Content has errors; nothing was built.');
        }
      },
      'astro:config:done': ({ config }) => {
        site = new URL(config.site ?? 'http://localhost').origin;
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const path = fileURLToPath(dir);
        moveLanguageErrorPages(path);
        const count = await writeSitemap(path, site, base);
        logger.info(`sitemap.xml lists ${count} pages`);
        const pages = await indexWithPagefind(path);
        logger.info(`Pagefind indexed ${pages} pages`);
      },
    },
  };
}

/** Indexes a built site with Pagefind's Node API; any error it reports fails the build. */
export async function indexWithPagefind(dir: string): Promise<number> {
  try {
    const { index, errors } = await createIndex({});
    if (!index || errors.length) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length) throw new Error(`Pagefind failed to index: ${added.errors.join('; ')}`);
    if (added.page_count === 0) throw new Error('Pagefind found no pages to index');
    const written = await index.writeFiles({ outputPath: `${dir}/pagefind` });
    if (written.errors.length) throw new Error(`Pagefind failed to write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await close();
  }
}

/**
 * Static hosts look for 404.html in a folder: Astro writes es/404/index.html for
 * the Spanish error page, so it moves to es/404.html.
 */
export function moveLanguageErrorPages(dist: string) {
  for (const entry of fs.readdirSync(dist, { withFileTypes: true })) {
    const page = join(dist, entry.name, '404', 'index.html');
    if (entry.isDirectory() && fs.existsSync(page)) {
      fs.renameSync(page, join(dist, entry.name, '404.html'));
      fs.rmdirSync(join(dist, entry.name, '404'));
    }
  }
}

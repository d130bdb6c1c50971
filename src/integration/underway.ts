import type { AstroIntegration } from 'astro';
import fs from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../lib/content/load.ts';
import { readEnv } from '../lib/env.ts';
import { formatReport } from '../lib/problems.ts';
import { CONTENT_ERRORS_EXIT_CODE, shareLoadedContent } from '../lib/shared-content.ts';
import { writeSitemap } from './sitemap.ts';
import { indexWithPagefind } from './pagefind.ts';
import { renderSharePicturesAhead } from './share-ahead.ts';

/**
 * Underway's Astro integration:
 * - refuses to build content with errors (the same checker as `npm run check`),
 * - indexes the finished site with Pagefind's Node API and fails on its errors
 *   (astro-pagefind only logs them, which would publish a site without search).
 */
export default function underway(): AstroIntegration {
  let site = '';
  let base = '/';
  let finishSharePictures: (() => Promise<void>) | null = null;
  return {
    name: 'underway',
    hooks: {
      'astro:config:setup': async ({ command, logger }) => {
        if (command !== 'build') return;
        // One "now" for the whole build: without SITE_NOW the pages would each read the
        // clock again, seconds later, and could not reuse the content checked here.
        const env = readEnv();
        process.env.SITE_NOW ??= env.now.toISO() ?? undefined;
        // The one full check of this build. The pages reuse what it loaded, so a
        // thousand projects are parsed once, not twice (npm run bench -- profile).
        const loaded = loadContent({ contentDir: env.contentDir, now: env.now });
        const { problems } = loaded;
        if (process.env.UNDERWAY_BUILD_SCRIPT === '1') {
          // scripts/build.ts: the same report as npm run check, and an exit code it knows.
          // Written out in full before exiting, even into a pipe.
          if (problems.length) await new Promise((done) => process.stdout.write(`${formatReport(problems)}\n`, done));
          if (problems.some((p) => p.severity === 'error')) process.exit(CONTENT_ERRORS_EXIT_CODE);
        } else if (problems.some((p) => p.severity === 'error')) {
          logger.error(`\n${formatReport(problems)}`);
          throw new Error('Content has errors; nothing was built.');
        }
        shareLoadedContent(loaded, env);
        const shareDir = process.env.UNDERWAY_SHARE_DIR || join(process.cwd(), '.underway', `share-${process.pid}-${Date.now()}`);
        finishSharePictures = renderSharePicturesAhead(shareDir);
        // A build that fails later never reaches astro:build:done: leave nothing behind.
        process.once('exit', () => fs.rmSync(shareDir, { recursive: true, force: true }));
      },
      'astro:config:done': ({ config }) => {
        site = new URL(config.site ?? 'http://localhost').origin;
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const path = fileURLToPath(dir);
        await finishSharePictures?.();
        moveLanguageErrorPages(path);
        const count = await writeSitemap(path, site, base);
        logger.info(`sitemap.xml lists ${count} pages`);
        // scripts/build.ts indexes once Astro has exited, so the two never hold memory at once.
        if (process.env.UNDERWAY_BUILD_SCRIPT === '1') return;
        const pages = await indexWithPagefind(path);
        logger.info(`Pagefind indexed ${pages} pages`);
      },
    },
  };
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

import type { DateTime } from 'luxon';
import type { LoadedContent } from './content/load.ts';

type Settings = { contentDir: string; now: DateTime };

/** How the build process tells scripts/build.ts that the content has errors. */
export const CONTENT_ERRORS_EXIT_CODE = 65;

/**
 * Content checked by the build integration, handed to the pages of the same
 * build. Astro bundles the pages, so they hold their own copy of every module
 * and cannot see the integration's variables: a global keyed by a registered
 * symbol is the one thing both copies share.
 */
const KEY = Symbol.for('underway.loadedContent');

interface Shared {
  contentDir: string;
  now: string;
  loaded: LoadedContent;
}

export function shareLoadedContent(loaded: LoadedContent, env: Settings): void {
  (globalThis as Record<symbol, Shared | undefined>)[KEY] = { contentDir: env.contentDir, now: env.now.toISO() ?? '', loaded };
}

/** The content the integration loaded for these settings, if it did. */
export function takeSharedContent(env: Settings): LoadedContent | null {
  const shared = (globalThis as Record<symbol, Shared | undefined>)[KEY];
  if (!shared || shared.contentDir !== env.contentDir || shared.now !== env.now.toISO()) return null;
  return shared.loaded;
}

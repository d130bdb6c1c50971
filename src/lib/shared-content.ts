import type { DateTime } from 'luxon';
import type { LoadedContent } from './content/load.ts';

type Settings = { contentDir: string; now: DateTime };

/** How the build process tells scripts/build.ts that the content has errors. */
export const CONTENT_ERRORS_EXIT_CODE = 65;

/**
 * A value the build integration hands to the pages of the same build. Astro
 * bundles the pages, so they hold their own copy of every module and cannot see
 * the integration's variables: a global keyed by a registered symbol is the one
 * thing both copies share.
 */
export function handoff<T>(name: string): { put(value: T): void; get(): T | undefined } {
  const key = Symbol.for(`underway.${name}`);
  const slots = globalThis as Record<symbol, T | undefined>;
  return {
    put: (value) => void (slots[key] = value),
    get: () => slots[key],
  };
}

/** Content checked by the build integration, with the settings it was loaded for. */
const loadedContent = handoff<{ contentDir: string; now: string; loaded: LoadedContent }>('loadedContent');

export function shareLoadedContent(loaded: LoadedContent, env: Settings): void {
  loadedContent.put({ contentDir: env.contentDir, now: env.now.toISO() ?? '', loaded });
}

/** The content the integration loaded for these settings, if it did. */
export function takeSharedContent(env: Settings): LoadedContent | null {
  const shared = loadedContent.get();
  if (!shared || shared.contentDir !== env.contentDir || shared.now !== env.now.toISO()) return null;
  return shared.loaded;
}

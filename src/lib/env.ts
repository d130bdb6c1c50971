import path from 'node:path';
import { siteNow } from './time.ts';

/**
 * The environment variables Underway reads. Everything else comes from content.
 * - CONTENT_DIR: the content root (default ./content)
 * - SITE_NOW: the ISO date-time that "today" means for this build
 * - SITE_URL, SITE_BASE: canonical origin and base path, overriding site.yaml
 */
export function readEnv(env: Record<string, string | undefined> = process.env) {
  return {
    contentDir: path.resolve(env.CONTENT_DIR || './content'),
    now: siteNow(env),
    siteUrl: env.SITE_URL || undefined,
    siteBase: env.SITE_BASE || undefined,
  };
}

/** Base path with a leading and trailing slash: '/', '/water/'. */
export function normalizeBase(base: string | undefined): string {
  if (!base) return '/';
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

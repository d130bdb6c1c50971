import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { normalizeBase, readEnv } from './env.ts';

/**
 * The few settings Astro's own config needs (origin, base path, languages),
 * read leniently from site.yaml: the checker reports problems with it properly,
 * so here we only fall back to safe defaults.
 */
export function readSiteSettings(env: Record<string, string | undefined> = process.env) {
  const { contentDir, siteUrl, siteBase } = readEnv(env);
  let raw: Record<string, unknown> = {};
  try {
    raw = (parse(fs.readFileSync(path.join(contentDir, 'site.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
  } catch {
    // reported by the checker
  }
  const languages = (raw.languages ?? {}) as { default?: string; others?: string[] };
  const url = siteUrl ?? (typeof raw.url === 'string' ? raw.url : 'http://localhost:4321');
  return {
    contentDir,
    site: new URL(url).origin + new URL(url).pathname.replace(/\/$/, ''),
    base: normalizeBase(siteBase ?? (typeof raw.base === 'string' ? raw.base : '/')),
    defaultLang: languages.default ?? 'en',
    otherLangs: Array.isArray(languages.others) ? languages.others : [],
    /** Astro's cache is per content folder, so fixture builds never mix entries. */
    cacheKey: crypto.createHash('sha1').update(contentDir).digest('hex').slice(0, 10),
  };
}

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
  const site = siteAddress(siteUrl ?? raw.url);
  return {
    contentDir,
    csp: contentSecurityPolicy(raw),
    site,
    base: normalizeBase(siteBase ?? (typeof raw.base === 'string' ? raw.base : '/')),
    defaultLang: languages.default ?? 'en',
    otherLangs: Array.isArray(languages.others) ? languages.others : [],
    /** Astro's cache is per content folder, so fixture builds never mix entries. */
    cacheKey: crypto.createHash('sha1').update(contentDir).digest('hex').slice(0, 10),
  };
}

/** Origin and path of the site; a malformed address falls back, so the checker can report it with its line. */
function siteAddress(url: unknown): string {
  try {
    const u = new URL(typeof url === 'string' ? url : 'http://localhost:4321');
    return u.origin + u.pathname.replace(/\/$/, '');
  } catch {
    return 'http://localhost:4321';
  }
}

/**
 * The CSP directives Astro adds to every page (it adds script-src and style-src
 * hashes itself). Outside origins are only those the content configures: map
 * tiles, the feedback endpoint and the geocoder.
 */
export function contentSecurityPolicy(raw: Record<string, unknown>) {
  const origin = (url: unknown) => {
    if (typeof url !== 'string') return null;
    try {
      const u = new URL(url.replace(/\{[a-z]+\}/g, 'x'));
      return /^https?:$/.test(u.protocol) ? u.origin : null;
    } catch {
      return null;
    }
  };
  const map = (raw.map ?? {}) as { url?: string };
  const feedback = ((raw.feedback ?? {}) as { endpoint?: { type?: string; url?: string } }).endpoint ?? {};
  const tiles = origin(map.url ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png');
  // MapLibre fetches its tiles with fetch(), so the tile origin is a connect-src too.
  const connect = [
    tiles,
    feedback.type === 'hubspot' ? origin(feedback.url ?? 'https://api.hsforms.com') : origin(feedback.url),
    origin(raw.geocoder),
  ].filter(Boolean);
  return {
    directives: [
      "default-src 'self'",
      `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
      `connect-src 'self'${connect.map((c) => ` ${c}`).join('')}`,
      "worker-src 'self' blob:",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      `form-action 'self'${feedback.type === 'http' && origin(feedback.url) ? ` ${origin(feedback.url)}` : ''} mailto:`,
    ],
    // Pagefind and MapLibre compile WebAssembly/workers; no inline script is ever allowed.
    scriptResources: ["'self'", "'wasm-unsafe-eval'"],
    // Map libraries position elements with style attributes.
    styleResources: ["'self'", "'unsafe-inline'"],
  };
}

import { langPrefix, withBase } from './urls.ts';

/**
 * Page addresses. `route` is the page's path without language or base, e.g.
 * 'projects/elm-street/'. The default language has no prefix; others get /es/.
 */
export function pagePath(base: string, defaultLang: string, lang: string, route = ''): string {
  const prefix = langPrefix(lang, defaultLang).replace(/^\//, '');
  const path = withBase(base, [prefix, route].filter(Boolean).join('/'));
  // Pages are folders: a language home is /es/, never /es.
  return route === '' && !path.endsWith('/') ? `${path}/` : path;
}

export function absoluteUrl(originWithBase: string, base: string, path: string): string {
  // originWithBase already ends with the base; path starts with it.
  const origin = originWithBase.slice(0, originWithBase.length - base.replace(/\/$/, '').length);
  return origin + path;
}

/** Where the site's logo is published (src/pages/media/[...file].ts serves it by file name). */
export function logoPath(base: string, defaultLang: string, logoSrc: string): string {
  return pagePath(base, defaultLang, defaultLang, `media/site/${logoSrc.split('/').pop()}`);
}

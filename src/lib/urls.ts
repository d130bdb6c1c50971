/** Only these link schemes ever reach a page: http(s), mailto and tel. */
export function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+|tel:[+0-9().\- ]+)$/i.test(url.trim());
}

/** Joins a site-relative path onto the base path, keeping exactly one slash between. */
export function withBase(base: string, pathname: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + pathname.replace(/^\/+/, '');
}

/** The URL prefix for a language: '' for the default language, '/es' otherwise. */
export function langPrefix(lang: string, defaultLang: string): string {
  return lang === defaultLang ? '' : `/${lang}`;
}

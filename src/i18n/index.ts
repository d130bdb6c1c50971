import { en, type UiKey } from './en.ts';
import { es } from './es.ts';

/** UI string catalogs by language. A site language without one falls back to English. */
export const catalogs: Record<string, Record<UiKey, string>> = { en, es };

export type { UiKey };

/** A translator for one language: t('home.count', { count: 3 }). */
export function translator(lang: string) {
  const catalog = catalogs[lang] ?? catalogs[lang.split('-')[0]] ?? en;
  return (key: UiKey, params: Record<string, string | number> = {}) =>
    (catalog[key] ?? en[key]).replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}

/** Languages that have UI strings. */
export function hasCatalog(lang: string): boolean {
  return lang in catalogs || lang.split('-')[0] in catalogs;
}

/** UI keys that a language's catalog lacks, compared with English. */
export function missingUiKeys(lang: string): string[] {
  const catalog = (catalogs[lang] ?? catalogs[lang.split('-')[0]] ?? {}) as Record<string, string>;
  return Object.keys(en).filter((key) => typeof catalog[key] !== 'string' || !catalog[key].trim());
}

/**
 * Distances in the reader's units: miles and feet where the reader's locale
 * uses them (the United States, Liberia, Myanmar), kilometres and metres
 * elsewhere. The words come from the page's language, the units from the
 * browser's locale, so a Spanish page read in the US says "0,3 millas".
 */

export type Units = 'imperial' | 'metric';

const IMPERIAL = new Set(['US', 'LR', 'MM']);

export function unitsFor(locale: string): Units {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && IMPERIAL.has(region) ? 'imperial' : 'metric';
  } catch {
    return 'metric';
  }
}

const formats = new Map<string, Intl.NumberFormat>();
function format(lang: string, unit: string, digits: number, value: number): string {
  const key = `${lang}|${unit}|${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: digits })));
  return f.format(value);
}

/** "350 feet", "0.4 miles", "12 miles"; "90 meters", "1.5 kilometers". Rounded so it does not pretend to be exact. */
export function formatDistance(metres: number, lang: string, units: Units): string {
  if (units === 'imperial') {
    const feet = metres / 0.3048;
    if (feet < 1000) return format(lang, 'foot', 0, feet < 100 ? Math.max(10, Math.round(feet / 10) * 10) : Math.round(feet / 50) * 50);
    const miles = metres / 1609.344;
    return miles < 10 ? format(lang, 'mile', 1, Math.round(miles * 10) / 10) : format(lang, 'mile', 0, Math.round(miles));
  }
  if (metres < 1000) return format(lang, 'meter', 0, metres < 100 ? Math.max(10, Math.round(metres / 10) * 10) : Math.round(metres / 50) * 50);
  const km = metres / 1000;
  return km < 10 ? format(lang, 'kilometer', 1, Math.round(km * 10) / 10) : format(lang, 'kilometer', 0, Math.round(km));
}

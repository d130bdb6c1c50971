import type { DisruptionProperties } from '../schemas/disruption.ts';
import type { UiKey } from '../i18n/en.ts';
import { endInstant, isDateOnly, startInstant, formatDate } from './time.ts';
import { memoize } from './memo.ts';

export { formatDate };

type T = (key: UiKey, params?: Record<string, string | number>) => string;

/** "Elm St between 3rd Ave and 7th Ave", in the reader's language. */
export function describePlace(p: Pick<DisruptionProperties, 'street' | 'from' | 'to' | 'block'>, t: T): string {
  if (p.from && p.to) return t('project.between', { street: p.street, from: p.from, to: p.to });
  if (p.block) return t('project.block', { street: p.street, block: p.block });
  if (p.from) return t('project.from', { street: p.street, from: p.from });
  return p.street;
}

/**
 * A local date range in words: "Tue, Mar 3, 9:00 AM – 3:00 PM" on one day,
 * "Mar 3 – Mar 20, 2027" across days. Always in the utility's zone.
 */
export const describeRange = memoize(describeRangeNow, (start, end, opts) => `${start} ${end} ${opts.lang} ${opts.zone}`);

function describeRangeNow(start: string, end: string, opts: { lang: string; zone: string }): string {
  const s = startInstant(start, opts.zone).setLocale(opts.lang);
  // A bare end date means "until the end of that day": show the day, not midnight.
  const e = (isDateOnly(end) ? endInstant(end, opts.zone).minus({ days: 1 }) : startInstant(end, opts.zone)).setLocale(opts.lang);
  const startTimed = !isDateOnly(start);
  const endTimed = !isDateOnly(end);
  const day = { weekday: 'short', month: 'short', day: 'numeric' } as const;
  const dayYear = { ...day, year: 'numeric' } as const;
  const time = { hour: 'numeric', minute: '2-digit' } as const;
  if (s.hasSame(e, 'day')) {
    const date = s.toLocaleString(dayYear);
    if (startTimed && endTimed) return `${date}, ${s.toLocaleString(time)} – ${e.toLocaleString(time)}`;
    return startTimed ? `${date}, ${s.toLocaleString(time)}` : date;
  }
  const startText = s.toLocaleString(s.hasSame(e, 'year') ? day : dayYear) + (startTimed ? `, ${s.toLocaleString(time)}` : '');
  const endText = e.toLocaleString(dayYear) + (endTimed ? `, ${e.toLocaleString(time)}` : '');
  return `${startText} – ${endText}`;
}

/** A currency amount for display: $4,200,000 → "$4.2 million" in English. */
export function formatMoney(amount: number, currency: string, lang: string): string {
  if (amount >= 1_000_000) return numberFormat(lang, 'compact', currency).format(amount);
  return numberFormat(lang, 'money', currency).format(amount);
}

export function formatNumber(value: number, lang: string): string {
  return numberFormat(lang, 'number', '').format(value);
}

// One formatter per language and style: creating an Intl.NumberFormat costs far more than using one.
const numberFormat = memoize(
  (lang: string, style: 'compact' | 'money' | 'number', currency: string) =>
    style === 'compact'
      ? new Intl.NumberFormat(lang, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 })
      : style === 'money'
        ? new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 })
        : new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }),
  (lang, style, currency) => `${lang} ${style} ${currency}`,
);

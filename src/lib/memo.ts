/**
 * Remembers a pure function's results by a key. Builds format the same dates,
 * amounts and ranges thousands of times (every list card, calendar and page of
 * a project), and Intl and Luxon are slow to do it afresh
 * (npm run bench -- profile). Bounded, so memory stays flat on huge sites.
 */
export function memoize<A extends unknown[], R, K extends string | number = string>(fn: (...args: A) => R, key: (...args: A) => K, max = 100_000): (...args: A) => R {
  const results = new Map<K, R>();
  return (...args: A) => {
    const k = key(...args);
    if (results.has(k)) return results.get(k)!;
    const value = fn(...args);
    if (results.size >= max) results.clear();
    results.set(k, value);
    return value;
  };
}

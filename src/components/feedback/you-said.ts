import type { YouSaidStatus, YouSaidWeDid } from '../../schemas/feedback.ts';
import { YOU_SAID_STATUSES } from '../../schemas/feedback.ts';

/** How many points residents raised, and how many of them are done, in progress or not possible. */
export type YouSaidCounts = { raised: number } & Record<YouSaidStatus, number>;

export function countYouSaid(entries: readonly YouSaidWeDid[]): YouSaidCounts {
  const counts = { raised: entries.length } as YouSaidCounts;
  for (const status of YOU_SAID_STATUSES) counts[status] = entries.filter((e) => e.status === status).length;
  return counts;
}

export function addCounts(a: YouSaidCounts, b: YouSaidCounts): YouSaidCounts {
  const sum = { raised: a.raised + b.raised } as YouSaidCounts;
  for (const status of YOU_SAID_STATUSES) sum[status] = a[status] + b[status];
  return sum;
}

/** Newest first; entries on the same day keep the order the editor wrote. */
export function newestFirst(entries: readonly YouSaidWeDid[]): YouSaidWeDid[] {
  return entries.map((e, i) => ({ e, i })).sort((a, b) => b.e.date.localeCompare(a.e.date) || a.i - b.i).map(({ e }) => e);
}

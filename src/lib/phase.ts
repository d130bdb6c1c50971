/**
 * Phase and "what to expect" logic on plain epoch milliseconds, shared by the
 * build (through status.ts) and the tiny in-browser refresh script, so a page
 * built last week and re-derived today can never disagree about the rules.
 */

export type ProjectStatus = 'planned' | 'active' | 'complete';

export interface PhaseSpan {
  kind: string;
  /** Epoch ms the phase starts. */
  start: number;
  /** Epoch ms the phase ends (exclusive), or null when open-ended. */
  end: number | null;
}

export interface DerivedPhase {
  /** Index of the current phase, or -1 before the first one starts. */
  index: number;
  status: ProjectStatus;
  week?: number;
  totalWeeks?: number;
}

const DAY = 86_400_000;
/** Disruptions starting within this many days count as "coming up". */
export const UPCOMING_DAYS = 14;

/**
 * The current phase is the last one that has started. A gap between phases still
 * counts as the previous phase; the project is complete once a complete phase
 * starts or the last phase has ended.
 */
export function derivePhase(phases: PhaseSpan[], now: number, zone: string): DerivedPhase {
  let index = -1;
  phases.forEach((p, i) => {
    if (p.start <= now) index = i;
  });
  if (index === -1) return { index, status: 'planned' };
  const phase = phases[index];
  const last = index === phases.length - 1;
  if (phase.kind === 'complete' || (last && phase.end !== null && phase.end <= now)) return { index, status: 'complete' };
  const status: ProjectStatus = phase.kind === 'planning' || phase.kind === 'design' ? 'planned' : 'active';
  if (phase.end === null) return { index, status };
  // Calendar days in the utility's zone, so a daylight-saving hour never shifts the week.
  const totalDays = calendarDays(phase.start, phase.end, zone);
  const elapsedDays = calendarDays(phase.start, now, zone);
  const totalWeeks = Math.max(1, Math.ceil(totalDays / 7));
  const week = Math.min(Math.floor(elapsedDays / 7) + 1, totalWeeks);
  return { index, status, week, totalWeeks };
}

export type When = 'past' | 'now' | 'upcoming' | 'later';

/** Where a time span sits relative to now: over, happening, within 14 days, or later. */
export function whenIs(start: number, end: number, now: number, upcomingDays = UPCOMING_DAYS): When {
  if (end <= now) return 'past';
  if (start <= now) return 'now';
  if (start - now <= upcomingDays * DAY) return 'upcoming';
  return 'later';
}

/** A disruption belongs in "What to expect" when it is on now or starts within 14 days. */
export function isExpected(start: number, end: number, now: number): boolean {
  const when = whenIs(start, end, now);
  return when === 'now' || when === 'upcoming';
}

/** Whole calendar days from a to b as the utility's wall clock counts them. */
export function calendarDays(a: number, b: number, zone: string): number {
  return Math.round((dayNumber(b, zone) - dayNumber(a, zone)));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayNumber(ms: number, zone: string): number {
  let format = dayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(zone, format);
  }
  const [y, m, d] = format.format(ms).split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
}

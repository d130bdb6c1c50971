import type { DateTime } from 'luxon';
import type { Phase } from '../schemas/timeline.ts';
import { endInstant, startInstant } from './time.ts';

export type ProjectStatus = 'planned' | 'active' | 'complete';

export interface CurrentPhase {
  /** Index into the timeline, or -1 before the first phase. */
  index: number;
  phase: Phase | null;
  status: ProjectStatus;
  /** 1-based week within the phase, when in one. */
  week?: number;
  /** Total weeks of the phase, rounded up. */
  totalWeeks?: number;
}

/**
 * Which phase the project is in at `now`: the last phase that has started. A gap
 * between phases still counts as the previous phase (work rarely stops visibly),
 * and the project is complete once a complete phase starts or the last phase ends.
 */
export function currentPhase(timeline: Phase[], now: DateTime, zone: string): CurrentPhase {
  let index = -1;
  timeline.forEach((phase, i) => {
    if (startInstant(phase.start, zone) <= now) index = i;
  });
  if (index === -1) return { index, phase: null, status: 'planned' };
  const phase = timeline[index];
  const start = startInstant(phase.start, zone);
  const last = index === timeline.length - 1;
  const ended = phase.end ? endInstant(phase.end, zone) <= now : false;
  if (phase.phase === 'complete' || (last && ended)) return { index, phase, status: 'complete' };
  const status: ProjectStatus = phase.phase === 'planning' || phase.phase === 'design' ? 'planned' : 'active';
  if (!phase.end) return { index, phase, status };
  const end = endInstant(phase.end, zone);
  const week = Math.min(Math.floor(now.diff(start, 'days').days / 7) + 1, Math.ceil(end.diff(start, 'days').days / 7));
  return { index, phase, status, week, totalWeeks: Math.ceil(end.diff(start, 'days').days / 7) };
}

/** The first and last instants the timeline covers. */
export function projectSpan(timeline: Phase[], zone: string): { start: DateTime; end: DateTime | null } {
  const start = startInstant(timeline[0].start, zone);
  const last = timeline[timeline.length - 1];
  const endLocal = last.end ?? (timeline.length > 1 ? null : null);
  return { start, end: endLocal ? endInstant(endLocal, zone) : null };
}

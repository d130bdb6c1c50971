import type { DateTime } from 'luxon';
import type { Phase } from '../schemas/timeline.ts';
import { derivePhase, type PhaseSpan, type ProjectStatus } from './phase.ts';
import { endInstant, startInstant } from './time.ts';

export type { ProjectStatus };

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

/** The timeline as epoch-ms spans in the utility's zone (also embedded for the browser). */
export function phaseSpans(timeline: Phase[], zone: string): PhaseSpan[] {
  return timeline.map((p) => ({
    kind: p.phase,
    start: startInstant(p.start, zone).toMillis(),
    end: p.end ? endInstant(p.end, zone).toMillis() : null,
  }));
}

/** Which phase the project is in at `now` (see derivePhase for the rules). */
export function currentPhase(timeline: Phase[], now: DateTime, zone: string): CurrentPhase {
  const derived = derivePhase(phaseSpans(timeline, zone), now.toMillis(), zone);
  return { ...derived, phase: derived.index >= 0 ? timeline[derived.index] : null };
}

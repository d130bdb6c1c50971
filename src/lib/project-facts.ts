import type { DateTime } from 'luxon';
import type { ProjectEntry } from './content/load.ts';
import { endInstant, startInstant } from './time.ts';

/** The years a project spans, for filters: 2026, 2027, … */
export function projectYears(project: ProjectEntry): number[] {
  const first = Number(project.data.timeline[0].start.slice(0, 4));
  const ends = project.data.timeline.map((p) => Number((p.end ?? p.start).slice(0, 4)));
  const last = Math.max(first, ...ends);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export interface NextEvent {
  type: 'meeting' | 'disruption';
  /** Local date-time text from the content. */
  start: string;
  end: string;
  title: string;
  kind: string;
  startMs: number;
  endMs: number;
}

/**
 * The next thing a resident should know about: a disruption on now or coming,
 * or a meeting that has not ended, whichever starts first. Cancelled meetings
 * are skipped.
 */
export function nextEvent(project: ProjectEntry, now: DateTime, zone: string): NextEvent | null {
  const nowMs = now.toMillis();
  const events: NextEvent[] = [
    ...project.data.meetings
      .filter((m) => m.status !== 'cancelled')
      .map((m) => ({ type: 'meeting' as const, start: m.start, end: m.end, title: m.title, kind: m.kind, startMs: startInstant(m.start, zone).toMillis(), endMs: endInstant(m.end, zone).toMillis() })),
    ...project.disruptions.map((f) => ({
      type: 'disruption' as const,
      start: f.properties.start,
      end: f.properties.end,
      title: f.properties.street,
      kind: f.properties.kind,
      startMs: startInstant(f.properties.start, zone).toMillis(),
      endMs: endInstant(f.properties.end, zone).toMillis(),
    })),
  ].filter((e) => e.endMs > nowMs);
  events.sort((a, b) => Math.max(a.startMs, nowMs) - Math.max(b.startMs, nowMs) || a.startMs - b.startMs);
  return events[0] ?? null;
}

/** "riverside-north" from "Riverside North", for web addresses. */
export function neighborhoodSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

import type { DateTime } from 'luxon';
import type { ProjectEntry } from './content/load.ts';
import type { Meeting } from '../schemas/meeting.ts';
import { endInstant, startInstant } from './time.ts';
import { neighborhoodSlug } from './project-facts.ts';

export interface SiteMeeting {
  project: ProjectEntry;
  meeting: Meeting;
  start: DateTime;
  end: DateTime;
}

/** Every meeting of every project, in one language (falling back to the default), in time order. */
export function siteMeetings(projects: Iterable<Map<string, ProjectEntry>>, lang: string, defaultLang: string, zone: string): SiteMeeting[] {
  const out: SiteMeeting[] = [];
  for (const byLang of projects) {
    const project = byLang.get(lang) ?? byLang.get(defaultLang)!;
    for (const meeting of project.data.meetings)
      out.push({ project, meeting, start: startInstant(meeting.start, zone), end: endInstant(meeting.end, zone) });
  }
  return out.sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.project.slug.localeCompare(b.project.slug));
}

export function splitByTime(meetings: SiteMeeting[], now: DateTime) {
  const nowMs = now.toMillis();
  return {
    upcoming: meetings.filter((m) => m.end.toMillis() > nowMs),
    past: meetings.filter((m) => m.end.toMillis() <= nowMs).reverse(),
  };
}

export function inNeighborhood(meetings: SiteMeeting[], slug: string): SiteMeeting[] {
  return meetings.filter((m) => m.project.data.neighborhoods.some((n) => neighborhoodSlug(n) === slug));
}

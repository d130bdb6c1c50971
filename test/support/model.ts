import type { DateTime } from 'luxon';
import type { ProjectEntry } from '../../src/lib/content/load.ts';
import type { Site } from '../../src/schemas/site.ts';
import type { SiteModel } from '../../src/lib/site-model.ts';
import { currentPhase } from '../../src/lib/status.ts';

/** A site model over any list of projects (what getSiteModel builds from a content folder). */
export function testModel(input: { site: Site; projects: ProjectEntry[]; now: DateTime; zone: string; origin: string; base?: string }): SiteModel {
  const { site, projects, now, zone, base = '/' } = input;
  const bySlug = new Map<string, Map<string, ProjectEntry>>();
  for (const p of projects) bySlug.set(p.slug, new Map([...(bySlug.get(p.slug) ?? []), [p.lang, p]]));
  return {
    site,
    alerts: [],
    now,
    zone,
    defaultLang: 'en',
    languages: ['en', 'es'],
    base,
    origin: input.origin,
    projects,
    bySlug,
    status: (p) => currentPhase(p.data.timeline, now, zone),
  };
}

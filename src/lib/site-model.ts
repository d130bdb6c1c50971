import type { DateTime } from 'luxon';
import type { Site } from '../schemas/site.ts';
import { loadContent, type AlertEntry, type ProjectEntry } from './content/load.ts';
import { readEnv, normalizeBase } from './env.ts';
import { formatReport } from './problems.ts';
import { currentPhase, type CurrentPhase } from './status.ts';
import { rememberZoneOffsets } from './time.ts';
import { takeSharedContent } from './shared-content.ts';

/** Everything the pages render, loaded once per build. */
export interface SiteModel {
  site: Site;
  now: DateTime;
  zone: string;
  defaultLang: string;
  languages: string[];
  /** Base path with slashes, e.g. /water/ */
  base: string;
  /** Canonical origin plus base, no trailing slash. */
  origin: string;
  projects: ProjectEntry[];
  /** Projects by slug, by language. */
  bySlug: Map<string, Map<string, ProjectEntry>>;
  status(project: ProjectEntry): CurrentPhase;
  /** Critical alerts (content/alerts/), in file-name order. */
  alerts: AlertEntry[];
}

let cached: SiteModel | null = null;

export function getSiteModel(): SiteModel {
  if (cached) return cached;
  const env = readEnv();
  const loaded = takeSharedContent(env) ?? loadContent({ contentDir: env.contentDir, now: env.now, checkBodies: false });
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length || !loaded.site) {
    // In dev this shows in Astro's error overlay with the same text as npm run check.
    throw new Error(`Content has errors:\n${formatReport(errors)}`);
  }
  const site = loaded.site;
  const zone = site.timeZone;
  rememberZoneOffsets(zone);
  const base = normalizeBase(env.siteBase ?? site.base);
  const origin = new URL(env.siteUrl ?? site.url).origin;
  const bySlug = new Map<string, Map<string, ProjectEntry>>();
  for (const p of loaded.projects) {
    if (!bySlug.has(p.slug)) bySlug.set(p.slug, new Map());
    bySlug.get(p.slug)!.set(p.lang, p);
  }
  const statusCache = new Map<ProjectEntry, CurrentPhase>();
  cached = {
    site,
    now: env.now,
    zone,
    defaultLang: site.languages.default,
    languages: [site.languages.default, ...site.languages.others],
    base,
    origin: origin + base.replace(/\/$/, ''),
    projects: loaded.projects,
    alerts: loaded.alerts,
    bySlug,
    status(project) {
      if (!statusCache.has(project)) statusCache.set(project, currentPhase(project.data.timeline, env.now, zone));
      return statusCache.get(project)!;
    },
  };
  return cached;
}

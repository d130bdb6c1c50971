import { neighborhoodSlug } from './project-facts.ts';
import type { SiteModel } from './site-model.ts';

/** The server-rendered filter pages, so filtering works without JavaScript. */
export function statusRoutes(model: SiteModel, langs: string[]) {
  return langs.flatMap((lang) => (['active', 'planned', 'complete'] as const).map((status) => ({ lang, status })));
}

export function neighborhoodRoutes(model: SiteModel, langs: string[]) {
  const names = new Set(model.projects.flatMap((p) => p.data.neighborhoods));
  const slugs = [...new Set([...names].map(neighborhoodSlug))];
  return langs.flatMap((lang) => slugs.map((neighborhood) => ({ lang, neighborhood })));
}

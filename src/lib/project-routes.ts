import type { ProjectEntry } from './content/load.ts';
import { getSiteModel } from './site-model.ts';

/**
 * Files of one project come in two route families: the default language's
 * (projects/<slug>/…, no prefix) and each translation's (<lang>/projects/<slug>/…,
 * only for projects translated into that language).
 */
export type RouteFamily = 'default' | 'translations';

const inFamily = (family: RouteFamily) => getSiteModel().projects.filter((p) => p.isBase === (family === 'default'));
const projectParams = (entry: ProjectEntry, family: RouteFamily) => (family === 'default' ? { slug: entry.slug } : { lang: entry.lang, slug: entry.slug });

/** getStaticPaths for a file per project. */
export function projectPaths(family: RouteFamily) {
  return inFamily(family).map((entry) => ({ params: projectParams(entry, family), props: { entry } }));
}

/** getStaticPaths for a file per meeting of every project. */
export function meetingPaths(family: RouteFamily) {
  return inFamily(family).flatMap((entry) => entry.data.meetings.map((m) => ({ params: { ...projectParams(entry, family), id: m.id }, props: { entry, id: m.id } })));
}

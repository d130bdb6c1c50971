import type { APIRoute } from 'astro';
import type { ProjectEntry } from '../../../lib/content/load.ts';
import { getSiteModel } from '../../../lib/site-model.ts';
import { projectPaths } from '../../../lib/project-routes.ts';
import { ATOM_HEADERS, feedContext, feedProject, updatesFeed } from '../../../lib/feeds.ts';

/** The Atom feed of the project's updates, newest first. The default language: no prefix. */
export function getStaticPaths() {
  return projectPaths('default');
}

export const GET: APIRoute = ({ props }) => {
  const { entry } = props as { entry: ProjectEntry };
  const body = updatesFeed(feedProject(entry), feedContext(getSiteModel(), entry));
  return new Response(body, { headers: ATOM_HEADERS });
};

import type { APIRoute } from 'astro';
import type { ProjectEntry } from '../../../../lib/content/load.ts';
import { getSiteModel } from '../../../../lib/site-model.ts';
import { projectPaths } from '../../../../lib/project-routes.ts';
import { ATOM_HEADERS, feedContext, feedProject, updatesFeed } from '../../../../lib/feeds.ts';

/** The Atom feed of the project's updates, newest first. Other languages, only for projects translated into them. */
export function getStaticPaths() {
  return projectPaths('translations');
}

export const GET: APIRoute = ({ props }) => {
  const { entry } = props as { entry: ProjectEntry };
  const body = updatesFeed(feedProject(entry), feedContext(getSiteModel(), entry));
  return new Response(body, { headers: ATOM_HEADERS });
};

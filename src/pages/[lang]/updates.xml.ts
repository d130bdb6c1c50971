import type { APIRoute } from 'astro';
import { getSiteModel } from '../../lib/site-model.ts';
import { ATOM_HEADERS } from '../../lib/feeds.ts';
import { siteFeedInput, siteUpdatesFeed } from '../../lib/site-feed.ts';

/** /<lang>/updates.xml: every project's updates, translated where a translation exists. */
export function getStaticPaths() {
  return getSiteModel()
    .languages.slice(1)
    .map((lang) => ({ params: { lang } }));
}

export const GET: APIRoute = ({ params }) => {
  const { projects, ctx } = siteFeedInput(getSiteModel(), params.lang!);
  return new Response(siteUpdatesFeed(projects, ctx), { headers: ATOM_HEADERS });
};

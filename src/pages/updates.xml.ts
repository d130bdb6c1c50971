import type { APIRoute } from 'astro';
import { getSiteModel } from '../lib/site-model.ts';
import { ATOM_HEADERS } from '../lib/feeds.ts';
import { siteFeedInput, siteUpdatesFeed } from '../lib/site-feed.ts';

/** /updates.xml: the Atom feed of every project's updates, in the default language. */
export const GET: APIRoute = () => {
  const model = getSiteModel();
  const { projects, ctx } = siteFeedInput(model, model.defaultLang);
  return new Response(siteUpdatesFeed(projects, ctx), { headers: ATOM_HEADERS });
};

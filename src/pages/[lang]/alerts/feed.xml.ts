import type { APIRoute } from 'astro';
import { getSiteModel } from '../../../lib/site-model.ts';
import { ATOM_HEADERS } from '../../../lib/feeds.ts';
import { alertsAtom } from '../../../lib/alert-feed.ts';

/** /<lang>/alerts/feed.xml: the alerts in effect in that language, each entry linking its page in that language. */
export function getStaticPaths() {
  return getSiteModel()
    .languages.slice(1)
    .map((lang) => ({ params: { lang } }));
}

export const GET: APIRoute = ({ params }) => new Response(alertsAtom(getSiteModel(), params.lang!), { headers: ATOM_HEADERS });

import type { APIRoute } from 'astro';
import { getSiteModel } from '../../lib/site-model.ts';
import { ATOM_HEADERS } from '../../lib/feeds.ts';
import { alertsAtom } from '../../lib/alert-feed.ts';

/** /alerts/feed.xml: Atom index of the alerts in effect (default language), each entry linking its page and its CAP message. */
export const GET: APIRoute = () => new Response(alertsAtom(getSiteModel()), { headers: ATOM_HEADERS });

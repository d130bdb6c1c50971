import type { APIRoute } from 'astro';
import { getSiteModel } from '../lib/site-model.ts';
import { GEOJSON_HEADERS } from '../lib/open-data.ts';
import { buildWzdxFeed, wzdxJson } from '../lib/wzdx.ts';

/** /wzdx.geojson: the WZDx 4.2 Work Zone Feed of road closures, lane closures and detours. */
export const GET: APIRoute = () => new Response(wzdxJson(buildWzdxFeed(getSiteModel())), { headers: GEOJSON_HEADERS });

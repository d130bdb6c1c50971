import type { APIRoute } from 'astro';
import { getSiteModel } from '../lib/site-model.ts';
import { buildDisruptionsFile, GEOJSON_HEADERS, safeJson } from '../lib/open-data.ts';

/** /projects.geojson: every disruption of every project, with its project's properties. */
export const GET: APIRoute = () => new Response(safeJson(buildDisruptionsFile(getSiteModel())), { headers: GEOJSON_HEADERS });

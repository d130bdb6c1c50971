import type { APIRoute } from 'astro';
import { getSiteModel } from '../lib/site-model.ts';
import { buildProjectsFile, JSON_HEADERS, safeJson } from '../lib/open-data.ts';

/** /projects.json: one record per project (status, dates, neighborhoods, next meeting), default language. */
export const GET: APIRoute = () => new Response(safeJson(buildProjectsFile(getSiteModel())), { headers: JSON_HEADERS });

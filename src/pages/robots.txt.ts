import type { APIRoute } from 'astro';
import { getSiteModel } from '../lib/site-model.ts';

/** Everything may be crawled; the sitemap lists every page with its translations. */
export const GET: APIRoute = () => {
  const model = getSiteModel();
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${model.origin}/sitemap.xml\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};

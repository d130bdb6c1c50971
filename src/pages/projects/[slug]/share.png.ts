import type { APIRoute } from 'astro';
import { getSiteModel } from '../../../lib/site-model.ts';
import { renderSharePng, takeShareAhead } from '../../../lib/share-image.ts';

/** The picture shown when a project page is shared (src/lib/share-image.ts). */
export function getStaticPaths() {
  return [...getSiteModel().bySlug.keys()].map((slug) => ({ params: { slug } }));
}

export const GET: APIRoute = async ({ params }) => {
  const model = getSiteModel();
  const project = model.bySlug.get(params.slug!)!.get(model.defaultLang)!;
  // In a build the integration has usually rendered it already (in dev, never).
  const png = (await takeShareAhead(project.slug)) ?? (await renderSharePng(model, project));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};

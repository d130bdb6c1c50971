import fs from 'node:fs';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { getSiteModel } from '../../lib/site-model.ts';
import { readEnv } from '../../lib/env.ts';

/**
 * Files that live beside the content (logo, images used by story components,
 * GeoJSON) published as they are. Only these extensions are ever published.
 */
const PUBLISHED = /\.(svg|png|jpe?g|webp|gif|avif|geojson|pdf)$/i;

export function getStaticPaths() {
  const model = getSiteModel();
  const { contentDir } = readEnv();
  const paths: { params: { file: string }; props: { abs: string } }[] = [];
  if (model.site.logo) {
    const abs = path.resolve(contentDir, model.site.logo.src);
    paths.push({ params: { file: `site/${path.basename(abs)}` }, props: { abs } });
  }
  for (const slug of model.bySlug.keys()) {
    const dir = path.join(contentDir, 'projects', slug);
    for (const name of fs.readdirSync(dir).filter((f) => PUBLISHED.test(f)))
      paths.push({ params: { file: `projects/${slug}/${name}` }, props: { abs: path.join(dir, name) } });
  }
  return paths;
}

export const GET: APIRoute = ({ props }) => new Response(fs.readFileSync((props as { abs: string }).abs));

import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { APIRoute } from 'astro';
import { getSiteModel } from '../../../lib/site-model.ts';
import { shareCardSvg } from '../../../lib/share-card.ts';
import { translator } from '../../../i18n/index.ts';

/**
 * The picture shown when a project page is shared (Open Graph): the hero image
 * when there is one, otherwise a card with the title, the status and a map of
 * the disruptions, drawn at build time.
 * Social sites need a raster image, so SVGs are rendered to PNG here.
 */
export function getStaticPaths() {
  return [...getSiteModel().bySlug.keys()].map((slug) => ({ params: { slug } }));
}

const WIDTH = 1200;
const HEIGHT = 630;

export const GET: APIRoute = async ({ params }) => {
  const model = getSiteModel();
  const project = model.bySlug.get(params.slug!)!.get(model.defaultLang)!;
  const hero = project.data.hero && !/^https?:/.test(project.data.hero.src) ? path.resolve(project.dir, project.data.hero.src) : null;
  const source =
    hero && fs.existsSync(hero)
      ? fs.readFileSync(hero)
      : Buffer.from(
          shareCardSvg({
            siteName: model.site.name,
            title: project.data.title,
            status: translator(model.defaultLang)(`status.${model.status(project).status}`),
            features: project.disruptions,
            location: project.data.location,
          }),
        );
  const png = await sharp(source, { density: 144 })
    .resize(WIDTH, HEIGHT, { fit: 'cover', background: '#ffffff' })
    .flatten({ background: '#ffffff' })
    // Level 9 made these PNGs most of the build time at scale (npm run bench -- profile); 6 costs ~20% more bytes.
    .png({ compressionLevel: 6 })
    .toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};

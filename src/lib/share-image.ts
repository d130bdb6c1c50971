import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ProjectEntry } from './content/load.ts';
import type { SiteModel } from './site-model.ts';
import { shareCardSvg } from './share-card.ts';
import { handoff } from './shared-content.ts';
import { translator } from '../i18n/index.ts';

/**
 * The picture shown when a project page is shared (Open Graph): the hero image
 * when there is one, otherwise a card with the title, the status and a map of
 * the disruptions. Social sites need a raster image, so SVGs become PNGs.
 */
export const SHARE_WIDTH = 1200;
export const SHARE_HEIGHT = 630;

/** The project's share picture as a 1200×630 PNG. */
export async function renderSharePng(model: SiteModel, project: ProjectEntry): Promise<Buffer> {
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
  return sharp(source, { density: 144 })
    .resize(SHARE_WIDTH, SHARE_HEIGHT, { fit: 'cover', background: '#ffffff' })
    .flatten({ background: '#ffffff' })
    // Level 9 made these PNGs most of the build time at scale (npm run bench -- profile); 6 costs ~20% more bytes.
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/**
 * Share pictures rendered ahead: the build integration starts rendering every
 * project's picture as soon as the content is checked (rasterised and encoded on
 * libvips' threads), while Astro bundles and renders pages on the main thread.
 * The endpoint then only picks its file up. Per project: start (or join) the
 * rendering of its picture; resolves to the PNG file.
 */
const picturesAhead = handoff<Map<string, () => Promise<string>>>('sharePngs');

export const shareAhead = picturesAhead.put;

/** The PNG rendered ahead for this project (the file is removed once read), or null. */
export async function takeShareAhead(slug: string): Promise<Buffer | null> {
  const start = picturesAhead.get()?.get(slug);
  if (!start) return null;
  const file = await start();
  const png = fs.readFileSync(file);
  fs.rmSync(file, { force: true });
  return png;
}

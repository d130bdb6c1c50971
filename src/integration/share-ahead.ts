import fs from 'node:fs';
import path from 'node:path';
import { getSiteModel } from '../lib/site-model.ts';
import { renderSharePng, shareAhead } from '../lib/share-image.ts';

/**
 * Starts rendering every project's share picture into `dir`, two at a time, in
 * the background of the build (see src/lib/share-image.ts). The card's layout
 * is drawn on the main thread, but rasterising and PNG encoding run on libvips'
 * threads while Astro carries on. Rendering them as their pages came up took a
 * quarter of the build at 1,000 projects, with the main thread idle meanwhile
 * (npm run bench -- profile). A page that comes up before its picture was
 * reached starts that one at once.
 * Returns a function that waits for the rest and removes `dir`.
 */
export function renderSharePicturesAhead(dir: string): () => Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const model = getSiteModel();
  const starts = new Map<string, () => Promise<string>>();
  for (const [slug, langs] of model.bySlug) {
    let rendering: Promise<string> | null = null;
    const file = path.join(dir, `${slug}.png`);
    starts.set(slug, () => (rendering ??= renderSharePng(model, langs.get(model.defaultLang)!).then((png) => (fs.writeFileSync(file, png), file))));
  }
  shareAhead(starts);
  const queue = [...starts.values()];
  let next = 0;
  const worker = async () => {
    // A failure surfaces in the page that takes this picture, with Astro's error report.
    while (next < queue.length) await queue[next++]().catch(() => undefined);
  };
  // Two at a time leaves a core to Astro on a small machine.
  const workers = [worker(), worker()];
  return async () => {
    await Promise.all(workers);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

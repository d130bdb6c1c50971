import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { ROOT, TEST_NOW } from '../support/site-build.ts';

/**
 * Share pictures are rendered ahead, in the background of the build
 * (src/integration/share-ahead.ts). What the site publishes must be exactly the
 * picture the page's own endpoint would have drawn.
 */
describe('share pictures rendered ahead', () => {
  it('publishes, for every project, the same PNG the endpoint renders on its own', async () => {
    const dist = inject('demoDist');
    process.env.CONTENT_DIR = path.join(ROOT, 'content');
    process.env.SITE_NOW = TEST_NOW;
    const { getSiteModel } = await import('../../src/lib/site-model.ts');
    const { renderSharePng } = await import('../../src/lib/share-image.ts');
    const model = getSiteModel();
    expect(model.bySlug.size).toBeGreaterThan(10);
    for (const [slug, langs] of model.bySlug) {
      const published = fs.readFileSync(path.join(dist, 'projects', slug, 'share.png'));
      expect(await sharp(published).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 });
      const direct = await renderSharePng(model, langs.get(model.defaultLang)!);
      expect(published.equals(direct), slug).toBe(true);
    }
  });
});

import { describe, expect, inject, it } from 'vitest';
import { lighthouseScores, pageTypes, formatTable } from '../../scripts/lighthouse.ts';
import { findChromium } from '../support/chromium.ts';

/**
 * Lighthouse (from npm) against Debian's Chromium, accessibility category only,
 * on one page of each type of the demo site: it must score 100. The alert page
 * is included when the site has alerts (/alerts/<id>/); the sitemap-wide axe
 * run covers every page either way.
 */
const base = inject('demoUrl');
const dist = inject('demoDist');
if (!base) throw new Error('The demo site was not built (UNDERWAY_SKIP_DEMO=1 is set)');

describe('Lighthouse accessibility', () => {
  it('scores 100 on the home, project, meetings, notice and (if present) alert pages', async () => {
    const pages = pageTypes(dist);
    expect(pages.map(([type]) => type)).toEqual(expect.arrayContaining(['home', 'project', 'meetings', 'notice']));
    const scores = await lighthouseScores(base + '/', pages, findChromium() ?? undefined);
    console.log(formatTable(scores));
    for (const s of scores) expect({ page: s.path, score: s.score, failures: s.failures }).toEqual({ page: s.path, score: 100, failures: [] });
  }, 300_000);
});

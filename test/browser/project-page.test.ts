import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, launch, openPage, runAxe } from '../support/browser.ts';
import { buildAndServe, ROOT, TEST_NOW } from '../support/site-build.ts';

// The valid fixture site, built with SITE_NOW = 2026-12-01T17:00Z (11:00 in Chicago).
let browser: Browser;
let base: string;
let close: () => void;
const PROJECT = '/projects/elm-street-water-main/';

beforeAll(async () => {
  ({ base, close } = await buildAndServe('project-page', { CONTENT_DIR: path.join(ROOT, 'test/fixtures/valid-site') }));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  close?.();
});

async function load(options: { javaScriptEnabled?: boolean; width?: number; clock?: string; path?: string } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: options.width ?? 1280, height: 900 } });
  const { page, consoleErrors } = await openPage(context);
  // The browser's clock is the build's SITE_NOW unless a test moves it.
  if (options.javaScriptEnabled !== false) await page.clock.setFixedTime(new Date(options.clock ?? TEST_NOW));
  await page.goto(base + (options.path ?? PROJECT), { waitUntil: 'load' });
  return { page, consoleErrors, context };
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

describe('the project page', () => {
  it('answers "is this going to affect me?" first: phase, last update, what to expect', async () => {
    const { page, context } = await load();
    // Construction 15 Jun 2026 to 30 Apr 2027: 1 Dec is day 169 (week 25) of 320 days (about 46 weeks).
    expect(await text(page, '[data-phase-text]')).toBe('Construction: week 25 of about 46');
    expect(await text(page, '.glance [data-status]')).toBe('Under construction');
    expect(await text(page, '.glance')).toContain('Last update: Friday, November 20, 2026');
    const expectItems = page.locator('[data-expect] li:not([hidden])');
    expect(await expectItems.count()).toBe(2);
    const expected = await expectItems.allInnerTexts();
    expect(expected[0]).toMatch(/^Now\s*Work zone: Mon, Jun 15, 2026 – Fri, Apr 30, 2027, Elm St/);
    expect(expected[1]).toMatch(/^Now\s*Road closure: Mon, Jun 15, 7:00 AM – Fri, Dec 18, 2026, Elm St between 3rd Ave and 7th Ave/);
    // Order of the page: status before timeline before map before why before meetings.
    const order = await page.evaluate(() =>
      ['glance-heading', 'timeline-heading', 'disruptions-heading', 'why-heading', 'meetings-heading', 'updates-heading', 'faq-heading', 'contacts-heading', 'documents-heading'].map(
        (id) => document.getElementById(id)?.getBoundingClientRect().top ?? -1,
      ),
    );
    expect(order.every((top) => top >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await context.close();
  });

  it('shows the timeline as an ordered list with the current step marked for screen readers', async () => {
    const { page, context } = await load();
    const steps = page.locator('ol.timeline > li');
    expect(await steps.count()).toBe(5);
    const current = page.locator('ol.timeline > li[aria-current="step"]');
    expect(await current.count()).toBe(1);
    expect(await current.innerText()).toContain('Construction (Current phase)');
    expect(await current.innerText()).toContain('Summer 2026 to spring 2027 (estimated)');
    expect(await current.innerText()).toContain('New main connected at 3rd Ave');
    await context.close();
  });

  it('lists every disruption in words', async () => {
    const { page, context } = await load();
    const items = page.locator('[data-disruption-list] li[data-feature-index]');
    expect(await items.count()).toBe(2);
    const all = await page.locator('[data-disruption-list]').innerText();
    expect(all).toContain('Elm St between 3rd Ave and 7th Ave');
    expect(all).toContain('7 am to 6 pm weekdays');
    expect(all).toContain('Local access only.');
    await context.close();
  });

  it('tells the story with the MDX components, a chart with its numbers, and the costs', async () => {
    const { page, context } = await load();
    const why = page.locator('section.story');
    expect(await why.locator('.callout').innerText()).toContain('We will leave a notice on your door');
    expect(await why.locator('svg[role="img"]').getAttribute('aria-label')).toBe('Main breaks per year: 2023 4, 2024 6, 2025 6, Expected after 0');
    expect(await why.locator('.chart table tbody tr').count()).toBe(4);
    expect(await why.innerText()).toMatch(/Cost\s+\$4\.2M/);
    expect(await why.innerText()).toContain('State Revolving Fund loan: $3M');
    await context.close();
  });

  it('splits meetings into upcoming and past, with calendar links and schema.org Event data', async () => {
    const { page, context } = await load();
    const upcoming = page.locator('[data-meetings-upcoming] > li');
    expect(await upcoming.count()).toBe(1);
    const call = upcoming.first();
    expect(await call.innerText()).toContain('Winter update call');
    expect(await call.innerText()).toContain('Tue, Jan 12, 2027, 12:00 PM – 1:00 PM CST');
    expect(await call.locator('a[href$="/meetings/winter-update-call.ics"]').count()).toBe(1);
    const google = await call.locator('a[href^="https://calendar.google.com/"]').getAttribute('href');
    expect(new URL(google!).searchParams.get('dates')).toBe('20270112T180000Z/20270112T190000Z');
    expect(new URL(google!).searchParams.get('details')).toContain('/projects/elm-street-water-main/#meeting-winter-update-call');
    expect(await call.locator('a[href^="https://outlook.live.com/"]').count()).toBe(1);
    const event = JSON.parse((await call.locator('script[type="application/ld+json"]').textContent())!);
    expect(event).toMatchObject({ '@type': 'Event', name: 'Winter update call', startDate: '2027-01-12T12:00:00-06:00', eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode' });
    const past = page.locator('[data-meetings-past] > li');
    expect(await past.first().innerText()).toContain('Spring open house');
    expect(await past.first().locator('a', { hasText: 'Slides (PDF)' }).count()).toBe(1);
    await context.close();
  });

  it('keeps updates newest first, FAQ in native disclosures, contacts with the emergency line', async () => {
    const { page, context } = await load();
    expect(await page.locator('#faq-heading ~ details summary').first().innerText()).toBe('Will my water be shut off?');
    const contacts = await page.locator('section[aria-labelledby="contacts-heading"]').innerText();
    expect(contacts).toContain('Dana Reyes');
    expect(contacts).toContain('24-hour emergency line');
    expect(await page.locator('a[href="https://www.lakeviewwater.org/docs/elm-drawings.pdf"]').count()).toBe(1);
    await context.close();
  });

  it('prints the facts without the on-screen controls', async () => {
    const { page, context } = await load();
    await page.emulateMedia({ media: 'print' });
    for (const control of ['[data-day-filter]', '[data-fb-form]', '.meeting__calendar']) {
      expect(await page.locator(control).count(), control).toBeGreaterThan(0);
      for (const el of await page.locator(control).all()) expect(await el.isVisible(), control).toBe(false);
    }
    // The facts stay: what is happening, the meetings and the contacts.
    for (const fact of ['#timeline-heading', '.meeting-list', 'section[aria-labelledby="contacts-heading"]']) expect(await page.locator(fact).first().isVisible(), fact).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.meeting__calendar').first().isVisible()).toBe(true);
    await context.close();
  });

  it('has head metadata: title, description, canonical, Open Graph and a share image', async () => {
    const { page, context } = await load();
    expect(await page.title()).toBe('Elm Street water main replacement | Lakeview Water');
    const attr = (sel: string, name = 'content') => page.locator(sel).getAttribute(name);
    expect(await attr('meta[name="description"]')).toMatch(/^We are replacing the old water main/);
    expect(await attr('link[rel="canonical"]', 'href')).toMatch(/^https?:\/\/[^/]+\/projects\/elm-street-water-main\/$/);
    expect(await attr('meta[property="og:title"]')).toBe('Elm Street water main replacement');
    const image = (await attr('meta[property="og:image"]'))!;
    expect(image).toMatch(/^https?:\/\/[^/]+\/projects\/elm-street-water-main\/share\.png$/);
    // A real 1200×630 PNG, for the hero and for a project without one (a drawn map).
    for (const slug of ['elm-street-water-main', 'north-tank-repainting']) {
      const png = await sharp(path.join(ROOT, 'test/.output/project-page/projects', slug, 'share.png')).metadata();
      expect(png).toMatchObject({ format: 'png', width: 1200, height: 630 });
    }
    expect(await attr('link[rel="alternate"][hreflang="es"]', 'href')).toMatch(/\/es\/projects\/elm-street-water-main\/$/);
    await context.close();
  });

  it('refreshes from the browser clock: a meeting becomes past and the phase moves on', async () => {
    // 12 Jan 2027 13:30 in Chicago: the call ended half an hour ago.
    const later = await load({ clock: '2027-01-12T19:30:00Z' });
    const past = later.page.locator('[data-meetings-past] > li');
    expect(await past.first().innerText()).toContain('Winter update call');
    expect(await past.first().locator('[data-when]').innerText()).toBe('Over');
    expect(await later.page.locator('[data-meetings-upcoming] > li').count()).toBe(0);
    expect(await text(later.page, '[data-phase-text]')).toBe('Construction: week 31 of about 46');
    expect(await later.page.locator('[data-refresh-announce]').textContent()).toContain('Construction: week 31 of about 46');
    await later.context.close();

    const summer = await load({ clock: '2027-05-10T15:00:00Z' });
    expect(await text(summer.page, '[data-phase-text]')).toMatch(/^Restoration: week 2 of about 9$/);
    expect(await summer.page.locator('ol.timeline > li[aria-current="step"] h3').innerText()).toContain('Restoration');
    expect(await summer.page.locator('[data-expect] li:not([hidden])').count()).toBe(0);
    expect(await summer.page.locator('[data-expect-none]').isVisible()).toBe(true);
    await summer.context.close();
  });

  it('without JavaScript keeps every fact readable', async () => {
    const { page, context } = await load({ javaScriptEnabled: false });
    const body = await page.locator('main').innerText();
    for (const fact of [
      'Construction: week 25 of about 46',
      'Elm St between 3rd Ave and 7th Ave',
      'Winter update call',
      'Spring open house',
      'Work pauses for the holidays',
      'Will my water be shut off?',
      'Dana Reyes',
      'Design drawings (PDF, 2 MB)',
      'State Revolving Fund loan',
    ])
      expect(body).toContain(fact);
    // The answer sits in a native <details>, readable once opened, with no script.
    await page.locator('details.faq summary').first().click();
    expect(await page.locator('details.faq').first().innerText()).toContain('up to 6 hours');
    await context.close();
  });

  it.each([375, 1280])('has no axe violations and no console errors at %i px', async (width) => {
    const { page, consoleErrors, context } = await load({ width });
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(consoleErrors.filter((e) => !/ERR_BLOCKED_BY_CLIENT/.test(e))).toEqual([]);
    await context.close();
  });

  it('renders the Spanish translation in Spanish', async () => {
    const { page, context } = await load({ path: '/es/projects/elm-street-water-main/' });
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await text(page, '[data-phase-text]')).toMatch(/^Construcción: semana 25 de unas 46$/);
    expect(await page.locator('a[hreflang="en"]').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('shows an untranslated project in English under /es/, says so in Spanish, and offers to ask for a translation', async () => {
    const { page, context } = await load({ path: '/es/projects/north-tank-repainting/' });
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    const note = page.locator('.fallback-notice');
    expect(await note.innerText()).toContain('Esta página todavía no está traducida al español');
    expect(await note.locator('a[href^="mailto:"]').getAttribute('href')).toContain(encodeURIComponent('North water tank repainting'));
    expect(await page.locator('article.project').getAttribute('lang')).toBe('en');
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toMatch(/\/projects\/north-tank-repainting\/$/);
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).not.toMatch(/\/es\//);
    expect(await page.locator('link[rel="alternate"][hreflang="es"]').count()).toBe(0);
    // The header speaks Spanish; the switch leads to the English page.
    expect(await page.locator('.site-nav').innerText()).toContain('Todos los proyectos');
    expect(await page.locator('.lang-switch a[hreflang="en"]').getAttribute('href')).toBe('/projects/north-tank-repainting/');
    await context.close();
  });

  it('keeps the reader on the same page when switching language', async () => {
    const { page, context } = await load();
    await page.locator('.lang-switch a[hreflang="es"]').click();
    expect(new URL(page.url()).pathname).toBe('/es/projects/elm-street-water-main/');
    expect(await page.locator('h1').innerText()).not.toBe('Elm Street water main replacement');
    await context.close();
  });

  it('has an error page in each language', async () => {
    const { page, context } = await load({ path: '/es/no-such-page/' });
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('h1').innerText()).toBe('Página no encontrada');
    expect(await page.locator('p[lang="en"] a').getAttribute('href')).toBe('/');
    await context.close();
    const en = await load({ path: '/no-such-page/' });
    expect(await en.page.locator('h1').innerText()).toBe('Page not found');
    await en.context.close();
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { DateTime } from 'luxon';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { describeViolations, launch, openPage, runAxe } from '../support/browser.ts';
import { buildAndServe, listPages, OUTPUT, ROOT, TEST_NOW } from '../support/site-build.ts';
import { loadContent, type ProjectEntry } from '../../src/lib/content/load.ts';
import { currentPhase } from '../../src/lib/status.ts';
import type { Site } from '../../src/schemas/site.ts';

// The demo content, built with SITE_NOW = 2026-12-01T17:00Z, printed in Chromium.
const CONTENT = path.join(ROOT, 'content');
const PDF_DIR = path.join(OUTPUT, 'notices-pdf');
const FORMATS = [
  { name: 'Letter', size: [612, 792], width: 720 },
  { name: 'A4', size: [595.28, 841.89], width: 698 },
] as const;

const content = loadContent({ contentDir: CONTENT, now: DateTime.fromISO(TEST_NOW), checkBodies: false });
const site = content.site as Site;
const zone = site.timeZone;
const now = DateTime.fromISO(TEST_NOW).toMillis();
const defaultLang = site.languages.default;
const prefix = (lang: string) => (lang === defaultLang ? '' : `/${lang}`);
const ORIGIN = new URL(site.url).origin;
const local = (value: string) => DateTime.fromISO(value, { zone });
const endOf = (value: string) => (value.length === 10 ? local(value).plus({ days: 1 }) : local(value));
const upcoming = (p: ProjectEntry) =>
  p.data.meetings.filter((m) => m.status !== 'cancelled' && endOf(m.end).toMillis() > now).sort((a, b) => local(a.start).toMillis() - local(b.start).toMillis());

interface Printable {
  route: string;
  project: ProjectEntry;
  meetingId?: string;
}
const printables: Printable[] = content.projects.flatMap((p) => [
  { route: `${prefix(p.lang)}/projects/${p.slug}/notice/`, project: p },
  ...upcoming(p).map((m) => ({ route: `${prefix(p.lang)}/projects/${p.slug}/meetings/${m.id}/flyer/`, project: p, meetingId: m.id })),
]);

let browser: Browser;
let context: BrowserContext;
let base: string;
let dist: string;
let close: () => void;
/** route → format → PDF file */
const pdfs = new Map<string, Record<string, string>>();

beforeAll(async () => {
  ({ dist, base, close } = await buildAndServe('notices', { CONTENT_DIR: CONTENT }));
  browser = await launch();
  context = await browser.newContext();
  fs.rmSync(PDF_DIR, { recursive: true, force: true });
  fs.mkdirSync(PDF_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  close?.();
});

const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
// Addresses may wrap after a hyphen, which pdftotext then drops: compare without spaces or hyphens.
const squeeze = (text: string) => text.replace(/[\s-]+/g, '');
const fileName = (route: string, format: string) => `${route.replace(/^\/|\/$/g, '').replace(/\//g, '_')}.${format.toLowerCase()}.pdf`;

describe('printable notices and flyers', () => {
  it('exist for every demo project and every upcoming meeting, linked from the project page', () => {
    const built = listPages(dist);
    const printed = built.filter((p) => /\/(notice|flyer)\/$/.test(p));
    expect(printed.sort()).toEqual(printables.map((p) => p.route).sort());
    expect(printables.filter((p) => !p.meetingId)).toHaveLength(content.projects.length);
    expect(printables.filter((p) => p.meetingId).length).toBeGreaterThan(0);
    for (const p of content.projects) {
      const html = fs.readFileSync(path.join(dist, `${prefix(p.lang)}/projects/${p.slug}/index.html`), 'utf8');
      expect(html, p.slug).toMatch(new RegExp(`<p class="no-print"[^>]*><a href="${prefix(p.lang)}/projects/${p.slug}/notice/"`));
      for (const m of upcoming(p)) expect(html, `${p.slug} ${m.id}`).toContain(`href="${prefix(p.lang)}/projects/${p.slug}/meetings/${m.id}/flyer/"`);
    }
  });

  it('are self-contained: no script, no external file, nothing to fetch', () => {
    for (const { route } of printables) {
      const html = fs.readFileSync(path.join(dist, route, 'index.html'), 'utf8');
      expect(html, route).not.toMatch(/<script/i);
      expect(html, route).not.toMatch(/<link[^>]+rel="stylesheet"/i);
      // Every src is inline data; the only links are for people (and the canonical address).
      for (const [, src] of html.matchAll(/\ssrc="([^"]*)"/g)) expect(src.startsWith('data:'), `${route}: ${src}`).toBe(true);
      expect(html).not.toMatch(/url\((?!#)/);
    }
  });

  it('print to exactly one page on US Letter and on A4, with no request while printing', async () => {
    const started = Date.now();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    for (const { route } of printables) {
      requests.length = 0;
      await page.setViewportSize({ width: 1024, height: 900 });
      await page.emulateMedia({ media: 'screen' });
      await page.goto(base + route, { waitUntil: 'load' });
      // Loading: the page itself and nothing else (no script, style sheet, image or font file).
      expect(requests.filter((u) => !u.startsWith('data:')), route).toEqual([base + route]);
      const files: Record<string, string> = {};
      for (const format of FORMATS) {
        requests.length = 0;
        // Lay the page out at the printed width, check nothing is cut off, then print.
        await page.setViewportSize({ width: format.width, height: 1000 });
        await page.emulateMedia({ media: 'print' });
        const clipped = await page.evaluate(() =>
          [...document.querySelectorAll('.page, .page > *, .notice__body, .flyer__cols, .col, .expect ul')]
            .filter((el) => el.scrollHeight > el.clientHeight + 2)
            .map((el) => `${el.className || el.tagName}: ${el.scrollHeight} > ${el.clientHeight}`),
        );
        expect(clipped, `${route} ${format.name}`).toEqual([]);
        const file = path.join(PDF_DIR, fileName(route, format.name));
        fs.writeFileSync(file, await page.pdf({ format: format.name, printBackground: true }));
        expect(requests, `${route} ${format.name}: requests while printing`).toEqual([]);
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        expect(/Pages:\s+(\d+)/.exec(info)?.[1], `${route} ${format.name}`).toBe('1');
        const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number);
        // Chromium rounds the sheet to whole CSS pixels (A4 is 794 × 1123 px).
        expect(Math.abs(w - format.size[0])).toBeLessThan(1.5);
        expect(Math.abs(h - format.size[1])).toBeLessThan(1.5);
        files[format.name] = file;
      }
      pdfs.set(route, files);
    }
    await page.close();
    const seconds = (Date.now() - started) / 1000;
    console.log(`Printed ${printables.length * FORMATS.length} PDFs (${printables.length} pages × Letter and A4) in ${seconds.toFixed(1)} s`);
  });

  it('carry the key facts in the PDF text: dates, contacts, meeting times, the address', () => {
    expect(pdfs.size).toBe(printables.length);
    for (const { route, project, meetingId } of printables) {
      const { lang, data } = project;
      const time = (v: string) => local(v).setLocale(lang).toLocaleString({ hour: 'numeric', minute: '2-digit' });
      const pageUrl = `${ORIGIN.replace(/^https?:\/\//, '')}${prefix(lang)}/projects/${project.slug}`;
      for (const file of Object.values(pdfs.get(route)!)) {
        const text = pdfText(file);
        const flat = squeeze(text);
        const where = `${route} ${path.basename(file)}`;
        expect(flat, where).toContain(squeeze(site.contacts.emergency));
        if (!meetingId) {
          // The phase dates, the project contact, the next meeting's time, the project page.
          const status = currentPhase(data.timeline, DateTime.fromISO(TEST_NOW), zone);
          const index = status.status === 'active' || status.status === 'complete' ? status.index : Math.min(data.timeline.length - 1, status.index + 1);
          const phase = data.timeline[index];
          const dates = phase.displayDates ?? local(phase.start).setLocale(lang).toLocaleString({ month: 'long', day: 'numeric', year: 'numeric' });
          expect(flat, where).toContain(squeeze(dates));
          const contact = data.contacts.find((c) => c.phone);
          expect(flat, where).toContain(squeeze(contact?.phone ?? site.contacts.phone));
          const next = upcoming(project)[0];
          if (next) expect(flat, where).toContain(squeeze(`${time(next.start)} – ${time(next.end)}`));
          expect(flat, where).toContain(squeeze(pageUrl));
          expect(flat, where).toContain(squeeze(data.title));
        } else {
          // The day, the time, the venue or how to join, how to RSVP.
          const m = data.meetings.find((x) => x.id === meetingId)!;
          expect(flat, where).toContain(squeeze(local(m.start).setLocale(lang).toLocaleString({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })));
          expect(flat, where).toContain(squeeze(`${time(m.start)} – ${time(m.end)}`));
          expect(flat, where).toContain(squeeze(m.title));
          if (m.venue) expect(flat, where).toContain(squeeze(m.venue.name));
          if (m.online) expect(flat, where).toContain(squeeze(m.online.replace(/^https?:\/\//, '')));
          if (m.rsvp) expect(flat, where).toContain(squeeze(m.rsvp.replace(/^https?:\/\//, '')));
          if (m.access?.stepFree) expect(text, where).toMatch(lang === 'es' ? /sin escalones/ : /Step-free/);
        }
        // A line in every other site language about getting it in that language.
        for (const other of [site.languages.default, ...site.languages.others].filter((l) => l !== lang))
          expect(text, where).toMatch(other === 'es' ? /en español/ : /in English/);
      }
    }
  });

  it('have QR codes that scan to the project page, or to the meeting in a calendar file', () => {
    for (const { route, project, meetingId } of printables) {
      const file = pdfs.get(route)!.Letter;
      const png = `${file.replace(/\.pdf$/, '')}`;
      // The QR code sits in the bottom band of both sheets: decode the lower half of the page.
      execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', '-x', '0', '-y', '600', '-W', '935', '-H', '610', file, png]);
      const image = PNG.sync.read(fs.readFileSync(`${png}.png`));
      const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      expect(code, route).not.toBeNull();
      const target = new URL(code!.data);
      expect(target.origin).toBe(ORIGIN);
      if (!meetingId) expect(target.pathname, route).toBe(`${prefix(project.lang)}/projects/${project.slug}/`);
      else {
        expect(target.pathname, route).toBe(`${prefix(project.lang)}/projects/${project.slug}/meetings/${meetingId}.ics`);
        // The calendar file is published, and it is this meeting.
        const ics = fs.readFileSync(path.join(dist, target.pathname), 'utf8');
        expect(ics).toContain('BEGIN:VEVENT');
        const m = project.data.meetings.find((x) => x.id === meetingId)!;
        const unfolded = ics.replace(/\r?\n[ \t]/g, '');
        expect(unfolded).toContain(`UID:${project.slug}-${meetingId}@`);
        // DTSTART in UTC, or in local time with the zone.
        expect([local(m.start).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'"), local(m.start).toFormat("yyyyMMdd'T'HHmmss")].some((v) => unfolded.includes(v))).toBe(true);
      }
    }
  });

  it('use body text of 12 pt or more when printed', async () => {
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    for (const { route } of printables) {
      await page.goto(base + route, { waitUntil: 'load' });
      const small = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.querySelector('.sheet')!, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement!;
          if (!n.textContent!.trim() || el.closest('svg') || el.closest('.sr-only')) continue;
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < 16) out.push(`${size}px: ${n.textContent!.trim().slice(0, 40)}`);
        }
        return out;
      });
      expect(small, route).toEqual([]);
    }
    await page.close();
  });

  it('pass axe (WCAG 2.2 AA) on screen, with the print hint visible there and hidden in print', async () => {
    for (const { route } of printables) {
      const { page } = await openPage(context);
      await page.goto(base + route, { waitUntil: 'load' });
      expect(await page.locator('.print-hint').isVisible()).toBe(true);
      const violations = await runAxe(page);
      expect(violations, `${route}\n${describeViolations(violations)}`).toEqual([]);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.print-hint').isVisible()).toBe(false);
      await page.close();
    }
  });

  it('renders the example notice for the README', async () => {
    // docs/notice-example.png is this image, committed.
    const route = '/projects/elm-street-water-main/notice/';
    const file = pdfs.get(route)!.Letter;
    const out = path.join(OUTPUT, 'notice-example');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, out]);
    const image = PNG.sync.read(fs.readFileSync(`${out}.png`));
    expect(image.width).toBe(680);
    expect(image.height).toBe(880);
    expect(fs.existsSync(path.join(ROOT, 'docs/notice-example.png'))).toBe(true);
  });
});



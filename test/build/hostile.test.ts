import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/serve.ts';
import { launch, openPage } from '../support/browser.ts';
import { buildSite, listPages, ROOT, runScript, TEST_NOW } from '../support/site-build.ts';

/**
 * Hostile content: payloads in every kind of string field must either be refused
 * by the checker or come out as inert text in every output format.
 */
const P = {
  script: '<script>window.__pwned="script"</script>Elm & "Main"',
  attr: '"><svg onload=window.__pwned="svg">',
  img: '<img src=x onerror=window.__pwned="img">',
  cdata: ']]></title><script>window.__pwned="cdata"</script>',
  ics: 'Reason\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected',
  formula: '=HYPERLINK("http://evil.example","click")',
  rtl: 'Oak St \u202Etxt.exe\u202C and \u2028line separator',
  json: 'quote " backslash \\ </script> \u2028',
};

let content: string;
let dist: string;
let browser: Browser;
let server: { port: number; close(): void };

function edit(file: string, mutate: (doc: ReturnType<typeof parseDocument>) => void) {
  const text = fs.readFileSync(file, 'utf8');
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
  const doc = parseDocument(front);
  mutate(doc);
  fs.writeFileSync(file, `---\n${doc.toString()}---\n${body}`);
}

beforeAll(async () => {
  content = fs.mkdtempSync(path.join(os.tmpdir(), 'underway-hostile-'));
  fs.cpSync(path.join(ROOT, 'test/fixtures/valid-site'), content, { recursive: true });
  edit(path.join(content, 'projects/riverside-lead-service-lines/index.mdx'), (doc) => {
    doc.set('title', P.script);
    doc.set('summary', `${P.attr} ${P.formula}`);
    doc.setIn(['timeline', 0, 'description'], P.img);
    doc.setIn(['timeline', 1, 'label'], P.cdata);
    doc.setIn(['timeline', 1, 'phase'], 'other');
    doc.setIn(['disruptions', 'features', 0, 'properties', 'description'], P.img);
    doc.setIn(['disruptions', 'features', 0, 'properties', 'street'], P.rtl);
    doc.setIn(['disruptions', 'features', 0, 'properties', 'block'], P.json);
    doc.setIn(['meetings', 0, 'title'], P.cdata);
    doc.setIn(['meetings', 0, 'description'], P.json);
    doc.setIn(['meetings', 0, 'venue', 'name'], P.attr);
    doc.setIn(['meetings', 1, 'statusReason'], P.ics);
    doc.set('faq', [{ question: P.script, answer: P.img }]);
    doc.set('updates', [{ date: '2026-11-20', title: P.cdata, body: P.json }]);
    doc.set('contacts', [{ name: P.attr, role: P.formula }]);
    doc.set('neighborhoods', ['Riverside', P.rtl]);
  });
  const built = buildSite('hostile', { CONTENT_DIR: content });
  if (built.status !== 0) throw new Error(built.stdout + built.stderr);
  dist = built.dist;
  server = await serveStatic({ root: dist });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
  fs.rmSync(content, { recursive: true, force: true });
});

const files = (ext: RegExp) => {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (ext.test(e.name)) out.push(abs);
    }
  };
  walk(dist);
  return out;
};

describe('hostile content', () => {
  it('never appears as live markup in any HTML page', () => {
    for (const file of files(/\.html$/)) {
      // Inside a quoted attribute value, "<" is inert; everything outside must be escaped.
      const html = fs.readFileSync(file, 'utf8').replace(/="[^"]*"/g, '=""');
      for (const live of ['<script>window.__pwned', '<svg onload', '<img src=x onerror']) expect(html, `${live} in ${file}`).not.toContain(live);
    }
  });

  it('runs no script and opens no dialog in Chromium on any page', async () => {
    const context = await browser.newContext();
    const dialogs: string[] = [];
    for (const pathname of listPages(dist)) {
      const { page } = await openPage(context);
      page.on('dialog', (d) => {
        dialogs.push(`${pathname}: ${d.message()}`);
        void d.dismiss();
      });
      await page.clock.setFixedTime(new Date(TEST_NOW));
      await page.goto(`http://127.0.0.1:${server.port}${pathname}`);
      await page.mouse.wheel(0, 20_000);
      await page.waitForTimeout(150);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), pathname).toBeUndefined();
      await page.close();
    }
    expect(dialogs).toEqual([]);
    // The text itself is shown, as text.
    const { page } = await openPage(context);
    await page.goto(`http://127.0.0.1:${server.port}/projects/riverside-lead-service-lines/`);
    expect(await page.locator('h1').innerText()).toBe(P.script);
    await context.close();
  });

  it('keeps every XML output well-formed, with the payload as text', () => {
    const xml = files(/\.xml$/);
    expect(xml.length).toBeGreaterThan(3);
    for (const file of xml) expect(XMLValidator.validate(fs.readFileSync(file, 'utf8')), file).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(fs.readFileSync(path.join(dist, 'projects/riverside-lead-service-lines/updates.xml'), 'utf8'));
    expect(JSON.stringify(feed)).toContain('window.__pwned');
  });

  it('keeps every calendar file to its own events: line breaks in content cannot add one', () => {
    const text = fs.readFileSync(path.join(dist, 'projects/riverside-lead-service-lines/calendar.ics'), 'utf8');
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.some((e) => e.summary === 'Injected')).toBe(false);
    const meeting = events.find((e) => e.uid.startsWith('riverside-lead-service-lines-lead-hearing'))!;
    expect(meeting.summary).toBe(P.cdata);
    expect(text.split('\r\n').filter((l) => l === 'BEGIN:VEVENT').length).toBe(events.length);
  });

  it('keeps JSON outputs parseable, with the payload intact', () => {
    const json = files(/\.(json|geojson)$/).filter((f) => !f.includes(`${path.sep}pagefind${path.sep}`));
    expect(json.length).toBeGreaterThan(0);
    let found = false;
    for (const file of json) {
      const text = fs.readFileSync(file, 'utf8');
      const parsed = JSON.parse(text);
      // Fields are trimmed, so the trailing line separator goes; the rest must survive exactly.
      if (JSON.stringify(parsed).includes(JSON.stringify(P.json.trim()).slice(1, -1))) found = true;
      // Safe to inline into HTML as well: no raw "</script>" and no raw U+2028.
      expect(text.includes('\u2028') && file.endsWith('.json') && text.includes('</script>')).toBe(false);
    }
    expect(found).toBe(true);
  });

  it('refuses unsafe links and oversized text with checker errors', () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'underway-hostile-bad-'));
    fs.cpSync(path.join(ROOT, 'test/fixtures/valid-site'), bad, { recursive: true });
    edit(path.join(bad, 'projects/riverside-lead-service-lines/index.mdx'), (doc) => {
      doc.set('documents', [{ title: 'x', url: 'javascript:alert(1)' }, { title: 'y', url: ' JaVaScRiPt:alert(1)' }, { title: 'z', url: 'data:text/html,<script>alert(1)</script>' }]);
      doc.setIn(['meetings', 0, 'rsvp'], 'vbscript:msgbox(1)');
      doc.set('summary', 'A'.repeat(100_000));
    });
    const result = runScript('check', [], { CONTENT_DIR: bad });
    expect(result.status).toBe(1);
    for (const field of ['documents[0].url', 'documents[1].url', 'documents[2].url', 'meetings[0].rsvp', 'summary'])
      expect(result.stdout).toMatch(new RegExp(`riverside-lead-service-lines/index\\.mdx:\\d+:\\d+  ${field.replace(/[[\].]/g, '\\$&')}  error: `));
    fs.rmSync(bad, { recursive: true, force: true });
  });
});

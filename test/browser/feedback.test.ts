/**
 * Feedback that gets answered (issue part B), in Chromium, on a fixture whose
 * feedback endpoint is a local HTTP server that this test starts and inspects
 * (127.0.0.1:48123, written in test/fixtures/feedback-site/site.yaml).
 *
 * The fixture is built twice: as it is (a generic endpoint taking form-encoded
 * data, which also works without JavaScript), and with a HubSpot endpoint whose
 * API address points at the same local server (JSON, so a mailto link without
 * JavaScript). Every outside request is blocked, as in CI.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeViolations, launch, openPage, runAxe } from '../support/browser.ts';
import { buildAndServe, OUTPUT, ROOT } from '../support/site-build.ts';

const FIXTURE = path.join(ROOT, 'test/fixtures/feedback-site');
const PORT = 48123;
const PROJECT = '/projects/elm-street-water-main/';
const CANONICAL = 'https://projects.lakeviewwater.org/projects/elm-street-water-main/';
const GUID = '78c2891f-ebdd-44c0-bd94-15c012bbbfbf';
const HUBSPOT_PATH = `/hubspot/submissions/v3/integration/submit/2718281/${GUID}`;
const CONSENT = 'Lakeview Water may keep what I send to answer me and to improve its projects.';
const MESSAGE = 'The trench at 4th & Elm has no fence tonight.\nPlease check it = urgent?';
const MIN_FILL_MS = 3000;

// ---------------------------------------------------------------------------
// The receiving endpoint: records every request exactly as it arrives.

interface Received {
  method: string;
  path: string;
  contentType: string;
  body: string;
}

let mode: 'ok' | 'fail' = 'ok';
const received: Received[] = [];
let endpoint: http.Server;

function startEndpoint(): Promise<void> {
  endpoint = http.createServer((req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type' };
    // CORS preflight for JSON (answered here like a real endpoint; see the HubSpot test).
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') });
      if (mode === 'fail') {
        res.writeHead(500, { ...cors, 'Content-Type': 'text/plain' });
        return res.end('Internal Server Error');
      }
      if (String(req.headers['content-type']).startsWith('application/json')) {
        res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ inlineMessage: 'Thanks for submitting the form.' }));
      }
      res.writeHead(200, { ...cors, 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="en"><title>Received</title><h1>Thank you</h1></html>');
    });
  });
  return new Promise((resolve, reject) => {
    endpoint.once('error', reject);
    endpoint.listen(PORT, '127.0.0.1', () => resolve());
  });
}

function stopEndpoint(): Promise<void> {
  return new Promise((resolve) => {
    endpoint.close(() => resolve());
    endpoint.closeAllConnections();
  });
}

async function waitForRequests(count: number, timeout = 5000) {
  const until = Date.now() + timeout;
  while (received.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return received.slice(0, count);
}
const formFields = (r: Received) => Object.fromEntries(new URLSearchParams(r.body));

// ---------------------------------------------------------------------------
// The two builds of the fixture, and the browser.

let browser: Browser;
type Site = 'form' | 'hubspot' | 'email';
const sites: Record<Site, { base: string; close: () => void }> = {} as never;
const contexts: BrowserContext[] = [];

/** The fixture with its feedback block replaced, built and served. */
async function variant(name: string, feedbackYaml: string) {
  const content = path.join(OUTPUT, `${name}-content`);
  fs.rmSync(content, { recursive: true, force: true });
  fs.cpSync(FIXTURE, content, { recursive: true });
  const siteYaml = path.join(content, 'site.yaml');
  fs.writeFileSync(siteYaml, fs.readFileSync(siteYaml, 'utf8').replace(/^feedback:\n[\s\S]*$/m, feedbackYaml));
  return buildAndServe(name, { CONTENT_DIR: content });
}

beforeAll(async () => {
  await startEndpoint();
  sites.form = await buildAndServe('feedback-form', { CONTENT_DIR: FIXTURE });
  // A HubSpot endpoint whose API address is the local server.
  sites.hubspot = await variant(
    'feedback-hubspot',
    `feedback:\n  endpoint:\n    type: hubspot\n    portalId: "2718281"\n    formId: ${GUID}\n    url: http://127.0.0.1:${PORT}/hubspot\n    fields: { topic: topic, message: message, name: firstname, email: email, page: page_url, rating: helpful }\n`,
  );
  // Email only.
  sites.email = await variant('feedback-email', 'feedback:\n  endpoint: { type: email, to: feedback@lakeviewwater.org }\n');
  browser = await launch();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  for (const site of Object.values(sites)) site.close();
  if (endpoint?.listening) await stopEndpoint();
});

/**
 * A fresh context (fresh localStorage) on a page of one of the two sites.
 * `blockScripts` loads the page as if its scripts never ran, with JavaScript
 * itself still on so that axe can run (it cannot where JavaScript is off).
 */
async function open(site: Site, options: { width?: number; javaScriptEnabled?: boolean; blockScripts?: boolean; path?: string } = {}) {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  contexts.push(context);
  const { page, consoleErrors, external } = await openPage(context);
  if (options.blockScripts) await page.route('**/_astro/*.js', (route) => route.abort('blockedbyclient'));
  await page.goto(sites[site].base + (options.path ?? PROJECT), { waitUntil: 'load' });
  return { page, consoleErrors, external, context, loadedAt: Date.now() };
}

/** Fills the form as a resident would, by label. */
async function fill(page: Page, values: { topic?: string; message?: string; name?: string; email?: string; consent?: boolean } = {}) {
  const form = page.locator('[data-fb-form]');
  await form.getByLabel('Topic').selectOption(values.topic ?? 'problem');
  await form.getByLabel('Your message').fill(values.message ?? MESSAGE);
  if (values.name !== undefined) await form.getByLabel('Your name (optional)').fill(values.name);
  if (values.email !== undefined) await form.getByLabel('Your email (optional)').fill(values.email);
  if (values.consent !== false) await form.getByLabel(CONSENT).check();
}

/** Waits out the minimum time-to-submit, counted from page load. */
async function afterMinimumTime(loadedAt: number) {
  const wait = MIN_FILL_MS + 300 - (Date.now() - loadedAt);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

const send = (page: Page) => page.locator('[data-fb-form]').getByRole('button', { name: 'Send' }).click();
const statusText = (page: Page) => page.locator('[data-fb-status]').innerText();
const draftKey = `underway-feedback:${PROJECT}`;
const draft = (page: Page) => page.evaluate((key) => localStorage.getItem(key), draftKey);
/** Failed requests to the endpoint are expected in the failure tests; nothing else is. */
const unexpected = (errors: string[]) => errors.filter((e) => !/ERR_BLOCKED_BY_CLIENT|ERR_CONNECTION_REFUSED|status of 500/.test(e));

async function expectNoAxeViolations(page: Page) {
  const violations = await runAxe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

// ---------------------------------------------------------------------------

describe('feedback to a generic endpoint taking form data', () => {
  it('the rating and the message post exactly the expected requests, then the form says thank you', async () => {
    received.length = 0;
    mode = 'ok';
    const { page, consoleErrors, external, loadedAt } = await open('form');

    // "Was this page helpful?" goes on its own at once.
    const yes = page.getByRole('button', { name: 'Yes' });
    const no = page.getByRole('button', { name: 'No' });
    expect(await yes.getAttribute('aria-pressed')).toBe('false');
    await yes.click();
    const [rating] = await waitForRequests(1);
    expect(rating).toEqual({ method: 'POST', path: '/api/feedback', contentType: 'application/x-www-form-urlencoded', body: expect.any(String) });
    expect(formFields(rating)).toEqual({ page: CANONICAL, lang: 'en', rating: 'yes' });
    expect(await yes.getAttribute('aria-pressed')).toBe('true');
    expect(await no.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('[data-fb-rating-status]').innerText()).toBe('Thank you for telling us. You can add a message below.');

    // The message: typed, kept as a draft on the device, then sent.
    await fill(page, { name: 'María López', email: 'maria@example.org' });
    expect(JSON.parse((await draft(page))!)).toEqual({ topic: 'problem', message: MESSAGE, name: 'María López', email: 'maria@example.org' });
    await afterMinimumTime(loadedAt);
    await send(page);
    const [, message] = await waitForRequests(2);
    expect(message.method).toBe('POST');
    expect(message.path).toBe('/api/feedback');
    expect(message.contentType).toBe('application/x-www-form-urlencoded');
    expect(message.body).toBe(
      new URLSearchParams([
        ['page', CANONICAL],
        ['lang', 'en'],
        ['topic', 'problem'],
        ['message', MESSAGE],
        ['name', 'María López'],
        ['email', 'maria@example.org'],
        ['rating', 'yes'],
        ['consent', 'yes'],
      ]).toString(),
    );
    expect(formFields(message)).not.toHaveProperty('homepage');

    await page.locator('[data-fb-status]', { hasText: 'Thank you. We received your message.' }).waitFor();
    expect(await page.getByLabel('Your message').inputValue()).toBe('');
    expect(await draft(page)).toBeNull();
    expect(received).toHaveLength(2);
    expect(external).toEqual([]);
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it('refuses a send in under 3 seconds, gently, and keeps the text', async () => {
    received.length = 0;
    const { page } = await open('form');
    await fill(page);
    await send(page);
    expect(await statusText(page)).toBe('That was quick! Please check your message, then press Send again.');
    await page.waitForTimeout(500);
    expect(received).toEqual([]);
    expect(await page.getByLabel('Your message').inputValue()).toBe(MESSAGE);
  });

  it('a filled honeypot looks sent but sends nothing', async () => {
    received.length = 0;
    const { page, loadedAt } = await open('form');
    const trap = page.locator('[data-fb-trap]');
    // Hidden from people and from the tab order, but there for bots.
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect(await trap.getAttribute('autocomplete')).toBe('off');
    expect(await trap.evaluate((el) => el.closest('[aria-hidden="true"]') !== null)).toBe(true);
    expect((await trap.boundingBox())!.x).toBeLessThan(-1000);
    await fill(page);
    await trap.evaluate((el: HTMLInputElement) => (el.value = 'http://spam.example'));
    await afterMinimumTime(loadedAt);
    await send(page);
    expect(await statusText(page)).toBe('Thank you. We received your message.');
    await page.getByRole('button', { name: 'No' }).click();
    await page.waitForTimeout(700);
    expect(received).toEqual([]);
  });

  it('a failing endpoint (500) keeps the text, says so, offers email, and the draft survives a reload', async () => {
    received.length = 0;
    mode = 'fail';
    const { page, consoleErrors, loadedAt } = await open('form', { width: 375 });
    await fill(page, { name: 'María López', email: 'maria@example.org' });
    await afterMinimumTime(loadedAt);
    await send(page);
    const alert = page.locator('[data-fb-alert]');
    await alert.getByRole('link').waitFor();
    expect(await alert.innerText()).toContain('Sorry, your message could not be sent. It is still in the form and saved on this device');
    const mailto = (await alert.getByRole('link').getAttribute('href'))!;
    expect(await alert.getByRole('link').innerText()).toBe('Email your message to projects@lakeviewwater.org');
    expect(mailto.startsWith('mailto:projects@lakeviewwater.org?subject=Feedback%3A%20Elm%20Street%20water%20main%20replacement&body=')).toBe(true);
    const body = new URL(mailto).searchParams.get('body')!;
    expect(body).toBe(`${MESSAGE.replace(/\n/g, '\r\n')}\r\n\r\nTopic: A problem on a work site\r\nName: María López\r\nEmail: maria@example.org\r\nPage: ${CANONICAL}`);
    expect(received).toHaveLength(1);
    // Nothing typed is lost.
    expect(await page.getByLabel('Your message').inputValue()).toBe(MESSAGE);
    expect(await page.getByLabel('Your name (optional)').inputValue()).toBe('María López');
    expect(await page.getByLabel('Topic').inputValue()).toBe('problem');
    await expectNoAxeViolations(page);

    await page.reload({ waitUntil: 'load' });
    const reloadedAt = Date.now();
    expect(await page.getByLabel('Your message').inputValue()).toBe(MESSAGE);
    expect(await page.getByLabel('Your email (optional)').inputValue()).toBe('maria@example.org');
    expect(await statusText(page)).toBe('We kept the message you had not sent yet.');

    // Once the endpoint is back, sending clears the draft.
    mode = 'ok';
    await page.getByLabel(CONSENT).check();
    await afterMinimumTime(reloadedAt);
    await send(page);
    await page.locator('[data-fb-status]', { hasText: 'Thank you. We received your message.' }).waitFor();
    expect(formFields(received[1])).toMatchObject({ message: MESSAGE, email: 'maria@example.org' });
    expect(await draft(page)).toBeNull();
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it('the endpoint taken down: the message survives a page reload', async () => {
    received.length = 0;
    mode = 'ok';
    const { page, loadedAt } = await open('form');
    await stopEndpoint();
    try {
      await fill(page);
      await afterMinimumTime(loadedAt);
      await send(page);
      await page.locator('[data-fb-alert]').getByRole('link').waitFor();
      expect(await page.getByLabel('Your message').inputValue()).toBe(MESSAGE);
      await page.reload({ waitUntil: 'load' });
      expect(await page.getByLabel('Your message').inputValue()).toBe(MESSAGE);
      expect(received).toEqual([]);
    } finally {
      await startEndpoint();
    }
  });

  it('without JavaScript, the form and the rating are plain form posts that arrive', async () => {
    received.length = 0;
    mode = 'ok';
    const { page } = await open('form', { javaScriptEnabled: false });
    expect(await page.locator('[data-fb-form]').isVisible()).toBe(true);
    expect(await page.locator('[data-fb-nojs]').count()).toBe(0);
    await fill(page, { name: 'Ann', email: '' });
    await Promise.all([page.waitForURL(`http://127.0.0.1:${PORT}/api/feedback`), send(page)]);
    const [post] = await waitForRequests(1);
    expect(post.method).toBe('POST');
    expect(post.path).toBe('/api/feedback');
    expect(post.contentType).toBe('application/x-www-form-urlencoded');
    // A browser's own post sends every field, empty ones included, and CRLF line ends.
    expect(formFields(post)).toEqual({
      page: CANONICAL,
      lang: 'en',
      topic: 'problem',
      message: MESSAGE.replace(/\n/g, '\r\n'),
      name: 'Ann',
      email: '',
      consent: 'yes',
      homepage: '',
    });

    await page.goto(sites.form.base + PROJECT);
    await Promise.all([page.waitForURL(`http://127.0.0.1:${PORT}/api/feedback`), page.getByRole('button', { name: 'No' }).click()]);
    const [, rating] = await waitForRequests(2);
    expect(rating).toMatchObject({ method: 'POST', path: '/api/feedback', contentType: 'application/x-www-form-urlencoded' });
    expect(formFields(rating)).toEqual({ page: CANONICAL, lang: 'en', rating: 'no' });

    const { page: scriptless } = await open('form', { width: 375, blockScripts: true });
    await expectNoAxeViolations(scriptless);
  });

  it('works by keyboard: the rating toggles, every field is reached in order, the honeypot never', async () => {
    received.length = 0;
    const { page } = await open('form');
    await page.getByRole('button', { name: 'No' }).focus();
    await page.keyboard.press('Enter');
    await waitForRequests(1);
    expect(await page.getByRole('button', { name: 'No' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Topic').focus();
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''));
    }
    expect(order).toEqual(['fb-message', 'fb-name', 'fb-email', 'fb-consent', 'How we use your information', 'Send', order[6]]);
    expect(order).not.toContain('fb-homepage');
  });

  it.each([375, 1280])('the project page with the form has no axe violations at %i px', async (width) => {
    const { page, consoleErrors } = await open('form', { width });
    await expectNoAxeViolations(page);
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it.each([375, 1280])('/accountability/ has no axe violations at %i px', async (width) => {
    const { page } = await open('form', { width, path: '/accountability/' });
    await expectNoAxeViolations(page);
  });

  it('/feedback/ and /es/accountability/ have no axe violations', async () => {
    for (const p of ['/feedback/', '/es/feedback/', '/es/accountability/', '/es' + PROJECT]) {
      const { page } = await open('form', { path: p });
      await expectNoAxeViolations(page);
    }
  });
});

describe('"You said, we did"', () => {
  it('shows on the project page, newest first, with counts and escaped text', async () => {
    const { page, consoleErrors } = await open('form');
    const section = page.locator('section[aria-labelledby="ysd-heading"]');
    expect(await section.getByRole('heading', { level: 2 }).innerText()).toBe('You said, we did');
    expect(await section.locator('.ysd-counts li').allInnerTexts()).toEqual(['Raised: 3', 'Done: 1', 'In progress: 1', 'Not possible: 1']);
    const items = await section.locator('.ysd-list > li').allInnerTexts();
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^November 2, 2026\s+In progress\s+You said: <script>alert\(1\)<\/script> Please <b>stop<\/b> work before 8 am\s+We did: Work now starts at 8 am on weekdays\.$/);
    expect(items[2]).toMatch(/^September 14, 2026\s+Done\s+You said: Residents on Elm St asked for earlier notice of water shut-offs\.\s+We did: We now leave door hangers 72 hours ahead\.$/);
    expect(await page.locator('.ysd-list script, .ysd-list b').count()).toBe(0);
    // The form comes right after it.
    const [ysd, form] = await page.evaluate(() => ['ysd-heading', 'feedback-heading'].map((id) => document.getElementById(id)!.getBoundingClientRect().top));
    expect(form).toBeGreaterThan(ysd);
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it('/accountability/ groups entries by project, with counts per project, per status and in total', async () => {
    const { page } = await open('form', { path: '/accountability/' });
    expect(await page.locator('h1').innerText()).toBe('You said, we did');
    const rows = await page.locator('.ysd-table tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
    expect(rows).toEqual([
      ['Project', 'Raised', 'Done', 'In progress', 'Not possible'],
      ['Elm Street water main replacement', '3', '1', '1', '1'],
      ['Riverside lead service line replacement', '2', '2', '0', '0'],
      ['All projects', '5', '3', '1', '1'],
    ]);
    const groups = page.locator('section.accountability__project');
    expect(await groups.locator('h2').allInnerTexts()).toEqual(['Elm Street water main replacement', 'Riverside lead service line replacement']);
    expect(await groups.nth(0).locator('.ysd-list > li').count()).toBe(3);
    expect(await groups.nth(1).locator('.ysd-list > li').count()).toBe(2);
    expect(await groups.nth(0).getByRole('link').first().getAttribute('href')).toBe(PROJECT);
    // The footer links here and to the site-wide form on every page.
    expect(await page.locator('footer').getByRole('link', { name: 'Send us feedback' }).getAttribute('href')).toBe('/feedback/');
    expect(await page.locator('footer').getByRole('link', { name: 'You said, we did' }).getAttribute('href')).toBe('/accountability/');
  });

  it('on the Spanish pages, entries not yet translated are marked as English', async () => {
    const { page } = await open('form', { path: '/es/accountability/' });
    expect(await page.locator('h1').innerText()).toBe('Ustedes dijeron, nosotros hicimos');
    const spans = page.locator('.ysd-list span[lang="en"]');
    expect(await spans.count()).toBe(10);
  });
});

describe('feedback to HubSpot (JSON)', () => {
  it('posts exactly HubSpot’s v3 submission', async () => {
    received.length = 0;
    mode = 'ok';
    const { page, consoleErrors, loadedAt } = await open('hubspot');
    await fill(page, { topic: 'idea', name: 'Lee', email: 'lee@example.org' });
    await afterMinimumTime(loadedAt);
    await send(page);
    const [post] = await waitForRequests(1);
    // (Playwright answers CORS preflights itself while it intercepts requests, so none reach the server here.)
    expect(post.method).toBe('POST');
    expect(post.path).toBe(HUBSPOT_PATH);
    expect(post.contentType).toBe('application/json');
    expect(JSON.parse(post.body)).toEqual({
      fields: [
        { name: 'page_url', value: CANONICAL },
        { name: 'topic', value: 'idea' },
        { name: 'message', value: MESSAGE },
        { name: 'firstname', value: 'Lee' },
        { name: 'email', value: 'lee@example.org' },
      ],
      context: { pageUri: CANONICAL, pageName: 'Elm Street water main replacement' },
      legalConsentOptions: { consent: { consentToProcess: true, text: CONSENT } },
    });
    expect(post.body).not.toContain('homepage');
    await page.locator('[data-fb-status]', { hasText: 'Thank you. We received your message.' }).waitFor();

    await page.getByRole('button', { name: 'Yes' }).click();
    const [, rating] = await waitForRequests(2);
    expect(JSON.parse(rating.body)).toEqual({
      fields: [
        { name: 'page_url', value: CANONICAL },
        { name: 'helpful', value: 'yes' },
      ],
      context: { pageUri: CANONICAL, pageName: 'Elm Street water main replacement' },
    });
    expect(unexpected(consoleErrors)).toEqual([]);
  });

  it('without JavaScript, offers a mailto link with the subject and page filled in', async () => {
    received.length = 0;
    const { page } = await open('hubspot', { javaScriptEnabled: false });
    expect(await page.locator('[data-fb-form]').isVisible()).toBe(false);
    expect(await page.locator('[data-fb-rating]').isVisible()).toBe(false);
    const link = page.getByRole('link', { name: 'Email us your feedback' });
    expect(await link.isVisible()).toBe(true);
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(
      `mailto:projects@lakeviewwater.org?subject=${encodeURIComponent('Feedback: Elm Street water main replacement')}&body=${encodeURIComponent(`\r\n\r\nPage: ${CANONICAL}`)}`,
    );
    expect(received).toEqual([]);
    // The same state, where scripts did not run, for axe.
    for (const width of [375, 1280]) {
      const { page: scriptless } = await open('hubspot', { width, blockScripts: true });
      expect(await scriptless.getByRole('link', { name: 'Email us your feedback' }).isVisible()).toBe(true);
      await expectNoAxeViolations(scriptless);
    }
  });

  it('the site-wide form on /feedback/ sends the feedback page as its context', async () => {
    received.length = 0;
    const { page, loadedAt } = await open('hubspot', { path: '/es/feedback/' });
    expect(await page.locator('[data-fb-rating] p').first().innerText()).toBe('¿Le resultó útil este sitio web?');
    const form = page.locator('[data-fb-form]');
    await form.getByLabel('Su mensaje').fill('Hola');
    await form.getByLabel('Acepto que Lakeview Water guarde lo que envío para responderme y mejorar sus proyectos.').check();
    await afterMinimumTime(loadedAt);
    await form.getByRole('button', { name: 'Enviar' }).click();
    const [post] = await waitForRequests(1);
    expect(JSON.parse(post.body)).toMatchObject({
      fields: [
        { name: 'page_url', value: 'https://projects.lakeviewwater.org/es/feedback/' },
        { name: 'topic', value: 'question' },
        { name: 'message', value: 'Hola' },
      ],
      context: { pageUri: 'https://projects.lakeviewwater.org/es/feedback/', pageName: 'Díganos qué piensa' },
    });
    await page.locator('[data-fb-status]', { hasText: 'Gracias. Recibimos su mensaje.' }).waitFor();
    await expectNoAxeViolations(page);
  });
});

describe('feedback by email only', () => {
  it('with JavaScript, Send opens the resident’s email program with the whole message, and nothing is posted', async () => {
    received.length = 0;
    const { page, loadedAt } = await open('email');
    expect(await page.locator('[data-fb-rating]').count()).toBe(0);
    await fill(page, { topic: 'thanks', name: 'Sam' });
    await afterMinimumTime(loadedAt);
    await send(page);
    const status = page.locator('[data-fb-status]');
    await status.getByRole('link').waitFor();
    expect(await status.innerText()).toContain('Your email program should open with your message, ready to send.');
    const href = (await status.getByRole('link').getAttribute('href'))!;
    expect(href.startsWith('mailto:feedback@lakeviewwater.org?subject=Feedback%3A%20Elm%20Street%20water%20main%20replacement&body=')).toBe(true);
    expect(new URL(href).searchParams.get('body')).toBe(`${MESSAGE.replace(/\n/g, '\r\n')}\r\n\r\nTopic: A thank-you\r\nName: Sam\r\nPage: ${CANONICAL}`);
    // Nobody can tell whether the email left, so the text stays.
    expect(await page.getByLabel('Your message').inputValue()).toBe(MESSAGE);
    await page.waitForTimeout(300);
    expect(received).toEqual([]);
  });

  it('without JavaScript, it is a mailto link to the feedback address', async () => {
    const { page } = await open('email', { javaScriptEnabled: false });
    expect(await page.locator('[data-fb-form]').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Email us your feedback' }).getAttribute('href')).toMatch(/^mailto:feedback@lakeviewwater\.org\?subject=Feedback%3A%20/);
  });
});

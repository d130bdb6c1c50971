import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { updatesFeed, type FeedContext, type FeedProject } from '../../src/lib/feeds.ts';
import { atomRelaxNg } from '../support/standards.ts';

/**
 * The Atom feed, read back with a real XML parser and validated against the
 * RELAX NG schema of RFC 4287 with libxml2 (xmllint-wasm).
 *
 * The schema in shared/standards is in RELAX NG *compact* syntax (despite its
 * .rng name), which libxml2 cannot read; trang (Debian's `trang`, by the
 * author of RELAX NG) converts it to the XML syntax first, without changing it.
 */

const ZONE = 'America/Chicago';
const URL = 'https://projects.example.org/es/projects/elm-street/';
const NASTY = 'Crews <script>alert("x")</script> & neighbors ]]> agree';

function project(updates: FeedProject['updates']): FeedProject {
  return { slug: 'elm-street', lang: 'es', title: 'Calle Elm & Oak <fase 2>', summary: 'Reemplazamos la tubería & más.', updates };
}

const ctx: FeedContext = {
  zone: ZONE,
  now: DateTime.fromISO('2027-03-20T15:00:00Z', { setZone: true }),
  projectUrl: URL,
  feedUrl: `${URL}updates.xml`,
  author: { name: 'Lakeview Water', email: 'projects@lakeviewwater.org', link: 'https://www.lakeviewwater.org' },
};

const UPDATES: FeedProject['updates'] = [
  { date: '2027-01-15', title: 'Obras en pausa', body: 'Las cuadrillas paran.' },
  { date: '2027-04-02', title: NASTY, body: 'Primer párrafo con <b>etiquetas</b> & símbolos.\n\nSegundo párrafo.' },
  { date: '2027-02-10', title: 'Nueva fecha', body: 'La reunión cambió.' },
  { date: '2027-04-02', title: 'Segunda del mismo día', body: 'Otra más.' },
];

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'p'].includes(name) });
const parse = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).feed;
};
/** An element's text, with or without attributes. */
const text = (node: string | { '#text': string }) => (typeof node === 'string' ? node : node['#text']);
/** What a feed reader shows for a type="html" text: the HTML's text. */
const htmlText = (node: string | { '#text': string }) =>
  text(node).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

let atomRng = '';

beforeAll(() => {
  atomRng = atomRelaxNg();
}, 300_000);


async function validateAtom(xml: string) {
  return validateXML({ xml: [{ fileName: 'updates.xml', contents: xml }], schema: [{ fileName: 'atom.rng', contents: atomRng }], extension: 'relaxng' });
}

describe('updates feed', () => {
  const xml = updatesFeed(project(UPDATES), ctx);

  it('is valid Atom by the RFC 4287 RELAX NG schema', async () => {
    const result = await validateAtom(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // And the validator does reject a broken feed, so the pass above means something.
    const broken = await validateAtom(xml.replace(/<id>[^<]*<\/id>/, ''));
    expect(broken.valid).toBe(false);
  });

  it('is valid with no updates yet, dated from SITE_NOW', async () => {
    const empty = updatesFeed(project([]), ctx);
    expect((await validateAtom(empty)).valid).toBe(true);
    const feed = parse(empty);
    expect(feed.entry).toBeUndefined();
    expect(feed.updated).toBe('2027-03-20T05:00:00.000Z'); // 20 March, midnight CDT
  });

  it('has id, title, updated, author, self and alternate links, and the language', () => {
    const feed = parse(xml);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@xml:lang']).toBe('es');
    expect(feed.id).toBe(`${URL}updates.xml`);
    expect(feed.title).toBe('Calle Elm & Oak <fase 2>: Novedades');
    expect(feed.subtitle).toBe('Reemplazamos la tubería & más.');
    // The newest update's day at midnight in the utility's zone (CDT in April).
    expect(feed.updated).toBe('2027-04-02T05:00:00.000Z');
    expect(feed.author.name).toBe('Lakeview Water');
    const links = Object.fromEntries(feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']]));
    expect(links).toEqual({ alternate: URL, self: `${URL}updates.xml` });
  });

  it('lists entries newest first, with stable ids and their day at local midnight', () => {
    const entries = parse(xml).entry;
    expect(entries.map((e: { title: { '#text': string } }) => htmlText(e.title))).toEqual([NASTY, 'Segunda del mismo día', 'Nueva fecha', 'Obras en pausa']);
    expect(entries.map((e: { id: string }) => e.id)).toEqual([
      `${URL}#update-2027-04-02`,
      `${URL}#update-2027-04-02-2`,
      `${URL}#update-2027-02-10`,
      `${URL}#update-2027-01-15`,
    ]);
    expect(entries.map((e: { updated: string }) => e.updated)).toEqual([
      '2027-04-02T05:00:00.000Z',
      '2027-04-02T05:00:00.000Z',
      '2027-02-10T06:00:00.000Z',
      '2027-01-15T06:00:00.000Z',
    ]);
    for (const e of entries) expect(e.link[0]['@href']).toBe(`${URL}#updates-heading`);
    // Same content, same bytes; a later SITE_NOW changes nothing while there are updates.
    expect(updatesFeed(project(UPDATES), { ...ctx, now: ctx.now.plus({ days: 40 }) })).toBe(xml);
  });

  it('escapes <script> and & so readers show them as text', () => {
    expect(xml).not.toMatch(/<script/i);
    expect(xml).not.toMatch(/<b>/);
    const [first] = parse(xml).entry;
    expect(first.title['@type']).toBe('html');
    expect(htmlText(first.title)).toBe(NASTY);
    const content = text(first.content);
    expect(content).toBe('<p>Primer párrafo con &lt;b&gt;etiquetas&lt;/b&gt; &amp; símbolos.</p>\n<p>Segundo párrafo.</p>');
    expect(htmlText(content.replace(/<\/?p>/g, ''))).toBe('Primer párrafo con <b>etiquetas</b> & símbolos.\nSegundo párrafo.');
  });

  it('drops characters XML cannot carry instead of writing a broken file', async () => {
    const odd = updatesFeed(project([{ date: '2027-01-01', title: 'Bell\u0007 and form feed\u000C', body: 'ok' }]), ctx);
    expect(XMLValidator.validate(odd)).toBe(true);
    expect((await validateAtom(odd)).valid).toBe(true);
  });
});

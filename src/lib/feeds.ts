import { Feed } from 'feed';
import type { DateTime } from 'luxon';
import type { Update } from '../schemas/story.ts';
import type { ProjectEntry } from './content/load.ts';
import type { SiteModel } from './site-model.ts';
import { translator } from '../i18n/index.ts';
import { startInstant } from './time.ts';
import { absoluteUrl, pagePath } from './paths.ts';

/**
 * The Atom feed (RFC 4287) of a project's updates, newest first, in one
 * language. Deterministic: each entry's <updated> is its date at midnight in
 * the utility's zone, and the feed's is the newest entry's (SITE_NOW's day
 * when there is none yet).
 *
 * The `feed` library writes entry titles and content as type="html" inside
 * CDATA. So the text is HTML-escaped here first: a feed reader shows the exact
 * title ("<script>" stays text), and "]]>" can never end the CDATA early.
 */

export interface FeedProject {
  slug: string;
  lang: string;
  title: string;
  summary: string;
  updates: Update[];
}

export interface FeedContext {
  zone: string;
  /** SITE_NOW. */
  now: DateTime;
  /** Absolute URL of the project page in this language, ending with a slash. */
  projectUrl: string;
  /** Absolute URL of this feed. */
  feedUrl: string;
  author: { name: string; email?: string; link?: string };
}

export interface FeedEntry {
  update: Update;
  /** Stable id: the page URL and #update-<date> (-2, -3… for more on one day, in file order). */
  id: string;
  updated: DateTime;
}

/** The updates, newest first (file order among the same day, as on the page), with their ids. */
export function feedEntries(project: FeedProject, ctx: Pick<FeedContext, 'zone' | 'projectUrl'>): FeedEntry[] {
  const seen = new Map<string, number>();
  const entries = project.updates.map((update) => {
    const n = (seen.get(update.date) ?? 0) + 1;
    seen.set(update.date, n);
    return {
      update,
      id: `${ctx.projectUrl}#update-${update.date}${n > 1 ? `-${n}` : ''}`,
      updated: startInstant(update.date, ctx.zone),
    };
  });
  return entries.sort((a, b) => b.update.date.localeCompare(a.update.date));
}

export function updatesFeed(project: FeedProject, ctx: FeedContext): string {
  const t = translator(project.lang);
  const entries = feedEntries(project, ctx);
  const updated = entries[0]?.updated ?? ctx.now.setZone(ctx.zone).startOf('day');
  const feed = new Feed({
    id: ctx.feedUrl,
    title: xmlText(`${project.title}: ${t('project.updates')}`),
    description: xmlText(project.summary),
    link: ctx.projectUrl,
    feedLinks: { atom: ctx.feedUrl },
    language: project.lang,
    updated: updated.toJSDate(),
    generator: 'Underway',
    author: ctx.author,
  });
  for (const { update, id, updated: date } of entries) {
    feed.addItem({
      id,
      title: escapeHtml(update.title),
      link: `${ctx.projectUrl}#updates-heading`,
      date: date.toJSDate(),
      content: updateBodyHtml(update.body),
    });
  }
  return `${atomWithLang(feed, project.lang)}\n`;
}

/** An update's paragraphs as escaped HTML for an Atom type="html" content element. */
export function updateBodyHtml(body: string): string {
  return body
    .split(/\n\s*\n/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para) => `<p>${escapeHtml(para)}</p>`)
    .join('\n');
}

/** The library's Atom output with xml:lang on the feed; readers use it to pick fonts, hyphenation and speech. */
export function atomWithLang(feed: Feed, lang: string): string {
  const root = '<feed xmlns="http://www.w3.org/2005/Atom">';
  const xml = feed.atom1();
  if (!xml.includes(root)) throw new Error('Unexpected Atom output from the feed library');
  return xml.replace(root, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`);
}

/** Characters XML 1.0 forbids (C0 controls other than tab, newline and return; lone surrogates; U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text the library escapes itself (plain elements), cleaned of characters XML cannot carry. */
export const xmlText = (text: string) => text.replace(NOT_XML, '');

/** Text for a type="html" construct: shown by readers exactly as written. */
export function escapeHtml(text: string): string {
  return xmlText(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// ---- Glue for the Astro endpoints -------------------------------------------

type ModelPart = Pick<SiteModel, 'site' | 'zone' | 'now' | 'origin' | 'base' | 'defaultLang'>;

export function feedContext(model: ModelPart, entry: Pick<ProjectEntry, 'slug' | 'lang'>): FeedContext {
  const url = (route: string) => absoluteUrl(model.origin, model.base, pagePath(model.base, model.defaultLang, entry.lang, route));
  const site = model.site;
  return {
    zone: model.zone,
    now: model.now,
    projectUrl: url(`projects/${entry.slug}/`),
    feedUrl: url(`projects/${entry.slug}/updates.xml`),
    author: { name: site.name, email: site.contacts.email, link: site.website ?? url('') },
  };
}

export function feedProject(entry: ProjectEntry): FeedProject {
  const { slug, lang, data } = entry;
  return { slug, lang, title: data.title, summary: data.summary, updates: data.updates };
}

export const ATOM_HEADERS = { 'Content-Type': 'application/atom+xml; charset=utf-8' };

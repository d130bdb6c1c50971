import { Feed } from 'feed';
import type { DateTime } from 'luxon';
import type { SiteModel } from './site-model.ts';
import { translator } from '../i18n/index.ts';
import { atomWithLang, escapeHtml, feedContext, feedEntries, feedProject, updateBodyHtml, xmlText, type FeedProject } from './feeds.ts';
import { siteUrl } from './open-data.ts';

/**
 * The site-wide Atom feed (RFC 4287): every update of every project, newest
 * first, in one language. It is built like each project's own feed (see
 * feeds.ts): the same entry ids (so a reader that follows both sees one story
 * once), the same dates (the update's day at midnight in the utility's zone),
 * and the same escaping (titles and paragraphs HTML-escaped inside the
 * library's type="html" CDATA, so "<", "&" and "]]>" stay text).
 *
 * In a translated language, a project with a translation gives its translated
 * updates; a project without one still gives its updates in the default
 * language (residents need them all), marked with their own xml:lang and
 * linked to the page in that language.
 */

export interface SiteFeedProject {
  project: FeedProject;
  /** Absolute URL of the project page in the project's language, ending with a slash. */
  projectUrl: string;
}

export interface SiteFeedContext {
  /** The feed's language. */
  lang: string;
  zone: string;
  /** SITE_NOW. */
  now: DateTime;
  title: string;
  subtitle: string;
  /** Absolute URL of the HTML page the feed stands for. */
  homeUrl: string;
  /** Absolute URL of this feed. */
  feedUrl: string;
  author: { name: string; email?: string; link?: string };
}

export function siteUpdatesFeed(projects: SiteFeedProject[], ctx: SiteFeedContext): string {
  const entries = projects
    .flatMap(({ project, projectUrl }) => feedEntries(project, { zone: ctx.zone, projectUrl }).map((entry) => ({ ...entry, project, projectUrl })))
    // Stable sort: the same day keeps project order, then file order.
    .sort((a, b) => b.update.date.localeCompare(a.update.date));
  const updated = entries[0]?.updated ?? ctx.now.setZone(ctx.zone).startOf('day');
  const feed = new Feed({
    id: ctx.feedUrl,
    title: xmlText(ctx.title),
    description: xmlText(ctx.subtitle),
    link: ctx.homeUrl,
    feedLinks: { atom: ctx.feedUrl },
    language: ctx.lang,
    updated: updated.toJSDate(),
    generator: 'Underway',
    author: ctx.author,
  });
  for (const { update, id, updated: date, project, projectUrl } of entries) {
    feed.addItem({
      id,
      title: escapeHtml(`${project.title}: ${update.title}`),
      link: `${projectUrl}#updates-heading`,
      date: date.toJSDate(),
      // The slug is [a-z0-9-] (checked by the loader), so it needs no escaping.
      category: [{ term: project.slug }],
      content: updateBodyHtml(update.body),
    });
  }
  let xml = atomWithLang(feed, ctx.lang);
  // Entries in another language than the feed say so. Every "<entry>" in the
  // output is one of ours, in order: entry text is escaped or inside CDATA.
  let n = 0;
  xml = xml.replace(/<entry>/g, (tag) => {
    const lang = entries[n++]?.project.lang;
    return lang && lang !== ctx.lang ? `<entry xml:lang="${lang}">` : tag;
  });
  if (n !== entries.length) throw new Error('Unexpected Atom output from the feed library');
  return `${xml}\n`;
}

// ---- Glue for the Astro endpoints -------------------------------------------

type ModelPart = Pick<SiteModel, 'site' | 'zone' | 'now' | 'origin' | 'base' | 'defaultLang' | 'bySlug'>;

/** The feed's projects and context for one language of the built site. */
export function siteFeedInput(model: ModelPart, lang: string): { projects: SiteFeedProject[]; ctx: SiteFeedContext } {
  const t = translator(lang);
  const projects = [...model.bySlug.values()].map((byLang) => {
    const entry = byLang.get(lang) ?? byLang.get(model.defaultLang) ?? [...byLang.values()][0];
    return { project: feedProject(entry), projectUrl: feedContext(model, entry).projectUrl };
  });
  const site = model.site;
  return {
    projects,
    ctx: {
      lang,
      zone: model.zone,
      now: model.now,
      title: `${site.name}: ${t('siteFeed.title')}`,
      subtitle: t('siteFeed.subtitle', { utility: site.name }),
      homeUrl: siteUrl(model, lang, 'projects/'),
      feedUrl: siteUrl(model, lang, 'updates.xml'),
      author: { name: site.name, email: site.contacts.email, link: site.website ?? siteUrl(model, lang, '') },
    },
  };
}

import type { SiteModel } from './site-model.ts';
import { absoluteUrl, pagePath } from './paths.ts';
import { calendarContext, calendarProject, meetingsCalendar } from './ics.ts';
import { neighborhoodSlug } from './project-facts.ts';
import { translator } from '../i18n/index.ts';

/** Every meeting site-wide (or in one neighborhood), in one language, falling back to the default. */
export function siteMeetingsCalendar(model: SiteModel, lang: string, neighborhood?: string): string {
  const t = translator(lang);
  const projects = [...model.bySlug.values()]
    .map((byLang) => byLang.get(lang) ?? byLang.get(model.defaultLang)!)
    .filter((p) => !neighborhood || p.data.neighborhoods.some((n) => neighborhoodSlug(n) === neighborhood))
    .sort((a, b) => a.slug.localeCompare(b.slug));
  const name = neighborhood ? projects.flatMap((p) => p.data.neighborhoods).find((n) => neighborhoodSlug(n) === neighborhood) : undefined;
  const url = (route: string) => absoluteUrl(model.origin, model.base, pagePath(model.base, model.defaultLang, lang, route));
  return meetingsCalendar(
    projects.map((p) => ({ project: calendarProject(p), ctx: calendarContext(model, p) })),
    {
      lang,
      name: name ? t('ics.neighborhoodCalendarName', { neighborhood: name, site: model.site.name }) : t('ics.siteCalendarName', { site: model.site.name }),
      description: t('meetings.intro'),
      url: url('meetings/'),
      source: url(neighborhood ? `meetings/${neighborhood}.ics` : 'meetings.ics'),
    },
  );
}

export function neighborhoodSlugs(model: SiteModel): string[] {
  return [...new Set(model.projects.flatMap((p) => p.data.neighborhoods).map(neighborhoodSlug))].sort();
}

import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { AlertEntry, ProjectEntry } from '../../lib/content/load.ts';
import type { SiteModel } from '../../lib/site-model.ts';
import { alertStatus, type AlertStatus } from '../../lib/alerts.ts';
import { ladderOf } from '../../lib/alert-ladder.ts';
import { levelName } from '../../lib/alert-feed.ts';
import { translator } from '../../i18n/index.ts';
import { pagePath } from '../../lib/paths.ts';
import { isoInZone } from '../../lib/time.ts';
import type { AlertWording } from '../../schemas/alert.ts';

/** What the banner, the alert page and the project box need about one alert at SITE_NOW. */
export interface AlertView {
  alert: AlertEntry;
  status: AlertStatus;
  wording: AlertWording;
  /** The level in force in words, from the site's ladder ("All clear" once lifted). */
  levelLabel: string;
  /** ISO instants for the client-side expiry check; no end "until further notice". */
  startIso: string;
  endIso: string | undefined;
  /** The alert page in this language. */
  href: string;
}

export function alertView(model: SiteModel, alert: AlertEntry, lang: string): AlertView {
  const status = alertStatus(alert.data, model.now, model.zone, ladderOf(model.site.alerts));
  const texts = alert.wording[status.index];
  return {
    alert,
    status,
    wording: texts[lang] ?? texts[model.defaultLang],
    levelLabel: historyLevelLabel(alert, status.index, lang),
    startIso: isoInZone(status.start, model.zone),
    endIso: status.end ? isoInZone(status.end, model.zone) : undefined,
    href: pagePath(model.base, model.defaultLang, lang, `alerts/${alert.id}/`),
  };
}

/** Alerts in effect at SITE_NOW that residents must see (drills never show a banner). */
export function activeAlerts(model: SiteModel, lang: string): AlertView[] {
  return model.alerts
    .filter((a) => !a.data.drill)
    .map((a) => alertView(model, a, lang))
    .filter((v) => v.status.state === 'active');
}

/** Whether an alert covers a project: linked by name, or the project's marker lies inside the area. */
export function alertCoversProject(alert: AlertEntry, project: ProjectEntry): boolean {
  if (alert.data.area.projects.includes(project.slug)) return true;
  return alert.polygon ? booleanPointInPolygon([project.data.location.lon, project.data.location.lat], alert.polygon) : false;
}

/** A history entry's level in words: its ladder name, or "All clear". */
export function historyLevelLabel(alert: AlertEntry, index: number, lang: string): string {
  return alert.levels[index] ? levelName(alert, index, lang) : translator(lang)('alerts.level.all-clear');
}

import type { DateTime } from 'luxon';
import type { AlertEntry } from './content/load.ts';
import type { SiteModel } from './site-model.ts';
import { translator, type UiKey } from '../i18n/index.ts';
import { absoluteUrl, pagePath } from './paths.ts';
import { alertStatus, buildCap, xmlEscape, type CapInput } from './alerts.ts';
import { ladderOf, sameEventCode } from './alert-ladder.ts';
import { startInstant } from './time.ts';

/**
 * The alert feeds: one CAP 1.2 message per alert (/alerts/<id>.cap.xml, the
 * message for the history entry in force at SITE_NOW, to the IPAWS profile),
 * and an Atom index per language (/alerts/feed.xml, /es/alerts/feed.xml) of
 * the alerts in effect: each entry's alternate link is the alert page in
 * that language, which feed readers open, and its CAP file is a related link
 * (type application/cap+xml), which CAP aggregators follow.
 */

type ModelPart = Pick<SiteModel, 'site' | 'zone' | 'now' | 'origin' | 'base' | 'defaultLang' | 'languages' | 'alerts'>;

const url = (model: ModelPart, lang: string, route: string) => absoluteUrl(model.origin, model.base, pagePath(model.base, model.defaultLang, lang, route));

/** The CAP builder's input for one alert at SITE_NOW. */
export function capInput(model: ModelPart, alert: AlertEntry): CapInput {
  const settings = model.site.alerts;
  const { index } = alertStatus(alert.data, model.now, model.zone, ladderOf(settings));
  const allClear = alert.levels[index] === null;
  return {
    id: alert.id,
    kind: alert.data.kind,
    drill: alert.data.drill,
    effective: alert.data.effective,
    expires: alert.data.expires,
    history: alert.data.history,
    levels: alert.levels,
    instructions: alert.instructions,
    index,
    now: model.now,
    zone: model.zone,
    eventCode: sameEventCode(settings, allClear ? 'all-clear' : alert.kinds[index]),
    ...(settings?.same ? { same: { geocodes: settings.same.geocodes, originator: settings.same.originator } } : {}),
    languageRegion: settings?.languageRegion ?? 'US',
    rebuildHours: settings?.rebuildHours ?? 24,
    horizonHours: settings?.capHorizonHours ?? 48,
    sender: new URL(model.origin).hostname,
    senderName: model.site.name,
    contact: model.site.contacts.emergency ?? model.site.contacts.phone,
    polygon: alert.polygon,
    infos: model.languages.map((lang) => ({
      lang,
      event: levelName(alert, index, lang),
      wording: alert.wording[index][lang],
      note: alert.notes[index][lang],
      web: url(model, lang, `alerts/${alert.id}/`),
      areaDesc: alert.areaDesc[lang],
    })),
  };
}

export function alertCap(model: ModelPart, alert: AlertEntry): string {
  return buildCap(capInput(model, alert));
}

/** The level of a history entry in words; for the all-clear, the level it lifted. */
export function levelName(alert: AlertEntry, index: number, lang: string): string {
  const level = alert.levels[index] ?? alert.levels.slice(0, index).reverse().find(Boolean);
  return level?.name[lang] ?? translator(lang)(`alerts.kind.${alert.kinds[index]}` as UiKey);
}

/** Atom (RFC 4287) index of the alerts in effect at SITE_NOW in one language (drills included: their CAP says Test). */
export function alertsAtom(model: ModelPart, lang: string = model.defaultLang): string {
  const t = translator(lang);
  const ladder = ladderOf(model.site.alerts);
  const feedUrl = url(model, lang, 'alerts/feed.xml');
  const active = model.alerts
    .map((alert) => ({ alert, status: alertStatus(alert.data, model.now, model.zone, ladder) }))
    .filter(({ status }) => status.state === 'active');
  const updatedOf = ({ alert, status }: (typeof active)[number]): DateTime => startInstant(alert.data.history[status.index].at, model.zone);
  const stamp = (dt: DateTime) => dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
  const updated = active.length ? active.map(updatedOf).reduce((a, b) => (a > b ? a : b)) : model.now.setZone(model.zone).startOf('day');
  const e = xmlEscape;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${e(lang)}">`,
    `  <id>${e(feedUrl)}</id>`,
    `  <title>${e(`${model.site.name}: ${t('alerts.active')}`)}</title>`,
    `  <updated>${stamp(updated)}</updated>`,
    `  <author><name>${e(model.site.name)}</name><email>${e(model.site.contacts.email)}</email></author>`,
    `  <link rel="self" type="application/atom+xml" href="${e(feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(url(model, lang, 'alerts/'))}"/>`,
    '  <generator>Underway</generator>',
  ];
  for (const item of active) {
    const { alert, status } = item;
    const w = alert.wording[status.index][lang] ?? alert.wording[status.index][model.defaultLang];
    const page = url(model, lang, `alerts/${alert.id}/`);
    const until = alert.data.expires ? '' : ` ${t('alerts.untilFurtherNotice')}.`;
    lines.push(
      '  <entry>',
      // One entry per level: a reader shows an escalation as new.
      `    <id>${e(`${page}#level-${status.index + 1}`)}</id>`,
      `    <title>${e(w.headline)}</title>`,
      `    <updated>${stamp(updatedOf(item))}</updated>`,
      `    <link rel="alternate" type="text/html" hreflang="${e(lang)}" href="${e(page)}"/>`,
      `    <link rel="related" type="application/cap+xml" href="${e(url(model, model.defaultLang, `alerts/${alert.id}.cap.xml`))}"/>`,
      `    <category term="${e(alert.data.drill ? 'Test' : 'Actual')}"/>`,
      `    <summary>${e(`${w.summary}${w.summary.toLowerCase().includes(t('alerts.untilFurtherNotice').toLowerCase()) ? '' : until}`)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

export const CAP_HEADERS = { 'Content-Type': 'application/cap+xml; charset=utf-8' };

import type { DateTime } from 'luxon';
import type { AlertEntry } from './content/load.ts';
import type { SiteModel } from './site-model.ts';
import { translator, type UiKey } from '../i18n/index.ts';
import { absoluteUrl, pagePath } from './paths.ts';
import { alertStatus, buildCap, capIdentifier, xmlEscape, type CapInput } from './alerts.ts';
import { startInstant } from './time.ts';

/**
 * The alert feeds: one CAP 1.2 message per alert (/alerts/<id>.cap.xml, the
 * message for the history entry in force at SITE_NOW), and an Atom index
 * (/alerts/feed.xml) of the alerts in effect, each entry linking its CAP file,
 * as CAP aggregators (e.g. IPAWS, Google Public Alerts) read them.
 */

type ModelPart = Pick<SiteModel, 'site' | 'zone' | 'now' | 'origin' | 'base' | 'defaultLang' | 'languages' | 'alerts'>;

const url = (model: ModelPart, lang: string, route: string) => absoluteUrl(model.origin, model.base, pagePath(model.base, model.defaultLang, lang, route));

/** The CAP builder's input for one alert at SITE_NOW. */
export function capInput(model: ModelPart, alert: AlertEntry): CapInput {
  const { index } = alertStatus(alert.data, model.now, model.zone);
  return {
    id: alert.id,
    kind: alert.data.kind,
    drill: alert.data.drill,
    effective: alert.data.effective,
    expires: alert.data.expires,
    history: alert.data.history,
    index,
    zone: model.zone,
    sender: new URL(model.origin).hostname,
    senderName: model.site.name,
    contact: model.site.contacts.emergency ?? model.site.contacts.phone,
    polygon: alert.polygon,
    infos: model.languages.map((lang) => ({
      lang,
      event: translator(lang)(`alerts.kind.${alert.kinds[index]}` as UiKey),
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

/** Atom (RFC 4287) index of the alerts in effect at SITE_NOW (drills included: their CAP says Test). */
export function alertsAtom(model: ModelPart): string {
  const lang = model.defaultLang;
  const t = translator(lang);
  const sender = new URL(model.origin).hostname;
  const feedUrl = url(model, lang, 'alerts/feed.xml');
  const active = model.alerts
    .map((alert) => ({ alert, status: alertStatus(alert.data, model.now, model.zone) }))
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
    const w = alert.wording[status.index][lang];
    lines.push(
      '  <entry>',
      `    <id>${e(`urn:cap:${capIdentifier(sender, alert.id, status.index)}`)}</id>`,
      `    <title>${e(w.headline)}</title>`,
      `    <updated>${stamp(updatedOf(item))}</updated>`,
      `    <link rel="alternate" type="application/cap+xml" href="${e(url(model, model.defaultLang, `alerts/${alert.id}.cap.xml`))}"/>`,
      `    <link rel="related" type="text/html" href="${e(url(model, lang, `alerts/${alert.id}/`))}"/>`,
      `    <category term="${e(alert.data.drill ? 'Test' : 'Actual')}"/>`,
      `    <summary>${e(w.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

export const CAP_HEADERS = { 'Content-Type': 'application/cap+xml; charset=utf-8' };

import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, inject, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { siteNow } from '../../src/lib/time.ts';
import { ROOT, TEST_NOW } from '../support/site-build.ts';

const dist = inject('demoDist');
const content = loadContent({ contentDir: path.join(ROOT, 'content'), now: siteNow({ SITE_NOW: TEST_NOW }) });
const base = content.projects.filter((p) => p.isBase);

function events(file: string) {
  const text = fs.readFileSync(path.join(dist, file), 'utf8');
  const cal = new ICAL.Component(ICAL.parse(text));
  return { cal, events: cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e)) };
}

describe('site-wide meeting calendars', () => {
  it('meetings.ics holds every meeting of every project once, with the project calendars’ UIDs', () => {
    if (!dist) throw new Error('The demo site was not built (UNDERWAY_SKIP_DEMO=1 is set)');
    const { cal, events: all } = events('meetings.ics');
    const expected = base.flatMap((p) => p.data.meetings.map((m) => `${p.slug}-${m.id}@projects.harborfallswater.example`)).sort();
    expect(all.map((e) => e.uid).sort()).toEqual(expected);
    expect(cal.getFirstPropertyValue('name')).toBe('Harbor Falls Water & Sewer: community meetings');
    expect(String(cal.getFirstPropertyValue('refresh-interval'))).toBe('PT12H');
    // Same UID and times as the per-meeting file.
    const elm = base.find((p) => p.slug === 'elm-street-water-main')!;
    const m = elm.data.meetings[0];
    const single = events(`projects/elm-street-water-main/meetings/${m.id}.ics`).events[0];
    const inSite = all.find((e) => e.uid === single.uid)!;
    expect(inSite.startDate.toUnixTime()).toBe(single.startDate.toUnixTime());
  });

  it('has one calendar per neighborhood with only that neighborhood’s meetings', () => {
    const westgate = events('meetings/westgate.ics').events;
    const inWestgate = base.filter((p) => p.data.neighborhoods.includes('Westgate'));
    const expected = inWestgate.flatMap((p) => p.data.meetings.map((m) => `${p.slug}-${m.id}@projects.harborfallswater.example`)).sort();
    expect(westgate.map((e) => e.uid).sort()).toEqual(expected);
    expect(expected.length).toBeLessThan(base.flatMap((p) => p.data.meetings).length);
  });

  it('has a Spanish site calendar with the translated titles', () => {
    const es = events('es/meetings.ics');
    expect(es.cal.getFirstPropertyValue('name')).toBe('Harbor Falls Water & Sewer: reuniones comunitarias');
    const translated = content.projects.find((p) => p.slug === 'elm-street-water-main' && p.lang === 'es')!;
    const summaries = es.events.map((e) => e.summary);
    for (const m of translated.data.meetings) expect(summaries.some((s) => s.endsWith(m.title))).toBe(true);
  });
});

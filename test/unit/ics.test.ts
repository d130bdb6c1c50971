import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { DisruptionProperties } from '../../src/schemas/disruption.ts';
import type { DisruptionFeature } from '../../src/schemas/geojson.ts';
import { meetingCalendar, projectCalendar, type CalendarContext, type CalendarProject } from '../../src/lib/ics.ts';

/**
 * Calendars from a small in-memory project, read back with ical.js (a real
 * RFC 5545 parser), never with our own string matching alone.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const ZONE = 'America/Chicago';
const NOW = '2027-02-01T15:30:00Z';
const HOST = 'projects.example.org';

const TRICKY_TITLE = 'Budget, review; phase 1 \\ part 2\nQuestions & answers';
const LONG_ES =
  'Conversaremos sobre la renovación de la tubería en la calle Álamo, el corte de agua programado, ' +
  'la señalización de desvíos y cómo solicitar información en español, inglés o lengua de señas. ' +
  'También habrá café, pan dulce y un rincón para niñas y niños. ¿Preguntas? ¡Tráigalas! Ñandú, pingüino, acción.';

function project(lang: 'en' | 'es'): CalendarProject {
  const es = lang === 'es';
  const venue = { name: 'Riverside Library, Community Room', address: ['200 Oak St', 'Lakeview, IL 60601'], location: { lat: 41.887, lon: -87.651 } };
  return {
    slug: 'elm-street',
    lang,
    title: es ? 'Reemplazo de la tubería de la calle Elm' : 'Elm Street water main replacement',
    timeline: [
      { phase: 'design', start: '2027-01-04', end: '2027-03-05', estimated: false, description: es ? 'Los ingenieros dibujan los planos.' : 'Engineers draw the plans.' },
      { phase: 'construction', start: '2027-03-08', end: '2027-10-29', estimated: true, displayDates: es ? 'Primavera a otoño de 2027' : 'Spring to fall 2027', description: es ? 'Las cuadrillas colocan la tubería nueva.' : 'Crews lay the new pipe.' },
      { phase: 'complete', start: '2027-11-01', estimated: false, description: es ? 'La tubería nueva está en servicio.' : 'The new main is in service.' },
    ],
    meetings: [
      // Saturday 13 March 2027 is the last day of CST; Monday the 15th is in CDT.
      { id: 'before-dst', title: es ? 'Jornada de puertas abiertas de marzo' : 'March open house', kind: 'open-house', start: '2027-03-13T18:00', end: '2027-03-13T19:30', venue, status: 'scheduled', description: es ? LONG_ES : 'See the plans.', materials: [] },
      { id: 'after-dst', title: es ? 'Audiencia pública' : 'Public hearing', kind: 'public-hearing', start: '2027-03-15T18:00', end: '2027-03-15T20:00', venue, status: 'scheduled', materials: [] },
      { id: 'tricky', title: TRICKY_TITLE, kind: 'online', start: '2027-04-06T12:00', end: '2027-04-06T13:00', online: 'https://meet.example.org/elm', rsvp: 'https://example.org/rsvp', status: 'scheduled', description: LONG_ES, materials: [] },
      { id: 'walk', title: es ? 'Recorrido por la obra' : 'Site walk', kind: 'site-walk', start: '2027-05-01T10:00', end: '2027-05-01T11:00', venue, status: 'cancelled', statusReason: es ? 'Se espera una tormenta.' : 'A storm is expected.', materials: [] },
      { id: 'moved', title: es ? 'Reunión de otoño' : 'Fall meeting', kind: 'open-house', start: '2027-09-21T18:00', end: '2027-09-21T19:00', venue, status: 'rescheduled', statusReason: es ? 'La sala no estaba disponible.' : 'The room was not available.', materials: [] },
    ],
    disruptions: [
      feature({ id: 'elm-closure', kind: 'road-closure', start: '2027-03-08T07:00', end: '2027-04-30', description: es ? 'Calle cerrada al tránsito.' : 'Closed to through traffic.', street: 'Elm St', from: '3rd Ave', to: '7th Ave' }),
      feature({ id: 'elm-zone', kind: 'work-zone', start: '2027-03-08', end: '2027-10-29', description: es ? 'Zona de obras.' : 'Work zone.', street: 'Elm St' }),
      feature({ kind: 'water-shut-off', start: '2027-03-16T09:00', end: '2027-03-16T15:00', description: es ? 'Sin agua durante 6 horas.' : 'No water for 6 hours.', street: 'Elm St', block: '300 block', hours: '9 am to 3 pm' }),
      feature({ id: 'detour-1', kind: 'detour', start: '2027-03-08', end: '2027-03-12', description: es ? 'Siga los carteles.' : 'Follow the signs.', street: 'Oak St' }),
    ],
  };
}

function feature(properties: DisruptionProperties): DisruptionFeature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [-87.65, 41.88] }, properties };
}

function context(lang: 'en' | 'es', now = NOW): CalendarContext {
  const prefix = lang === 'en' ? '' : `/${lang}`;
  return {
    zone: ZONE,
    now: DateTime.fromISO(now, { setZone: true }),
    host: HOST,
    siteName: 'Lakeview Water',
    projectUrl: `https://${HOST}${prefix}/projects/elm-street/`,
    calendarUrl: `https://${HOST}${prefix}/projects/elm-street/calendar.ics`,
  };
}

// ical.js predates RFC 7986: teach it that NAME (and Apple's X-WR-CALNAME) are TEXT, so it unescapes them.
for (const name of ['name', 'x-wr-calname', 'x-wr-caldesc']) ICAL.design.icalendar.property[name] = { defaultType: 'text' };

const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));
const events = (ics: string) => parse(ics).getAllSubcomponents('vevent').map((c) => ({ c, e: new ICAL.Event(c) }));
const byUid = (ics: string, uid: string) => {
  const found = events(ics).find(({ e }) => e.uid === uid);
  if (!found) throw new Error(`No event ${uid}`);
  return found;
};
/** An ical.js time as local wall-clock time in the utility's zone. */
const local = (t: ICAL.Time) => DateTime.fromMillis(t.toUnixTime() * 1000, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
const uid = (id: string) => `elm-street-${id}@${HOST}`;

describe('project calendar', () => {
  const en = projectCalendar(project('en'), context('en'));

  it('is byte-identical for the same content and SITE_NOW, with DTSTAMP from SITE_NOW', () => {
    expect(projectCalendar(project('en'), context('en'))).toBe(en);
    for (const { c } of events(en)) expect(c.getFirstPropertyValue('dtstamp')!.toString()).toBe('2027-02-01T15:30:00Z');
  });

  it('keeps every UID between builds, even when SITE_NOW changes', () => {
    const uids = events(en).map(({ e }) => e.uid);
    const later = events(projectCalendar(project('en'), context('en', '2027-06-30T12:00:00Z'))).map(({ e }) => e.uid);
    expect(later).toEqual(uids);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toEqual([
      uid('before-dst'),
      uid('after-dst'),
      uid('tricky'),
      uid('walk'),
      uid('moved'),
      uid('phase-0-design'),
      uid('phase-1-construction'),
      uid('phase-2-complete'),
      uid('disruption-elm-closure'),
      uid('disruption-2'),
      uid('disruption-detour-1'),
    ]);
    // The Spanish calendar holds the same events under the same UIDs.
    expect(events(projectCalendar(project('es'), context('es'))).map(({ e }) => e.uid)).toEqual(uids);
  });

  it('gives the content’s local times in America/Chicago on both sides of the DST change', () => {
    for (const m of project('en').meetings) {
      const { e } = byUid(en, uid(m.id));
      expect(local(e.startDate)).toBe(m.start);
      expect(local(e.endDate)).toBe(m.end);
    }
    // 18:00 CST is 00:00Z the next day; 18:00 CDT is 23:00Z.
    expect(en).toContain('DTSTART:20270314T000000Z');
    expect(en).toContain('DTSTART:20270315T230000Z');
    expect(byUid(en, uid('before-dst')).e.startDate.zone?.tzid).toBe('UTC');
  });

  it('writes the same bytes whatever the build machine’s TZ', () => {
    const script = `
      import { DateTime } from 'luxon';
      import { projectCalendar, meetingCalendar } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/lib/ics.ts')).href)};
      const { project, ctx } = JSON.parse(process.env.ICS_INPUT);
      ctx.now = DateTime.fromISO(ctx.now, { setZone: true });
      process.stdout.write(projectCalendar(project, ctx) + meetingCalendar(project, 'before-dst', ctx));`;
    const input = JSON.stringify({ project: project('es'), ctx: { ...context('es'), now: NOW } });
    const expected = projectCalendar(project('es'), context('es')) + meetingCalendar(project('es'), 'before-dst', context('es'));
    for (const TZ of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Chatham']) {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, TZ, ICS_INPUT: input },
      });
      expect(child.stderr).toBe('');
      expect(child.stdout, `TZ=${TZ}`).toBe(expected);
    }
  });

  it('escapes and folds: lines of at most 75 octets, CRLF, and the exact title back', () => {
    const es = projectCalendar(project('es'), context('es'));
    for (const ics of [en, es]) {
      expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(ics).not.toMatch(/[^\r]\n/);
      const raw = Buffer.from(ics, 'utf8');
      const lines: Buffer[] = [];
      for (let start = 0, i = raw.indexOf('\r\n'); i !== -1; start = i + 2, i = raw.indexOf('\r\n', start)) lines.push(raw.subarray(start, i));
      expect(lines.length).toBeGreaterThan(50);
      for (const line of lines) {
        expect(line.length, line.toString()).toBeLessThanOrEqual(75);
        // Folding never splits a UTF-8 character.
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(line)).not.toThrow();
      }
    }
    // TEXT escaping as RFC 5545 §3.3.11 writes it.
    const unfolded = en.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('SUMMARY:Budget\\, review\\; phase 1 \\\\ part 2\\nQuestions & answers\r\n');
    expect(byUid(en, uid('tricky')).e.summary).toBe(TRICKY_TITLE);
    // The long Spanish text is folded (it is far longer than a line) and comes back whole.
    const tricky = byUid(es, uid('tricky')).e;
    expect(tricky.description).toContain(LONG_ES);
    expect(es.split('\r\n').filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
    expect(byUid(es, uid('before-dst')).e.description.startsWith(LONG_ES)).toBe(true);
  });

  it('marks a cancelled meeting CANCELLED with a higher SEQUENCE; a rescheduled one keeps its UID with SEQUENCE 1', () => {
    const scheduled = byUid(en, uid('before-dst'));
    const cancelled = byUid(en, uid('walk'));
    const moved = byUid(en, uid('moved'));
    expect(scheduled.c.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(scheduled.e.sequence).toBe(0);
    expect(cancelled.c.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.e.sequence).toBeGreaterThan(scheduled.e.sequence);
    expect(cancelled.e.sequence).toBeGreaterThan(moved.e.sequence);
    expect(cancelled.e.summary).toBe('Cancelled: Site walk');
    expect(cancelled.e.description).toContain('This meeting is cancelled. A storm is expected.');
    expect(moved.c.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(moved.e.sequence).toBe(1);
    expect(moved.e.description).toContain('This meeting has a new date. The room was not available.');
    expect(parse(en).getFirstPropertyValue('method')).toBe('PUBLISH');
  });

  it('has NAME, REFRESH-INTERVAL, X-WR-CALNAME and X-PUBLISHED-TTL before the first component', () => {
    const cal = parse(en);
    expect(cal.getFirstPropertyValue('name')).toBe('Elm Street water main replacement (Lakeview Water)');
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Elm Street water main replacement (Lakeview Water)');
    const refresh = cal.getFirstProperty('refresh-interval')!;
    expect(refresh.type).toBe('duration'); // from VALUE=DURATION
    expect(String(refresh.getFirstValue())).toBe('PT12H');
    expect(String(cal.getFirstPropertyValue('x-published-ttl'))).toBe('PT12H');
    expect(cal.getFirstPropertyValue('source')).toBe(`https://${HOST}/projects/elm-street/calendar.ics`);
    const head = en.slice(0, en.indexOf('BEGIN:VEVENT'));
    expect(head).toContain('\r\nNAME:');
    expect(head).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n');
    expect(head).toContain('\r\nX-PUBLISHED-TTL:PT12H\r\n');
    // A project title with a comma and a semicolon survives in NAME (escaped by us: the library does not).
    const odd = { ...project('en'), title: 'Elm, Oak; and \\ Pine' };
    expect(parse(projectCalendar(odd, context('en'))).getFirstPropertyValue('name')).toBe('Elm, Oak; and \\ Pine (Lakeview Water)');
    expect(projectCalendar(odd, context('en'))).toContain('\r\nNAME:Elm\\, Oak\\; and \\\\ Pine (Lakeview Water)\r\n');
  });

  it('links every meeting to its place on the project page, in DESCRIPTION and URL, with LOCATION', () => {
    for (const m of project('en').meetings) {
      const { c, e } = byUid(en, uid(m.id));
      const link = `https://${HOST}/projects/elm-street/#meeting-${m.id}`;
      expect(e.description).toContain(link);
      expect(c.getFirstPropertyValue('url')).toBe(link);
    }
    expect(byUid(en, uid('before-dst')).e.location).toBe('Riverside Library, Community Room, 200 Oak St, Lakeview, IL 60601');
    expect(byUid(en, uid('before-dst')).c.getFirstPropertyValue('geo')).toEqual([41.887, -87.651]);
    expect(byUid(en, uid('tricky')).e.location).toBe('https://meet.example.org/elm');
  });

  it('adds each phase start as an all-day event', () => {
    const design = byUid(en, uid('phase-0-design')).e;
    expect(design.startDate.isDate).toBe(true);
    expect(design.startDate.toString()).toBe('2027-01-04');
    expect(design.endDate.toString()).toBe('2027-01-05');
    expect(design.summary).toBe('Start of design: Elm Street water main replacement');
    const construction = byUid(en, uid('phase-1-construction'));
    expect(construction.e.summary).toBe('Start of construction: Elm Street water main replacement (estimated)');
    expect(construction.c.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(construction.c.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(byUid(en, uid('phase-2-complete')).e.summary).toBe('Work complete: Elm Street water main replacement');
  });

  it('adds road closures, detours and water shut-offs, not work zones', () => {
    expect(en).not.toContain('elm-street-disruption-elm-zone');
    const shutOff = byUid(en, uid('disruption-2')).e;
    expect(local(shutOff.startDate)).toBe('2027-03-16T09:00');
    expect(local(shutOff.endDate)).toBe('2027-03-16T15:00');
    expect(shutOff.summary).toBe('Water shut-off: Elm St, 300 block');
    expect(shutOff.description).toContain('Working hours: 9 am to 3 pm');
    // Weeks long: an all-day banner over the days it lasts, the start time in the description.
    const closure = byUid(en, uid('disruption-elm-closure')).e;
    expect(closure.startDate.isDate).toBe(true);
    expect([closure.startDate.toString(), closure.endDate.toString()]).toEqual(['2027-03-08', '2027-05-01']);
    expect(closure.summary).toBe('Road closure: Elm St between 3rd Ave and 7th Ave');
    expect(closure.location).toBe('Elm St between 3rd Ave and 7th Ave');
    expect(closure.description).toContain('7:00');
    const detour = byUid(en, uid('disruption-detour-1')).e;
    expect([detour.startDate.toString(), detour.endDate.toString()]).toEqual(['2027-03-08', '2027-03-13']);
  });

  it('is in Spanish in the Spanish calendar', () => {
    const es = projectCalendar(project('es'), context('es'));
    const cal = parse(es);
    expect(cal.getFirstPropertyValue('name')).toBe('Reemplazo de la tubería de la calle Elm (Lakeview Water)');
    expect(es).toContain('PRODID:-//Underway//Underway//ES');
    const open = byUid(es, uid('before-dst')).e;
    expect(open.summary).toBe('Jornada de puertas abiertas de marzo');
    expect(open.description).toContain('Reunión en la página del proyecto: https://projects.example.org/es/projects/elm-street/#meeting-before-dst');
    expect(open.description).toContain('Jornada de puertas abiertas');
    expect(byUid(es, uid('walk')).e.summary).toBe('Cancelada: Recorrido por la obra');
    expect(byUid(es, uid('walk')).e.description).toContain('Esta reunión está cancelada. Se espera una tormenta.');
    expect(byUid(es, uid('phase-1-construction')).e.summary).toBe('Inicio de construcción: Reemplazo de la tubería de la calle Elm (estimado)');
    expect(byUid(es, uid('disruption-2')).e.summary).toBe('Corte de agua: Elm St, 300 block');
    expect(byUid(es, uid('disruption-2')).e.description).toContain('Página del proyecto: https://projects.example.org/es/projects/elm-street/#disruptions-heading');
  });
});

describe('one-meeting calendar', () => {
  it('holds just that meeting, with the project calendar’s UID, times and status', () => {
    const full = projectCalendar(project('en'), context('en'));
    for (const id of ['after-dst', 'walk']) {
      const single = meetingCalendar(project('en'), id, context('en'));
      const list = events(single);
      expect(list).toHaveLength(1);
      const [{ c, e }] = list;
      const twin = byUid(full, uid(id));
      expect(e.uid).toBe(twin.e.uid);
      expect(e.sequence).toBe(twin.e.sequence);
      expect(e.startDate.toString()).toBe(twin.e.startDate.toString());
      expect(c.getFirstPropertyValue('status')).toBe(twin.c.getFirstPropertyValue('status'));
      expect(parse(single).getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(single).not.toContain('REFRESH-INTERVAL');
    }
  });

  it('refuses a meeting the project does not have', () => {
    expect(() => meetingCalendar(project('en'), 'nope', context('en'))).toThrow(/no meeting "nope"/);
  });
});

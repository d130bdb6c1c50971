import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { derivePhase, isExpected, whenIs, UPCOMING_DAYS } from '../../src/lib/phase.ts';
import { currentPhase, phaseSpans } from '../../src/lib/status.ts';
import type { Phase } from '../../src/schemas/timeline.ts';
import { describeRange, describePlace } from '../../src/lib/describe-dates.ts';
import { endInstant, formatTime, startInstant, zoneAbbreviation } from '../../src/lib/time.ts';
import { translator } from '../../src/i18n/index.ts';

const phase = (p: Partial<Phase> & Pick<Phase, 'phase' | 'start'>): Phase => ({ estimated: false, description: 'x', ...p }) as Phase;
const timeline: Phase[] = [
  phase({ phase: 'design', start: '2027-01-04', end: '2027-02-26' }),
  phase({ phase: 'construction', start: '2027-03-01', end: '2027-06-04' }),
  phase({ phase: 'restoration', start: '2027-06-07', end: '2027-07-30' }),
  phase({ phase: 'complete', start: '2027-08-02' }),
];
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone });

describe('current phase', () => {
  it('is planned before the first phase starts, one millisecond before midnight local time', () => {
    const zone = 'America/Chicago';
    const before = startInstant('2027-01-04', zone).minus({ milliseconds: 1 });
    expect(currentPhase(timeline, before, zone)).toMatchObject({ index: -1, status: 'planned', phase: null });
    expect(currentPhase(timeline, before.plus({ milliseconds: 1 }), zone)).toMatchObject({ index: 0, status: 'planned' });
  });

  it.each(['America/Chicago', 'Europe/London', 'Australia/Sydney', 'Pacific/Auckland', 'UTC'])(
    'counts construction weeks the same way across the March DST change in %s',
    (zone) => {
      // Construction: 1 Mar to 4 Jun 2027 = 96 days = about 14 weeks.
      expect(currentPhase(timeline, at('2027-03-01T00:00', zone), zone)).toMatchObject({ index: 1, status: 'active', week: 1, totalWeeks: 14 });
      expect(currentPhase(timeline, at('2027-03-07T23:59', zone), zone)).toMatchObject({ week: 1 });
      expect(currentPhase(timeline, at('2027-03-08T00:00', zone), zone)).toMatchObject({ week: 2 });
      // US DST starts 14 Mar 2027; Europe 28 Mar; southern hemisphere ends 4 Apr.
      expect(currentPhase(timeline, at('2027-04-05T00:00', zone), zone)).toMatchObject({ week: 6 });
      expect(currentPhase(timeline, at('2027-04-11T23:30', zone), zone)).toMatchObject({ week: 6 });
      expect(currentPhase(timeline, at('2027-06-04T23:59', zone), zone)).toMatchObject({ week: 14 });
    },
  );

  it('keeps the previous phase during a gap and is complete once the complete phase starts', () => {
    const zone = 'America/Chicago';
    expect(currentPhase(timeline, at('2027-06-05T12:00', zone), zone)).toMatchObject({ index: 1, status: 'active' });
    expect(currentPhase(timeline, at('2027-08-02T00:00', zone), zone)).toMatchObject({ index: 3, status: 'complete' });
  });

  it('is complete after the last phase ends even without a complete phase', () => {
    const zone = 'America/Chicago';
    const short = timeline.slice(0, 3);
    expect(currentPhase(short, at('2027-07-30T23:59', zone), zone).status).toBe('active');
    expect(currentPhase(short, at('2027-07-31T00:00', zone), zone).status).toBe('complete');
  });

  it('depends on the utility’s zone, not the machine’s: the same instant is a different day in Tokyo', () => {
    // 2027-03-01T03:00Z is still 28 Feb in Chicago, but already 1 Mar in Tokyo.
    const instant = DateTime.fromISO('2027-03-01T03:00:00Z');
    expect(currentPhase(timeline, instant, 'America/Chicago').index).toBe(0);
    expect(currentPhase(timeline, instant, 'Asia/Tokyo').index).toBe(1);
  });

  it('gives the browser the same answer as the build (shared rules)', () => {
    const zone = 'America/Chicago';
    const spans = phaseSpans(timeline, zone);
    for (const iso of ['2027-01-01', '2027-03-20T10:00', '2027-06-06', '2027-09-01']) {
      const now = at(iso, zone);
      const built = currentPhase(timeline, now, zone);
      expect(derivePhase(spans, now.toMillis(), zone)).toEqual({ index: built.index, status: built.status, week: built.week, totalWeeks: built.totalWeeks });
    }
  });
});

describe('what to expect', () => {
  const zone = 'America/Chicago';
  const span = (start: string, end: string) => [startInstant(start, zone).toMillis(), endInstant(end, zone).toMillis()] as const;
  const now = at('2027-03-03T12:00', zone).toMillis();

  it('includes what is on now and what starts within 14 days, excludes the past and later', () => {
    expect(whenIs(...span('2027-03-03T09:00', '2027-03-03T15:00'), now)).toBe('now');
    expect(whenIs(...span('2027-03-03T09:00', '2027-03-03T11:59'), now)).toBe('past');
    expect(whenIs(...span('2027-03-17T11:00', '2027-03-18'), now)).toBe('upcoming');
    // 14 days in real time: US clocks spring forward on 14 Mar, so 14:00 local is 14 days and an hour away.
    expect(whenIs(...span('2027-03-17T14:00', '2027-03-18'), now)).toBe('later');
    expect(isExpected(...span('2027-03-01', '2027-03-10'), now)).toBe(true);
    expect(isExpected(...span('2027-02-01', '2027-03-02'), now)).toBe(false);
    expect(isExpected(...span('2027-04-01', '2027-04-10'), now)).toBe(false);
    expect(UPCOMING_DAYS).toBe(14);
  });

  it('treats a bare end date as lasting to the end of that day', () => {
    expect(isExpected(...span('2027-03-01', '2027-03-03'), now)).toBe(true);
    expect(isExpected(...span('2027-03-01', '2027-03-02'), now)).toBe(false);
  });
});

describe('time formatting in the utility’s zone', () => {
  const t = translator('en');
  it('formats a water shut-off in plain words and local time', () => {
    expect(describeRange('2027-03-02T09:00', '2027-03-02T15:00', { lang: 'en', zone: 'America/Chicago' })).toBe('Tue, Mar 2, 2027, 9:00 AM – 3:00 PM');
    expect(describePlace({ street: 'Elm St', from: '3rd Ave', to: '7th Ave' }, t)).toBe('Elm St between 3rd Ave and 7th Ave');
    expect(describePlace({ street: 'Elm St', block: '100–300 block' }, t)).toBe('Elm St, 100–300 block');
  });

  it('formats in Spanish', () => {
    const text = describeRange('2027-03-02', '2027-03-20', { lang: 'es', zone: 'America/Chicago' });
    expect(text).toMatch(/mar/);
    expect(text).toMatch(/2027/);
    expect(describePlace({ street: 'Elm St', from: '3rd Ave', to: '7th Ave' }, translator('es'))).toBe('Elm St entre 3rd Ave y 7th Ave');
  });

  it('shows the zone abbreviation that applies on the day, across DST', () => {
    const fmt = { lang: 'en', zone: 'America/Chicago' };
    expect(zoneAbbreviation('2027-03-13T18:00', fmt)).toBe('CST');
    expect(zoneAbbreviation('2027-03-15T18:00', fmt)).toBe('CDT');
    expect(formatTime('2027-03-15T18:00', fmt)).toBe('6:00 PM');
  });

  it('does not depend on the machine’s TZ', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(describeRange('2027-03-02T09:00', '2027-03-02T15:00', { lang: 'en', zone: 'America/Chicago' })).toBe('Tue, Mar 2, 2027, 9:00 AM – 3:00 PM');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('date ranges', () => {
  const fmt = { lang: 'en', zone: 'America/Chicago' };
  it('shows a bare end date as that day, not midnight', () => {
    expect(describeRange('2026-06-15T07:00', '2026-12-18', fmt)).toBe('Mon, Jun 15, 7:00 AM – Fri, Dec 18, 2026');
    expect(describeRange('2026-06-15', '2026-06-15', fmt)).toBe('Mon, Jun 15, 2026');
    expect(describeRange('2026-12-28', '2027-01-08', fmt)).toBe('Mon, Dec 28, 2026 – Fri, Jan 8, 2027');
    expect(describeRange('2026-12-08T22:00', '2026-12-09T05:00', fmt)).toBe('Tue, Dec 8, 10:00 PM – Wed, Dec 9, 2026, 5:00 AM');
  });
});

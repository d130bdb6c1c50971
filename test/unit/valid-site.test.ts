/**
 * test/fixtures/valid-site is a small complete site: every feature the checker
 * knows about is used correctly at least once, so it must load without errors.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';

const VALID = fileURLToPath(new URL('../fixtures/valid-site', import.meta.url));
const NOW = DateTime.fromISO('2026-12-01T17:00:00Z', { zone: 'utc' });

describe('valid-site fixture', () => {
  const content = loadContent({ contentDir: VALID, now: NOW });
  const entry = (id: string) => content.projects.find((p) => p.entryId === id);

  it('has zero errors at 2026-12-01T17:00:00Z', () => {
    expect(content.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('reads site.yaml with a service-area bbox and languages en + es', () => {
    expect(content.site?.timeZone).toBe('America/Chicago');
    expect(content.site?.languages).toEqual({ default: 'en', others: ['es'] });
    expect(content.site?.serviceArea.bbox).toEqual([-87.95, 41.64, -87.52, 42.03]);
    expect(content.serviceArea).not.toBeNull();
  });

  it('loads three projects and the Spanish translation', () => {
    expect(content.projects.map((p) => p.entryId).sort()).toEqual([
      'elm-street-water-main/index',
      'elm-street-water-main/index.es',
      'north-tank-repainting/index',
      'riverside-lead-service-lines/index',
    ]);
    expect(entry('elm-street-water-main/index')?.languages).toEqual(['en', 'es']);
  });

  it('covers phases, including other with a label and an open last phase', () => {
    const kinds = content.projects.filter((p) => p.isBase).flatMap((p) => p.data.timeline.map((t) => t.phase));
    for (const kind of ['planning', 'design', 'construction', 'restoration', 'complete', 'other'])
      expect(kinds).toContain(kind);
    expect(entry('north-tank-repainting/index')?.data.timeline[0].label).toBe('Tank repainting');
    expect(entry('riverside-lead-service-lines/index')?.data.timeline.at(-1)?.end).toBeUndefined();
  });

  it('covers meetings with a venue, online only, both, and cancelled with a reason', () => {
    const meetings = content.projects.filter((p) => p.isBase).flatMap((p) => p.data.meetings);
    expect(meetings.some((m) => m.venue && !m.online)).toBe(true);
    expect(meetings.some((m) => !m.venue && m.online)).toBe(true);
    expect(meetings.some((m) => m.venue && m.online)).toBe(true);
    expect(meetings.find((m) => m.status === 'cancelled')?.statusReason).toBeTruthy();
  });

  it('reads disruptions from a file and inline; the translation inherits them', () => {
    expect(entry('elm-street-water-main/index')?.disruptions.map((f) => f.properties.kind)).toEqual(['road-closure', 'work-zone']);
    expect(entry('riverside-lead-service-lines/index')?.disruptions.map((f) => f.geometry.type)).toEqual(['Polygon']);
    expect(entry('elm-street-water-main/index.es')?.disruptions).toHaveLength(2);
  });

  it('has a hero image with alt text, and the translation translates it', () => {
    expect(entry('elm-street-water-main/index')?.data.hero).toMatchObject({ src: './hero.svg', alt: expect.stringContaining('Crew lowering') });
    expect(entry('elm-street-water-main/index.es')?.data.hero?.alt).toContain('Trabajadores');
    expect(entry('elm-street-water-main/index.es')?.data.title).toContain('calle Elm');
    // Untranslated fields come from the base file.
    expect(entry('elm-street-water-main/index.es')?.data.cost).toBe(4200000);
  });
});

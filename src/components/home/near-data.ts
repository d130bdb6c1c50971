import type { Geometry } from 'geojson';
import type { ProjectEntry } from '../../lib/content/load.ts';
import type { SiteModel } from '../../lib/site-model.ts';
import { translator, type UiKey } from '../../i18n/index.ts';
import { nextEvent } from '../../lib/project-facts.ts';
import { describeRange } from '../../lib/describe-dates.ts';
import { encodeNearPayload, nearestPointOnShape, shapeOf, type LonLat, type NearPayload, type NearPlaceInput, type NearProjectInput } from '../../lib/near.ts';
import { normalizeName } from '../../lib/street-match.ts';

/**
 * What the home page's "projects near you" needs, worked out at build time
 * from the content: every project (in the reader's language where
 * translated), its geometry, its next disruption or meeting in words, and the
 * streets and neighborhoods the content names, with a point for each.
 */

const STATUS_ORDER = { active: 0, planned: 1, complete: 2 } as const;

/** The projects in the order the list shows them before a location is set: under construction first, then planned, then complete; A–Z within. */
export function homeProjects(model: SiteModel, lang: string): ProjectEntry[] {
  return [...model.bySlug.values()]
    .map((byLang) => byLang.get(lang) ?? byLang.get(model.defaultLang)!)
    .sort((a, b) => STATUS_ORDER[model.status(a).status] - STATUS_ORDER[model.status(b).status] || a.data.title.localeCompare(b.data.title, lang));
}

/** "Meeting: Winter check-in" or "Lane closure, 5th Ave", and when, as the project cards say it. */
export function nextInWords(model: SiteModel, project: ProjectEntry, lang: string): { what: string; when: string } | null {
  const t = translator(lang);
  const next = nextEvent(project, model.now, model.zone);
  if (!next) return null;
  return {
    what: next.type === 'meeting' ? `${t('card.meeting')}: ${next.title}` : `${t(`kind.${next.kind}` as UiKey)}, ${next.title}`,
    when: describeRange(next.start, next.end, { lang, zone: model.zone }),
  };
}

/** A street name of one street ("Elm St"), not a list ("18th, 19th and 20th Ave"). */
const isOneStreet = (name: string) => !/,|\s(and|y|&)\s/i.test(name);

/**
 * Streets and neighborhoods, each with its point and the projects that name it.
 * A street's point lies on the disruptions that name it (leaving out detours
 * when there is anything else), else at the project markers of the projects
 * that list it; a neighborhood's point is the centre of its projects' markers.
 */
export function namedPlaces(projects: readonly ProjectEntry[]): NearPlaceInput[] {
  const streets = new Map<string, { names: Map<string, number>; geometries: Geometry[]; detours: Geometry[]; anchors: LonLat[]; projects: Set<number> }>();
  const street = (name: string) => {
    const key = normalizeName(name).short;
    if (!key) return null;
    let entry = streets.get(key);
    if (!entry) streets.set(key, (entry = { names: new Map(), geometries: [], detours: [], anchors: [], projects: new Set() }));
    entry.names.set(name, (entry.names.get(name) ?? 0) + 1);
    return entry;
  };
  const hoods = new Map<string, { name: string; anchors: LonLat[]; projects: Set<number> }>();
  projects.forEach((p, i) => {
    const anchor: LonLat = [p.data.location.lon, p.data.location.lat];
    for (const f of p.disruptions) {
      const name = f.properties.street.trim();
      if (!isOneStreet(name)) continue;
      const entry = street(name);
      if (!entry) continue;
      (f.properties.kind === 'detour' ? entry.detours : entry.geometries).push(f.geometry as Geometry);
      entry.projects.add(i);
    }
    for (const name of p.data.streets) {
      const entry = street(name.trim());
      if (!entry) continue;
      entry.anchors.push(anchor);
      entry.projects.add(i);
    }
    for (const name of p.data.neighborhoods) {
      const key = normalizeName(name).short;
      const entry = hoods.get(key) ?? { name, anchors: [], projects: new Set<number>() };
      entry.anchors.push(anchor);
      entry.projects.add(i);
      hoods.set(key, entry);
    }
  });
  const centre = (points: LonLat[]): LonLat => [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
  const places: NearPlaceInput[] = [];
  for (const entry of streets.values()) {
    const geometries = entry.geometries.length ? entry.geometries : entry.detours;
    let at: LonLat;
    if (geometries.length) {
      const shape = shapeOf(geometries);
      const points: LonLat[] = [];
      for (let k = 0; k < shape.coords.length; k += 2) points.push([shape.coords[k], shape.coords[k + 1]]);
      at = nearestPointOnShape(shape, centre(points));
    } else {
      at = nearestPointOnShape(shapeOf(entry.anchors.map((a) => ({ type: 'Point', coordinates: a }))), centre(entry.anchors));
    }
    // The spelling the content uses most (then the first A–Z).
    const name = [...entry.names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    places.push({ name, kind: 'street', at, projects: [...entry.projects] });
  }
  for (const entry of hoods.values()) places.push({ name: entry.name, kind: 'neighborhood', at: centre(entry.anchors), projects: [...entry.projects] });
  return places.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }) || a.kind.localeCompare(b.kind));
}

export function nearInputs(model: SiteModel, lang: string, projects = homeProjects(model, lang)): NearProjectInput[] {
  return projects.map((p) => ({
    slug: p.slug,
    title: p.data.title,
    status: model.status(p).status,
    next: nextInWords(model, p, lang),
    fallback: p.lang !== lang,
    anchor: [p.data.location.lon, p.data.location.lat],
    geometries: p.disruptions.map((f) => f.geometry as Geometry),
  }));
}

/** The JSON the home page carries for its list, map and street search. */
export function nearPayload(model: SiteModel, lang: string): NearPayload {
  const projects = homeProjects(model, lang);
  return encodeNearPayload(nearInputs(model, lang, projects), namedPlaces(projects));
}

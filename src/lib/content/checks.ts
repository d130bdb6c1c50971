import fs from 'node:fs';
import path from 'node:path';
import type { DateTime } from 'luxon';
import { GEOMETRY_FOR_KIND } from '../../schemas/disruption.ts';
import type { DisruptionFeature } from '../../schemas/geojson.ts';
import { positionsOf, ringSignedArea, type LonLat, type ServiceArea } from '../geo.ts';
import type { Path, Problem } from '../problems.ts';
import { formatPath } from '../problems.ts';
import { SUMMARY_MAX_CHARS } from '../readability.ts';
import { plainLanguageFinding } from './plain-language.ts';
import type { SourceDoc } from '../source.ts';
import { endInstant, startInstant } from '../time.ts';
import type { ProjectEntry } from './load.ts';

/** Days without an update before a project under construction gets a warning. */
export const STALE_UPDATE_DAYS = 30;

type Locate = (path: Path) => { line: number; column: number };

/**
 * Checks that need more than one field: dates in order, phases that do not
 * overlap, meetings people can find, disruptions inside the project's span and
 * the service area, files that exist.
 */
export function checkProject(opts: {
  entry: ProjectEntry;
  source: SourceDoc;
  zone: string;
  now: DateTime;
  serviceArea: ServiceArea | null;
  disruptionSource: DisruptionSource | null;
}): Problem[] {
  const { entry, source, zone, now, serviceArea, disruptionSource } = opts;
  const { data } = entry;
  const problems: Problem[] = [];
  const at = (p: Path, severity: Problem['severity'], message: string, hint?: string) =>
    problems.push({ file: entry.file, ...source.locate(p), field: formatPath(p), message, hint, severity });

  // Timeline: each phase ends after it starts, phases in order, no overlap.
  data.timeline.forEach((phase, i) => {
    if (!phase.end && phase.phase !== 'complete' && i !== data.timeline.length - 1)
      at(['timeline', i], 'error', 'This phase has no end date', 'Add end: YYYY-MM-DD (only the complete phase, or the last phase, may be left open)');
    if (phase.end && phase.end < phase.start)
      at(['timeline', i, 'end'], 'error', `The phase ends (${phase.end}) before it starts (${phase.start})`, 'Swap the two dates, or correct the year');
    const prev = data.timeline[i - 1];
    if (!prev) return;
    if (phase.start < prev.start)
      at(['timeline', i, 'start'], 'error', `Phases are out of order: ${label(phase)} starts (${phase.start}) before ${label(prev)} (${prev.start})`, 'List the phases in the order they happen');
    else if (prev.end && phase.start <= prev.end)
      at(['timeline', i, 'start'], 'error', `This phase overlaps the previous one: ${label(prev)} ends ${prev.end}, ${label(phase)} starts ${phase.start}`, `Start it after ${prev.end}, or end the previous phase earlier`);
  });

  const spanStart = startInstant(data.timeline[0].start, zone);
  const ends = data.timeline.filter((p) => p.end).map((p) => endInstant(p.end!, zone));
  const spanEnd = ends.length ? ends.reduce((a, b) => (a > b ? a : b)) : null;
  const openEnded = !data.timeline[data.timeline.length - 1].end;

  data.milestones.forEach((m, i) => {
    if (startInstant(m.date, zone) < spanStart)
      at(['milestones', i, 'date'], 'warning', `This milestone (${m.date}) is before the project starts (${data.timeline[0].start})`);
  });

  // Meetings
  const meetingIds = new Map<string, number>();
  data.meetings.forEach((meeting, i) => {
    if (meetingIds.has(meeting.id)) at(['meetings', i, 'id'], 'error', `Two meetings have the id "${meeting.id}"`, 'Each meeting needs its own id; it is part of the meeting’s web address and calendar entry');
    meetingIds.set(meeting.id, i);
    if (!meeting.venue && !meeting.online)
      at(['meetings', i], 'error', 'This meeting has neither a venue nor an online link', 'Add venue: (name and address) for an in-person meeting, online: https://… for an online one, or both');
    if (meeting.kind === 'online' && !meeting.online)
      at(['meetings', i, 'kind'], 'error', 'An online meeting needs its link', 'Add online: https://…');
    if (startInstant(meeting.end, zone) <= startInstant(meeting.start, zone))
      at(['meetings', i, 'end'], 'error', `The meeting ends (${meeting.end}) before it starts (${meeting.start})`, 'Write end as the date and time the meeting finishes, e.g. 2027-03-03T19:30');
    if (meeting.venue?.location) checkPoint(['meetings', i, 'venue', 'location'], meeting.venue.location);
    if (endInstant(meeting.end, zone) < now && !meeting.materials.length && meeting.status === 'scheduled')
      at(['meetings', i], 'warning', `The meeting "${meeting.title}" is over but has no materials`, 'Add materials: slides, minutes or a recording, so people who missed it can catch up');
  });

  // Disruptions inside the project's span; ends after starts; ids unique.
  const disruptionIds = new Set<string>();
  entry.disruptions.forEach((feature, i) => {
    const { start, end, id } = feature.properties;
    const p = {
      at: (rest: Path, severity: Problem['severity'], message: string, hint?: string) => {
        if (!disruptionSource) return;
        const full = ['features', i, ...rest];
        problems.push({ file: disruptionSource.file, ...disruptionSource.locate(full), field: disruptionSource.fieldPrefix + formatPath(full), message, hint, severity });
      },
    };
    if (id) {
      if (disruptionIds.has(id)) p.at(['properties', 'id'], 'error', `Two disruptions have the id "${id}"`, 'Give each disruption its own id');
      disruptionIds.add(id);
    }
    const s = startInstant(start, zone);
    const e = endInstant(end, zone);
    if (e <= s) p.at(['properties', 'end'], 'error', `The disruption ends (${end}) before it starts (${start})`, 'Swap the two, or correct the date');
    if (s < spanStart)
      p.at(['properties', 'start'], 'error', `The disruption starts (${start}) before the project does (${data.timeline[0].start})`, 'Correct the date, or extend the timeline');
    else if (spanEnd && !openEnded && e > spanEnd)
      p.at(['properties', 'end'], 'error', `The disruption ends (${end}) after the project’s last phase (${data.timeline[data.timeline.length - 1].end})`, 'Correct the date, or extend the timeline');
  });

  checkPoint(['location'], data.location);

  // Files
  if (data.hero && !/^https?:/.test(data.hero.src) && !fs.existsSync(path.resolve(entry.dir, data.hero.src)))
    at(['hero', 'src'], 'error', `Image file "${data.hero.src}" does not exist`, `Put the file in ${path.basename(entry.dir)}/ or correct the name (names are case-sensitive)`);

  // Warnings that keep a page honest.
  const constructing = data.timeline.some(
    (p) => p.phase === 'construction' && startInstant(p.start, zone) <= now && (!p.end || endInstant(p.end, zone) > now),
  );
  if (constructing) {
    const latest = data.updates.map((u) => u.date).sort().pop();
    const days = latest ? Math.floor(now.diff(startInstant(latest, zone), 'days').days) : Infinity;
    if (days > STALE_UPDATE_DAYS)
      at(['updates'], 'warning', latest ? `The project is under construction and the last update is ${days} days old (${latest})` : 'The project is under construction and has no updates', `Residents expect news at least every ${STALE_UPDATE_DAYS} days during construction: add an entry to updates`);
  }
  checkPlainLanguage(entry, source, problems);
  return problems;

  function checkPoint(p: Path, point: { lat: number; lon: number }) {
    if (!serviceArea || serviceArea.contains([point.lon, point.lat])) return;
    const swapped = serviceArea.contains([point.lat, point.lon]);
    at(p, 'error', `This point (lat ${point.lat}, lon ${point.lon}) is outside the service area`, swapped ? 'Latitude and longitude look swapped: exchange the two numbers' : 'Check the coordinates, e.g. by pasting them into a map');
  }
}

/** Where disruptions were written: inline in the frontmatter, or in their own GeoJSON file. */
export interface DisruptionSource {
  file: string;
  /** Locates a path inside the FeatureCollection, e.g. ['features', 2, 'properties', 'end']. */
  locate: Locate;
  /** Prefix for field names, 'disruptions.' when inline. */
  fieldPrefix: string;
}

/** GeoJSON rules beyond shape: geometry fits the kind, right-hand rule, inside the service area. */
export function checkGeoJsonSemantics(opts: {
  features: DisruptionFeature[];
  where: DisruptionSource;
  serviceArea: ServiceArea | null;
}): Problem[] {
  const { features, serviceArea } = opts;
  const { file, locate, fieldPrefix } = opts.where;
  const problems: Problem[] = [];
  const at = (p: Path, severity: Problem['severity'], message: string, hint?: string) =>
    problems.push({ file, ...locate(p), field: fieldPrefix + formatPath(p), message, hint, severity });
  features.forEach((feature, i) => {
    const allowed = GEOMETRY_FOR_KIND[feature.properties.kind];
    if (!allowed.includes(feature.geometry.type))
      at(['features', i, 'geometry', 'type'], 'error', `A ${feature.properties.kind} cannot be drawn as a ${feature.geometry.type}`, `Use ${allowed.join(' or ')}`);
    if (feature.geometry.type === 'Polygon' || feature.geometry.type === 'MultiPolygon') {
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      polygons.forEach((polygon, pi) =>
        polygon.forEach((ring, ri) => {
          const area = ringSignedArea(ring);
          const outer = ri === 0;
          if ((outer && area < 0) || (!outer && area > 0)) {
            const p = feature.geometry.type === 'Polygon' ? ['features', i, 'geometry', 'coordinates', ri] : ['features', i, 'geometry', 'coordinates', pi, ri];
            at(p, 'warning', `This ring winds ${outer ? 'clockwise' : 'counterclockwise'}; RFC 7946 asks outer rings to be counterclockwise and holes clockwise`, 'Most GIS tools have a "fix winding order" or "right-hand rule" export option');
          }
        }),
      );
    }
    if (serviceArea) {
      const outside = positionsOf(feature.geometry).find(({ position }) => !serviceArea.contains([position[0], position[1]] as LonLat));
      if (outside) {
        const [lon, lat] = outside.position;
        const swapped = serviceArea.contains([lat, lon]);
        at(['features', i, 'geometry', 'coordinates', ...outside.path], 'error', `Position [${lon}, ${lat}] is outside the service area`, swapped ? 'Longitude and latitude look swapped: GeoJSON writes [longitude, latitude]' : 'Check the coordinates; GeoJSON writes [longitude, latitude]');
      }
    }
  });
  return problems;
}

/** A translation may change words, never dates, places or geometry. */
export function checkTranslation(opts: {
  entry: ProjectEntry;
  base: ProjectEntry;
  source: SourceDoc;
  raw: Record<string, unknown>;
  zone: string;
}): Problem[] {
  const { entry, base, source, raw } = opts;
  const problems: Problem[] = [];
  const at = (p: Path, message: string, hint: string) =>
    problems.push({ file: entry.file, ...source.locate(p), field: formatPath(p), message, hint, severity: 'error' });
  const keep = `Keep dates, places and numbers exactly as in ${base.file}; translate only the words`;

  if ('timeline' in raw) {
    const [a, b] = [base.data.timeline, entry.data.timeline];
    if (a.length !== b.length) at(['timeline'], `The translation has ${b.length} phases but the base file has ${a.length}`, keep);
    else
      b.forEach((phase, i) => {
        for (const key of ['phase', 'start', 'end', 'estimated'] as const)
          if (phase[key] !== a[i][key]) at(['timeline', i, key], `The translation's ${key} (${phase[key] ?? 'none'}) differs from the base file (${a[i][key] ?? 'none'})`, keep);
      });
  }
  if ('meetings' in raw) {
    const byId = new Map(base.data.meetings.map((m) => [m.id, m]));
    entry.data.meetings.forEach((m, i) => {
      const original = byId.get(m.id);
      if (!original) return at(['meetings', i, 'id'], `The base file has no meeting with id "${m.id}"`, 'Use the same ids as the base file');
      for (const key of ['start', 'end', 'status', 'online', 'rsvp'] as const)
        if (m[key] !== original[key]) at(['meetings', i, key], `The translation's ${key} differs from the base file`, keep);
    });
    if (entry.data.meetings.length !== base.data.meetings.length)
      at(['meetings'], `The translation has ${entry.data.meetings.length} meetings but the base file has ${base.data.meetings.length}`, keep);
  }
  if ('location' in raw && JSON.stringify(entry.data.location) !== JSON.stringify(base.data.location))
    at(['location'], 'The translation’s location differs from the base file', keep);
  if ('disruptions' in raw) {
    const [a, b] = [base.disruptions, entry.disruptions];
    if (a.length !== b.length) at(['disruptions'], `The translation has ${b.length} disruptions but the base file has ${a.length}`, keep);
    else
      b.forEach((f, i) => {
        if (JSON.stringify(f.geometry) !== JSON.stringify(a[i].geometry))
          at(['disruptions'], `Disruption ${i + 1} (${f.properties.street}) has different geometry from the base file`, keep);
        for (const key of ['kind', 'start', 'end'] as const)
          if (f.properties[key] !== a[i].properties[key])
            at(['disruptions'], `Disruption ${i + 1}'s ${key} (${f.properties[key]}) differs from the base file (${a[i].properties[key]})`, keep);
      });
  }
  checkPlainLanguage(entry, source, problems);
  return problems;
}

function checkPlainLanguage(entry: ProjectEntry, source: SourceDoc, problems: Problem[]) {
  const warnAt = (path: Path, message: string, hint: string) =>
    problems.push({ file: entry.file, ...source.locate(path), field: formatPath(path), message, hint, severity: 'warning' });
  if (source.has(['summary']) && entry.data.summary.length > SUMMARY_MAX_CHARS)
    warnAt(['summary'], `The summary is ${entry.data.summary.length} characters; keep it under ${SUMMARY_MAX_CHARS} so it fits a phone screen`, 'Say what, where and why in two or three short sentences; put the rest in the body');
  // Every resident-facing text the editor wrote in this file.
  const { data } = entry;
  const texts: [Path, string][] = [
    [['summary'], data.summary],
    ...data.timeline.map((p, i): [Path, string] => [['timeline', i, 'description'], p.description]),
    ...data.meetings.flatMap((m, i): [Path, string][] => (m.description ? [[['meetings', i, 'description'], m.description]] : [])),
    ...data.updates.map((u, i): [Path, string] => [['updates', i, 'body'], u.body]),
    ...data.faq.map((f, i): [Path, string] => [['faq', i, 'answer'], f.answer]),
  ];
  for (const [path, text] of texts) {
    if (!source.has(path)) continue;
    const finding = plainLanguageFinding(text, entry.lang);
    if (finding) warnAt(path, finding.message, finding.hint);
  }
}

function label(phase: { phase: string; label?: string }) {
  return phase.label ?? phase.phase;
}

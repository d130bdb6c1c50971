import { v5 as uuidv5 } from 'uuid';
import type { LineString, Position } from 'geojson';
import type { DisruptionFeature } from '../schemas/geojson.ts';
import type { DisruptionKind } from '../schemas/disruption.ts';
import type { ProjectType } from '../schemas/project.ts';
import type { ProjectEntry } from './content/load.ts';
import type { SiteModel } from './site-model.ts';
import type { UiKey } from '../i18n/en.ts';
import { translator } from '../i18n/index.ts';
import { describePlace } from './describe-dates.ts';
import { absoluteUrl, pagePath } from './paths.ts';
import { endInstant, startInstant } from './time.ts';
import { disruptionKey, safeJson } from './open-data.ts';

/**
 * The WZDx 4.2 Work Zone Feed (https://github.com/usdot-jpo-ode/wzdx): the road
 * closures, lane closures and detours of every project, so navigation apps and
 * the state DOT can route drivers around the works. Pure: the same content and
 * SITE_NOW give the same feed, byte for byte.
 *
 * How our content maps onto WZDx (each choice checked against the official
 * schemas in shared/standards/wzdx-4.2, which the tests validate against):
 *
 * - Which disruptions: only road-closure and lane-closure (WZDx "work-zone"
 *   road events) and detour ("detour" road events). Work zones off the roadway,
 *   water shut-offs, parking, sidewalk and night work do not change how cars
 *   drive, so they stay out. Disruptions that ended before SITE_NOW are left
 *   out too: the feed lists what is on now or planned, as WZDx intends.
 * - Ids: a UUID v5 (RFC 4122) of "<project slug>/<disruption key>[/<part>]" in
 *   a namespace that is itself the UUID v5 of the site's address. The key is
 *   the disruption's `id` (or the feature's id, or its position in the file,
 *   the same rule as the calendars), so ids stay the same from build to build
 *   for as long as the editor keeps the `id`.
 * - data_source_id: one data source, the utility, whose id is that namespace UUID.
 * - Geometry: WZDx allows LineString or MultiPoint. A LineString is copied as
 *   it is; a MultiLineString becomes one road event per line, linked in order
 *   with first-in-sequence / next-in-sequence. Anything else (which the
 *   checker already reports) is skipped rather than guessed at.
 * - Dates: start_date and end_date are instants in UTC ("…Z"), as the schema's
 *   descriptions ask ("The UTC date and time… RFC 3339"). Content times are
 *   wall-clock times in the utility's zone, turned into instants with that
 *   zone (so daylight saving is right); a bare end date lasts to the end of
 *   that day. They are planned times: is_start_date_verified and
 *   is_end_date_verified are false (no crew or field device confirms them).
 * - Positions: drawn on a map by an editor or exported from a GIS, not measured
 *   with a GPS in the field, so is_start/end_position_verified are false and
 *   location_method is "other" (none of channel-device, sign or junction).
 * - vehicle_impact: road-closure → "all-lanes-closed"; lane-closure →
 *   "some-lanes-closed". work_zone_type is "static" (our closures do not move).
 * - direction: required by WZDx, but our content has no direction of travel
 *   (a closed street is usually closed both ways, and a lane closure's
 *   direction is only in its description). The Direction enum allows
 *   "unknown", which says exactly that; we never guess from the line's drawing
 *   order.
 * - road_names: [street]. For a detour, `street` is the street it goes around
 *   (the route itself is in the description and the geometry).
 * - beginning_cross_street / ending_cross_street: `from` / `to` when given.
 * - related_road_events: a detour is linked ("related-work-zone") to the road
 *   closures of its project on the same street whose dates overlap its own
 *   (or, when none is on the same street, to every overlapping road closure of
 *   the project); each such closure links back ("related-detour").
 * - types_of_work: "below-road-work" for water mains, lead service lines and
 *   sewers (pipes under the street); left out for other project types.
 * - name and description are in the site's default language: the kind and the
 *   place ("Road closure: Elm St between 4th Ave and 5th Ave"), then the
 *   editor's description, the working hours and the project's page.
 * - feed_info: publisher and data source are the utility; update_date is
 *   SITE_NOW in UTC. update_frequency is left out (the site is rebuilt when an
 *   editor publishes, on no fixed schedule), and so is license: WZDx allows
 *   only CC0 there, and releasing the data under CC0 is the utility's decision.
 */

export const WZDX_VERSION = '4.2';

/** The disruption kinds that go into the feed, and what WZDx calls them. */
const EVENT_TYPE: Partial<Record<DisruptionKind, 'work-zone' | 'detour'>> = {
  'road-closure': 'work-zone',
  'lane-closure': 'work-zone',
  detour: 'detour',
};

const VEHICLE_IMPACT: Partial<Record<DisruptionKind, VehicleImpact>> = {
  'road-closure': 'all-lanes-closed',
  'lane-closure': 'some-lanes-closed',
};

/** Project types whose work is a trench or pipe under the road. */
const BELOW_ROAD: readonly ProjectType[] = ['water-main', 'lead-service-lines', 'sewer'];

type VehicleImpact = 'all-lanes-closed' | 'some-lanes-closed';

export interface RelatedRoadEvent {
  type: 'first-in-sequence' | 'next-in-sequence' | 'related-work-zone' | 'related-detour';
  id: string;
}

export interface WzdxCoreDetails {
  data_source_id: string;
  event_type: 'work-zone' | 'detour';
  related_road_events?: RelatedRoadEvent[];
  road_names: string[];
  direction: 'unknown';
  name: string;
  description: string;
}

export interface WzdxRoadEventProperties {
  core_details: WzdxCoreDetails;
  beginning_cross_street?: string;
  ending_cross_street?: string;
  start_date: string;
  end_date: string;
  is_start_date_verified: false;
  is_end_date_verified: false;
  // Work zones only:
  is_start_position_verified?: false;
  is_end_position_verified?: false;
  location_method?: 'other';
  vehicle_impact?: VehicleImpact;
  work_zone_type?: 'static';
  types_of_work?: { type_name: 'below-road-work' }[];
}

export interface WzdxRoadEvent {
  id: string;
  type: 'Feature';
  properties: WzdxRoadEventProperties;
  geometry: LineString;
}

export interface WzdxFeed {
  feed_info: {
    publisher: string;
    contact_name: string;
    contact_email: string;
    update_date: string;
    version: string;
    data_sources: { data_source_id: string; organization_name: string; contact_name: string; contact_email: string }[];
  };
  type: 'FeatureCollection';
  features: WzdxRoadEvent[];
}

export type WzdxModel = Pick<SiteModel, 'site' | 'zone' | 'now' | 'origin' | 'base' | 'defaultLang' | 'projects'>;

/** The UUID namespace of this site's road events, and its WZDx data_source_id. */
export function wzdxNamespace(origin: string): string {
  return uuidv5(`${origin.replace(/\/+$/, '')}/`, uuidv5.URL);
}

/** The road event id of one line of a disruption. */
export function roadEventId(namespace: string, slug: string, key: string, part: number): string {
  return uuidv5(part === 0 ? `${slug}/${key}` : `${slug}/${key}/${part}`, namespace);
}

interface Pending {
  slug: string;
  kind: DisruptionKind;
  street: string;
  startMs: number;
  endMs: number;
  /** Ids of this disruption's road events (one per line), in order. */
  ids: string[];
  events: WzdxRoadEvent[];
}

const utc = (dt: ReturnType<typeof startInstant>) => dt.toUTC().toISO({ suppressMilliseconds: true })!;

/** The feed for every project in the default language. */
export function buildWzdxFeed(model: WzdxModel): WzdxFeed {
  const { site, zone, defaultLang } = model;
  const t = translator(defaultLang);
  const namespace = wzdxNamespace(model.origin);
  const nowMs = model.now.toMillis();
  const pending: Pending[] = [];

  for (const project of model.projects.filter((p) => p.isBase)) {
    const pageUrl = absoluteUrl(model.origin, model.base, pagePath(model.base, defaultLang, project.lang, `projects/${project.slug}/`));
    project.disruptions.forEach((feature, index) => {
      const p = feature.properties;
      const eventType = EVENT_TYPE[p.kind];
      if (!eventType) return;
      const lines = lineParts(feature);
      if (!lines.length) return;
      const start = startInstant(p.start, zone);
      const end = endInstant(p.end, zone);
      if (end.toMillis() <= nowMs) return;

      const key = disruptionKey(feature, index);
      const ids = lines.map((_, part) => roadEventId(namespace, project.slug, key, part));
      const place = describePlace(p, t);
      const description = [p.description, p.hours && `${t('ics.hours')}: ${p.hours}`, `${project.data.title}: ${pageUrl}#disruptions-heading`]
        .filter(Boolean)
        .join('\n\n');

      const events = lines.map((coordinates, part): WzdxRoadEvent => {
        const related: RelatedRoadEvent[] = [];
        if (part > 0) related.push({ type: 'first-in-sequence', id: ids[0] });
        if (part < lines.length - 1) related.push({ type: 'next-in-sequence', id: ids[part + 1] });
        const properties: WzdxRoadEventProperties = {
          core_details: {
            data_source_id: namespace,
            event_type: eventType,
            ...(related.length ? { related_road_events: related } : {}),
            road_names: [p.street],
            direction: 'unknown',
            name: `${t(`kind.${p.kind}` as UiKey)}: ${place}${lines.length > 1 ? ` (${part + 1}/${lines.length})` : ''}`,
            description,
          },
          ...(p.from ? { beginning_cross_street: p.from } : {}),
          ...(p.to ? { ending_cross_street: p.to } : {}),
          start_date: utc(start),
          end_date: utc(end),
          is_start_date_verified: false,
          is_end_date_verified: false,
        };
        if (eventType === 'work-zone') {
          Object.assign(properties, {
            is_start_position_verified: false,
            is_end_position_verified: false,
            location_method: 'other',
            vehicle_impact: VEHICLE_IMPACT[p.kind]!,
            work_zone_type: 'static',
            ...(BELOW_ROAD.includes(project.data.type) ? { types_of_work: [{ type_name: 'below-road-work' }] } : {}),
          } satisfies Partial<WzdxRoadEventProperties>);
        }
        return { id: ids[part], type: 'Feature', properties, geometry: { type: 'LineString', coordinates } };
      });
      pending.push({ slug: project.slug, kind: p.kind, street: p.street, startMs: start.toMillis(), endMs: end.toMillis(), ids, events });
    });
  }

  linkDetours(pending);

  return {
    feed_info: {
      publisher: site.name,
      contact_name: site.name,
      contact_email: site.contacts.email,
      update_date: utc(model.now),
      version: WZDX_VERSION,
      data_sources: [{ data_source_id: namespace, organization_name: site.name, contact_name: site.name, contact_email: site.contacts.email }],
    },
    type: 'FeatureCollection',
    features: pending.flatMap((p) => p.events),
  };
}

/** The feed as the file the site publishes (JSON escaped for any context, see safeJson). */
export function wzdxJson(feed: WzdxFeed): string {
  return safeJson(feed);
}

/** The lines of a disruption's geometry (empty when it is not a line). */
function lineParts(feature: DisruptionFeature): Position[][] {
  const g = feature.geometry;
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  return [];
}

/** Links each detour to the road closures it goes around, both ways. */
function linkDetours(pending: Pending[]) {
  const overlaps = (a: Pending, b: Pending) => a.startMs < b.endMs && b.startMs < a.endMs;
  const sameStreet = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  for (const detour of pending.filter((p) => p.kind === 'detour')) {
    const closures = pending.filter((c) => c.kind === 'road-closure' && c.slug === detour.slug && overlaps(c, detour));
    const onStreet = closures.filter((c) => sameStreet(c.street, detour.street));
    for (const closure of onStreet.length ? onStreet : closures) {
      for (const event of detour.events) relate(event, closure.ids.map((id) => ({ type: 'related-work-zone', id })));
      for (const event of closure.events) relate(event, detour.ids.map((id) => ({ type: 'related-detour', id })));
    }
  }
}

function relate(event: WzdxRoadEvent, related: RelatedRoadEvent[]) {
  const core = event.properties.core_details;
  // Rebuild core_details so related_road_events keeps its place after event_type.
  const { data_source_id, event_type, related_road_events = [], ...rest } = core;
  event.properties.core_details = { data_source_id, event_type, related_road_events: [...related_road_events, ...related], ...rest };
}

import type { Geometry } from 'geojson';
import type { DisruptionKind } from '../../schemas/disruption.ts';

/**
 * What the server puts in the map's `data-map` attribute (JSON). Every string
 * is plain text: the browser only ever puts it in the page with textContent
 * or setAttribute, never as HTML.
 */
export interface MapFeature {
  kind: DisruptionKind;
  geometry: Geometry;
  /** The kind in words, e.g. "Road closure". */
  label: string;
  /** Where, e.g. "Elm St between 3rd Ave and 7th Ave". */
  place: string;
  /** When, in the utility's zone and the page's language. */
  when: string;
  hours?: string;
  description: string;
}

export interface MapData {
  tiles: { url: string; attribution: string; maxZoom: number };
  /** In the order of the project's disruptions: index i is the list item with data-feature-index="i". */
  features: MapFeature[];
  text: {
    close: string;
    zoomIn: string;
    zoomOut: string;
    tilesFailed: string;
    failed: string;
  };
}

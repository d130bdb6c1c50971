import type { LonLat, NearData, NearStatus } from '../../lib/near.ts';

/** UI strings the server puts in data-text (plain text; the browser only ever sets textContent). */
export interface NearText {
  status: Record<NearStatus, string>;
  next: string;
  noNext: string;
  /** "{distance} away" */
  away: string;
  here: string;
  /** "On {place}", "In {place}" */
  on: string;
  in: string;
  /** "Projects nearest to {place}" */
  nearestTitle: string;
  /** "Sorted by distance from {place}. Nearest: {title}, {distance}." */
  sorted: string;
  yourLocation: string;
  mapPoint: string;
  linkPlace: string;
  locating: string;
  locateDenied: string;
  locateFailed: string;
  searching: string;
  /** "We found no street or neighborhood called “{query}”. …" */
  notFound: string;
  /** The reader pressed Find with nothing typed. */
  empty: string;
  suggestionsOne: string;
  suggestionsOther: string;
  noSuggestions: string;
  street: string;
  neighborhood: string;
  /** "Show {count} more" */
  more: string;
  mapFailed: string;
  tilesFailed: string;
  mapTitle: string;
  zoomIn: string;
  zoomOut: string;
  close: string;
  twoFingers: string;
  ctrlScroll: string;
  cmdScroll: string;
}

export interface NearConfig {
  lang: string;
  defaultLang: string;
  /** Where project pages are: base + language + projects/, for translated projects and for fallbacks. */
  projectBase: string;
  fallbackBase: string;
  /** Optional geocoder URL template with {query}. */
  geocoder?: string;
  /** Service area [west, south, east, north]: geocoder answers far outside it are ignored. */
  bbox?: [number, number, number, number];
  tiles: { url: string; attribution: string; maxZoom: number };
  /** How many list items to show at a time. */
  page: number;
}

/** What the map chunk gets from the page. */
export interface NearMapHost {
  element: HTMLElement;
  data: NearData;
  config: NearConfig;
  text: NearText;
  /** The reader chose a spot on the map. */
  pick(at: LonLat): void;
  /** The distance line for project i ("0.3 miles away"), or "" before a location is set. */
  distanceText(i: number): string;
  projectUrl(i: number): string;
}

export interface NearMapApi {
  /** The MapLibre map (tests read its clusters and project points with it). */
  map: import('maplibre-gl').Map;
  /** Shows the reader's location; `fit` moves the map to it and the nearest projects. */
  setLocation(at: LonLat | null, nearest: number[], fit: boolean): void;
}

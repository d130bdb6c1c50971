import type { MultiPolygon, Polygon } from 'geojson';
import type { LonLat } from '../../lib/near.ts';

/** What the alert page gives "is my address affected?" (JSON in data-config). */
export interface CheckConfig {
  polygon: Polygon | MultiPolygon;
  /** Named streets and neighborhoods from the content, with a point each (as on the home page). */
  places: { name: string; kind: 'street' | 'neighborhood'; at: LonLat }[];
  geocoder?: string;
}

/** UI strings (plain text: the browser only ever sets textContent). */
export interface CheckText {
  yes: string;
  no: string;
  notFound: string;
  locating: string;
  locateFailed: string;
  yourLocation: string;
  street: string;
  neighborhood: string;
  suggestionsOne: string;
  suggestionsOther: string;
  noSuggestions: string;
}

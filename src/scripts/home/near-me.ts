import { decodeNearPayload, formatNearParam, parseNearParam, sortByDistance, type LonLat, type NearData, type NearPayload, type NearPlace } from '../../lib/near.ts';
import { matchPlaces, parseGeocoderResponse, placeIndex, type PlaceIndex } from '../../lib/street-match.ts';
import { Combobox } from './combobox.ts';
import { formatDistance, unitsFor, type Units } from './distance.ts';
import type { NearConfig, NearMapApi, NearText } from './types.ts';

/**
 * <near-me>: "what is happening near me?" on the home page. The server
 * renders the form, the first page of the list (before a location is set)
 * and an empty map frame; this element
 * - sets the reader's location from the browser's geolocation, from a street
 *   or neighborhood typed with suggestions, from a click on the map, or from
 *   ?near=lat,lon (kept up to date with history.replaceState);
 * - sorts every project by the distance to its nearest geometry and redraws
 *   the list (distance, status, next disruption or meeting);
 * - imports the MapLibre chunk once, when the map is about to scroll into view.
 */

let mapLoader: Promise<typeof import('./near-map.ts')> | undefined;
/** The one dynamic import of the map chunk (MapLibre GL), shared by every caller. */
export const loadNearMap = () => (mapLoader ??= import('./near-map.ts'));

interface Location {
  at: LonLat;
  /** How the list heading names it: "Elm St", "your location". */
  label: string;
  place?: NearPlace;
}

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? `{${k}}`));

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class NearMe extends HTMLElement {
  text!: NearText;
  config!: NearConfig;
  private decoded?: NearData;
  private placeList?: PlaceIndex<NearPlace>;
  private units: Units = 'imperial';
  private location: Location | null = null;
  /** Project numbers in list order (null: the server's order, before any location). */
  private order: Uint32Array | null = null;
  private distances: Float64Array | null = null;
  private shown = 0;
  private map?: Promise<NearMapApi>;
  /** The map, once loaded (tests reach MapLibre through it). */
  mapApi?: NearMapApi;
  private observer?: IntersectionObserver;
  private list!: HTMLOListElement;
  private heading!: HTMLElement;
  private status!: HTMLElement;
  private more!: HTMLButtonElement;
  private input!: HTMLInputElement;
  private geocodeAbort?: AbortController;

  /** The projects, their geometry and the named places, decoded when first needed (not on the way to first paint). */
  get data(): NearData {
    return (this.decoded ??= decodeNearPayload(JSON.parse(this.dataset.near ?? '{}') as NearPayload));
  }

  private get places(): PlaceIndex<NearPlace> {
    return (this.placeList ??= placeIndex(this.data.places));
  }

  connectedCallback() {
    if (this.text) return;
    this.text = JSON.parse(this.dataset.text ?? '{}');
    this.config = JSON.parse(this.dataset.config ?? '{}');
    this.units = unitsFor(navigator.language || this.config.lang);
    this.list = this.querySelector('[data-list]')!;
    this.heading = this.querySelector('[data-list-heading]')!;
    this.status = this.querySelector('[data-near-status]')!;
    this.more = this.querySelector('[data-more]')!;
    this.input = this.querySelector('input[role="combobox"]')!;
    this.shown = this.list.children.length;

    new Combobox<NearPlace>(this.input, this.querySelector('[role="listbox"]')!, this.querySelector('[data-suggest-live]')!, {
      suggest: (q) => matchPlaces(this.places, q, 8).map((m) => ({ label: m.place.name, detail: m.place.kind === 'street' ? this.text.street : this.text.neighborhood, value: m.place })),
      onChoose: (place) => this.setLocation({ at: place.at, label: place.name, place }),
      countText: (n) => (n === 0 ? this.text.noSuggestions : fill(n === 1 ? this.text.suggestionsOne : this.text.suggestionsOther, { count: n })),
    });
    this.querySelector('form')!.addEventListener('submit', (e) => {
      e.preventDefault();
      this.find(this.input.value);
    });
    const locate = this.querySelector<HTMLButtonElement>('[data-geolocate]')!;
    if ('geolocation' in navigator && window.isSecureContext !== false) {
      locate.hidden = false;
      locate.addEventListener('click', () => this.geolocate());
    }
    this.more.addEventListener('click', () => this.showMore());

    const fromLink = parseNearParam(new URLSearchParams(window.location.search).get('near'));
    if (fromLink) this.setLocation({ at: fromLink, label: this.text.linkPlace }, { updateUrl: false, announce: false });
    this.watchMap();
    // Decode while the browser is idle, so the first keystroke or location is instant.
    const idle = window.requestIdleCallback?.bind(window) ?? ((f: () => void) => window.setTimeout(f, 300));
    if (!fromLink) idle(() => void this.places);
    this.dataset.ready = '';
  }

  disconnectedCallback() {
    this.observer?.disconnect();
  }

  /** Sorts by distance from a location and redraws the list (and the map's marker). */
  setLocation(location: Location, { updateUrl = true, announce = true, fit = true } = {}) {
    this.location = location;
    const { order, distances } = sortByDistance(this.data.index, location.at[0], location.at[1], location.place?.projects);
    this.order = order;
    this.distances = distances;
    this.heading.textContent = fill(this.text.nearestTitle, { place: location.label });
    this.shown = 0;
    this.list.replaceChildren();
    this.showMore(this.config.page);
    if (updateUrl) {
      const url = new URL(window.location.href);
      url.searchParams.set('near', formatNearParam(location.at));
      history.replaceState(history.state, '', url);
    }
    if (announce && order.length) {
      const first = order[0];
      this.say(fill(this.text.sorted, { place: location.label, title: this.data.projects[first].title, distance: this.distanceText(first) }), false);
    }
    this.dataset.located = '';
    const nearest = Array.from(order.subarray(0, 3));
    this.mapApi?.setLocation(location.at, nearest, fit);
  }

  /** The distance line of project i: "0.3 miles away", "Here", "On Elm St"; "" with no location. */
  distanceText(i: number): string {
    if (!this.location || !this.distances) return '';
    const place = this.location.place;
    if (place && place.projects.includes(i)) return fill(place.kind === 'street' ? this.text.on : this.text.in, { place: place.name });
    const d = this.distances[i];
    if (d === 0) return this.text.here;
    return fill(this.text.away, { distance: formatDistance(d, this.config.lang, this.units) });
  }

  projectUrl(i: number): string {
    const p = this.data.projects[i];
    return `${p.fallback ? this.config.fallbackBase : this.config.projectBase}${p.slug}/`;
  }

  /** Announces a message; `visible` false keeps it for screen readers only (the list heading already says it). */
  private say(message: string, visible = true) {
    // Clear first so the same message is announced again.
    this.status.textContent = '';
    this.status.classList.toggle('visually-hidden', !visible);
    window.setTimeout(() => (this.status.textContent = message), 50);
  }

  private showMore(count = this.config.page) {
    const total = this.data.projects.length;
    const end = Math.min(total, this.shown + count);
    const firstNew = this.shown;
    const items: HTMLLIElement[] = [];
    for (let k = this.shown; k < end; k++) items.push(this.item(this.order ? this.order[k] : k));
    this.list.append(...items);
    this.shown = end;
    const left = total - this.shown;
    this.more.hidden = left <= 0;
    this.more.textContent = fill(this.text.more, { count: Math.min(left, this.config.page) });
    // After "Show more", move focus to the first new project so keyboard users carry on from there.
    if (count === this.config.page && firstNew > 0 && items[0] && document.activeElement === this.more) items[0].querySelector('a')?.focus();
    else if (left <= 0 && document.activeElement === this.more) this.list.lastElementChild?.querySelector('a')?.focus();
  }

  /** One list item, the same markup as NearList.astro renders. */
  private item(i: number): HTMLLIElement {
    const p = this.data.projects[i];
    const li = el('li', 'near-item');
    li.dataset.slug = p.slug;
    const title = el('h3', 'near-item__title');
    const link = el('a', undefined, p.title);
    link.href = this.projectUrl(i);
    if (p.fallback) link.lang = this.config.defaultLang;
    title.append(link);
    const meta = el('p', 'near-item__meta');
    const distance = this.distanceText(i);
    if (distance) meta.append(el('strong', 'near-item__distance', distance), ' ');
    const badge = el('span', `badge badge--${p.status}`, this.text.status[p.status]);
    badge.dataset.status = p.status;
    meta.append(badge);
    const next = el('p', 'near-item__next');
    if (p.next) {
      next.append(el('strong', undefined, `${this.text.next}:`), ` ${p.next.what}, `, el('span', 'near-item__when', p.next.when));
    } else next.append(el('span', 'muted', this.text.noNext));
    li.append(title, meta, next);
    return li;
  }

  /** The reader typed a name and pressed Enter or Find. */
  private async find(text: string) {
    const query = text.trim();
    if (!query) {
      this.say(this.text.empty);
      this.input.focus();
      return;
    }
    const match = matchPlaces(this.places, query, 1)[0];
    if (match) {
      this.input.value = match.place.name;
      this.setLocation({ at: match.place.at, label: match.place.name, place: match.place });
      return;
    }
    const found = this.config.geocoder ? await this.geocode(query) : null;
    if (found) this.setLocation({ at: found, label: query });
    else {
      this.say(fill(this.text.notFound, { query }));
      this.input.focus();
    }
  }

  /** The optional geocoder from site.yaml; answers far outside the service area are ignored. */
  private async geocode(query: string): Promise<LonLat | null> {
    this.geocodeAbort?.abort();
    const abort = (this.geocodeAbort = new AbortController());
    this.say(this.text.searching);
    try {
      const url = this.config.geocoder!.replace('{query}', encodeURIComponent(query));
      const response = await fetch(url, { signal: abort.signal, headers: { Accept: 'application/json' } });
      if (!response.ok) return null;
      const at = parseGeocoderResponse(await response.json());
      const box = this.config.bbox;
      const margin = 0.05;
      if (at && box && (at[0] < box[0] - margin || at[0] > box[2] + margin || at[1] < box[1] - margin || at[1] > box[3] + margin)) return null;
      return at;
    } catch {
      return null;
    }
  }

  private geolocate() {
    this.say(this.text.locating);
    navigator.geolocation.getCurrentPosition(
      (pos) => this.setLocation({ at: [pos.coords.longitude, pos.coords.latitude], label: this.text.yourLocation }),
      (error) => this.say(error.code === error.PERMISSION_DENIED ? this.text.locateDenied : this.text.locateFailed),
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  }

  /** Loads the map when its frame is about to scroll into view. */
  private watchMap() {
    const frame = this.querySelector('[data-map-frame]');
    if (!frame) return;
    if (!('IntersectionObserver' in window)) return void this.loadMap();
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.observer?.disconnect();
          this.loadMap().catch(() => {});
        }
      },
      { rootMargin: '300px 0px' },
    );
    this.observer.observe(frame);
  }

  loadMap(): Promise<NearMapApi> {
    const placeholder = this.querySelector('[data-map-placeholder]');
    this.map ??= loadNearMap()
      .then((m) =>
        m.mountNearMap({
          element: this,
          data: this.data,
          config: this.config,
          text: this.text,
          pick: (at) => this.setLocation({ at, label: this.text.mapPoint }, { fit: false }),
          distanceText: (i) => this.distanceText(i),
          projectUrl: (i) => this.projectUrl(i),
        }),
      )
      .then((api) => {
        this.mapApi = api;
        if (this.location && this.order) api.setLocation(this.location.at, Array.from(this.order.subarray(0, 3)), true);
        return api;
      })
      .catch((error: unknown) => {
        this.map = undefined;
        mapLoader = undefined;
        if (placeholder) {
          placeholder.textContent = this.text.mapFailed;
          (placeholder as HTMLElement).hidden = false;
        }
        throw error;
      });
    return this.map;
  }
}

if (!customElements.get('near-me')) customElements.define('near-me', NearMe);

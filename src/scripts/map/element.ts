import type { DayFilterDetail } from '../day-filter.ts';
import type { MapApi } from './leaflet-map.ts';

/**
 * <underway-map>: the small part of the disruption map that ships with the
 * page. It waits until the map is about to scroll into view, then imports the
 * Leaflet chunk (JS and CSS) once. Until then it only adds a "Show on map"
 * button to each item of the disruption list and remembers the day filter.
 */

let loader: Promise<typeof import('./leaflet-map.ts')> | undefined;
/** The one dynamic import of the Leaflet chunk, shared by every caller. */
export const loadMapModule = () => (loader ??= import('./leaflet-map.ts'));

class UnderwayMap extends HTMLElement {
  private api?: Promise<MapApi>;
  private visible: number[] | null = null;
  private observer?: IntersectionObserver;

  connectedCallback() {
    const placeholder = this.querySelector('[data-map-placeholder]');
    if (placeholder && this.dataset.loadingText) placeholder.textContent = this.dataset.loadingText;
    this.enhanceList();
    document.addEventListener('underway:day-filter', this.onFilter);
    const canvas = this.querySelector('[data-map-canvas]') ?? this;
    if (!('IntersectionObserver' in window)) return void this.load();
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.observer?.disconnect();
          this.load().catch(() => {});
        }
      },
      { rootMargin: '200px 0px' },
    );
    this.observer.observe(canvas);
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    document.removeEventListener('underway:day-filter', this.onFilter);
  }

  /** Loads and draws the map (once); resolves to its small API. */
  load(): Promise<MapApi> {
    this.api ??= loadMapModule()
      .then((m) => m.mountMap(this, this.visible))
      .catch((error: unknown) => {
        this.api = undefined;
        loader = undefined;
        const placeholder = this.querySelector('[data-map-placeholder]');
        if (placeholder && this.dataset.failedText) placeholder.textContent = this.dataset.failedText;
        throw error;
      });
    return this.api;
  }

  private onFilter = (event: Event) => {
    this.visible = (event as CustomEvent<DayFilterDetail>).detail?.visible ?? null;
    this.api?.then((api) => api.filter(this.visible)).catch(() => {});
  };

  /** A "Show on map" button at the end of each list item; the list itself stays server-rendered. */
  private enhanceList() {
    const text = this.dataset.showText;
    if (!text) return;
    for (const item of document.querySelectorAll<HTMLElement>('[data-disruption-list] li[data-feature-index]')) {
      if (item.querySelector('[data-show-on-map]')) continue;
      const index = Number(item.dataset.featureIndex);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'uw-show-on-map no-print';
      button.dataset.showOnMap = String(index);
      button.textContent = text;
      // Which disruption, for screen readers: the kind and the place from the item itself.
      const [head, place] = item.querySelectorAll('p');
      const detail = [head?.querySelector('strong')?.textContent, place?.textContent].filter(Boolean).join(', ');
      if (detail) {
        const hidden = document.createElement('span');
        hidden.className = 'visually-hidden';
        hidden.textContent = `: ${detail}`;
        button.append(hidden);
      }
      button.addEventListener('click', () => {
        this.load()
          .then((api) => api.show(index, button))
          .catch(() => {});
      });
      item.append(button);
    }
  }
}

if (!customElements.get('underway-map')) customElements.define('underway-map', UnderwayMap);

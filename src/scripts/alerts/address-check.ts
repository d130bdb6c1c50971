import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { formatNearParam, parseNearParam, type LonLat } from '../../lib/near.ts';
import { matchPlaces, parseGeocoderResponse, placeIndex, bestPlace } from '../../lib/street-match.ts';
import { Combobox } from '../home/combobox.ts';
import type { CheckConfig, CheckText } from './types.ts';

/**
 * <alert-check>: "is my address affected?" on an alert page. The reader picks
 * a place the way the home page does (a street or neighborhood with
 * suggestions, the browser's location, the site's geocoder, or ?at=lat,lon),
 * and a point-in-polygon test answers yes or no in a status message.
 */

const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k) => params[k] ?? `{${k}}`);

export function isAffected(config: Pick<CheckConfig, 'polygon'>, at: LonLat): boolean {
  return booleanPointInPolygon(at, config.polygon);
}

class AlertCheck extends HTMLElement {
  private config!: CheckConfig;
  private text!: CheckText;
  private result!: HTMLElement;
  private input!: HTMLInputElement;

  connectedCallback() {
    if (this.config) return;
    this.config = JSON.parse(this.dataset.config ?? '{}');
    this.text = JSON.parse(this.dataset.text ?? '{}');
    this.result = this.querySelector('[data-result]')!;
    this.input = this.querySelector('input[role="combobox"]')!;
    const form = this.querySelector<HTMLFormElement>('[data-form]')!;
    this.querySelector<HTMLElement>('[data-nojs]')!.hidden = true;
    form.hidden = false;
    const index = placeIndex(this.config.places);
    new Combobox(this.input, this.querySelector('[role="listbox"]')!, this.querySelector('[data-suggest-live]')!, {
      suggest: (text) => matchPlaces(index, text).map(({ place }) => ({ label: place.name, detail: place.kind === 'street' ? this.text.street : this.text.neighborhood, value: place })),
      onChoose: (place) => this.answer(place.at, place.name),
      countText: (n) => (n === 0 ? this.text.noSuggestions : fill(n === 1 ? this.text.suggestionsOne : this.text.suggestionsOther, { count: String(n) })),
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.find(this.input.value, index);
    });
    const locate = this.querySelector<HTMLButtonElement>('[data-locate]')!;
    if ('geolocation' in navigator) {
      locate.hidden = false;
      locate.addEventListener('click', () => this.locate());
    }
    const at = parseNearParam(new URLSearchParams(location.search).get('at'));
    if (at) this.answer(at, this.text.yourLocation, false);
  }

  private answer(at: LonLat, place: string, remember = true) {
    this.result.textContent = fill(isAffected(this.config, at) ? this.text.yes : this.text.no, { place });
    this.result.dataset.affected = String(isAffected(this.config, at));
    if (remember) {
      const url = new URL(location.href);
      url.searchParams.set('at', formatNearParam(at));
      history.replaceState(null, '', url);
    }
  }

  private async find(query: string, index: ReturnType<typeof placeIndex<CheckConfig['places'][number]>>) {
    const text = query.trim();
    if (!text) return;
    const place = bestPlace(index, text);
    if (place) return this.answer(place.at, place.name);
    if (this.config.geocoder) {
      try {
        const response = await fetch(this.config.geocoder.replace('{query}', encodeURIComponent(text)));
        const at = parseGeocoderResponse(await response.json());
        if (at) return this.answer(at, text);
      } catch {
        // Fall through to "not found".
      }
    }
    delete this.result.dataset.affected;
    this.result.textContent = fill(this.text.notFound, { query: text });
  }

  private locate() {
    this.result.textContent = this.text.locating;
    navigator.geolocation.getCurrentPosition(
      (pos) => this.answer([pos.coords.longitude, pos.coords.latitude], this.text.yourLocation),
      () => {
        this.result.textContent = this.text.locateFailed;
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  }
}

if (!customElements.get('alert-check')) customElements.define('alert-check', AlertCheck);

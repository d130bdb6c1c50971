import * as L from 'leaflet/dist/leaflet-src.esm.js';
// Inlined into this chunk and added on mount: a plain CSS import would be hoisted into every page's <head>.
import leafletCss from 'leaflet/dist/leaflet.css?inline';
import type { Geometry } from 'geojson';
import { barId, moonMarkerSvg, pathOptions, styleFor, variantFor } from '../../lib/map-style.ts';
import type { MapData, MapFeature } from './types.ts';

/**
 * The Leaflet part of the disruption map, loaded on demand by element.ts.
 * Everything from content reaches the page through textContent and
 * setAttribute only: popups are DOM elements, never HTML strings.
 */

export interface MapApi {
  map: L.Map;
  /** Opens the popup of feature `index`, moves focus into it; Escape returns focus to `returnTo`. */
  show(index: number, returnTo?: HTMLElement | null): void;
  /** Shows only these feature indexes (null: all), as the day filter asks. */
  filter(visible: number[] | null): void;
}

/** Ids of the SVG patterns and line-end markers rendered by DisruptionMap.astro. */
const PREFIX = 'uw-map-';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The popup of one feature, built with textContent only. */
function popupContent(f: MapFeature, index: number): HTMLElement {
  const box = el('div', 'uw-popup');
  box.tabIndex = -1;
  box.setAttribute('role', 'dialog');
  const title = el('p', 'uw-popup__title');
  title.id = `uw-popup-title-${index}`;
  title.append(el('strong', '', f.label));
  box.setAttribute('aria-labelledby', title.id);
  box.append(
    title,
    el('p', 'uw-popup__place', f.place),
    el('p', 'uw-popup__when', f.hours ? `${f.when}; ${f.hours}` : f.when),
    el('p', 'uw-popup__description', f.description),
  );
  return box;
}

/** Lat/lng of every point of a Point or MultiPoint. */
function points(geometry: Geometry): L.LatLng[] {
  if (geometry.type === 'Point') return [L.latLng(geometry.coordinates[1], geometry.coordinates[0])];
  if (geometry.type === 'MultiPoint') return geometry.coordinates.map((c) => L.latLng(c[1], c[0]));
  return [];
}

export function mountMap(host: HTMLElement, visible: number[] | null = null): MapApi {
  const data = JSON.parse(host.dataset.map ?? '{}') as MapData;
  const canvas = host.querySelector<HTMLElement>('[data-map-canvas]')!;
  const status = host.querySelector<HTMLElement>('[data-map-status]');
  const text = data.text;
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;

  if (!document.querySelector('style[data-leaflet-css]')) {
    const style = document.createElement('style');
    style.dataset.leafletCss = '';
    style.textContent = leafletCss;
    document.head.prepend(style);
  }

  const map = L.map(canvas, {
    zoomControl: false,
    attributionControl: false,
    // The page scrolls with the wheel and with one finger; the map does not steal either.
    scrollWheelZoom: false,
    dragging: !L.Browser.mobile,
    fadeAnimation: !reduceMotion,
    zoomAnimation: !reduceMotion,
    markerZoomAnimation: !reduceMotion,
    keyboardPanDelta: 100,
    // Quarter steps let the project's bounds fill a narrow phone screen.
    zoomSnap: 0.25,
    maxZoom: data.tiles.maxZoom,
  });
  L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(map);
  L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);

  // Background tiles. When they fail (offline, blocked), the shapes, legend and attribution stay.
  const tiles = L.tileLayer(data.tiles.url, { maxZoom: data.tiles.maxZoom, attribution: escapeHtml(data.tiles.attribution) });
  tiles.once('tileerror', () => {
    host.classList.add('uw-map--no-tiles');
    if (status) {
      status.textContent = text.tilesFailed;
      status.hidden = false;
    }
  });
  tiles.addTo(map);

  const overlays = L.featureGroup().addTo(map);
  // Popups fit inside the map on a phone: its width less the content's margins and the close button.
  const popupWidth = Math.max(160, Math.min(300, canvas.clientWidth - 96));
  /** Every Leaflet layer drawn for feature i (a shape, a marker, or both). */
  const layersOf: L.Layer[][] = [];
  /** Where focus goes back to when the next popup to open is closed, and whether focus moves into it. */
  let returnTo: HTMLElement | null = null;
  let focusOnOpen = false;
  const returnFor = new WeakMap<L.Popup, HTMLElement>();
  let openPopup: L.Popup | null = null;

  // Areas first, then lines, then points, so nothing hides under a fill. Indexes stay those of the list.
  const RANK = { area: 0, line: 1, point: 2 } as const;
  const drawOrder = data.features.map((f, index) => ({ f, index })).sort((a, b) => RANK[variantFor(a.f.geometry.type)] - RANK[variantFor(b.f.geometry.type)] || a.index - b.index);

  drawOrder.forEach(({ f, index }) => {
    const style = styleFor(f.kind);
    const variant = variantFor(f.geometry.type);
    const layers: L.Layer[] = [];
    const label = `${f.label}: ${f.place}`;
    const tag = (node: Element | undefined) => {
      node?.setAttribute('data-feature-index', String(index));
      node?.setAttribute('data-kind', f.kind);
    };

    const addMarker = (latlng: L.LatLng) => {
      let marker: L.Marker | L.CircleMarker;
      if (style.marker === 'moon') {
        const icon = L.divIcon({ html: moonMarkerSvg(28), className: `uw-map-marker uw-map-marker--${f.kind}`, iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -12] });
        marker = L.marker(latlng, { icon, keyboard: true, riseOnHover: true });
        marker.on('add', () => {
          const node = (marker as L.Marker).getElement();
          tag(node);
          node?.setAttribute('aria-label', label);
          if (!node || node.dataset.keys) return;
          node.dataset.keys = 'on';
          node.addEventListener('keydown', (event) => {
            // Enter (handled by Leaflet) or Space opens the popup; focus goes in and comes back here.
            if (event.key !== 'Enter' && event.key !== ' ') return;
            returnTo = node;
            focusOnOpen = true;
            if (event.key === ' ') {
              event.preventDefault();
              marker.openPopup();
            }
          });
        });
      } else {
        marker = L.circleMarker(latlng, { ...pathOptions(f.kind, 'line', PREFIX), radius: 8, fill: true, fillColor: '#fff', fillOpacity: 1, className: `uw-map-shape uw-map-shape--${f.kind}` });
        marker.on('add', () => tag((marker as L.CircleMarker).getElement()));
      }
      layers.push(marker);
    };

    if (variant === 'point') {
      points(f.geometry).forEach(addMarker);
    } else {
      const shape = L.GeoJSON.geometryToLayer(
        { type: 'Feature', geometry: f.geometry, properties: {} },
        { ...pathOptions(f.kind, variant, PREFIX), className: `uw-map-shape uw-map-shape--${f.kind}` } as L.GeoJSONOptions,
      ) as L.Polyline;
      shape.on('add', () => {
        const node = shape.getElement();
        tag(node);
        if (style.ends === 'bar' && variant === 'line') {
          node?.setAttribute('marker-start', `url(#${barId(PREFIX, f.kind)})`);
          node?.setAttribute('marker-end', `url(#${barId(PREFIX, f.kind)})`);
        }
      });
      layers.push(shape);
      // Night work keeps its marker even when drawn as an area or a line.
      if (style.marker !== 'none') addMarker(shape.getBounds().getCenter());
    }

    for (const layer of layers) {
      layer.bindPopup(() => popupContent(f, index), { maxWidth: popupWidth, minWidth: Math.min(200, popupWidth), autoPanPadding: [12, 12] });
      layer.on('popupopen', () => setSelected(index, true));
      layer.on('popupclose', () => setSelected(index, false));
      overlays.addLayer(layer);
    }
    layersOf[index] = layers;
  });

  function setSelected(index: number, on: boolean) {
    const style = styleFor(data.features[index].kind);
    for (const layer of layersOf[index] ?? []) {
      if (layer instanceof L.Path && !(layer instanceof L.CircleMarker)) layer.setStyle({ weight: on ? style.weight + 3 : style.weight });
      const node = layer instanceof L.Marker ? layer.getElement() : (layer as L.Path).getElement();
      node?.classList.toggle('uw-map-selected', on);
    }
  }

  const bounds = overlays.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
  else map.setView([0, 0], 2);

  map.on('popupopen', (event) => {
    openPopup = event.popup;
    if (returnTo) returnFor.set(event.popup, returnTo);
    returnTo = null;
    const node = event.popup.getElement();
    node?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', text.close);
    node?.querySelector('.leaflet-popup-close-button')?.setAttribute('title', text.close);
    if (focusOnOpen) node?.querySelector<HTMLElement>('.uw-popup')?.focus({ preventScroll: true });
    focusOnOpen = false;
  });
  map.on('popupclose', (event) => {
    if (openPopup === event.popup) openPopup = null;
    const target = returnFor.get(event.popup);
    returnFor.delete(event.popup);
    const node = event.popup.getElement();
    const active = document.activeElement;
    // Focus was in the popup (or fell to the body as it closed): put it back where it came from.
    if (target && (!active || active === document.body || node?.contains(active))) target.focus();
  });
  // Escape inside a popup closes it. (Leaflet handles Escape only while the map itself has focus.)
  canvas.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !(event.target as Element).closest?.('.leaflet-popup')) return;
    event.preventDefault();
    if (openPopup && !returnFor.has(openPopup)) returnFor.set(openPopup, canvas);
    map.closePopup();
  });

  // The map follows its container when the layout changes (rotation, the list column).
  if ('ResizeObserver' in window) new ResizeObserver(() => map.invalidateSize()).observe(canvas);

  const filter = (only: number[] | null) => {
    const keep = only ? new Set(only) : null;
    layersOf.forEach((layers, index) => {
      const on = !keep || keep.has(index);
      for (const layer of layers) {
        if (on && !overlays.hasLayer(layer)) overlays.addLayer(layer);
        else if (!on && overlays.hasLayer(layer)) overlays.removeLayer(layer);
      }
    });
  };
  filter(visible);

  host.querySelector<HTMLElement>('[data-map-placeholder]')?.setAttribute('hidden', '');
  host.classList.add('uw-map--ready');

  return {
    map,
    filter,
    show(index, from) {
      const layers = layersOf[index];
      const layer = layers?.find((l) => overlays.hasLayer(l));
      if (!layer) return;
      returnTo = from ?? null;
      focusOnOpen = true;
      host.querySelector('[data-map-frame]')?.scrollIntoView({ block: 'nearest', behavior: reduceMotion ? 'auto' : 'smooth' });
      if (layer instanceof L.Marker) {
        if (!map.getBounds().contains(layer.getLatLng())) map.setView(layer.getLatLng(), Math.max(map.getZoom(), 16), { animate: false });
        layer.openPopup();
      } else {
        const shape = layer as L.Polyline;
        const b = shape.getBounds();
        if (!map.getBounds().contains(b)) map.fitBounds(b, { padding: [32, 32], maxZoom: Math.max(map.getZoom(), 16), animate: false });
        shape.openPopup(shape.getCenter());
      }
    },
  };
}

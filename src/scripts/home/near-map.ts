import { AttributionControl, GeoJSONSource, Map as MapLibreMap, NavigationControl, Popup, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
// MapLibre GL 6 finds its worker next to its own file, which a bundler moves: point it at the emitted worker.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
// Inlined into this chunk and added on mount: a plain CSS import would be hoisted into the page's <head>.
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { HOLE, LINE, OUTER, type LonLat, type NearStatus } from '../../lib/near.ts';
import type { NearMapApi, NearMapHost } from './types.ts';

/**
 * The MapLibre part of "projects near you", loaded on demand by near-me.ts.
 * Everything draws without the network: the style has no glyphs or sprite,
 * markers and cluster counts are drawn on a canvas here, and the raster tiles
 * from site.yaml are one layer that may fail (the background and the
 * projects still show). Text from content reaches the page only through
 * textContent and attributes.
 */

setWorkerUrl(workerUrl);

/** The status colours and shapes of StatusBadge: planned diamond, active square, complete circle. */
export const STATUS_STYLE: Record<NearStatus, { color: string; shape: 'diamond' | 'square' | 'circle' }> = {
  planned: { color: '#5a3d8a', shape: 'diamond' },
  active: { color: '#8a4b00', shape: 'square' },
  complete: { color: '#1d6b35', shape: 'circle' },
};
const STATUSES = Object.keys(STATUS_STYLE) as NearStatus[];
const INK = '#1b1f24';
const RATIO = 2;

function canvas(size: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = c.height = size * RATIO;
  const ctx = c.getContext('2d')!;
  ctx.scale(RATIO, RATIO);
  return [c, ctx];
}

function shapePath(ctx: CanvasRenderingContext2D, shape: 'diamond' | 'square' | 'circle', c: number, r: number) {
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(c, c, r, 0, Math.PI * 2);
  else if (shape === 'square') ctx.rect(c - r * 0.85, c - r * 0.85, r * 1.7, r * 1.7);
  else {
    ctx.moveTo(c, c - r * 1.15);
    ctx.lineTo(c + r * 1.15, c);
    ctx.lineTo(c, c + r * 1.15);
    ctx.lineTo(c - r * 1.15, c);
    ctx.closePath();
  }
}

/** A project marker: the status shape in its colour, with a white and a dark outline. */
function markerImage(status: NearStatus): ImageData {
  const size = 30;
  const [c, ctx] = canvas(size);
  const { color, shape } = STATUS_STYLE[status];
  shapePath(ctx, shape, size / 2, 9);
  ctx.lineJoin = 'round';
  ctx.lineWidth = 5;
  ctx.strokeStyle = INK;
  ctx.stroke();
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#fff';
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.fill();
  return ctx.getImageData(0, 0, c.width, c.height);
}

/** "You are here": a dark ring with a white centre. */
function youImage(): ImageData {
  const size = 34;
  const [c, ctx] = canvas(size);
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, 12, 0, Math.PI * 2);
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.lineWidth = 5;
  ctx.strokeStyle = '#0b4f8a';
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, 5, 0, Math.PI * 2);
  ctx.fillStyle = '#0b4f8a';
  ctx.fill();
  return ctx.getImageData(0, 0, c.width, c.height);
}

/**
 * A cluster: a white disc with the number of projects (drawn here, so no
 * glyphs are fetched) inside a ring split by status colours.
 */
function clusterImage(count: number, byStatus: Record<NearStatus, number>): ImageData {
  const r = count < 10 ? 15 : count < 100 ? 18 : 22;
  const size = 2 * r + 8;
  const [c, ctx] = canvas(size);
  const centre = size / 2;
  ctx.beginPath();
  ctx.arc(centre, centre, r + 2, 0, Math.PI * 2);
  ctx.fillStyle = INK;
  ctx.fill();
  let start = -Math.PI / 2;
  const total = STATUSES.reduce((s, k) => s + byStatus[k], 0) || 1;
  for (const status of STATUSES) {
    if (!byStatus[status]) continue;
    const end = start + (byStatus[status] / total) * Math.PI * 2;
    ctx.beginPath();
    ctx.arc(centre, centre, r - 2, start, end);
    ctx.lineWidth = 5;
    ctx.strokeStyle = STATUS_STYLE[status].color;
    ctx.stroke();
    start = end;
  }
  ctx.beginPath();
  ctx.arc(centre, centre, r - 5, 0, Math.PI * 2);
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.fillStyle = INK;
  ctx.font = `700 ${count < 100 ? 14 : 12}px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(String(count), centre, centre + 1);
  return ctx.getImageData(0, 0, c.width, c.height);
}

/** The image a layer names: uw-active, uw-you, uw-cluster-<count>-<planned>-<active>-<complete>. */
function drawImage(id: string): ImageData | null {
  const status = /^uw-(planned|active|complete)$/.exec(id)?.[1] as NearStatus | undefined;
  if (status) return markerImage(status);
  if (id === 'uw-you') return youImage();
  const m = /^uw-cluster-(\d+)-(\d+)-(\d+)-(\d+)$/.exec(id);
  if (!m) return null;
  const [count, ...by] = m.slice(1).map(Number);
  return clusterImage(count, Object.fromEntries(STATUSES.map((s, i) => [s, by[i]])) as Record<NearStatus, number>);
}

function footprints(host: NearMapHost): FeatureCollection {
  const features: Feature[] = [];
  host.data.shapes.forEach((shape, i) => {
    const s = host.data.projects[i].status;
    const ring = (from: number, to: number) => {
      const out: number[][] = [];
      for (let v = from; v < to; v++) out.push([shape.coords[2 * v], shape.coords[2 * v + 1]]);
      return out;
    };
    for (let k = 0; k < shape.parts.length; k += 3) {
      const [kind, from, to] = [shape.parts[k], shape.parts[k + 1], shape.parts[k + 2]];
      let geometry: Geometry | null = null;
      if (kind === LINE && to - from > 1) geometry = { type: 'LineString', coordinates: ring(from, to) };
      else if (kind === OUTER && to - from > 2) {
        const rings = [ring(from, to)];
        for (let h = k + 3; h < shape.parts.length && shape.parts[h] === HOLE; h += 3) rings.push(ring(shape.parts[h + 1], shape.parts[h + 2]));
        geometry = { type: 'Polygon', coordinates: rings.map((r) => [...r, r[0]]) };
      }
      if (geometry) features.push({ type: 'Feature', geometry, properties: { s } });
    }
  });
  return { type: 'FeatureCollection', features };
}

export function mountNearMap(host: NearMapHost): NearMapApi {
  const { element, data, config, text } = host;
  const frame = element.querySelector<HTMLElement>('[data-map-frame]')!;
  const container = element.querySelector<HTMLElement>('[data-map-canvas]')!;
  const placeholder = element.querySelector<HTMLElement>('[data-map-placeholder]');
  const note = element.querySelector<HTMLElement>('[data-map-status]');
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const duration = (ms: number) => (reduceMotion ? 0 : ms);

  if (!document.querySelector('style[data-maplibre-css]')) {
    const style = document.createElement('style');
    style.dataset.maplibreCss = '';
    style.textContent = maplibreCss;
    document.head.prepend(style);
  }

  const points: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: data.projects.map((p) => ({ type: 'Feature', id: p.index, geometry: { type: 'Point', coordinates: p.anchor }, properties: { i: p.index, s: p.status } })),
  };
  const lons = data.projects.map((p) => p.anchor[0]);
  const lats = data.projects.map((p) => p.anchor[1]);
  const bounds: [number, number, number, number] = lons.length ? [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] : (config.bbox ?? [-180, -60, 180, 75]);
  const statusColor = ['match', ['get', 's'], ...STATUSES.flatMap((s) => [s, STATUS_STYLE[s].color]), INK] as unknown as string;

  const style: StyleSpecification = {
    version: 8,
    sources: {
      tiles: { type: 'raster', tiles: [config.tiles.url], tileSize: 256, maxzoom: config.tiles.maxZoom, attribution: config.tiles.attribution },
      footprints: { type: 'geojson', data: footprints(host) },
      projects: {
        type: 'geojson',
        data: points,
        cluster: true,
        clusterRadius: 40,
        clusterMaxZoom: 14,
        clusterProperties: Object.fromEntries(STATUSES.map((s) => [s, ['+', ['case', ['==', ['get', 's'], s], 1, 0]]])),
      },
      you: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9edf1' } },
      { id: 'tiles', type: 'raster', source: 'tiles', paint: { 'raster-fade-duration': duration(300) } },
      { id: 'footprint-fill', type: 'fill', source: 'footprints', minzoom: 13, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': statusColor, 'fill-opacity': 0.18 } },
      { id: 'footprint-line', type: 'line', source: 'footprints', minzoom: 13, paint: { 'line-color': statusColor, 'line-width': 3, 'line-opacity': 0.8 } },
      {
        id: 'clusters',
        type: 'symbol',
        source: 'projects',
        filter: ['has', 'point_count'],
        layout: {
          'icon-image': ['concat', 'uw-cluster-', ['to-string', ['get', 'point_count']], '-', ...STATUSES.flatMap((s, i) => [['to-string', ['get', s]], ...(i < STATUSES.length - 1 ? ['-'] : [])])] as never,
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
        },
      },
      {
        id: 'projects',
        type: 'symbol',
        source: 'projects',
        filter: ['!', ['has', 'point_count']],
        layout: { 'icon-image': ['concat', 'uw-', ['get', 's']], 'icon-allow-overlap': true, 'icon-ignore-placement': true },
      },
      { id: 'you', type: 'symbol', source: 'you', layout: { 'icon-image': 'uw-you', 'icon-allow-overlap': true, 'icon-ignore-placement': true } },
    ],
  };

  const map = new MapLibreMap({
    container,
    style,
    bounds,
    fitBoundsOptions: { padding: 40, maxZoom: 15 },
    maxZoom: Math.max(config.tiles.maxZoom, 16),
    attributionControl: false,
    cooperativeGestures: true,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    fadeDuration: duration(300),
    locale: {
      'Map.Title': text.mapTitle,
      'NavigationControl.ZoomIn': text.zoomIn,
      'NavigationControl.ZoomOut': text.zoomOut,
      'Popup.Close': text.close,
      'CooperativeGesturesHandler.WindowsHelpText': text.ctrlScroll,
      'CooperativeGesturesHandler.MacHelpText': text.cmdScroll,
      'CooperativeGesturesHandler.MobileHelpText': text.twoFingers,
    },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new AttributionControl({ compact: true }), 'bottom-right');

  // Every image is drawn on demand, the first time a layer asks for it (MapLibre 6 waits for the resolver).
  map.setMissingStyleImageResolver((id) => {
    if (map.hasImage(id)) return;
    const image = drawImage(id);
    if (image) map.addImage(id, image, { pixelRatio: RATIO });
  });

  // Tiles come from the network and may fail (offline, blocked): say so once, keep everything else.
  let tilesFailed = false;
  map.on('error', (e) => {
    const sourceId = (e as { sourceId?: string }).sourceId;
    if (sourceId === 'tiles' || /tile/i.test(String(e.error?.message ?? ''))) {
      if (!tilesFailed && note) {
        tilesFailed = true;
        note.textContent = text.tilesFailed;
        note.hidden = false;
      }
      return;
    }
    console.warn('Map:', e.error?.message ?? e);
  });

  map.once('load', () => {
    if (placeholder) placeholder.hidden = true;
    frame.dataset.mapState = 'ready';
  });
  map.on('idle', () => {
    frame.dataset.mapClusters = String(map.queryRenderedFeatures({ layers: ['clusters'] }).length);
    frame.dataset.mapMarkers = String(map.queryRenderedFeatures({ layers: ['projects'] }).length);
  });

  // Pointer feedback, and what a click or tap does: a cluster zooms in, a project opens its popup, anywhere else sets "my location".
  map.getCanvas().style.cursor = 'crosshair';
  for (const layer of ['clusters', 'projects']) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = 'crosshair'));
  }

  let popup: Popup | null = null;
  map.on('click', (e) => {
    const pad = 6;
    const hits = map.queryRenderedFeatures(
      [
        [e.point.x - pad, e.point.y - pad],
        [e.point.x + pad, e.point.y + pad],
      ],
      { layers: ['clusters', 'projects'] },
    );
    const cluster = hits.find((f) => f.layer.id === 'clusters');
    const project = hits.find((f) => f.layer.id === 'projects');
    if (project) return openPopup(Number(project.properties.i));
    if (cluster) {
      const source = map.getSource<GeoJSONSource>('projects')!;
      const centre = (cluster.geometry as Point).coordinates as LonLat;
      source
        .getClusterExpansionZoom(Number(cluster.properties.cluster_id))
        .then((zoom) => map.easeTo({ center: centre, zoom: zoom + 0.5, duration: duration(400) }))
        .catch(() => {});
      return;
    }
    host.pick([e.lngLat.lng, e.lngLat.lat]);
  });

  function openPopup(i: number) {
    const p = data.projects[i];
    const box = document.createElement('div');
    box.className = 'near-popup';
    const title = document.createElement('p');
    title.className = 'near-popup__title';
    const link = document.createElement('a');
    link.href = host.projectUrl(i);
    link.textContent = p.title;
    if (p.fallback) link.lang = config.defaultLang;
    title.append(link);
    const meta = document.createElement('p');
    const badge = document.createElement('span');
    badge.className = `badge badge--${p.status}`;
    badge.textContent = text.status[p.status];
    meta.append(badge);
    const distance = host.distanceText(i);
    if (distance) meta.append(' ', distance);
    box.append(title, meta);
    popup?.remove();
    popup = new Popup({ closeButton: true, maxWidth: '260px', offset: 14, focusAfterOpen: true }).setLngLat(p.anchor).setDOMContent(box).addTo(map);
  }

  return {
    map,
    setLocation(at, nearest, fit) {
      const source = map.getSource<GeoJSONSource>('you');
      const update = () => {
        map.getSource<GeoJSONSource>('you')?.setData(at ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: {} }] } : { type: 'FeatureCollection', features: [] });
        if (at && fit) {
          const all = [at, ...nearest.map((i) => data.projects[i].anchor)];
          const xs = all.map((p) => p[0]);
          const ys = all.map((p) => p[1]);
          map.fitBounds(
            [
              [Math.min(...xs), Math.min(...ys)],
              [Math.max(...xs), Math.max(...ys)],
            ],
            { padding: 50, maxZoom: 15, duration: duration(600) },
          );
        }
      };
      if (source) update();
      else map.once('load', update);
    },
  };
}

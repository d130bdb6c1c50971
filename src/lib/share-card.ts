import { escapeXml, renderPaperMap } from './paper-map.ts';
import type { DisruptionFeature } from '../schemas/geojson.ts';

/** Splits text into lines of at most `max` characters, on word boundaries. */
export function wrapText(text: string, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1].replace(/\W*\w*$/, '')}…`;
    return kept;
  }
  return lines;
}

/**
 * The 1200×630 card shown when a project is shared: the utility, the project's
 * title and status on the left, a map of its disruptions on the right. All
 * content strings are XML-escaped.
 */
export function shareCardSvg(input: {
  siteName: string;
  title: string;
  status: string;
  features: DisruptionFeature[];
  location: { lat: number; lon: number };
}): string {
  const W = 1200;
  const H = 630;
  const panel = 560;
  const map = renderPaperMap({
    features: input.features,
    location: input.location,
    width: W - panel,
    height: H,
    idPrefix: 'share',
    fontSize: 20,
    areaFill: 'tint',
    labelStep: 10,
    text: { title: input.title, north: 'N' },
  }).svg.replace(/^<svg /, `<svg x="${panel}" y="0" `);
  const title = wrapText(input.title, 17, 5)
    .map((line, i) => `<tspan x="56" dy="${i === 0 ? 0 : 56}">${escapeXml(line)}</tspan>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<rect width="${W}" height="${H}" fill="#ffffff"/>
<rect width="${panel}" height="${H}" fill="#0b4f8a"/>
<text x="56" y="92" fill="#ffffff" font-family="DejaVu Sans, Arial, sans-serif" font-size="30" font-weight="700">${escapeXml(input.siteName)}</text>
<text x="56" y="200" fill="#ffffff" font-family="DejaVu Sans, Arial, sans-serif" font-size="44" font-weight="700">${title}</text>
<rect x="56" y="520" width="${Math.min(440, 40 + input.status.length * 19)}" height="56" rx="28" fill="#ffffff"/>
<text x="80" y="557" fill="#0b4f8a" font-family="DejaVu Sans, Arial, sans-serif" font-size="28" font-weight="700">${escapeXml(input.status)}</text>
${map}
</svg>`;
}

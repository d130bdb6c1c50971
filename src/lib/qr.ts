import QRCode from 'qrcode';
import { escapeXml } from './paper-map.ts';

export interface QrOptions {
  /** Accessible name, e.g. "QR code: link to the project page". */
  label: string;
  /** Quiet zone in modules (the standard asks for 4). */
  margin?: number;
  /** Error correction: M survives a crease or a smudge on a door hanger. */
  level?: 'L' | 'M' | 'Q' | 'H';
}

/**
 * A QR code as inline SVG, made at build time: black squares on white, one
 * path, crisp edges, no request and no script. It scales to any printed size.
 */
export function qrSvg(text: string, { label, margin = 4, level = 'M' }: QrOptions): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: level });
  const size = qr.modules.size;
  const data = qr.modules.data;
  const full = size + margin * 2;
  const d: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < size && data[y * size + x + run]) run++;
      d.push(`M${x + margin} ${y + margin}h${run}v1h-${run}z`);
      x += run;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges" role="img" aria-label="${escapeXml(label)}" class="qr">` +
    `<rect width="${full}" height="${full}" fill="#fff"/><path d="${d.join('')}" fill="#000"/></svg>`
  );
}

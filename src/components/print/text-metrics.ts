/**
 * How many lines a text takes in print, worked out at build time from the
 * advance widths of Liberation Sans (metric-compatible with Arial, which is what
 * the print stylesheet asks for). The notice has no JavaScript, so this is how
 * it decides how many "what to expect" items fit on its one page.
 */

// Advance widths in 1/1000 em for ASCII 32–126, regular then bold (Arial's metrics).
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611,
  778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556,
  556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611,
  778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611,
  611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** Width of a text in points at a font size in points. */
export function textWidth(text: string, sizePt: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text.normalize('NFD')) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x300 && code <= 0x36f) continue; // accents sit on their letter
    units += code >= 32 && code <= 126 ? table[code - 32] : 600;
  }
  return (units / 1000) * sizePt;
}

/** Lines a text wraps to in a column `widthPt` wide (greedy, breaking at spaces, and after / or - in long words). */
export function countLines(text: string, widthPt: number, sizePt: number, bold = false): number {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return 0;
  const space = textWidth(' ', sizePt, bold);
  let lines = 1;
  let line = 0;
  for (const word of words) {
    const w = textWidth(word, sizePt, bold);
    if (line === 0 && w <= widthPt) line = w;
    else if (line + space + w <= widthPt) line += space + w;
    else {
      // The word goes to the next line, or is broken after its slashes and hyphens.
      const parts = word.split(/(?<=[/\-])/);
      if (line > 0 && parts.length === 1) {
        lines++;
        line = 0;
      }
      let first = true;
      for (const part of parts) {
        const pw = textWidth(part, sizePt, bold);
        const gap = first && line > 0 ? space : 0;
        if (line + gap + pw <= widthPt) line += gap + pw;
        else {
          if (line > 0) lines++;
          line = pw;
          while (line > widthPt) {
            lines++;
            line -= widthPt;
          }
        }
        first = false;
      }
    }
  }
  return lines;
}

/** Points per inch. */
export const PT = 72;

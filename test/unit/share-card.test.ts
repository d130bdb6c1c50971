import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { shareCardSvg, wrapText } from '../../src/lib/share-card.ts';

describe('share card', () => {
  it('wraps long titles and ends a cut one with an ellipsis', () => {
    expect(wrapText('Elm Street water main replacement', 17, 5)).toEqual(['Elm Street water', 'main replacement']);
    const cut = wrapText('one two three four five six seven eight nine ten eleven twelve', 10, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1].endsWith('…')).toBe(true);
  });

  it('escapes content in the SVG', () => {
    const svg = shareCardSvg({ siteName: 'A & B <Water>', title: '<script>alert(1)</script>', status: '"Planned"', features: [], location: { lat: 41.9, lon: -87.7 } });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('A &amp; B &lt;Water&gt;');
  });
});

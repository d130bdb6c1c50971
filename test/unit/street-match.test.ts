import { describe, expect, it } from 'vitest';
import { bestPlace, fold, matchPlaces, normalizeName, normalizeQuery, parseGeocoderResponse, placeIndex, type Place } from '../../src/lib/street-match.ts';

const places: Place[] = [
  { name: 'Elm St', kind: 'street' },
  { name: 'Elmwood Ave', kind: 'street' },
  { name: 'Main St', kind: 'street' },
  { name: '5th Ave', kind: 'street' },
  { name: '15th Ave', kind: 'street' },
  { name: '21st Ave', kind: 'street' },
  { name: 'Lake Rd', kind: 'street' },
  { name: 'N Harbor Blvd', kind: 'street' },
  { name: 'Calle Peña', kind: 'street' },
  { name: 'Old Mill', kind: 'neighborhood' },
  { name: 'Prairie Heights', kind: 'neighborhood' },
  { name: 'Linden Park', kind: 'neighborhood' },
  { name: 'Linden St', kind: 'street' },
];
const index = placeIndex(places);
const names = (q: string) => matchPlaces(index, q).map((m) => m.place.name);
const best = (q: string) => bestPlace(index, q)?.name ?? null;

describe('street names: normalising', () => {
  it('ignores case, accents and punctuation', () => {
    expect(fold('  ÉLM   St. ')).toBe('elm st');
    expect(fold('Peña')).toBe('pena');
    expect(fold("O'Brien-Ave")).toBe('obrien ave');
    expect(normalizeName('ELM STREET')).toEqual(normalizeName('elm st.'));
  });

  it('treats abbreviations and their long forms alike', () => {
    const pairs = [
      ['Elm Street', 'Elm St'],
      ['Fifth Avenue', '5th Ave'],
      ['5 Av.', '5th Ave'],
      ['Lake Road', 'Lake Rd'],
      ['North Harbor Boulevard', 'N Harbor Blvd'],
      ['Sunset Drive', 'Sunset Dr'],
      ['Mill Lane', 'Mill Ln'],
      ['Oak Court', 'Oak Ct'],
      ['Grove Place', 'Grove Pl'],
      ['First Street', '1st St'],
      ['Twenty-first avenue', '21st Ave'],
      ['Prairie Hts', 'Prairie Heights'],
    ];
    for (const [a, b] of pairs) expect(normalizeName(a).short, `${a} = ${b}`).toBe(normalizeName(b).short);
    expect(normalizeName('Elm St')).toEqual({ short: 'elm st', long: 'elm street' });
  });

  it('leaves a house number out, but not a numbered street', () => {
    expect(normalizeQuery('412 Elm Street').short).toBe('elm st');
    expect(normalizeQuery('5 Ave').short).toBe('5 ave');
    expect(normalizeQuery('12 5th Ave').short).toBe('5 ave');
  });

  it('reads Spanish street words in front of the name', () => {
    expect(normalizeQuery('Calle Elm').short).toBe('elm st');
    expect(normalizeQuery('Avenida 5').short).toBe('5 ave');
  });
});

describe('street names: matching and ranking', () => {
  it('finds a street however it is written', () => {
    for (const q of ['Elm St', 'elm street', 'ELM ST.', 'Élm Street', '412 Elm St', 'calle elm', 'elm  st']) expect(best(q), q).toBe('Elm St');
    expect(best('fifth avenue')).toBe('5th Ave');
    expect(best('5th')).toBe('5th Ave');
    expect(best('21st')).toBe('21st Ave');
    expect(best('twenty first ave')).toBe('21st Ave');
    expect(best('north harbor boulevard')).toBe('N Harbor Blvd');
    expect(best('calle pena')).toBe('Calle Peña');
    expect(best('Prairie Hts')).toBe('Prairie Heights');
  });

  it('ranks exact, then prefix, then a later word, then inside', () => {
    expect(names('elm')).toEqual(['Elm St', 'Elmwood Ave']);
    expect(matchPlaces(index, 'elm st').map((m) => [m.place.name, m.rank])).toEqual([['Elm St', 0]]);
    expect(matchPlaces(index, 'elm')[0].rank).toBe(1);
    // "harbor" starts a later word of "N Harbor Blvd"; "mill" a later word of "Old Mill".
    expect(matchPlaces(index, 'harbor')[0]).toMatchObject({ rank: 2, place: { name: 'N Harbor Blvd' } });
    expect(names('mill')).toEqual(['Old Mill']);
    // "inden" is inside "Linden": found, after prefix matches.
    expect(names('inden')).toEqual(['Linden St', 'Linden Park']);
    expect(names('linden')).toEqual(['Linden St', 'Linden Park']);
    expect(names('linden p')).toEqual(['Linden Park']);
    // One character matches only at the start of a word ("5" is not "15th").
    expect(names('5')).toEqual(['5th Ave']);
    expect(names('15')).toEqual(['15th Ave']);
  });

  it('suggests while the reader is still typing the street word', () => {
    expect(best('elm s')).toBe('Elm St');
    expect(best('elm str')).toBe('Elm St');
    expect(best('elm stre')).toBe('Elm St');
    expect(best('lake ro')).toBe('Lake Rd');
    expect(best('prairie he')).toBe('Prairie Heights');
  });

  it('finds nothing for nothing', () => {
    expect(names('')).toEqual([]);
    expect(names('   ')).toEqual([]);
    expect(names('zzz')).toEqual([]);
    expect(names('.,!')).toEqual([]);
  });

  it('limits the suggestions', () => {
    expect(matchPlaces(index, 'a', 3)).toHaveLength(3);
  });
});

describe('the optional geocoder', () => {
  it('reads Nominatim and GeoJSON answers, and nothing else', () => {
    expect(parseGeocoderResponse([{ lat: '41.9196', lon: '-87.6957', display_name: 'Elm St' }])).toEqual([-87.6957, 41.9196]);
    expect(parseGeocoderResponse({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-87.7, 41.92] }, properties: {} }] })).toEqual([-87.7, 41.92]);
    for (const junk of [null, [], {}, 'x', [{ lat: 'a', lon: 'b' }], [{ lat: 95, lon: 0 }], { features: [] }, { features: [{ geometry: { type: 'Polygon', coordinates: [] } }] }])
      expect(parseGeocoderResponse(junk)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { catalogs, missingUiKeys, translator } from '../../src/i18n/index.ts';
import { en } from '../../src/i18n/en.ts';

describe('UI string catalogs', () => {
  it.each(Object.keys(catalogs).filter((l) => l !== 'en'))('%s has exactly the English keys, none empty, with the same placeholders', (lang) => {
    const catalog = catalogs[lang];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(catalog)) {
      expect(value.trim(), key).not.toBe('');
      // Placeholders must survive translation.
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(value), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });

  it('fills placeholders and falls back to English for a language without a catalog', () => {
    expect(translator('es')('project.weekOf', { week: 3, total: 14 })).toBe('semana 3 de unas 14');
    expect(translator('fr')('nav.search')).toBe('Search');
  });

  it('reports the keys a catalog lacks (the checker turns this into an error on site.yaml)', () => {
    expect(missingUiKeys('es')).toEqual([]);
    const saved = catalogs.es['nav.search'];
    try {
      (catalogs.es as Record<string, string>)['nav.search'] = ' ';
      delete (catalogs.es as Record<string, string>)['nav.meetings'];
      expect(missingUiKeys('es')).toEqual(['nav.search', 'nav.meetings'].sort((a, b) => Object.keys(en).indexOf(a) - Object.keys(en).indexOf(b)));
    } finally {
      (catalogs.es as Record<string, string>)['nav.search'] = saved;
      (catalogs.es as Record<string, string>)['nav.meetings'] = 'Reuniones';
    }
    expect(missingUiKeys('es')).toEqual([]);
  });
});

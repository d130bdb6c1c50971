import { describe, expect, it } from 'vitest';
import { absoluteUrl, pagePath } from '../../src/lib/paths.ts';
import { isSafeUrl, withBase } from '../../src/lib/urls.ts';
import { normalizeBase } from '../../src/lib/env.ts';

describe('page paths', () => {
  it('puts the default language at the root and others under a prefix, always with a trailing slash', () => {
    expect(pagePath('/', 'en', 'en', '')).toBe('/');
    expect(pagePath('/', 'en', 'es', '')).toBe('/es/');
    expect(pagePath('/', 'en', 'es', 'projects/elm/')).toBe('/es/projects/elm/');
    expect(pagePath('/water/', 'en', 'en', 'projects/')).toBe('/water/projects/');
    expect(pagePath('/water/', 'en', 'es', '')).toBe('/water/es/');
    expect(pagePath('/water/', 'en', 'en', 'meetings.ics')).toBe('/water/meetings.ics');
  });

  it('makes absolute URLs under the base path', () => {
    expect(absoluteUrl('https://example.org/water', '/water/', '/water/projects/')).toBe('https://example.org/water/projects/');
    expect(absoluteUrl('https://example.org', '/', '/projects/')).toBe('https://example.org/projects/');
  });

  it('normalises SITE_BASE', () => {
    expect(normalizeBase('water')).toBe('/water/');
    expect(normalizeBase('/water')).toBe('/water/');
    expect(normalizeBase('/')).toBe('/');
    expect(normalizeBase(undefined)).toBe('/');
    expect(withBase('/water', 'x/')).toBe('/water/x/');
  });

  it('allows only http(s), mailto and tel links', () => {
    for (const ok of ['https://a.org/x', 'http://a.org', 'mailto:a@b.org', 'tel:+1 555 010 0100']) expect(isSafeUrl(ok)).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', 'ftp://a.org', '//evil.org', 'tel:<script>']) expect(isSafeUrl(bad)).toBe(false);
  });
});

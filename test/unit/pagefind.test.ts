import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexWithPagefind } from '../../src/integration/pagefind.ts';

describe('Pagefind indexing', () => {
  it('indexes pages marked with data-pagefind-body, one index per language', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-'));
    const page = (file: string, html: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), html);
    };
    page('projects/elm/index.html', '<html lang="en"><body><main data-pagefind-body><h1>Elm Street</h1><p>water main</p></main></body></html>');
    page('es/projects/elm/index.html', '<html lang="es"><body><main data-pagefind-body><h1>Calle Elm</h1><p>tubería</p></main></body></html>');
    expect(await indexWithPagefind(dir)).toBe(2);
    const entry = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages).sort()).toEqual(['en', 'es']);
  });

  it('fails (rather than publishing a site without search) when it finds nothing to index', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-'));
    await expect(indexWithPagefind(dir)).rejects.toThrow(/no pages/);
  });
});

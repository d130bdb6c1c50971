// The floor with Underway's outputs: astro build, then Pagefind over the same project pages.
// Usage: node build.ts <astro root> <dist>
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createIndex, close } from 'pagefind';

const [root, dist] = process.argv.slice(2);
const astro = spawnSync(path.join(root, 'node_modules/.bin/astro'), ['build', '--root', root], { stdio: 'inherit' });
if (astro.status !== 0) process.exit(astro.status ?? 1);
const t = performance.now();
const { index } = await createIndex({});
if (!index) throw new Error('Pagefind could not start');
const added = await index.addDirectory({ path: dist, glob: '{projects/*/index.html,es/projects/*/index.html}' });
await index.writeFiles({ outputPath: path.join(dist, 'pagefind') });
await close();
console.log(`Pagefind indexed ${added.page_count} pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);

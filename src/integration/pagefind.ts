import { createIndex, close } from 'pagefind';

/**
 * The pages with a data-pagefind-body (project and alert pages, in every
 * language). Pagefind would skip the others anyway, but reading thousands of
 * notices and flyers first took a second per thousand projects. A test checks
 * that this matches every page Pagefind should index.
 */
export const SEARCHABLE_PAGES_GLOB = '{projects/*/index.html,*/projects/*/index.html,alerts/*/index.html,*/alerts/*/index.html}';

/** Indexes a built site with Pagefind's Node API; any error it reports fails the build. */
export async function indexWithPagefind(dir: string): Promise<number> {
  try {
    const { index, errors } = await createIndex({});
    if (!index || errors.length) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir, glob: SEARCHABLE_PAGES_GLOB });
    if (added.errors.length) throw new Error(`Pagefind failed to index: ${added.errors.join('; ')}`);
    if (added.page_count === 0) throw new Error('Pagefind found no pages to index');
    const written = await index.writeFiles({ outputPath: `${dir}/pagefind` });
    if (written.errors.length) throw new Error(`Pagefind failed to write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await close();
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { SitemapStream, streamToPromise } from 'sitemap';

/**
 * sitemap.xml from the pages actually built: every HTML page except those
 * marked noindex, with its hreflang alternates read from the page's own head.
 */
export async function writeSitemap(dist: string, site: string, base: string): Promise<number> {
  const pages: { url: string; links: { lang: string; url: string }[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['_astro', 'pagefind', 'media', 'notices'].includes(entry.name)) walk(abs);
        continue;
      }
      if (!entry.name.endsWith('.html')) continue;
      const html = fs.readFileSync(abs, 'utf8');
      const head = html.slice(0, html.indexOf('</head>'));
      if (/<meta name="robots" content="[^"]*noindex/.test(head)) continue;
      const rel = path.relative(dist, abs).split(path.sep).join('/').replace(/index\.html$/, '');
      const links = [...head.matchAll(/<link rel="alternate" hreflang="([a-z]{2,3}(?:-[A-Z]{2})?)" href="([^"]+)"/g)].map((m) => ({ lang: m[1], url: decodeHtml(m[2]) }));
      pages.push({ url: base + rel, links });
    }
  };
  walk(dist);
  pages.sort((a, b) => a.url.localeCompare(b.url));
  const stream = new SitemapStream({ hostname: site, xmlns: { xhtml: true, news: false, image: false, video: false } });
  for (const page of pages) stream.write(page.links.length > 1 ? page : { url: page.url });
  stream.end();
  fs.writeFileSync(path.join(dist, 'sitemap.xml'), (await streamToPromise(stream)).toString());
  return pages.length;
}

function decodeHtml(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

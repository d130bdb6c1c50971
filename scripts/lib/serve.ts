import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ics': 'text/calendar; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

/**
 * A small static server for dist/, mounted at the site's base path, behaving like
 * a typical static host: directory index.html, 404.html for anything missing.
 */
export function serveStatic(opts: { root: string; base?: string; port?: number; host?: string }): Promise<http.Server & { port: number; close(): void }> {
  const root = path.resolve(opts.root);
  const base = opts.base ?? '/';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith(base) && pathname + '/' !== base) return notFound(res);
    pathname = pathname.slice(base.length - 1) || '/';
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) return notFound(res);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
        return res.end();
      }
      file = path.join(file, 'index.html');
    }
    if (!fs.existsSync(file)) return notFound(res, pathname);
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  const notFound = (res: http.ServerResponse, pathname = '/') => {
    // A language folder's own error page first (es/404.html), like Netlify and most hosts.
    const lang = /^\/([a-z]{2,3}(?:-[A-Z]{2})?)\//.exec(pathname)?.[1];
    const localized = lang ? path.join(root, lang, '404.html') : '';
    const page = localized && fs.existsSync(localized) ? localized : path.join(root, '404.html');
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(fs.existsSync(page) ? fs.readFileSync(page) : 'Not found');
  };
  return new Promise((resolve) => {
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve(Object.assign(server, { port }));
    });
  });
}

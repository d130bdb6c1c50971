// npm run start: build the site, then serve dist/ on localhost.
import { run } from './lib/run.ts';
import { serveStatic } from './lib/serve.ts';
import { readSiteSettings } from '../src/lib/site-settings.ts';

const code = await run('node', ['scripts/build.ts']);
if (code !== 0) process.exit(code);
const { base } = readSiteSettings();
const port = Number(process.env.PORT || 4321);
const server = await serveStatic({ root: 'dist', base, port, host: '127.0.0.1' });
console.log(`\nServing the site at http://localhost:${server.port}${base}  (Ctrl+C to stop)`);

// npm run dev: Astro's dev server. Content errors show in the browser with the checker's messages.
import { run } from './lib/run.ts';

process.exit(await run('astro', ['dev', ...process.argv.slice(2)]));

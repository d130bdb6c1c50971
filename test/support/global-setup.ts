import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/lib/serve.ts';
import { buildSite } from './site-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoUrl: string;
    demoDist: string;
  }
}

/**
 * Builds the demo content once with a fixed SITE_NOW and serves it, for every
 * browser test file (the pattern of Starlight's e2e harness).
 */
export default async function setup(project: TestProject) {
  // For quick runs of one file that does not need the demo (it then fails loudly if used).
  if (process.env.UNDERWAY_SKIP_DEMO === '1') {
    project.provide('demoUrl', '');
    project.provide('demoDist', '');
    return;
  }
  const demo = buildSite('demo');
  if (demo.status !== 0) throw new Error(`The demo site did not build:\n${demo.stdout}\n${demo.stderr}`);
  const server = await serveStatic({ root: demo.dist, base: '/' });
  project.provide('demoUrl', `http://127.0.0.1:${server.port}`);
  project.provide('demoDist', demo.dist);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

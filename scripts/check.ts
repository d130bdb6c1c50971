// npm run check: reports every problem in every content file, in one run.
import { loadContent } from '../src/lib/content/load.ts';
import { readEnv } from '../src/lib/env.ts';
import { formatReport } from '../src/lib/problems.ts';

const env = readEnv();
const { problems } = loadContent({ contentDir: env.contentDir, now: env.now });
console.log(`Checking ${env.contentDir}\n`);
console.log(formatReport(problems));
process.exitCode = problems.some((p) => p.severity === 'error') ? 1 : 0;

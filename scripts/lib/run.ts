import { spawn } from 'node:child_process';
import path from 'node:path';

/** Runs a command with node_modules/.bin first on PATH, so Astro runs on the pinned Node. */
export function run(cmd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<number> {
  const bin = path.resolve('node_modules/.bin');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: 'inherit',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ...env },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

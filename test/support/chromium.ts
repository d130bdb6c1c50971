import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

/** Debian's Chromium: found, installed with apt-get when we are root, or null with the exact command printed. */
export function ensureChromium(): string | null {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log('Chromium is missing; installing Debian\'s chromium with apt-get (browser tests need it)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (install.status === 0 && findChromium()) return findChromium();
  }
  console.error('\nThe browser tests need Debian\'s Chromium, which is not installed. Run:\n\n    sudo apt-get update && sudo apt-get install -y chromium\n\nthen run npm test again. (Set CHROMIUM_PATH if it lives elsewhere.)');
  return null;
}

export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const c of CANDIDATES) if (fs.existsSync(c)) return c;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Flags that keep headless Chromium off the network and quiet on a locked-down machine. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A command from a Debian package: found, installed with apt-get when we are root, or false with the command printed. */
export function ensureDebianTool(command: string, pkg: string): boolean {
  const has = () => spawnSync('which', [command], { encoding: 'utf8' }).status === 0;
  if (has()) return true;
  if (process.getuid?.() === 0) {
    console.log(`${command} is missing; installing Debian's ${pkg} with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env });
    if (has()) return true;
  }
  console.error(`\nThe tests need ${command} (Debian package ${pkg}). Run:\n\n    sudo apt-get update && sudo apt-get install -y ${pkg}\n\nthen run npm test again.`);
  return false;
}

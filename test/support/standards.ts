import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ROOT } from './site-build.ts';

/**
 * The official schemas our outputs are validated against live in the steering
 * repo's shared/standards, beside this repository (../shared/standards), on a
 * developer's machine and in CI alike. UNDERWAY_STANDARDS overrides it.
 */
export const STANDARDS = process.env.UNDERWAY_STANDARDS ?? path.resolve(ROOT, '../shared/standards');
export const ATOM_RNC = path.join(STANDARDS, 'feeds/atom_rfc4287.rng');
export const CAP_XSD = path.join(STANDARDS, 'cap-1.2/CAP-v1.2.xsd');
export const WZDX = path.join(STANDARDS, 'wzdx-4.2');

/** The geojson.org schemas (the geojson-schema package, the geojson/schema repository's own). */
export const GEOJSON_SCHEMAS = path.dirname(fileURLToPath(import.meta.resolve('geojson-schema/package.json')));
export const WZDX_FEED_SCHEMA = 'https://raw.githubusercontent.com/usdot-jpo-ode/wzdx/main/schemas/4.2/WorkZoneFeed.json';

if (!fs.existsSync(STANDARDS)) throw new Error(`The shared standards are not at ${STANDARDS}; set UNDERWAY_STANDARDS to the folder that holds wzdx-4.2, cap-1.2 and feeds`);

/** Debian's trang, or null. npm test installs it (as root) or prints the command before the tests start. */
export function findTrang(): string | null {
  return spawnSync('which', ['trang'], { encoding: 'utf8' }).stdout.trim() || null;
}

let atomCache: string | null = null;
/**
 * The RFC 4287 Atom schema in RELAX NG's XML syntax. The shipped file is the
 * compact syntax (despite its .rng name), which libxml2 cannot read, so trang
 * converts it once per test file.
 */
export function atomRelaxNg(): string {
  if (atomCache) return atomCache;
  const trang = findTrang();
  if (!trang) throw new Error('The Atom schema check needs trang to read the RELAX NG compact schema. Run:\n\n    sudo apt-get update && sudo apt-get install -y trang\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'underway-atom-'));
  try {
    fs.copyFileSync(ATOM_RNC, path.join(dir, 'atom.rnc'));
    execFileSync(trang, ['-I', 'rnc', '-O', 'rng', path.join(dir, 'atom.rnc'), path.join(dir, 'atom.rng')]);
    atomCache = fs.readFileSync(path.join(dir, 'atom.rng'), 'utf8');
    return atomCache;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ajv-formats is CommonJS: its default export arrives wrapped under Node's ESM loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/**
 * The WZDx 4.2 feed validator: ajv with every WZDx schema and every geojson.org
 * schema added, since they refer to each other by $id.
 */
export function wzdxValidator(): ValidateFunction {
  // strictTypes is off: the official schemas use "properties"/"required" in
  // subschemas without "type": "object" (valid draft-07, which ajv's strict
  // mode would only log about). Every other strict check stays on.
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  const json = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'package.json').sort();
  for (const f of json(path.join(WZDX, 'schemas'))) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(WZDX, 'schemas', f), 'utf8')));
  for (const f of json(GEOJSON_SCHEMAS)) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(GEOJSON_SCHEMAS, f), 'utf8')));
  const validate = ajv.getSchema(WZDX_FEED_SCHEMA);
  if (!validate) throw new Error('WorkZoneFeed.json did not compile');
  return validate;
}

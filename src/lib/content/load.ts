import fs from 'node:fs';
import path from 'node:path';
import type { DateTime } from 'luxon';
import type { Polygon, MultiPolygon } from 'geojson';
import { z } from 'astro/zod';
import { siteSchema, type Site } from '../../schemas/site.ts';
import { projectSchema, projectTranslationSchema, type ProjectData } from '../../schemas/project.ts';
import { disruptionCollectionSchema, geometrySchema, type DisruptionFeature } from '../../schemas/geojson.ts';
import { LIMITS } from '../../schemas/common.ts';
import type { Problem } from '../problems.ts';
import { parseJsonSource, parseYamlSource, splitFrontmatter, type SourceDoc } from '../source.ts';
import { validated } from '../zod-problems.ts';
import { serviceAreaFromBbox, serviceAreaFromPolygon, type ServiceArea } from '../geo.ts';
import { checkMdxBody } from './mdx-check.ts';
import { catalogs, hasCatalog, missingUiKeys } from '../../i18n/index.ts';
import { checkProject, checkTranslation, checkGeoJsonSemantics, type DisruptionSource } from './checks.ts';
import { checkAlertSettings, loadAlerts, type AlertEntry } from './load-alerts.ts';

export type { AlertEntry } from './load-alerts.ts';

/** One project in one language, with everything the pages need. */
export interface ProjectEntry {
  slug: string;
  lang: string;
  /** Collection id of the MDX file, e.g. elm-street/index or elm-street/index.es */
  entryId: string;
  /** Path relative to the content folder. */
  file: string;
  /** Absolute folder of the project. */
  dir: string;
  /** Frontmatter, with a translation's missing parts filled from the base file. */
  data: ProjectData;
  disruptions: DisruptionFeature[];
  /** True when this is the base (default-language) file. */
  isBase: boolean;
  /** Languages this project exists in, default first. */
  languages: string[];
}

export interface LoadedContent {
  contentDir: string;
  site: Site | null;
  serviceArea: ServiceArea | null;
  projects: ProjectEntry[];
  /** Critical alerts (content/alerts/), in file-name order; only those without errors. */
  alerts: AlertEntry[];
  problems: Problem[];
}

export interface LoadOptions {
  contentDir: string;
  now: DateTime;
  /** Skip body checks (the MDX parse) when only data is needed. */
  checkBodies?: boolean;
}

/**
 * Reads and checks everything under the content folder. It never stops at the
 * first bad file: every problem in every file is collected in one pass. The site
 * and the checker both load content through here, so they cannot disagree.
 */
export function loadContent({ contentDir, now, checkBodies = true }: LoadOptions): LoadedContent {
  const problems: Problem[] = [];
  const root = path.resolve(contentDir);
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  const result: LoadedContent = { contentDir: root, site: null, serviceArea: null, projects: [], alerts: [], problems };

  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    problems.push({ file: contentDir, line: 0, column: 0, field: '', message: 'The content folder does not exist', hint: 'Set CONTENT_DIR to the folder that holds site.yaml and projects/', severity: 'error' });
    return result;
  }

  // site.yaml
  const siteFile = path.join(root, 'site.yaml');
  if (!fs.existsSync(siteFile)) {
    problems.push({ file: 'site.yaml', line: 0, column: 0, field: '', message: 'site.yaml is missing', hint: 'Every content folder needs a site.yaml with the utility’s name, time zone and contacts', severity: 'error' });
  } else {
    const { source, problems: yamlProblems } = parseYamlSource('site.yaml', fs.readFileSync(siteFile, 'utf8'));
    problems.push(...yamlProblems);
    if (source) {
      const site = validated(source, siteSchema, problems);
      if (site) {
        result.site = site;
        // Every site language needs its UI strings (menus, headings, dates in words).
        [site.languages.default, ...site.languages.others].forEach((lang, i) => {
          if (!hasCatalog(lang))
            problems.push({ file: 'site.yaml', ...source.locate(i === 0 ? ['languages', 'default'] : ['languages', 'others', i - 1]), field: i === 0 ? 'languages.default' : `languages.others[${i - 1}]`, message: `There are no UI strings for the language "${lang}"`, hint: `Available: ${Object.keys(catalogs).join(', ')}. A developer adds a language as src/i18n/${lang}.ts with every key of en.ts`, severity: 'error' });
          else {
            const missing = missingUiKeys(lang);
            if (missing.length)
              problems.push({ file: 'site.yaml', ...source.locate(i === 0 ? ['languages', 'default'] : ['languages', 'others', i - 1]), field: i === 0 ? 'languages.default' : `languages.others[${i - 1}]`, message: `The UI strings for "${lang}" lack ${missing.length} key${missing.length === 1 ? '' : 's'}: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}`, hint: `Add them to src/i18n/${lang}.ts; until then those words show in English`, severity: 'error' });
          }
        });
        result.serviceArea = loadServiceArea(root, site, source, problems);
        problems.push(...checkAlertSettings(site, source));
        if (site.logo && !fs.existsSync(path.resolve(root, site.logo.src)))
          problems.push({ file: 'site.yaml', ...source.locate(['logo', 'src']), field: 'logo.src', message: `Logo file "${site.logo.src}" does not exist`, hint: 'Put the logo beside site.yaml or correct the path', severity: 'error' });
      }
    }
  }

  const zone = result.site?.timeZone ?? 'UTC';
  const defaultLang = result.site?.languages.default ?? 'en';
  const otherLangs = result.site?.languages.others ?? [];

  // projects/<slug>/index[.lang].mdx
  const projectsDir = path.join(root, 'projects');
  if (!fs.existsSync(projectsDir)) {
    problems.push({ file: 'projects', line: 0, column: 0, field: '', message: 'The projects folder is missing', hint: 'Create projects/ with one folder per project, or run npm run new -- "Project name"', severity: 'error' });
    return result;
  }

  const seenSlugs = new Map<string, string>();
  const folders = fs.readdirSync(projectsDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const stray of folders.filter((d) => d.isFile() && /\.(mdx?|ya?ml)$/i.test(d.name)))
    problems.push({ file: `projects/${stray.name}`, line: 0, column: 0, field: '', message: 'Projects live in a folder of their own', hint: `Move it to projects/${stray.name.replace(/\.\w+$/, '')}/index.mdx`, severity: 'error' });

  for (const folder of folders.filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.startsWith('_'))) {
    const dir = path.join(projectsDir, folder.name);
    const slug = folder.name;
    const files = fs.readdirSync(dir);
    const mdxFiles = files.filter((f) => /\.mdx?$/i.test(f));
    const folderRel = `projects/${slug}`;

    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
      problems.push({ file: folderRel, line: 0, column: 0, field: '', message: `The folder name "${slug}" cannot be used in a web address`, hint: `Rename the folder to ${slugify(slug)}`, severity: 'error' });
    }
    const normalized = slugify(slug);
    const previous = seenSlugs.get(normalized);
    if (previous) {
      problems.push({ file: folderRel, line: 0, column: 0, field: '', message: `Duplicate project: "${slug}" gives the same web address as "${previous}" (/projects/${normalized}/)`, hint: 'Rename one of the two folders', severity: 'error' });
      continue;
    }
    seenSlugs.set(normalized, slug);

    for (const f of mdxFiles) {
      const m = /^index(?:\.([a-z]{2,3}(?:-[A-Z]{2})?))?\.mdx$/.exec(f);
      if (!m) problems.push({ file: `${folderRel}/${f}`, line: 0, column: 0, field: '', message: `Unexpected file name "${f}"`, hint: 'A project is index.mdx; a translation is index.<language>.mdx, e.g. index.es.mdx', severity: 'error' });
      else if (m[1] && m[1] === defaultLang) problems.push({ file: `${folderRel}/${f}`, line: 0, column: 0, field: '', message: `"${f}" is in the default language`, hint: 'The default language goes in index.mdx', severity: 'error' });
    }

    const baseFile = path.join(dir, 'index.mdx');
    const translations = mdxFiles
      .map((f) => /^index\.([a-z]{2,3}(?:-[A-Z]{2})?)\.mdx$/.exec(f)?.[1])
      .filter((l): l is string => Boolean(l) && l !== defaultLang);

    let base: ProjectEntry | null = null;
    let baseRaw: Record<string, unknown> | null = null;
    if (!fs.existsSync(baseFile)) {
      if (!translations.length) {
        problems.push({ file: folderRel, line: 0, column: 0, field: '', message: 'This project folder has no index.mdx', hint: 'Add index.mdx, or run npm run new -- "Project name"', severity: 'error' });
      }
    } else {
      const loaded = loadProjectFile({ root, dir, slug, lang: defaultLang, abs: baseFile, rel: rel(baseFile), schema: projectSchema, problems, checkBodies });
      if (loaded) {
        baseRaw = loaded.raw;
        const data = loaded.data as ProjectData;
        const { features: disruptions, where } = loadDisruptions({ dir, rel, data: data.disruptions, source: loaded.source, problems });
        base = { slug, lang: defaultLang, entryId: `${slug}/index`, file: rel(baseFile), dir, data, disruptions, isBase: true, languages: [defaultLang] };
        problems.push(...checkProject({ entry: base, source: loaded.source, zone, now, serviceArea: result.serviceArea, disruptionSource: where }));
        if (where) problems.push(...checkGeoJsonSemantics({ features: disruptions, where, serviceArea: result.serviceArea }));
        result.projects.push(base);
      }
    }

    for (const lang of translations) {
      const abs = path.join(dir, `index.${lang}.mdx`);
      const fileRel = rel(abs);
      if (!fs.existsSync(baseFile)) {
        problems.push({ file: fileRel, line: 0, column: 0, field: '', message: 'This translation has no base file', hint: `Add ${folderRel}/index.mdx in the default language (${defaultLang}); a translation only repeats what it translates`, severity: 'error' });
        continue;
      }
      if (result.site && !otherLangs.includes(lang)) {
        problems.push({ file: fileRel, line: 0, column: 0, field: '', message: `"${lang}" is not one of the site's languages`, hint: `Add ${lang} to languages.others in site.yaml, or rename the file`, severity: 'error' });
        continue;
      }
      const loaded = loadProjectFile({ root, dir, slug, lang, abs, rel: fileRel, schema: projectTranslationSchema, problems, checkBodies });
      if (!loaded || !base || !baseRaw) continue;
      // A translation inherits every field it leaves out.
      const merged = { ...base.data } as Record<string, unknown>;
      for (const key of Object.keys(loaded.raw)) merged[key] = (loaded.data as Record<string, unknown>)[key];
      const data = merged as ProjectData;
      const disruptions = loaded.source.has(['disruptions'])
        ? loadDisruptions({ dir, rel, data: data.disruptions, source: loaded.source, problems }).features
        : base.disruptions;
      const entry: ProjectEntry = { slug, lang, entryId: `${slug}/index.${lang}`, file: fileRel, dir, data, disruptions, isBase: false, languages: [] };
      problems.push(...checkTranslation({ entry, base, source: loaded.source, raw: loaded.raw, zone }));
      base.languages.push(lang);
      result.projects.push(entry);
    }
  }

  for (const project of result.projects) {
    const base = result.projects.find((p) => p.slug === project.slug && p.isBase);
    project.languages = base ? base.languages : [project.lang];
  }
  result.alerts = loadAlerts({ root, site: result.site, projects: result.projects, problems, now });
  return result;
}

function loadProjectFile(opts: {
  root: string;
  dir: string;
  slug: string;
  lang: string;
  abs: string;
  rel: string;
  schema: z.ZodType;
  problems: Problem[];
  checkBodies: boolean;
}): { data: unknown; raw: Record<string, unknown>; source: SourceDoc } | null {
  const { abs, rel, schema, problems } = opts;
  const bytes = fs.statSync(abs).size;
  if (bytes > LIMITS.projectFileBytes) {
    problems.push({ file: rel, line: 0, column: 0, field: '', message: `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a project file is at most ${LIMITS.projectFileBytes / 1024 / 1024} MB`, hint: 'Move disruptions to a GeoJSON file beside it, and split very long lists (meetings, updates) or the project itself', severity: 'error' });
    return null;
  }
  const text = fs.readFileSync(abs, 'utf8');
  const split = splitFrontmatter(text);
  if (!split) {
    problems.push({ file: rel, line: 1, column: 1, field: '', message: 'The file does not start with frontmatter', hint: 'The first line must be --- and the frontmatter must end with another --- line', severity: 'error' });
    return null;
  }
  if (opts.checkBodies) {
    // Blank out the frontmatter so MDX line numbers match the file.
    const blanked = text.slice(0, text.length - split.body.length).replace(/[^\n]/g, '') + split.body;
    problems.push(...checkMdxBody({ file: rel, absDir: opts.dir, text: blanked, lang: opts.lang }));
  }
  const { source, problems: yamlProblems } = parseYamlSource(rel, split.yaml, split.yamlLine);
  problems.push(...yamlProblems);
  if (!source) return null;
  const raw = (source.data ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ file: rel, line: 2, column: 1, field: '', message: 'The frontmatter must be a list of fields (name: value)', severity: 'error' });
    return null;
  }
  const data = validated(source, schema, problems, raw);
  return data ? { data, raw, source } : null;
}

function loadDisruptions(opts: {
  dir: string;
  rel: (abs: string) => string;
  data: ProjectData['disruptions'];
  source: SourceDoc;
  problems: Problem[];
}): { features: DisruptionFeature[]; where: DisruptionSource | null } {
  const { data, source, problems, dir } = opts;
  const none = { features: [], where: null };
  if (!data) return none;
  if (typeof data === 'object')
    return { features: data.features, where: { file: source.file, locate: (p) => source.locate(['disruptions', ...p]), fieldPrefix: 'disruptions.' } };
  if (/^[a-z]+:/i.test(data)) {
    problems.push({ file: source.file, ...source.locate(['disruptions']), field: 'disruptions', message: 'Disruptions must be a file beside the project, not a web address', hint: 'Save the GeoJSON as disruptions.geojson in the project folder and write disruptions: ./disruptions.geojson', severity: 'error' });
    return none;
  }
  const abs = path.resolve(dir, data);
  if (!fs.existsSync(abs)) {
    problems.push({ file: source.file, ...source.locate(['disruptions']), field: 'disruptions', message: `Disruptions file "${data}" does not exist`, hint: `Put the file in ${opts.rel(dir)}/ or correct the name (names are case-sensitive)`, severity: 'error' });
    return none;
  }
  const fileRel = opts.rel(abs);
  const bytes = fs.statSync(abs).size;
  if (bytes > LIMITS.geojsonBytes) {
    problems.push({ file: fileRel, line: 0, column: 0, field: '', message: `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${LIMITS.geojsonBytes / 1024 / 1024} MB`, hint: 'Simplify the shapes in your GIS (e.g. mapshaper), keep only this project’s disruptions, and export again', severity: 'error' });
    return none;
  }
  const { source: geo, problems: parseProblems } = parseJsonSource(fileRel, fs.readFileSync(abs, 'utf8'));
  problems.push(...parseProblems.map((p) => ({ ...p, message: p.message.replace('YAML syntax error', 'JSON syntax error'), hint: 'Check for a missing comma, quote or bracket near this line' })));
  if (!geo) return none;
  const crsProblems: Problem[] = [];
  if (geo.data && typeof geo.data === 'object' && 'crs' in (geo.data as object)) {
    crsProblems.push({ file: fileRel, ...geo.locate(['crs'], 'key'), field: 'crs', message: 'GeoJSON (RFC 7946) has no crs member: coordinates are always longitude, latitude in WGS 84', hint: 'Delete the crs member, and re-export in EPSG:4326 if your GIS used another system', severity: 'error' });
    delete (geo.data as Record<string, unknown>).crs;
  }
  problems.push(...crsProblems);
  const collection = validated(geo, disruptionCollectionSchema, problems, geo.data);
  if (!collection) return none;
  return { features: collection.features, where: { file: fileRel, locate: (p) => geo.locate(p), fieldPrefix: '' } };
}

function loadServiceArea(root: string, site: Site, source: SourceDoc, problems: Problem[]): ServiceArea | null {
  if (site.serviceArea.file) {
    const abs = path.resolve(root, site.serviceArea.file);
    if (!fs.existsSync(abs)) {
      problems.push({ file: 'site.yaml', ...source.locate(['serviceArea', 'file']), field: 'serviceArea.file', message: `Service area file "${site.serviceArea.file}" does not exist`, severity: 'error' });
      return null;
    }
    const relFile = path.relative(root, abs).split(path.sep).join('/');
    const { source: geo, problems: parseProblems } = parseJsonSource(relFile, fs.readFileSync(abs, 'utf8'));
    problems.push(...parseProblems);
    if (!geo) return null;
    let geometry = geo.data as { type?: string; geometry?: unknown; features?: { geometry: unknown }[] };
    if (geometry?.type === 'Feature') geometry = geometry.geometry as typeof geometry;
    if (geometry?.type === 'FeatureCollection') geometry = geometry.features?.[0]?.geometry as typeof geometry;
    const parsed = geometrySchema.safeParse(geometry);
    if (!parsed.success || !['Polygon', 'MultiPolygon'].includes(parsed.data.type)) {
      problems.push({ file: relFile, line: 1, column: 1, field: '', message: 'The service area must be a GeoJSON Polygon or MultiPolygon', severity: 'error' });
      return null;
    }
    return serviceAreaFromPolygon(parsed.data as Polygon | MultiPolygon);
  }
  return site.serviceArea.bbox ? serviceAreaFromBbox(site.serviceArea.bbox) : null;
}

/** "Elm Street (North)" → "elm-street-north". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

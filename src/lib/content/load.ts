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
import type { Polygon as GeoPolygon, MultiPolygon as GeoMultiPolygon } from 'geojson';
import { closest, distance } from 'fastest-levenshtein';
import { alertSchema, alertTemplateSchema, ALL_CLEAR, SMS_MAX, type AlertData, type AlertTemplateLanguage, type AlertWording, type AlertKind } from '../../schemas/alert.ts';
import { brokenPlaceholder, fillWording, localized, placeholders } from '../alerts.ts';
import { startInstant } from '../time.ts';

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
  result.alerts = loadAlerts({ root, site: result.site, projects: result.projects, problems });
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

// ---- Critical alerts: content/alerts/<id>.mdx and content/alerts/templates/<name>.yaml ----

/** One alert, checked, with its wording filled in every site language. */
export interface AlertEntry {
  /** The file name without .mdx: the alert's web address, /alerts/<id>/. */
  id: string;
  /** Path relative to the content folder. */
  file: string;
  data: AlertData;
  polygon: GeoPolygon | GeoMultiPolygon | null;
  /** For each history entry: the filled wording by language (the all-clear wording for an all-clear entry). */
  wording: Record<string, AlertWording>[];
  /** For each history entry: its note by language, when it has one. */
  notes: Record<string, string>[];
  /** The kind of each history entry's template (an escalation may switch to another kind's wording). */
  kinds: AlertKind[];
  /** The area in words by language: the {area} value, else the linked project names. */
  areaDesc: Record<string, string>;
}

interface LoadedTemplate {
  name: string;
  file: string;
  source: SourceDoc;
  kind: AlertKind;
  languages: Record<string, AlertTemplateLanguage>;
}

/** Placeholders every alert gets without writing them: {until}, {utility}, {phone}. */
function automaticValues(data: AlertData, site: Site, lang: string): Record<string, string> {
  const zone = site.timeZone;
  const until = startInstant(data.expires, zone).setLocale(lang).toLocaleString({ weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return { until, utility: site.name, phone: site.contacts.emergency ?? site.contacts.phone };
}

function loadAlertTemplates(root: string, site: Site, problems: Problem[]): Map<string, LoadedTemplate> {
  const templates = new Map<string, LoadedTemplate>();
  const dir = path.join(root, 'alerts', 'templates');
  if (!fs.existsSync(dir)) return templates;
  const languages = [site.languages.default, ...site.languages.others];
  for (const name of fs.readdirSync(dir).sort()) {
    const file = `alerts/templates/${name}`;
    const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.ya?ml$/.exec(name);
    if (!m) {
      if (!name.startsWith('.')) problems.push({ file, line: 0, column: 0, field: '', message: `Unexpected file name "${name}"`, hint: 'A template is <name>.yaml in lowercase letters, digits and hyphens, e.g. boil-water.yaml', severity: 'error' });
      continue;
    }
    const { source, problems: yamlProblems } = parseYamlSource(file, fs.readFileSync(path.join(dir, name), 'utf8'));
    problems.push(...yamlProblems);
    if (!source) continue;
    const template = validated(source, alertTemplateSchema, problems);
    if (!template) continue;
    const { kind, approved: _approved, ...rest } = template as { kind: AlertKind; approved?: string } & Record<string, AlertTemplateLanguage>;
    let ok = true;
    for (const lang of languages)
      if (!rest[lang]) {
        ok = false;
        problems.push({ file, ...source.locate(['kind'], 'key'), field: lang, message: `The template has no wording in "${lang}", a site language`, hint: `Add an ${lang}: block with headline, summary, sms, instructions and allClear, approved like the others`, severity: 'error' });
      }
    for (const lang of Object.keys(rest))
      if (!languages.includes(lang))
        problems.push({ file, ...source.locate([lang], 'key'), field: lang, message: `"${lang}" is not one of the site's languages`, hint: `Site languages: ${languages.join(', ')}. Correct the language code, or add it to languages.others in site.yaml`, severity: 'warning' });
    // A mistyped placeholder ("{until." or "{ area }") would be published as written, braces and all.
    for (const [lang, block] of Object.entries(rest))
      for (const [part, wording] of [[[lang], block], [[lang, 'allClear'], block.allClear]] as const)
        for (const key of ['headline', 'summary', 'sms', 'instructions'] as const) {
          const stray = brokenPlaceholder(wording?.[key] ?? '');
          if (!stray) continue;
          ok = false;
          problems.push({ file, ...source.locate([...part, key]), field: [...part, key].join('.'), message: `"${stray}" is not a complete placeholder: residents would see the braces`, hint: 'Write a placeholder as a name between braces with no spaces, e.g. {area} or {until}; braces cannot be used for anything else', severity: 'error' });
        }
    if (ok) templates.set(m[1], { name: m[1], file, source, kind, languages: rest });
  }
  return templates;
}

/** Reads and checks every alert. Alerts with errors are reported and left out. */
export function loadAlerts(opts: { root: string; site: Site | null; projects: ProjectEntry[]; problems: Problem[] }): AlertEntry[] {
  const { root, site, problems } = opts;
  const dir = path.join(root, 'alerts');
  if (!site || !fs.existsSync(dir)) return [];
  const zone = site.timeZone;
  const languages = [site.languages.default, ...site.languages.others];
  const templates = loadAlertTemplates(root, site, problems);
  const slugs = [...new Set(opts.projects.map((p) => p.slug))];
  const out: AlertEntry[] = [];

  for (const dirent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (dirent.isDirectory() || dirent.name.startsWith('.')) continue;
    const file = `alerts/${dirent.name}`;
    const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/.exec(dirent.name);
    if (!m) {
      problems.push({ file, line: 0, column: 0, field: '', message: `Unexpected file name "${dirent.name}"`, hint: 'An alert is alerts/<id>.mdx in lowercase letters, digits and hyphens, e.g. alerts/boil-water-2026-11-30.mdx; templates go in alerts/templates/', severity: 'error' });
      continue;
    }
    const text = fs.readFileSync(path.join(dir, dirent.name), 'utf8');
    const split = splitFrontmatter(text);
    if (!split) {
      problems.push({ file, line: 1, column: 1, field: '', message: 'The file does not start with frontmatter', hint: 'The first line must be --- and the frontmatter must end with another --- line', severity: 'error' });
      continue;
    }
    const { source, problems: yamlProblems } = parseYamlSource(file, split.yaml, split.yamlLine);
    problems.push(...yamlProblems);
    if (!source) continue;
    const data = validated(source, alertSchema, problems);
    if (!data) continue;
    const before = problems.filter((p) => p.severity === 'error').length;
    const err = (p: (string | number)[], message: string, hint?: string, severity: 'error' | 'warning' = 'error') =>
      problems.push({ file, ...source.locate(p), field: formatField(p), message, hint, severity });

    // Times.
    const effective = startInstant(data.effective, zone);
    if (startInstant(data.expires, zone) <= effective) err(['expires'], `The alert expires (${data.expires}) before it takes effect (${data.effective})`, 'Correct one of the two times; expires is when the alert ends if nobody closes it before');
    data.history.forEach((h, i) => {
      const at = startInstant(h.at, zone);
      if (at < effective) err(['history', i, 'at'], `This entry (${h.at}) is before the alert takes effect (${data.effective})`, 'Move effective earlier, or correct this time');
      if (i > 0 && at < startInstant(data.history[i - 1].at, zone)) err(['history', i, 'at'], `The history is out of order: ${h.at} comes before the entry above it (${data.history[i - 1].at})`, 'List the entries oldest first');
      if (h.level === ALL_CLEAR && i !== data.history.length - 1) err(['history', i, 'level'], 'The all-clear closes the alert: it must be the last entry', 'Move it to the end, or start a new alert if the problem came back');
      if (h.level === ALL_CLEAR && i === 0) err(['history', i, 'level'], 'The first entry cannot be the all-clear', 'Start with the level the alert was issued at, e.g. level: advisory');
      if (h.note && typeof h.note === 'object')
        for (const lang of languages) if (!h.note[lang]) err(['history', i, 'note'], `The note has no "${lang}" text`, `Add ${lang}: under note, or write one text for every language`);
    });

    // Area.
    if (!data.area.polygon && !data.area.projects.length) err(['area'], 'The alert has no affected area', 'Add area.polygon (a GeoJSON Polygon) and/or area.projects (project folder names)');
    data.area.projects.forEach((slug, i) => {
      if (slugs.includes(slug)) return;
      const guess = slugs.length ? closest(slug, slugs) : undefined;
      err(['area', 'projects', i], `There is no project "${slug}"`, guess && distance(guess, slug) <= Math.max(3, slug.length / 3) ? `Did you mean "${guess}"?` : 'Use the name of a folder under projects/');
    });

    // Templates and placeholders.
    const main = templates.get(data.template);
    const templatePath = (i: number) => (data.history[i].template ? ['history', i, 'template'] : ['template']);
    const missingTemplate = (name: string, p: (string | number)[]) => {
      const known = [...templates.keys()];
      const guess = known.length ? closest(name, known) : undefined;
      const exists = fs.existsSync(path.join(dir, 'templates', `${name}.yaml`));
      err(p, exists ? `The template "${name}" has errors (see alerts/templates/${name}.yaml)` : `There is no approved template "${name}"`, exists ? 'Fix the template first' : guess ? `Did you mean "${guess}"? Templates are the files in alerts/templates/` : 'Add alerts/templates/<name>.yaml with the approved wording');
    };
    if (!main) missingTemplate(data.template, ['template']);
    else if (main.kind !== data.kind) err(['template'], `The template "${data.template}" is for ${main.kind} alerts, but this alert is ${data.kind}`, 'Use the template for this kind of alert, or correct kind');
    const entryTemplates = data.history.map((h, i) => {
      if (!h.template) return main;
      const t = templates.get(h.template);
      if (!t) missingTemplate(h.template, ['history', i, 'template']);
      return t;
    });
    const used = new Set<string>();
    const fillValue = (name: string, lang: string): string | undefined => {
      const v = data.fill[name];
      return typeof v === 'string' ? v : v?.[lang];
    };
    for (const [name, v] of Object.entries(data.fill)) {
      if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) err(['fill', name], `"${name}" cannot be a placeholder name`, 'Write the name as it appears between braces in the template, e.g. area for {area}');
      if (typeof v === 'object') for (const lang of languages) if (!v[lang]) err(['fill', name], `fill.${name} has no "${lang}" text`, `Add ${lang}: under ${name}, or write one text for every language`);
    }
    const wording: Record<string, AlertWording>[] = data.history.map(() => ({}));
    const reported = new Set<string>();
    data.history.forEach((h, i) => {
      const tpl = entryTemplates[i];
      if (!tpl) return;
      for (const lang of languages) {
        const block = tpl.languages[lang];
        const values = { ...automaticValues(data, site, lang), ...Object.fromEntries(Object.keys(data.fill).map((k) => [k, fillValue(k, lang)])) };
        // Check the active wording and the all-clear: the alert can be closed at any time.
        for (const [which, w] of [['active', block], ['allClear', block.allClear]] as const) {
          for (const k of ['headline', 'summary', 'sms', 'instructions'] as const) placeholders(w[k]).forEach((p) => used.add(p));
          const { wording: filled, missing } = fillWording(w, values);
          for (const name of missing) {
            const key = `${tpl.name}:${name}`;
            if (reported.has(key) || (data.fill[name] !== undefined)) continue;
            reported.add(key);
            err(source.has(['fill']) ? ['fill'] : templatePath(i), `The placeholder {${name}} of template "${tpl.name}" is not filled`, `Add it under fill:, e.g. fill: { ${name}: … } (one text, or one per language)`);
          }
          const key = `${tpl.name}:${lang}:${which}:sms`;
          if (!missing.length && filled.sms.length > SMS_MAX && !reported.has(key)) {
            reported.add(key);
            err(source.has(['fill']) ? ['fill'] : templatePath(i), `The SMS text of template "${tpl.name}"${which === 'allClear' ? ' (all-clear)' : ''} in "${lang}" is ${filled.sms.length} characters once filled; at most ${SMS_MAX}`, 'Shorten the values under fill (the approved wording itself cannot change here). The SMS reads: ' + filled.sms);
          }
          if ((which === 'allClear') === (h.level === ALL_CLEAR)) wording[i][lang] = filled;
        }
      }
    });
    for (const name of Object.keys(data.fill))
      if (!used.has(name) && entryTemplates.every(Boolean))
        err(['fill', name], `No template of this alert uses {${name}}`, 'Delete it, or check the spelling against the template', 'warning');

    if (problems.filter((p) => p.severity === 'error').length > before) continue;
    const projectTitle = (slug: string, lang: string) => {
      const p = opts.projects.find((e) => e.slug === slug && e.lang === lang) ?? opts.projects.find((e) => e.slug === slug && e.isBase);
      return p?.data.title ?? slug;
    };
    out.push({
      id: m[1],
      file,
      data,
      polygon: (data.area.polygon as GeoPolygon | GeoMultiPolygon | undefined) ?? null,
      wording,
      notes: data.history.map((h) => Object.fromEntries(languages.flatMap((lang) => { const n = localized(h.note, lang); return n ? [[lang, n]] : []; }))),
      kinds: entryTemplates.map((t) => t!.kind),
      areaDesc: Object.fromEntries(languages.map((lang) => [lang, fillValue('area', lang) ?? data.area.projects.map((s) => projectTitle(s, lang)).join(', ')])),
    });
  }
  return out;
}

function formatField(p: (string | number)[]): string {
  return p.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

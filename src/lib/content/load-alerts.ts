import fs from 'node:fs';
import path from 'node:path';
import type { DateTime } from 'luxon';
import type { Polygon as GeoPolygon, MultiPolygon as GeoMultiPolygon } from 'geojson';
import { closest, distance } from 'fastest-levenshtein';
import type { Site } from '../../schemas/site.ts';
import {
  alertSchema,
  alertTemplateSchema,
  ALL_CLEAR,
  SMS_MAX,
  KIND_INSTRUCTION,
  type AlertData,
  type AlertKind,
  type AlertLevel,
  type AlertTemplateLanguage,
  type AlertWording,
  type Instruction,
  type TemplateKind,
} from '../../schemas/alert.ts';
import { translator } from '../../i18n/index.ts';
import type { Problem } from '../problems.ts';
import { formatPath } from '../problems.ts';
import { parseYamlSource, splitFrontmatter, type SourceDoc } from '../source.ts';
import { validated } from '../zod-problems.ts';
import { brokenPlaceholder, fillWording, localized, placeholders } from '../alerts.ts';
import { checkLadder, findLevel, INSTRUCTION_WORDS, ladderOf, TOLD, UNDER } from '../alert-ladder.ts';
import { startInstant } from '../time.ts';

/**
 * Critical alerts: content/alerts/<id>.mdx, their approved wording in
 * content/alerts/templates/<name>.yaml, and the ladder in site.yaml. Every
 * mistake is reported at its file and line; an alert with an error is left
 * out, so wrong wording is never published.
 */

/** The starter template (src/templates/alerts/) for each instruction. */
const STARTER_FOR: Record<Instruction, string> = {
  informational: 'water-quality',
  conserve: 'low-pressure',
  'no-water': 'unplanned-outage',
  boil: 'boil-water',
  'do-not-drink': 'do-not-drink',
  'do-not-use': 'do-not-use',
  restored: 'all-clear',
};

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
  /** The kind of each history entry's wording (an escalation may switch to another kind's wording). */
  kinds: AlertKind[];
  /** For each history entry: its ladder level (null for the all-clear). */
  levels: (AlertLevel | null)[];
  /** For each history entry: what its wording tells residents. */
  instructions: Instruction[];
  /** For each history entry: the template its wording comes from. */
  templates: string[];
  /** The area in words by language: the {area} value, else the linked project names. */
  areaDesc: Record<string, string>;
}

interface LoadedTemplate {
  name: string;
  file: string;
  source: SourceDoc;
  kind: TemplateKind;
  instruction: Instruction;
  approved: boolean;
  minimumHours?: number;
  languages: Record<string, AlertTemplateLanguage>;
}

const WORDING_KEYS = ['headline', 'summary', 'sms', 'instructions'] as const;

/** The ladder's and the alert settings' own mistakes, at their lines in site.yaml. */
export function checkAlertSettings(site: Site, source: SourceDoc): Problem[] {
  const problems: Problem[] = [];
  const settings = site.alerts;
  if (!settings) return problems;
  const languages = [site.languages.default, ...site.languages.others];
  if (settings.levels)
    for (const p of checkLadder(settings.levels, languages)) {
      const at = ['alerts', 'levels', ...p.path];
      problems.push({ file: 'site.yaml', ...source.locate(at), field: formatPath(at), message: p.message, hint: p.hint, severity: 'error' });
    }
  if (settings.capHorizonHours <= settings.rebuildHours)
    problems.push({
      file: 'site.yaml',
      ...source.locate(['alerts', 'capHorizonHours']),
      field: 'alerts.capHorizonHours',
      message: `CAP messages would expire (after ${settings.capHorizonHours} h) before the next rebuild renews them (every ${settings.rebuildHours} h)`,
      hint: `Make capHorizonHours longer than rebuildHours, e.g. ${settings.rebuildHours * 2}`,
      severity: 'error',
    });
  return problems;
}

/** Placeholders every alert gets without writing them: {until}, {untilWhen}, {level}, {utility}, {phone}. */
function automaticValues(data: AlertData, site: Site, lang: string, levelName: string | undefined): Record<string, string> {
  const t = translator(lang);
  const date = data.expires ? startInstant(data.expires, site.timeZone).setLocale(lang).toLocaleString({ weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }) : undefined;
  return {
    until: date ?? t('alerts.furtherNotice'),
    untilWhen: date ? t('alerts.untilDate', { date }) : t('alerts.untilFurtherNotice'),
    utility: site.name,
    phone: site.contacts.emergency ?? site.contacts.phone,
    ...(levelName ? { level: levelName } : {}),
  };
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
    const { kind, instruction: declared, approved, minimumHours, ...rest } = template as { kind: TemplateKind; instruction?: Instruction; approved?: string | false; minimumHours?: number } & Record<string, AlertTemplateLanguage>;
    const instruction = declared ?? KIND_INSTRUCTION[kind];
    let ok = true;
    const err = (p: (string | number)[], message: string, hint: string, want: 'value' | 'key' = 'value') => {
      ok = false;
      problems.push({ file, ...source.locate(p, want), field: formatPath(p), message, hint, severity: 'error' });
    };
    if ((kind === 'all-clear') !== (instruction === 'restored'))
      err(declared ? ['instruction'] : ['kind'], kind === 'all-clear' ? 'An all-clear template tells residents the water is safe again: its instruction is restored' : `Only an all-clear template has instruction restored; a ${kind} template tells residents something else`, kind === 'all-clear' ? 'Write instruction: restored' : 'Choose the instruction its wording gives: informational, conserve, no-water, boil, do-not-drink or do-not-use');
    for (const lang of languages)
      if (!rest[lang]) {
        ok = false;
        problems.push({ file, ...source.locate(['kind'], 'key'), field: lang, message: `The template has no wording in "${lang}", a site language`, hint: `Add an ${lang}: block with headline, summary, sms, instructions and allClear, approved like the others`, severity: 'error' });
      }
    for (const lang of Object.keys(rest))
      if (!languages.includes(lang))
        problems.push({ file, ...source.locate([lang], 'key'), field: lang, message: `"${lang}" is not one of the site's languages`, hint: `Site languages: ${languages.join(', ')}. Correct the language code, or add it to languages.others in site.yaml`, severity: 'warning' });
    for (const [lang, block] of Object.entries(rest)) {
      if (kind === 'all-clear' && block.allClear) err([lang, 'allClear'], 'An all-clear template is itself the all-clear wording', `Delete ${lang}.allClear; the wording above it is what residents read when an alert is lifted`, 'key');
      // A mistyped placeholder ("{until." or "{ area }") would be published as written, braces and all.
      for (const [part, wording] of [[[lang], block], [[lang, 'allClear'], block.allClear]] as const)
        for (const key of WORDING_KEYS) {
          const stray = brokenPlaceholder(wording?.[key] ?? '');
          if (stray) err([...part, key], `"${stray}" is not a complete placeholder: residents would see the braces`, 'Write a placeholder as a name between braces with no spaces, e.g. {area} or {untilWhen}; braces cannot be used for anything else');
        }
      // The words of a health instruction in every channel of every language.
      const words = INSTRUCTION_WORDS[instruction]?.[lang];
      if (words)
        for (const key of ['summary', 'sms', 'instructions'] as const)
          if (!words.pattern.test(block[key]))
            err([lang, key], `This ${instruction} template's ${lang} ${key === 'summary' ? 'banner line (summary)' : key} never tells residents ${TOLD[instruction]}`, `Say it in so many words (e.g. "${words.example}"), or correct instruction: if this wording is for another kind of alert`);
    }
    if (ok)
      templates.set(m[1], { name: m[1], file, source, kind, instruction, approved: typeof approved === 'string', minimumHours, languages: rest });
  }
  return templates;
}

/** Reads and checks every alert. Alerts with errors are reported and left out. */
export function loadAlerts(opts: { root: string; site: Site | null; projects: { slug: string; lang: string; isBase: boolean; data: { title: string } }[]; problems: Problem[]; now: DateTime }): AlertEntry[] {
  const { root, site, problems, now } = opts;
  const dir = path.join(root, 'alerts');
  if (!site || !fs.existsSync(dir)) return [];
  const zone = site.timeZone;
  const languages = [site.languages.default, ...site.languages.others];
  const ladder = ladderOf(site.alerts);
  const templates = loadAlertTemplates(root, site, problems);
  const slugs = [...new Set(opts.projects.map((p) => p.slug))];
  const out: AlertEntry[] = [];
  const levelIds = ladder.map((l) => l.id);

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
      problems.push({ file, ...source.locate(p), field: formatPath(p), message, hint, severity });
    const last = data.history.length - 1;
    const clear = data.history[last].level === ALL_CLEAR ? data.history[last] : undefined;

    // Times.
    const effective = startInstant(data.effective, zone);
    if (data.expires && startInstant(data.expires, zone) <= effective)
      err(['expires'], `The alert expires (${data.expires}) before it takes effect (${data.effective})`, 'Correct one of the two times, or delete expires: without it the alert stays in force until an all-clear entry lifts it');
    else if (data.expires && now >= startInstant(data.expires, zone) && !(clear && startInstant(clear.at, zone) <= startInstant(data.expires, zone)))
      err(['expires'], `This alert ended by expiry, not lifted: ${data.expires} has passed and no all-clear entry lifts it`, 'If a person lifted it, add a history entry with level: all-clear and the time. If it is still in force, delete expires: the alert then stays in force until further notice', 'warning');
    data.history.forEach((h, i) => {
      const at = startInstant(h.at, zone);
      if (at < effective) err(['history', i, 'at'], `This entry (${h.at}) is before the alert takes effect (${data.effective})`, 'Move effective earlier, or correct this time');
      if (i > 0 && at < startInstant(data.history[i - 1].at, zone)) err(['history', i, 'at'], `The history is out of order: ${h.at} comes before the entry above it (${data.history[i - 1].at})`, 'List the entries oldest first');
      if (h.level === ALL_CLEAR && i !== last) err(['history', i, 'level'], 'The all-clear closes the alert: it must be the last entry', 'Move it to the end, or start a new alert if the problem came back');
      if (h.level === ALL_CLEAR && i === 0) err(['history', i, 'level'], 'The first entry cannot be the all-clear', `Start with the level the alert was issued at, e.g. level: ${levelIds[0]}`);
      if (h.note && typeof h.note === 'object')
        for (const lang of languages) if (!h.note[lang]) err(['history', i, 'note'], `The note has no "${lang}" text`, `Add ${lang}: under note, or write one text for every language`);
    });

    // Levels: the site's ladder.
    const levels = data.history.map((h, i) => {
      if (h.level === ALL_CLEAR) return null;
      const found = findLevel(ladder, h.level);
      if (!found) {
        const guess = closest(h.level, levelIds);
        err(['history', i, 'level'], `There is no level "${h.level}" on the ladder`, `${distance(guess, h.level) <= Math.max(3, h.level.length / 3) ? `Did you mean "${guess}"? ` : ''}The levels, lowest first: ${levelIds.join(', ')}, and all-clear to lift the alert${site.alerts?.levels ? ' (site.yaml, alerts.levels)' : ''}`);
      }
      return found?.level ?? null;
    });

    // Area.
    if (!data.area.polygon && !data.area.projects.length) err(['area'], 'The alert has no affected area', 'Add area.polygon (a GeoJSON Polygon) and/or area.projects (project folder names)');
    data.area.projects.forEach((slug, i) => {
      if (slugs.includes(slug)) return;
      const guess = slugs.length ? closest(slug, slugs) : undefined;
      err(['area', 'projects', i], `There is no project "${slug}"`, guess && distance(guess, slug) <= Math.max(3, slug.length / 3) ? `Did you mean "${guess}"?` : 'Use the name of a folder under projects/');
    });

    // Templates: the wording in force at each entry is the last one named at or before it.
    const main = templates.get(data.template);
    const missingTemplate = (name: string, p: (string | number)[]) => {
      const known = [...templates.keys()];
      const guess = known.length ? closest(name, known) : undefined;
      const exists = fs.existsSync(path.join(dir, 'templates', `${name}.yaml`));
      err(p, exists ? `The template "${name}" has errors (see alerts/templates/${name}.yaml)` : `There is no approved template "${name}"`, exists ? 'Fix the template first' : guess ? `Did you mean "${guess}"? Templates are the files in alerts/templates/` : `Add alerts/templates/${name}.yaml with the approved wording (npm run new -- --alert ${name} copies a starter when one exists)`);
    };
    if (!main) missingTemplate(data.template, ['template']);
    else if (main.kind !== data.kind) err(['template'], `The template "${data.template}" is for ${main.kind} alerts, but this alert is ${data.kind}`, 'Use the template for this kind of alert, or correct kind');
    const templatePath = (i: number): (string | number)[] => {
      for (let j = i; j >= 0; j--) if (data.history[j].template) return ['history', j, 'template'];
      return ['template'];
    };
    const entryTemplates: (LoadedTemplate | undefined)[] = [];
    data.history.forEach((h, i) => {
      if (!h.template) return entryTemplates.push(i === 0 ? main : entryTemplates[i - 1]);
      const t = templates.get(h.template);
      if (!t) missingTemplate(h.template, ['history', i, 'template']);
      entryTemplates.push(t);
    });

    const fillValue = (name: string, lang: string): string | undefined => {
      const v = data.fill[name];
      return typeof v === 'string' ? v : v?.[lang];
    };
    for (const [name, v] of Object.entries(data.fill)) {
      if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) err(['fill', name], `"${name}" cannot be a placeholder name`, 'Write the name as it appears between braces in the template, e.g. area for {area}');
      if (typeof v === 'object') for (const lang of languages) if (!v[lang]) err(['fill', name], `fill.${name} has no "${lang}" text`, `Add ${lang}: under ${name}, or write one text for every language`);
    }
    const levelName = (i: number, lang: string) => {
      const level = levels[i] ?? levels.slice(0, i).reverse().find(Boolean);
      return level?.name[lang];
    };

    // The wording of each entry in every language, and the level it must match.
    const wording: Record<string, AlertWording>[] = data.history.map(() => ({}));
    const instructions: Instruction[] = [];
    const used = new Set<string>();
    const reported = new Set<string>();
    data.history.forEach((h, i) => {
      const tpl = entryTemplates[i];
      if (!tpl) return;
      const isClear = h.level === ALL_CLEAR;
      // The all-clear reads the all-clear template, or the allClear block of the wording in force.
      const clearFromBlock = isClear && tpl.instruction !== 'restored';
      instructions[i] = isClear ? 'restored' : tpl.instruction;
      const level = levels[i];
      if (isClear && clearFromBlock && languages.some((lang) => !tpl.languages[lang]?.allClear)) {
        const fits = [...templates.values()].filter((t) => t.instruction === 'restored').map((t) => t.name);
        err(['history', i, 'level'], `The template in force ("${tpl.name}") has no allClear wording, so residents would not be told the alert is lifted`, fits.length ? `Add template: ${fits[0]} to this entry, or add allClear: to ${tpl.file}` : `Add allClear: to ${tpl.file}, or copy the all-clear starter: npm run new -- --alert all-clear`);
        return;
      }
      if (level && level.instruction !== tpl.instruction) {
        const fits = [...templates.values()].filter((t) => t.instruction === level.instruction).map((t) => t.name);
        const would = languages.map((lang) => `"${fillWording(tpl.languages[lang], automaticValues(data, site, lang, level.name[lang])).wording.summary}"`).join(' / ');
        err(
          ['history', i, 'level'],
          `Residents would be told ${TOLD[tpl.instruction]} under ${UNDER[level.instruction]}: the level "${level.id}" needs ${level.instruction} wording, and the wording in force is the "${tpl.name}" template (${tpl.instruction})`,
          `${fits.length ? `Add template: ${fits[0]} to this entry${fits.length > 1 ? ` (templates that fit: ${fits.join(', ')})` : ''}` : `No template gives ${level.instruction} wording yet: add one to alerts/templates/ (npm run new -- --alert ${STARTER_FOR[level.instruction]} copies a starter) and name it here with template:`}, or correct the level. The banner would read: ${would}`,
        );
        return;
      }
      for (const lang of languages) {
        const block = tpl.languages[lang];
        const values = { ...automaticValues(data, site, lang, levelName(i, lang)), ...Object.fromEntries(Object.keys(data.fill).map((k) => [k, fillValue(k, lang)])) };
        // Check the wording in force and its all-clear: the alert can be lifted at any time.
        const variants: [string, AlertWording | undefined][] = tpl.instruction === 'restored' ? [['allClear', block]] : [['active', block], ['allClear', block.allClear]];
        for (const [which, w] of variants) {
          if (!w) continue;
          for (const k of WORDING_KEYS) placeholders(w[k]).forEach((p) => used.add(p));
          const { wording: filled, missing } = fillWording(w, values);
          for (const name of missing) {
            const key = `${tpl.name}:${name}`;
            if (reported.has(key) || data.fill[name] !== undefined) continue;
            reported.add(key);
            err(source.has(['fill']) ? ['fill'] : templatePath(i), `The placeholder {${name}} of template "${tpl.name}" is not filled`, `Add it under fill:, e.g. fill: { ${name}: … } (one text, or one per language)`);
          }
          const key = `${tpl.name}:${lang}:${which}:sms`;
          if (!missing.length && filled.sms.length > SMS_MAX && !reported.has(key)) {
            reported.add(key);
            err(source.has(['fill']) ? ['fill'] : templatePath(i), `The SMS text of template "${tpl.name}"${which === 'allClear' ? ' (all-clear)' : ''} in "${lang}" is ${filled.sms.length} characters once filled; at most ${SMS_MAX}`, 'Shorten the values under fill (the approved wording itself cannot change here). The SMS reads: ' + filled.sms);
          }
          if ((which === 'allClear') === isClear) wording[i][lang] = filled;
        }
      }
    });
    // {until} is a bare date: without expires it reads "further notice", and "hasta el {until}" would read "hasta el nuevo aviso".
    if (!data.expires) {
      const dated = [...new Set(entryTemplates.filter((t) => t && Object.values(t.languages).some((b) => [b, b.allClear].some((w) => w && WORDING_KEYS.some((k) => placeholders(w[k]).includes('until'))))).map((t) => t!.name))];
      for (const name of dated)
        err(['template'], `The template "${name}" uses {until}, a date, but this alert has no expires (it is in force until further notice)`, 'Write {untilWhen} in the template instead of "until {until}": it reads "until further notice" / "hasta nuevo aviso", or "until" the planned end when there is one', 'warning');
    }
    for (const name of Object.keys(data.fill))
      if (!used.has(name) && entryTemplates.every(Boolean) && !['level', 'until', 'untilWhen', 'utility', 'phone'].includes(name))
        err(['fill', name], `No template of this alert uses {${name}}`, 'Delete it, or check the spelling against the template', 'warning');

    // Wording nobody approved must not reach residents unnoticed.
    if (!data.drill) {
      const warned = new Set<string>();
      data.history.forEach((_, i) => {
        const tpl = entryTemplates[i];
        if (!tpl || tpl.approved || warned.has(tpl.name)) return;
        warned.add(tpl.name);
        err(
          templatePath(i),
          `The template "${tpl.name}" is not approved yet (approved: in ${tpl.file}), and this is a live alert`,
          'Have the wording approved by whoever signs off public-health notices at your utility (usually the operations director and legal counsel; for boil-water and do-not-drink wording, check your state drinking-water program\'s required language), then write who and when in the template, e.g. approved: Operations director and legal counsel, 2026-05-04',
          'warning',
        );
      });
    }

    // An all-clear too soon: e.g. boil water needs two sets of clean samples 24 h apart.
    if (clear && last > 0) {
      const longest = entryTemplates.slice(0, last).reduce<LoadedTemplate | undefined>((a, t) => ((t?.minimumHours ?? 0) > (a?.minimumHours ?? 0) ? t : a), undefined);
      const hours = startInstant(clear.at, zone).diff(effective, 'hours').hours;
      if (longest?.minimumHours && hours < longest.minimumHours)
        err(['history', last, 'at'], `The all-clear comes ${Math.round(hours * 10) / 10} hours after the alert took effect; the "${longest.name}" template says such an alert lasts at least ${longest.minimumHours} hours`, 'Lifting usually needs clean lab results over that time (for boil water: two sets of samples at least 24 hours apart). Check the time and the results before you publish the all-clear', 'warning');
    }

    if (problems.filter((p) => p.severity === 'error').length > before) continue;
    const projectTitle = (slug: string, lang: string) => {
      const p = opts.projects.find((e) => e.slug === slug && e.lang === lang) ?? opts.projects.find((e) => e.slug === slug && e.isBase);
      return p?.data.title ?? slug;
    };
    const kinds: AlertKind[] = [];
    entryTemplates.forEach((t, i) => kinds.push(t!.kind === 'all-clear' ? (kinds[i - 1] ?? data.kind) : t!.kind));
    out.push({
      id: m[1],
      file,
      data,
      polygon: (data.area.polygon as GeoPolygon | GeoMultiPolygon | undefined) ?? null,
      wording,
      notes: data.history.map((h) => Object.fromEntries(languages.flatMap((lang) => { const n = localized(h.note, lang); return n ? [[lang, n]] : []; }))),
      kinds,
      levels,
      instructions,
      templates: entryTemplates.map((t) => t!.name),
      areaDesc: Object.fromEntries(languages.map((lang) => [lang, fillValue('area', lang) ?? data.area.projects.map((s) => projectTitle(s, lang)).join(', ')])),
    });
  }
  if (out.some((a) => !a.data.drill) && !site.alerts?.same)
    problems.push({ file: 'site.yaml', line: 0, column: 0, field: 'alerts.same', message: 'The CAP files for emergency systems carry no SAME county codes', hint: 'Add alerts: { same: { geocodes: ["0SSCCC"] } } to site.yaml with your counties\' 6-digit codes (0, state FIPS, county FIPS), so the county emergency office can relay them through IPAWS', severity: 'warning' });
  return out;
}

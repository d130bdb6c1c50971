import {
  ALL_CLEAR,
  CAP_SEVERITIES,
  type AlertKind,
  type AlertLevel,
  type AlertSettings,
  type Instruction,
  type TemplateKind,
} from '../schemas/alert.ts';

/**
 * The utility's ladder of alert levels (site.yaml `alerts.levels`, lowest
 * first), the starter ladder used when site.yaml declares none, and what each
 * instruction means in words. Pure: no file system.
 */

/**
 * The starter ladder: US drinking-water practice (e.g. Kalamazoo, Toledo):
 * Boil Water Advisory (precautionary) → Boil Water Notice (mandatory) → Do Not
 * Drink → Do Not Use, below them an outage and low pressure, and a
 * water-quality notice at the bottom. The aliases are the fixed levels of
 * Underway before the ladder, so alerts written then keep working.
 */
export const STARTER_LADDER: AlertLevel[] = [
  level('water-quality', [], 'Water Quality Notice', 'Aviso sobre la calidad del agua', 'informational', 'Expected', 'Minor', 'Observed'),
  level('low-pressure', ['notice'], 'Low Water Pressure', 'Baja presión de agua', 'conserve', 'Expected', 'Minor', 'Observed'),
  level('outage', [], 'Water Outage', 'Corte de agua', 'no-water', 'Immediate', 'Moderate', 'Observed'),
  level('boil-water-advisory', ['advisory'], 'Boil Water Advisory', 'Aviso preventivo de hervir el agua', 'boil', 'Immediate', 'Moderate', 'Possible'),
  level('boil-water-notice', ['warning'], 'Boil Water Notice', 'Orden de hervir el agua', 'boil', 'Immediate', 'Severe', 'Likely'),
  level('do-not-drink', [], 'Do Not Drink', 'No beber el agua', 'do-not-drink', 'Immediate', 'Severe', 'Observed'),
  level('do-not-use', [], 'Do Not Use', 'No usar el agua', 'do-not-use', 'Immediate', 'Extreme', 'Observed'),
];

/** One level of the starter ladder, named in English and Spanish. */
function level(id: string, aliases: string[], en: string, es: string, instruction: AlertLevel['instruction'], urgency: AlertLevel['cap']['urgency'], severity: AlertLevel['cap']['severity'], certainty: AlertLevel['cap']['certainty']): AlertLevel {
  return { id, aliases, name: { en, es }, instruction, cap: { urgency, severity, certainty } };
}

/** The site's ladder: its own, or the starter ladder. */
export function ladderOf(settings: AlertSettings | undefined): AlertLevel[] {
  return settings?.levels ?? STARTER_LADDER;
}

/** The level an id (or alias) names, with its rank (0 = lowest); null when the ladder has none. */
export function findLevel(ladder: AlertLevel[], id: string): { level: AlertLevel; rank: number } | null {
  const rank = ladder.findIndex((l) => l.id === id || l.aliases.includes(id));
  return rank < 0 ? null : { level: ladder[rank], rank };
}

/** The rank of a history level: its place on the ladder; all-clear (or unknown) -1. */
export function levelRank(ladder: AlertLevel[], id: string): number {
  return id === ALL_CLEAR ? -1 : (findLevel(ladder, id)?.rank ?? -1);
}

/** A problem with the ladder itself, by its path under alerts.levels. */
export interface LadderProblem {
  path: (string | number)[];
  message: string;
  hint: string;
}

/**
 * The ladder's own mistakes: a severity that goes down as the level goes up,
 * a level named twice, a reserved id, a level without a name in a site language.
 */
export function checkLadder(ladder: AlertLevel[], languages: string[]): LadderProblem[] {
  const out: LadderProblem[] = [];
  const seen = new Map<string, number>();
  ladder.forEach((level, i) => {
    for (const id of [level.id, ...level.aliases]) {
      if (id === ALL_CLEAR) out.push({ path: [i, 'id'], message: 'all-clear is not a level: it is the entry that lifts an alert', hint: 'Give this level another id' });
      const first = seen.get(id);
      if (first !== undefined) out.push({ path: [i, 'id'], message: `"${id}" names two levels (number ${first + 1} and ${i + 1})`, hint: 'Each level id and alias may be used once' });
      else seen.set(id, i);
    }
    for (const lang of languages)
      if (!level.name[lang]) out.push({ path: [i, 'name'], message: `The level "${level.id}" has no name in "${lang}", a site language`, hint: `Add ${lang}: under name, e.g. name: { ${languages.map((l) => `${l}: …`).join(', ')} }` });
    if (i === 0) return;
    const before = ladder[i - 1];
    const rank = CAP_SEVERITIES.indexOf(level.cap.severity);
    const prevRank = CAP_SEVERITIES.indexOf(before.cap.severity);
    if (rank < prevRank)
      out.push({
        path: [i, 'cap', 'severity'],
        message: `The CAP severity goes down as the level goes up: "${level.id}" is ${level.cap.severity}, below "${before.id}" (${before.cap.severity})`,
        hint: `List the levels lowest first, and give each a severity at least as high as the level before it (${CAP_SEVERITIES.join(' < ')}); emergency systems rank alerts by it`,
      });
  });
  return out;
}

/** What residents would be told, in words for the checker: "to boil water". */
export const TOLD: Record<Instruction, string> = {
  informational: 'that the water is safe to use as usual',
  conserve: 'to use less water',
  'no-water': 'that the water is off',
  boil: 'to boil water',
  'do-not-drink': 'not to drink the water',
  'do-not-use': 'not to use the water at all',
  restored: 'that the water is safe again',
};

/** The order or notice that requires an instruction, in words: "a do-not-drink order". */
export const UNDER: Record<Instruction, string> = {
  informational: 'a water-quality notice',
  conserve: 'a low-pressure notice',
  'no-water': 'an outage',
  boil: 'a boil-water order',
  'do-not-drink': 'a do-not-drink order',
  'do-not-use': 'a do-not-use order',
  restored: 'an all-clear',
};

/**
 * Words that wording of a health instruction must contain, per language, in
 * the banner line, the SMS and the instructions: a Spanish block copied from
 * the boil-water template into a do-not-drink one would fail. Only the
 * health-critical instructions, and only languages listed here, are checked.
 */
export const INSTRUCTION_WORDS: Partial<Record<Instruction, Record<string, { pattern: RegExp; example: string }>>> = {
  boil: {
    en: { pattern: /\bboil/i, example: 'boil' },
    es: { pattern: /hierv|herv/i, example: 'hierva' },
  },
  'do-not-drink': {
    en: { pattern: /\b(do not|don['’]t|never|not safe to) drink/i, example: 'do not drink' },
    es: { pattern: /\bno (la |lo )?(beba|tome|consuma|beber|tomar)\b/i, example: 'no beba' },
  },
  'do-not-use': {
    en: { pattern: /\b(do not|don['’]t|never) use\b/i, example: 'do not use' },
    es: { pattern: /\bno (la |lo )?(use|usar|utilice|utilizar)\b/i, example: 'no use' },
  },
};

/** The usual SAME event code of each kind (no SAME code is specific to drinking water). */
export const SAME_EVENT_CODES: Record<TemplateKind, string> = {
  'boil-water': 'LAE',
  'do-not-drink': 'CDW',
  'do-not-use': 'CDW',
  'water-quality': 'LAE',
  'unplanned-outage': 'LAE',
  'low-pressure': 'LAE',
  other: 'LAE',
  'all-clear': 'ADR',
};

/** The SAME event code of a kind, with the site's override. */
export function sameEventCode(settings: AlertSettings | undefined, kind: AlertKind | 'all-clear'): string {
  return settings?.same?.eventCodes[kind] ?? SAME_EVENT_CODES[kind];
}

import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'astro/zod';
import { formatPath, type Path, type Problem } from './problems.ts';
import type { SourceDoc } from './source.ts';

/**
 * Turns zod's issues into problems an editor can act on: plain words, the line,
 * the allowed values, and "did you mean" for typos. (Modelled on Starlight's
 * error map, but we also resolve every issue to a source position.)
 */
/**
 * The value parsed by a schema, or null with its problems (file, line, field,
 * hint) added to `problems`.
 */
export function validated<S extends z.ZodType>(source: SourceDoc, schema: S, problems: Problem[], input: unknown = source.data ?? {}): z.output<S> | null {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  problems.push(...zodProblems(source, schema, parsed.error));
  return null;
}

export function zodProblems(source: SourceDoc, schema: z.ZodType, error: z.ZodError, basePath: Path = []): Problem[] {
  const problems: Problem[] = [];
  for (const issue of flattenIssues(error.issues as Issue[], source.data, basePath)) {
    problems.push(...issueToProblems(source, schema, issue, basePath));
  }
  return dedupe(problems);
}

type Issue = z.core.$ZodIssue & { input?: unknown };

/** Unions hide their real issue in a branch: pick the branch that got furthest. */
function flattenIssues(issues: Issue[], data: unknown, basePath: Path): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors?.length) {
      const branches = issue.errors as Issue[][];
      const scored = branches
        .map((branch) => ({ branch, score: branchScore(branch, issue.path.length) }))
        .sort((a, b) => b.score - a.score);
      const best = scored[0];
      if (best && best.score > 0) {
        out.push(
          ...flattenIssues(
            best.branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] })),
            data,
            basePath,
          ),
        );
        continue;
      }
    }
    out.push(issue);
  }
  return out;
}

function branchScore(branch: Issue[], depth: number): number {
  // A branch that failed at the root only because of the wrong type got nowhere.
  if (branch.every((i) => i.code === 'invalid_type' && i.path.length === 0)) return 0;
  return 1 + Math.max(...branch.map((i) => i.path.length + depth)) - branch.length / 1000;
}

function issueToProblems(source: SourceDoc, schema: z.ZodType, issue: Issue, basePath: Path): Problem[] {
  const path = [...basePath, ...(issue.path as (string | number)[])];
  const field = formatPath(path);
  const base = { file: source.file, severity: 'error' as const };

  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, issue.path as Path);
    return issue.keys.map((key) => {
      const suggestion = known.length ? closest(key, known) : undefined;
      const close = suggestion && distance(key, suggestion) <= Math.max(2, Math.floor(key.length / 3));
      return {
        ...base,
        ...source.locate([...path, key], 'key'),
        field: formatPath([...path, key]),
        message: `Unknown field "${key}"`,
        hint: close
          ? `Did you mean "${suggestion}"?`
          : known.length
            ? `Fields allowed here: ${known.join(', ')}`
            : undefined,
      };
    });
  }

  const missing = !source.has(path);
  const location = source.locate(path, missing ? 'key' : 'value');

  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && missing && issue.input === undefined) {
    const name = String(path[path.length - 1]);
    return [
      {
        ...base,
        ...location,
        field,
        message: `Missing required field "${name}"`,
        hint: FIELD_HINTS[name] ? `Add it, e.g. ${FIELD_HINTS[name]}` : 'Add it; see the template in the README',
      },
    ];
  }

  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map(String);
    const got = String(issue.input);
    const suggestion = allowed.length ? closest(got, allowed) : undefined;
    const close = suggestion && distance(got, suggestion) <= Math.max(2, Math.floor(got.length / 3));
    if (allowed.length === 1) {
      return [{ ...base, ...location, field, message: issue.message.startsWith('Invalid input') ? `Expected "${allowed[0]}"` : issue.message }];
    }
    return [
      {
        ...base,
        ...location,
        field,
        message: `"${got}" is not an allowed value. Allowed: ${allowed.join(', ')}`,
        hint: close ? `Did you mean "${suggestion}"?` : undefined,
      },
    ];
  }

  if (issue.code === 'invalid_type') {
    return [
      {
        ...base,
        ...location,
        field,
        message: issue.message.startsWith('Invalid input')
          ? `Expected ${describeType(issue.expected)} but found ${describeValue(issue.input)}`
          : issue.message,
        hint: typeHint(issue.expected, issue.input),
      },
    ];
  }

  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const [message, hint] = splitHint(sizeMessage(issue));
    return [{ ...base, ...location, field, message, hint }];
  }

  if (issue.code === 'invalid_format') {
    const message = issue.message.startsWith('Invalid') ? formatMessage(issue.format) : issue.message;
    return [{ ...base, ...location, field, message }];
  }

  if (issue.code === 'invalid_union') {
    return [{ ...base, ...location, field, message: issue.message === 'Invalid input' ? 'This value has the wrong shape' : issue.message }];
  }

  const [message, hint] = splitHint(issue.message);
  return [{ ...base, ...location, field, message, hint }];
}

/** Messages may carry a hint after ". Hint: ". */
function splitHint(message: string): [string, string | undefined] {
  const at = message.indexOf('. Hint: ');
  return at === -1 ? [message, undefined] : [message.slice(0, at), message.slice(at + 8)];
}

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  // Our schemas' own messages win; zod's defaults read "Too big: expected …".
  if (!/^Too (big|small):/.test(issue.message)) return issue.message;
  const small = issue.code === 'too_small';
  const n = Number((issue as { minimum?: unknown; maximum?: unknown })[small ? 'minimum' : 'maximum']);
  switch (issue.origin) {
    case 'string':
      return small ? (n <= 1 ? 'This must not be empty' : `Must be at least ${n} characters`) : `Must be at most ${n} characters`;
    case 'array':
      return small ? `Needs at least ${n} item${n === 1 ? '' : 's'}` : `Has too many items (at most ${n})`;
    default:
      return small ? `Must be at least ${n}` : `Must be at most ${n}`;
  }
}

function formatMessage(format: string): string {
  switch (format) {
    case 'email':
      return 'Expected an email address, e.g. projects@example.org';
    case 'url':
      return 'Expected a web address starting with https://';
    case 'regex':
      return 'This value is not in the expected format';
    default:
      return `Expected a valid ${format}`;
  }
}

function describeType(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a group of fields';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `the text "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
}

function typeHint(expected: string, input: unknown): string | undefined {
  if (expected === 'array' && typeof input === 'string') return `Write a list, e.g. [${input}] or one "- item" per line`;
  if (expected === 'number' && typeof input === 'string')
    return 'Write the number without quotes, currency signs or commas, e.g. 4200000';
  if (expected === 'string' && typeof input === 'number') return 'Put the value in quotes';
  if (expected === 'boolean') return 'Write true or false';
  if (input === null) return 'The field is there but empty: give it a value or delete the line';
  return undefined;
}

/** Example values for required fields, shown when one is missing. */
const FIELD_HINTS: Record<string, string> = {
  title: 'title: Elm Street water main replacement',
  summary: 'summary: We are replacing the 100-year-old water main under Elm Street.',
  type: 'type: water-main',
  neighborhoods: 'neighborhoods: [Riverside]',
  location: 'location: { lat: 44.98, lon: -93.27 }',
  timeline: 'timeline: with one "- phase:" entry per phase',
  phase: 'phase: construction',
  start: 'start: 2027-03-03',
  end: 'end: 2027-06-30',
  description: 'description: Crews replace the main one block at a time.',
  id: 'id: spring-open-house',
  kind: 'kind: open-house',
  street: 'street: Elm St',
  alt: 'alt: Crew lowering a new blue water pipe into a trench on Elm Street',
  src: 'src: ./hero.jpg',
  name: 'name: Lakeview Water',
  timeZone: 'timeZone: America/Chicago',
  url: 'url: https://projects.example.org',
  question: 'question: Will my water be shut off?',
  answer: 'answer: Yes, for up to 6 hours. We will leave a notice 48 hours before.',
  date: 'date: 2027-03-03',
};

/** The field names an object schema allows at a path (for "did you mean"). */
export function keysAt(schema: z.ZodType, path: Path): string[] {
  let current: unknown = schema;
  for (const part of path) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return [];
    if (def.type === 'object' && typeof part === 'string') current = (def.shape as Record<string, unknown>)[part];
    else if (def.type === 'array' && typeof part === 'number') current = def.element;
    else if (def.type === 'union' || def.type === 'discriminated_union') {
      const options = def.options as unknown[];
      current = options.find((o) => (unwrap(o) as { _zod: { def: { type: string } } })._zod.def.type === 'object') ?? options[0];
      current = unwrap(current);
      const inner = (current as { _zod: { def: Record<string, unknown> } })._zod.def;
      current = typeof part === 'string' ? (inner.shape as Record<string, unknown>)?.[part] : inner.element;
    } else return [];
  }
  current = unwrap(current);
  const def = (current as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  if (def?.type === 'union' || def?.type === 'discriminated_union') {
    const keys = new Set<string>();
    for (const o of def.options as unknown[]) {
      const d = (unwrap(o) as { _zod: { def: Record<string, unknown> } })._zod.def;
      if (d.type === 'object') Object.keys(d.shape as object).forEach((k) => keys.add(k));
    }
    return [...keys];
  }
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { _zod?: { def?: Record<string, unknown> } } | undefined;
  for (let i = 0; i < 20 && current?._zod?.def; i++) {
    const def = current._zod.def;
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type as string))
      current = def.innerType as typeof current;
    else if (def.type === 'pipe') current = (def.in as { _zod: { def: { type: string } } })._zod.def.type === 'transform' ? (def.out as typeof current) : (def.in as typeof current);
    else break;
  }
  return current;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.field}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

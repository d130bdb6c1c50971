/** One thing wrong (or worth a look) in an editor's file. */
export interface Problem {
  /** Path relative to the content folder, e.g. projects/elm-street/index.mdx */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  /** The field, as a dotted path, e.g. timeline[2].end; empty for the whole file. */
  field: string;
  message: string;
  /** How to fix it, when we can tell. */
  hint?: string;
  severity: 'error' | 'warning';
}

export type Path = readonly (string | number)[];

/** Dotted path the way an editor reads it: meetings[1].venue.name */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/** Sorted by file, then line, so the report reads top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}

/** `file:line:column  field  message` plus an indented hint, one problem per block. */
export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  const label = p.severity === 'error' ? 'error' : 'warning';
  const head = `${where}  ${p.field || '(file)'}  ${label}: ${p.message}`;
  return p.hint ? `${head}\n    hint: ${p.hint}` : head;
}

export function formatReport(problems: Problem[]): string {
  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === 'error').length;
  const warnings = sorted.length - errors;
  const lines = sorted.map(formatProblem);
  const files = new Set(sorted.filter((p) => p.severity === 'error').map((p) => p.file)).size;
  lines.push(
    errors
      ? `\n${errors} error${errors === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}. Nothing was published; fix the errors and run again.`
      : `\nNo errors, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  );
  return lines.join('\n');
}

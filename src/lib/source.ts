import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Path, Problem } from './problems.ts';

/**
 * YAML (and JSON, which is YAML) parsed with source positions, so every problem
 * can name the line an editor has to change.
 */
export interface SourceDoc {
  file: string;
  data: unknown;
  /** 1-based line of the first YAML line within the file (frontmatter starts at 2). */
  lineOffset: number;
  locate(path: Path, want?: 'value' | 'key'): { line: number; column: number };
  /** Whether the key at this path was written by the editor (not filled by a default). */
  has(path: Path): boolean;
}

export function parseYamlSource(
  file: string,
  text: string,
  lineOffset = 1,
): { source?: SourceDoc; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const problems: Problem[] = [];
  const toPos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset - 1, column: col };
  };
  const seen = new Set<number>();
  for (const error of doc.errors) {
    // One mistake often trips several parser errors at the same spot: report it once.
    if (seen.has(error.pos[0])) continue;
    seen.add(error.pos[0]);
    const overIndented = ['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY'].includes(error.code)
      ? findOverIndentedLine(text, lineCounter.linePos(error.pos[0]).line)
      : null;
    if (overIndented) {
      problems.push({
        file,
        line: overIndented.line + lineOffset - 1,
        column: overIndented.column,
        field: '',
        message: 'YAML syntax error: this line is indented further than the field above it',
        hint: yamlHint('BAD_INDENT'),
        severity: 'error',
      });
      continue;
    }
    const pos = toPos(error.pos[0]);
    problems.push({
      file,
      ...pos,
      field: '',
      message: yamlMessage(error.code, error.message),
      hint: yamlHint(error.code),
      severity: 'error',
    });
  }
  if (problems.length) return { problems };
  const source: SourceDoc = {
    file,
    data: doc.toJS({ maxAliasCount: 100 }),
    lineOffset,
    locate(path, want = 'value') {
      const { node, key } = walk(doc, path);
      const target = want === 'key' && key ? key : node;
      const offset = target?.range?.[0] ?? 0;
      return toPos(offset);
    },
    has(path) {
      return walk(doc, path).exact;
    },
  };
  return { source, problems };
}

/**
 * JSON (GeoJSON files) read with JSON.parse, which is many times faster than the
 * YAML parser; the YAML parser runs only when a problem needs a line number, or
 * when the text is not valid JSON (for the same syntax messages as YAML files).
 */
export function parseJsonSource(file: string, text: string): { source?: SourceDoc; problems: Problem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return parseYamlSource(file, text);
  }
  // JSON.parse keeps the last of two equal keys silently; the YAML parser reports them.
  if (keysWritten(text) !== keysParsed(data)) return parseYamlSource(file, text);
  let positioned: SourceDoc | null | undefined;
  const withPositions = () => (positioned ??= parseYamlSource(file, text).source ?? null);
  const source: SourceDoc = {
    file,
    data,
    lineOffset: 1,
    locate: (path, want) => withPositions()?.locate(path, want) ?? { line: 0, column: 0 },
    has: (path) => withPositions()?.has(path) ?? false,
  };
  return { source, problems: [] };
}

/** How many object keys the JSON text writes (strings followed by a colon). */
export function keysWritten(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    let j = i + 1;
    while (j < text.length && (text[j] === ' ' || text[j] === '\n' || text[j] === '\r' || text[j] === '\t')) j++;
    if (text[j] === ':') count++;
  }
  return count;
}

/** How many keys the parsed value holds, at every depth. */
function keysParsed(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + keysParsed(v), 0);
  if (value && typeof value === 'object') return Object.entries(value).reduce((n, [, v]) => n + 1 + keysParsed(v), 0);
  return 0;
}

/** The deepest node that exists along `path`, and whether the whole path exists. */
function walk(doc: Document, path: Path): { node: Node | null; key: Node | null; exact: boolean } {
  let node: Node | null = doc.contents as Node | null;
  let key: Node | null = null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) return { node, key, exact: false };
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part]) {
      key = null;
      node = node.items[part] as Node;
    } else {
      return { node, key, exact: false };
    }
  }
  return { node, key, exact: true };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'The same field is written twice';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `YAML syntax error: ${first}`;
    default:
      return `YAML syntax error: ${first}`;
  }
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Delete one of the two, or merge them';
    case 'BAD_INDENT':
      return 'Check the spaces at the start of this line: items of one list or map line up exactly, and tabs are not allowed';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'A value with a colon followed by a space must be put in quotes, e.g. title: "Phase 2: restoration"';
    default:
      return 'Text containing a colon followed by a space, or starting with [ { # & * ! | > \' " % @ `, must be put in quotes';
  }
}

/** Splits an MDX/Markdown file into its YAML frontmatter and its body. */
export function splitFrontmatter(text: string): { yaml: string; yamlLine: number; body: string; bodyLine: number } | null {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(\r?\n|$)/.exec(text);
  if (!match) return null;
  const yamlText = match[1];
  const bodyLine = match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0) + 1;
  return { yaml: yamlText, yamlLine: 2, body: text.slice(match[0].length), bodyLine };
}

/** A "key: value" line indented deeper than the key line before it, where a value was already given. */
function findOverIndentedLine(text: string, fromLine: number): { line: number; column: number } | null {
  const lines = text.split('\n');
  const indent = (l: string) => l.length - l.trimStart().length;
  for (let i = fromLine; i < lines.length && i < fromLine + 3; i++) {
    const prev = lines[i - 1];
    const line = lines[i];
    if (!line?.trim() || !prev?.trim()) continue;
    const prevHasValue = /:\s+\S/.test(prev.replace(/^\s*-\s+/, ''));
    if (prevHasValue && indent(line) > indent(prev.replace(/^(\s*)-\s+/, '$1  ')) && /^[\w"'-]+\s*:/.test(line.trim()))
      return { line: i + 1, column: indent(line) + 1 };
  }
  return null;
}

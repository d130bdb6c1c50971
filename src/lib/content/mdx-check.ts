import { createProcessor } from '@mdx-js/mdx';
import { distance } from 'fastest-levenshtein';
import fs from 'node:fs';
import path from 'node:path';
import { ALLOWED_HTML, MDX_COMPONENTS, parseChartData } from '../mdx-components.ts';
import type { Problem } from '../problems.ts';
import { isSafeUrl } from '../urls.ts';
import { plainLanguageFinding } from './plain-language.ts';

interface MdxNode {
  type: string;
  name?: string | null;
  url?: string;
  alt?: string | null;
  value?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdxNode[];
  position?: { start: { line: number; column: number } };
  data?: { estree?: { body?: unknown[]; comments?: unknown[] } };
}

const processor = createProcessor({ format: 'mdx' });

/**
 * Checks an MDX body the way an editor needs: syntax errors with their line,
 * unknown components, missing alt text, missing images and unsafe links. It also
 * refuses scripts, imports and code expressions, which editors never need and
 * which would let content run code on the site.
 */
export function checkMdxBody(opts: {
  file: string;
  absDir: string;
  /** The language the body is written in, for the plain-language check. */
  lang?: string;
  /** The whole file text with the frontmatter blanked out, so lines match the file. */
  text: string;
}): Problem[] {
  const { file, absDir, text } = opts;
  const problems: Problem[] = [];
  const err = (node: MdxNode | null, field: string, message: string, hint?: string, line?: number, column?: number) =>
    problems.push({
      file,
      line: line ?? node?.position?.start.line ?? 1,
      column: column ?? node?.position?.start.column ?? 1,
      field,
      message,
      hint,
      severity: 'error',
    });
  let tree: MdxNode;
  try {
    tree = processor.parse(text) as unknown as MdxNode;
  } catch (e) {
    const error = e as { reason?: string; message: string; line?: number; column?: number; place?: { line: number; column: number } };
    // Some MDX errors carry their position only in the message, e.g. "(20:1-20:22)".
    const fromMessage = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(error.message);
    const line = error.line ?? error.place?.line ?? (fromMessage ? Number(fromMessage[1]) : 1);
    const column = error.column ?? error.place?.column ?? (fromMessage ? Number(fromMessage[2]) : 1);
    err(null, 'body', `MDX syntax error: ${(error.reason ?? error.message).replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)/, '')}`, mdxSyntaxHint(error.reason ?? error.message), line, column);
    return problems;
  }

  const visit = (node: MdxNode) => {
    switch (node.type) {
      case 'mdxjsEsm':
        err(node, 'body', 'import and export lines are not allowed in content', 'The story components (Callout, KeyFigure, BeforeAfter, Quote, Chart) work without an import: delete this line');
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const body = node.data?.estree?.body ?? [];
        if (body.length) err(node, 'body', 'Code in curly braces is not allowed in content', 'To show a curly brace, write \\{ ; for a note to other editors, use {/* comment */}');
        break;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node);
        break;
      case 'image':
        checkImage(node, 'body', node.url ?? '', node.alt ?? '');
        break;
      case 'link':
      case 'definition':
        if (node.url && !isSafeUrl(node.url) && !isRelative(node.url))
          err(node, 'body', `Link "${node.url}" is not allowed`, 'Links must start with https://, http://, mailto: or tel:');
        break;
      case 'html':
        err(node, 'body', 'Raw HTML is not allowed here', 'Use Markdown, or one of the story components');
        break;
      case 'paragraph': {
        // Plain language, paragraph by paragraph, naming the sentence to simplify.
        const finding = plainLanguageFinding(textOf(node), opts.lang ?? 'en');
        if (finding)
          problems.push({ file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, field: 'body', ...finding, severity: 'warning' });
        break;
      }
    }
    node.children?.forEach(visit);
  };

  const checkImage = (node: MdxNode, field: string, src: string, alt: string) => {
    if (!alt.trim())
      err(node, field, 'Image without alt text', 'Describe what the image shows: ![Crew lowering a new pipe into the trench](./photo.jpg)');
    if (isRelative(src)) {
      if (!fs.existsSync(path.resolve(absDir, src)))
        err(node, field, `Image file "${src}" does not exist`, `Put the file in ${path.basename(absDir)}/ or correct the name (names are case-sensitive)`);
    } else if (!/^https:\/\//.test(src)) {
      err(node, field, `Image address "${src}" is not allowed`, 'Use a file beside the MDX file (./photo.jpg) or an https:// address');
    }
  };

  const checkElement = (node: MdxNode) => {
    const name = node.name ?? '';
    if (!name) {
      err(node, 'body', 'Empty tags <> … </> are not allowed', 'Delete them');
      return;
    }
    const attrs = new Map<string, unknown>();
    for (const attr of node.attributes ?? []) {
      if (attr.type !== 'mdxJsxAttribute' || !attr.name) {
        err(node, name, 'Spread attributes {...} are not allowed', 'Write each attribute as name="value"');
        continue;
      }
      if (attr.value && typeof attr.value === 'object') {
        err(node, `${name}.${attr.name}`, `Attribute ${attr.name} uses code in curly braces`, `Write it as text in quotes: ${attr.name}="…"`);
        continue;
      }
      attrs.set(attr.name, attr.value);
      if (/^on/i.test(attr.name))
        err(node, `${name}.${attr.name}`, `Event attribute ${attr.name} is not allowed`, 'Content cannot run scripts: delete it');
      if (['href', 'src'].includes(attr.name) && typeof attr.value === 'string' && !isSafeUrl(attr.value) && !isRelative(attr.value))
        err(node, `${name}.${attr.name}`, `Link "${attr.value}" is not allowed`, 'Links must start with https://, http://, mailto: or tel:');
    }
    const spec = MDX_COMPONENTS[name];
    if (/^[A-Z]/.test(name)) {
      if (!spec) {
        const known = Object.keys(MDX_COMPONENTS);
        const near = known.find((k) => k.toLowerCase() === name.toLowerCase() || distance(k, name) <= 2);
        err(node, name, `Unknown component <${name}>`, near ? `Did you mean <${near}>? Available: ${known.join(', ')}` : `Available components: ${known.join(', ')}`);
        return;
      }
      for (const required of spec.required)
        if (!attrs.has(required) || attrs.get(required) === '' || attrs.get(required) == null)
          err(node, `${name}.${required}`, `<${name}> needs the attribute ${required}`, `Example: ${spec.example}`);
      for (const key of attrs.keys())
        if (![...spec.required, ...spec.optional].includes(key))
          err(node, `${name}.${key}`, `<${name}> has no attribute ${key}`, `Allowed: ${[...spec.required, ...spec.optional].join(', ')}`);
      for (const [key, allowed] of Object.entries(spec.values ?? {})) {
        const value = attrs.get(key);
        if (typeof value === 'string' && !allowed.includes(value))
          err(node, `${name}.${key}`, `"${value}" is not an allowed value. Allowed: ${allowed.join(', ')}`);
      }
      for (const key of spec.images ?? []) {
        const value = attrs.get(key);
        if (typeof value === 'string') checkImage(node, `${name}.${key}`, value, String(attrs.get(`${key}Alt`) ?? 'x'));
      }
      if (name === 'Chart' && typeof attrs.get('data') === 'string' && !parseChartData(String(attrs.get('data'))))
        err(node, 'Chart.data', 'Chart data is not in the expected form', 'Write label: number pairs separated by commas, e.g. data="2021: 4, 2022: 6, Expected after: 0.5"');
      return;
    }
    if (name === 'img') {
      checkImage(node, 'img', String(attrs.get('src') ?? ''), String(attrs.get('alt') ?? ''));
      return;
    }
    if (name === 'a') return;
    if (!ALLOWED_HTML.has(name.toLowerCase()))
      err(node, name, `The HTML element <${name}> is not allowed in content`, 'Use Markdown or one of the story components: ' + Object.keys(MDX_COMPONENTS).join(', '));
  };

  visit(tree);
  return problems;
}

function isRelative(url: string): boolean {
  return url.startsWith('./') || url.startsWith('../') || (/^[\w-]+\.[a-z0-9]+$/i.test(url) && !url.includes(':'));
}

function mdxSyntaxHint(reason: string): string {
  if (/expected a closing tag|end tag|closing tag/i.test(reason)) return 'Every <Component> needs a matching </Component>, or end it with /> when it has no content';
  if (/acorn|expression/i.test(reason)) return 'Curly braces start code in MDX: to show a brace, write \\{';
  if (/character `<`|before name/i.test(reason)) return 'A < starts a tag in MDX: to write "less than", use &lt; or the word';
  return 'Check this line for an unclosed tag or a stray < or {';
}

function textOf(node: MdxNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

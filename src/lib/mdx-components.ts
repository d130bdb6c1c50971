/**
 * The story components editors can use in an MDX body without an import line.
 * The checker validates their use from this list; src/components/story/ renders them.
 */
export interface ComponentSpec {
  required: string[];
  optional: string[];
  /** Attributes whose value is an image path beside the MDX file. */
  images?: string[];
  /** Allowed values for attributes. */
  values?: Record<string, string[]>;
  /** A copyable example for the hint. */
  example: string;
}

export const MDX_COMPONENTS: Record<string, ComponentSpec> = {
  Callout: {
    required: [],
    optional: ['kind', 'title'],
    values: { kind: ['info', 'important', 'good-news'] },
    example: '<Callout kind="important" title="Water will be off">Text</Callout>',
  },
  KeyFigure: {
    required: ['value', 'label'],
    optional: ['unit', 'before', 'after'],
    example: '<KeyFigure value="98" unit="years" label="Age of the old main" />',
  },
  BeforeAfter: {
    required: ['before', 'beforeAlt', 'after', 'afterAlt'],
    optional: ['caption'],
    images: ['before', 'after'],
    example: '<BeforeAfter before="./before.jpg" beforeAlt="…" after="./after.jpg" afterAlt="…" />',
  },
  Quote: {
    required: ['by'],
    optional: ['role'],
    example: '<Quote by="Maria Lopez" role="Elm Street resident">Text</Quote>',
  },
  Chart: {
    required: ['title', 'data'],
    optional: ['unit', 'caption'],
    example: '<Chart title="Main breaks per year" unit="breaks" data="2021: 4, 2022: 6, Expected after: 0.5" />',
  },
};

/** Plain HTML elements an editor may write in MDX; anything else is refused (no script, iframe, style). */
export const ALLOWED_HTML = new Set([
  'abbr', 'b', 'br', 'cite', 'code', 'dd', 'del', 'details', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h2', 'h3',
  'h4', 'hr', 'i', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'q', 's', 'small', 'span', 'strong', 'sub', 'summary',
  'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'u', 'ul',
]);

/** Parses a Chart's data attribute: "2021: 4, 2022: 6, Expected after: 0.5". */
export function parseChartData(data: string): { label: string; value: number }[] | null {
  const items = data.split(',').map((part) => part.trim()).filter(Boolean);
  const out: { label: string; value: number }[] = [];
  for (const item of items) {
    const at = item.lastIndexOf(':');
    if (at === -1) return null;
    const label = item.slice(0, at).trim();
    const value = Number(item.slice(at + 1).trim());
    if (!label || !Number.isFinite(value)) return null;
    out.push({ label, value });
  }
  return out.length ? out : null;
}

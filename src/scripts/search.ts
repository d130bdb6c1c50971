interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
}
interface Pagefind {
  options(o: object): Promise<void>;
  search(q: string | null, o?: object): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

/**
 * Connects our accessible search form to Pagefind. Results are built with DOM
 * methods and textContent; Pagefind's excerpt is split on its <mark> tags so no
 * HTML from the index is ever parsed into the page.
 */
export function setupSearch(root: Document = document) {
  const form = root.querySelector<HTMLFormElement>('[data-search]');
  if (!form) return;
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const list = root.querySelector<HTMLOListElement>('[data-search-results]')!;
  const empty = root.querySelector<HTMLElement>('[data-search-empty]')!;
  const messages = JSON.parse(form.dataset.messages!) as Record<string, string>;
  let pagefind: Promise<Pagefind> | null = null;
  const load = () =>
    (pagefind ??= import(/* @vite-ignore */ `${form.dataset.bundle}pagefind.js`).then(async (pf: Pagefind) => {
      await pf.options({ baseUrl: form.dataset.bundle!.replace(/pagefind\/$/, '') });
      return pf;
    }));
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();

  let run = 0;
  const search = async () => {
    const query = field('q');
    const filters: Record<string, string> = {};
    for (const name of ['status', 'type', 'neighborhood']) if (field(name)) filters[name] = field(name);
    const sort = field('sort');
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    for (const [k, v] of Object.entries(filters)) params.set(k, v);
    if (sort) params.set('sort', sort);
    history.replaceState(null, '', params.size ? `?${params}` : location.pathname);
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = '';
      empty.hidden = true;
      return;
    }
    const mine = ++run;
    status.textContent = messages.loading;
    try {
      const pf = await load();
      const found = await pf.search(query || null, { filters, ...(sort ? { sort: { date: sort } } : {}) });
      if (mine !== run || !found) return;
      const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
      if (mine !== run) return;
      list.replaceChildren(...data.map(renderResult));
      const shown = query || Object.values(filters).join(', ');
      const count = found.results.length;
      status.textContent = (count === 0 ? messages.none : count === 1 ? messages.one : messages.results)
        .replace('{count}', String(count))
        .replace('{query}', shown);
      empty.hidden = count > 0;
    } catch (error) {
      console.warn('Search failed', error);
      status.textContent = messages.error;
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search();
  });
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).tagName === 'SELECT') void search();
  });
  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'status', 'type', 'neighborhood', 'sort']) {
    const el = form.elements.namedItem(name) as HTMLInputElement | null;
    if (el && params.has(name)) el.value = params.get(name)!;
  }
  if (params.size) void search();
}

function renderResult(result: PagefindResultData): HTMLLIElement {
  const li = document.createElement('li');
  const h2 = document.createElement('h2');
  const a = document.createElement('a');
  a.href = result.url;
  a.textContent = result.meta.title ?? result.url;
  h2.append(a);
  li.append(h2);
  if (result.meta.summary) {
    const p = document.createElement('p');
    p.textContent = result.meta.summary;
    li.append(p);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'muted';
  excerpt.append(...excerptNodes(result.excerpt));
  li.append(excerpt);
  return li;
}

/** Pagefind's excerpt is escaped text with <mark> tags: rebuild it as text nodes and <mark> elements. */
export function excerptNodes(excerpt: string): Node[] {
  const decode = (s: string) => new DOMParser().parseFromString(`<!doctype html><body>${s}`, 'text/html').body.textContent ?? '';
  return excerpt.split(/(<mark>.*?<\/mark>)/g).filter(Boolean).map((part) => {
    const m = /^<mark>(.*?)<\/mark>$/.exec(part);
    if (!m) return document.createTextNode(decode(part));
    const mark = document.createElement('mark');
    mark.textContent = decode(m[1]);
    return mark;
  });
}

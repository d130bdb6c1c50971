/**
 * Filters and sorts the project list in place. The filters are kept in the URL
 * (?status=active&year=2027) so a filtered list can be shared or bookmarked.
 */
export function setupListFilters(root: Document = document) {
  const form = root.querySelector<HTMLFormElement>('[data-list-filters]');
  const list = root.querySelector<HTMLElement>('[data-project-list]');
  if (!form || !list) return;
  form.hidden = false;
  const cards = [...list.querySelectorAll<HTMLElement>('[data-project-card]')];
  const count = root.querySelector<HTMLElement>('[data-list-count]');
  const none = root.querySelector<HTMLElement>('[data-list-none]');
  const params = new URLSearchParams(location.search);
  for (const select of form.querySelectorAll('select')) if (params.has(select.name)) select.value = params.get(select.name)!;

  const apply = () => {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    const [status, type, neighborhood, year, sort] = ['status', 'type', 'neighborhood', 'year', 'sort'].map(value);
    let visible = 0;
    for (const card of cards) {
      const match =
        (!status || card.dataset.status === status) &&
        (!type || card.dataset.type === type) &&
        (!neighborhood || (JSON.parse(card.dataset.neighborhoods!) as string[]).includes(neighborhood)) &&
        (!year || (JSON.parse(card.dataset.years!) as number[]).includes(Number(year)));
      card.hidden = !match;
      if (match) visible++;
    }
    const sorted = [...cards].sort((a, b) =>
      sort === 'name'
        ? a.dataset.title!.localeCompare(b.dataset.title!, document.documentElement.lang)
        : a.dataset.start!.localeCompare(b.dataset.start!) || a.dataset.title!.localeCompare(b.dataset.title!),
    );
    list.append(...sorted);
    if (count) count.textContent = (count.dataset.template ?? '').replace('{count}', String(visible)).replace('{total}', String(cards.length));
    if (none) none.hidden = visible > 0;
    const query = new URLSearchParams();
    for (const [name, v] of [['status', status], ['type', type], ['neighborhood', neighborhood], ['year', year], ['sort', sort === 'start' ? '' : sort]]) if (v) query.set(name, v);
    history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  if ([...params.keys()].length) apply();
}

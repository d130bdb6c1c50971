/** Filters the site-wide meeting list by project and neighborhood, in place. */
export function setupMeetingFilters(root: Document = document) {
  const form = root.querySelector<HTMLFormElement>('[data-meeting-filters]');
  const list = root.querySelector<HTMLElement>('[data-meeting-list]');
  if (!form || !list) return;
  const items = [...list.querySelectorAll<HTMLElement>(':scope > li')];
  if (!items.length) return;
  form.hidden = false;
  const count = root.querySelector<HTMLElement>('[data-meeting-count]');
  const none = root.querySelector<HTMLElement>('[data-meeting-none]');
  const apply = () => {
    const project = (form.elements.namedItem('project') as HTMLSelectElement).value;
    const neighborhood = (form.elements.namedItem('neighborhood') as HTMLSelectElement).value;
    let visible = 0;
    for (const item of items) {
      const match = (!project || item.dataset.project === project) && (!neighborhood || (JSON.parse(item.dataset.neighborhoods!) as string[]).includes(neighborhood));
      item.hidden = !match;
      if (match) visible++;
    }
    if (count) count.textContent = project || neighborhood ? (count.dataset.template ?? '').replace('{count}', String(visible)).replace('{total}', String(items.length)) : '';
    if (none) none.hidden = visible > 0;
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
}

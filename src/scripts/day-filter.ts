/**
 * "Show what is closed on a given day": filters the disruption list and tells
 * the map (through an event) which features to draw. The day is a local day in
 * the utility's zone, given as epoch-ms bounds in each item's data attributes.
 */
export interface DayFilterDetail {
  /** Indexes of the features active that day, or null for all. */
  visible: number[] | null;
}

/** The local calendar day (YYYY-MM-DD) of an instant in the utility's zone. */
export function localDay(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** Whether a span [start, end) touches a local day: comparing day strings avoids any offset arithmetic. */
export function isOnDay(start: number, end: number, day: string, zone: string): boolean {
  return localDay(start, zone) <= day && localDay(end - 1, zone) >= day;
}

export function setupDayFilter(root: ParentNode = document) {
  const form = root.querySelector<HTMLFormElement>('[data-day-filter]');
  if (!form) return;
  form.hidden = false;
  const input = form.querySelector<HTMLInputElement>('input[type=date]')!;
  const status = form.querySelector<HTMLElement>('[data-day-status]')!;
  const items = [...root.querySelectorAll<HTMLElement>('[data-disruption-list] li[data-feature-index]')];
  form.addEventListener('submit', (event) => event.preventDefault());
  const apply = () => {
    let visible: number[] | null = null;
    if (input.value) {
      const zone = input.dataset.zone || 'UTC';
      visible = [];
      for (const item of items) {
        const on = isOnDay(Number(item.dataset.start), Number(item.dataset.end), input.value, zone);
        item.hidden = !on;
        if (on) visible.push(Number(item.dataset.featureIndex));
      }
      status.textContent = visible.length
        ? (status.dataset.template ?? '').replace('{count}', String(visible.length)).replace('{total}', String(items.length))
        : status.dataset.none ?? '';
    } else {
      items.forEach((item) => (item.hidden = false));
      status.textContent = '';
    }
    document.dispatchEvent(new CustomEvent<DayFilterDetail>('underway:day-filter', { detail: { visible } }));
  };
  input.addEventListener('change', apply);
  form.querySelector('[data-day-clear]')?.addEventListener('click', () => {
    input.value = '';
    apply();
  });
}

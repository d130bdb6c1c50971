/**
 * Critical alerts in the browser:
 * - hides every [data-alert-item] (banner item, project box) whose end has
 *   passed by the reader's clock, so a stale build never keeps showing an
 *   ended alert, and shows [data-alert-ended] notes instead;
 * - announces each alert level once per browser session through the banner's
 *   live region (not on every page load of a long session).
 */

const STORE = 'underway-alerts-announced';

function announced(): Set<string> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(STORE) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function remember(keys: Set<string>) {
  try {
    sessionStorage.setItem(STORE, JSON.stringify([...keys]));
  } catch {
    // Private mode without storage: announcing again is the safe side.
  }
}

function inForce(el: HTMLElement, now: number): boolean {
  const start = Date.parse(el.dataset.alertStart ?? '');
  const end = Date.parse(el.dataset.alertEnd ?? '');
  return !(Number.isFinite(end) && now >= end) && !(Number.isFinite(start) && now < start);
}

export function refreshAlerts(now = Date.now()) {
  for (const el of document.querySelectorAll<HTMLElement>('[data-alert-item]')) el.hidden = !inForce(el, now);
  for (const banner of document.querySelectorAll<HTMLElement>('[data-alert-banner], [data-alert-box]')) {
    banner.hidden = !banner.querySelector('[data-alert-item]:not([hidden])');
  }
  for (const note of document.querySelectorAll<HTMLElement>('[data-alert-ended]')) {
    const end = Date.parse(note.dataset.alertEnded ?? '');
    note.hidden = !(Number.isFinite(end) && now >= end);
  }
}

function announce() {
  const live = document.querySelector<HTMLElement>('[data-alert-live]');
  if (!live) return;
  const seen = announced();
  const fresh = [...document.querySelectorAll<HTMLElement>('[data-alert-banner] [data-alert-item]:not([hidden])')].filter((el) => !seen.has(el.dataset.alertKey ?? ''));
  if (!fresh.length) return;
  fresh.forEach((el) => seen.add(el.dataset.alertKey ?? ''));
  remember(seen);
  // After a pause, so the text lands in a live region the screen reader already knows.
  window.setTimeout(() => {
    live.textContent = fresh.map((el) => el.dataset.alertAnnounce ?? '').join(' ');
  }, 800);
}

refreshAlerts();
announce();
// A long-open page drops the banner when the alert ends.
window.setInterval(() => refreshAlerts(), 60_000);

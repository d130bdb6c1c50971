import { derivePhase, isExpected, whenIs, type PhaseSpan, type ProjectStatus } from '../lib/phase.ts';

interface RefreshData {
  zone: string;
  phases: PhaseSpan[];
  names: string[];
  starts: string[];
  text: {
    week: string;
    notStarted: string;
    status: Record<ProjectStatus, string>;
    when: Record<string, string>;
    current: string;
    updated: string;
  };
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

/**
 * Re-derives the phase, the "now / coming up / over" labels, What to expect and
 * the upcoming/past meeting lists from the browser's clock. Without JavaScript
 * the page keeps its build-time text, which was right on the day it was built.
 */
export function refreshProjectPage(now: number, root: ParentNode = document) {
  const glance = root.querySelector<HTMLElement>('[data-glance]');
  if (!glance?.dataset.refresh) return;
  const data = JSON.parse(glance.dataset.refresh) as RefreshData;
  const changes: string[] = [];

  const derived = derivePhase(data.phases, now, data.zone);
  const phaseText =
    derived.index === -1
      ? fill(data.text.notStarted, { phase: data.names[0], date: data.starts[0] })
      : data.names[derived.index] + (derived.week && derived.totalWeeks ? `: ${fill(data.text.week, { week: derived.week, total: derived.totalWeeks })}` : '');
  const phaseEl = glance.querySelector('[data-phase-text]');
  if (phaseEl && phaseEl.textContent !== phaseText) {
    phaseEl.textContent = phaseText;
    changes.push(phaseText);
  }
  const badge = glance.querySelector<HTMLElement>('[data-status]');
  if (badge && badge.dataset.status !== derived.status) {
    badge.dataset.status = derived.status;
    badge.className = `badge badge--${derived.status}`;
    badge.textContent = data.text.status[derived.status];
    changes.push(data.text.status[derived.status]);
  }

  // Timeline: aria-current marks the current step for screen readers.
  root.querySelectorAll<HTMLElement>('[data-phase-index]').forEach((step) => {
    const current = Number(step.dataset.phaseIndex) === derived.index;
    step.classList.toggle('timeline__step--current', current);
    if (current) step.setAttribute('aria-current', 'step');
    else step.removeAttribute('aria-current');
    const label = step.querySelector<HTMLElement>('[data-current-label]');
    if (label) label.hidden = !current;
  });

  // What to expect, and every "now / coming up / over" label on the page.
  let shown = 0;
  glance.querySelectorAll<HTMLElement>('[data-expect] li[data-start]').forEach((item) => {
    const on = isExpected(Number(item.dataset.start), Number(item.dataset.end), now);
    item.hidden = !on;
    if (on) shown++;
  });
  const none = glance.querySelector<HTMLElement>('[data-expect-none]');
  if (none) none.hidden = shown > 0;
  root.querySelectorAll<HTMLElement>('[data-start][data-end]').forEach((item) => {
    const label = item.querySelector<HTMLElement>('[data-when]');
    if (label) label.textContent = data.text.when[whenIs(Number(item.dataset.start), Number(item.dataset.end), now)];
  });

  // Meetings move from "upcoming" to "past" once they end.
  const upcoming = root.querySelector<HTMLElement>('[data-meetings-upcoming]');
  const past = root.querySelector<HTMLElement>('[data-meetings-past]');
  if (upcoming && past) {
    upcoming.querySelectorAll<HTMLElement>('[data-meeting-end]').forEach((meeting) => {
      if (Number(meeting.dataset.meetingEnd) <= now) {
        past.prepend(meeting);
        meeting.dataset.moved = 'past';
        const label = meeting.querySelector<HTMLElement>('[data-when]');
        if (label) label.textContent = data.text.when.past;
      }
    });
    const section = past.closest<HTMLElement>('[data-meetings-past-section]');
    if (section) section.hidden = past.children.length === 0;
    const empty = root.querySelector<HTMLElement>('[data-meetings-none]');
    if (empty) empty.hidden = upcoming.querySelector('[data-meeting-end]') !== null;
  }

  // Announce once, politely, and only when today differs from the build.
  const live = glance.querySelector('[data-refresh-announce]');
  if (live && changes.length) live.textContent = fill(data.text.updated, { text: changes.join(', ') });
}

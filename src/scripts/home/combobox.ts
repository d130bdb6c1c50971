/**
 * An accessible combobox (the ARIA 1.2 "list autocomplete" pattern) on a text
 * input the server rendered with role="combobox": suggestions in a listbox
 * as the reader types, Up and Down to move through them (the input keeps
 * focus; aria-activedescendant points at the option), Enter to choose, Escape
 * to close the list and then to clear the text. The number of suggestions is
 * announced politely once the reader pauses.
 */

export interface Suggestion<T> {
  label: string;
  /** A second word shown after the label, e.g. "Street". */
  detail: string;
  value: T;
}

export interface ComboboxOptions<T> {
  suggest(text: string): Suggestion<T>[];
  onChoose(value: T, label: string): void;
  /** "3 suggestions…", or "" to say nothing. */
  countText(count: number, text: string): string;
}

export class Combobox<T> {
  private items: Suggestion<T>[] = [];
  private active = -1;
  private announceTimer = 0;

  constructor(
    private input: HTMLInputElement,
    private listbox: HTMLElement,
    private live: HTMLElement,
    private options: ComboboxOptions<T>,
  ) {
    input.addEventListener('input', () => this.update());
    input.addEventListener('keydown', (e) => this.onKey(e));
    input.addEventListener('blur', () => window.setTimeout(() => this.close(), 150));
    input.addEventListener('focus', () => {
      if (input.value.trim()) this.update(false);
    });
    // Choosing with the pointer must not take focus from the input first.
    listbox.addEventListener('mousedown', (e) => e.preventDefault());
    listbox.addEventListener('click', (e) => {
      const option = (e.target as HTMLElement).closest<HTMLElement>('[role="option"]');
      if (option) this.choose(Number(option.dataset.index));
    });
  }

  get isOpen(): boolean {
    return !this.listbox.hidden;
  }

  /** Recomputes the suggestions from the input's text. */
  update(announce = true) {
    const text = this.input.value;
    this.items = text.trim() ? this.options.suggest(text) : [];
    this.active = -1;
    this.render();
    window.clearTimeout(this.announceTimer);
    if (announce && text.trim()) {
      this.announceTimer = window.setTimeout(() => {
        this.live.textContent = this.options.countText(this.items.length, text);
      }, 600);
    } else this.live.textContent = '';
  }

  close() {
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  private render() {
    const id = this.listbox.id;
    const nodes = this.items.map((item, i) => {
      const li = document.createElement('li');
      li.id = `${id}-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.index = String(i);
      li.className = 'near-combo__option';
      const label = document.createElement('span');
      label.textContent = item.label;
      const detail = document.createElement('span');
      detail.className = 'near-combo__detail';
      // Read as "Elm St, Street".
      detail.textContent = `, ${item.detail}`;
      li.append(label, detail);
      return li;
    });
    this.listbox.replaceChildren(...nodes);
    if (nodes.length) {
      this.listbox.hidden = false;
      this.input.setAttribute('aria-expanded', 'true');
      this.input.removeAttribute('aria-activedescendant');
    } else this.close();
  }

  private move(to: number) {
    if (!this.items.length) return;
    if (!this.isOpen) this.render();
    const n = this.items.length;
    this.active = ((to % n) + n) % n;
    this.listbox.querySelectorAll<HTMLElement>('[role="option"]').forEach((el, i) => {
      const on = i === this.active;
      el.setAttribute('aria-selected', String(on));
      if (on) {
        this.input.setAttribute('aria-activedescendant', el.id);
        el.scrollIntoView?.({ block: 'nearest' });
      }
    });
  }

  private onKey(e: KeyboardEvent) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.items.length && this.input.value.trim()) this.update(false);
        this.move(this.isOpen && this.active >= 0 ? this.active + 1 : 0);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!this.items.length && this.input.value.trim()) this.update(false);
        this.move(this.isOpen && this.active >= 0 ? this.active - 1 : this.items.length - 1);
        break;
      case 'Enter':
        if (this.isOpen && this.active >= 0) {
          e.preventDefault();
          this.choose(this.active);
        } else this.close();
        break;
      case 'Escape':
        if (this.isOpen) {
          e.preventDefault();
          this.close();
        } else if (this.input.value) {
          e.preventDefault();
          this.input.value = '';
          this.items = [];
        }
        break;
      case 'Tab':
        this.close();
        break;
    }
  }

  private choose(index: number) {
    const item = this.items[index];
    if (!item) return;
    this.input.value = item.label;
    this.close();
    this.live.textContent = '';
    window.clearTimeout(this.announceTimer);
    this.options.onChoose(item.value, item.label);
  }
}

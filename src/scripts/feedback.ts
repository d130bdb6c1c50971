import { buildRequest, feedbackMail, mailtoUrl, type FeedbackSubmission, type MailLabels, type ResolvedEndpoint } from '../lib/feedback.ts';

/**
 * The feedback form, with JavaScript: sends in place, shows success or failure,
 * and never loses what the resident typed. The draft lives in localStorage (one
 * per page) from the first keystroke until the message is sent.
 *
 * Spam: a honeypot field (filled → pretend success, send nothing) and a minimum
 * time from the form becoming usable to the first send.
 */
interface Settings {
  endpoint: ResolvedEndpoint;
  mailTo: string;
  page: string;
  pageTitle: string;
  lang: string;
  consentText: string;
  labels: MailLabels;
  text: Record<'sending' | 'sent' | 'sentEmail' | 'tooFast' | 'failed' | 'failedMail' | 'restored' | 'ratingThanks' | 'ratingFailed', string>;
}

/** Sending sooner than this after the form became usable is refused as a probable bot. */
export const MIN_FILL_MS = 3000;
const DRAFT_FIELDS = ['topic', 'message', 'name', 'email'] as const;

export function setupFeedback(root: ParentNode = document) {
  for (const box of root.querySelectorAll<HTMLElement>('[data-feedback]')) setup(box);
}

function setup(box: HTMLElement) {
  if (box.dataset.ready) return;
  box.dataset.ready = '1';
  const settings = JSON.parse(box.dataset.feedback!) as Settings;
  const { endpoint, text } = settings;
  const form = box.querySelector<HTMLFormElement>('[data-fb-form]')!;
  const rating = box.querySelector<HTMLFormElement>('[data-fb-rating]');
  const $ = <T extends Element>(selector: string, scope: ParentNode = form) => scope.querySelector<T>(selector)!;
  const field = (name: string) => $<HTMLInputElement>(`[data-fb="${name}"]`);
  const trap = $<HTMLInputElement>('[data-fb-trap]');
  const send = $<HTMLButtonElement>('[data-fb-send]');
  const status = $<HTMLElement>('[data-fb-status]');
  const alert = $<HTMLElement>('[data-fb-alert]');
  const key = `underway-feedback:${location.pathname}`;
  let rated: 'yes' | 'no' | undefined;
  let busy = false;
  /** Set once the honeypot has been filled: from then on nothing is sent from this page. */
  let bot = false;
  const isBot = () => (bot ||= Boolean(trap.value));

  box.querySelector<HTMLElement>('[data-fb-nojs]')?.setAttribute('hidden', '');
  form.hidden = false;
  const started = Date.now();

  const store = {
    read: () => {
      try {
        return JSON.parse(localStorage.getItem(key) ?? 'null') as Record<string, string> | null;
      } catch {
        return null;
      }
    },
    write: () => {
      try {
        const draft = Object.fromEntries(DRAFT_FIELDS.map((name) => [name, field(name).value]));
        if (draft.message.trim() || draft.name.trim() || draft.email.trim()) localStorage.setItem(key, JSON.stringify(draft));
        else localStorage.removeItem(key);
      } catch {
        // Storage full or blocked: the text is still in the form.
      }
    },
    clear: () => {
      try {
        localStorage.removeItem(key);
      } catch {
        // Nothing to clear.
      }
    },
  };

  const draft = store.read();
  if (draft) {
    for (const name of DRAFT_FIELDS) if (typeof draft[name] === 'string' && draft[name]) field(name).value = draft[name];
    status.textContent = text.restored;
  }
  form.addEventListener('input', store.write);

  const submission = (): FeedbackSubmission & { topicText?: string } => {
    const topic = field('topic') as unknown as HTMLSelectElement;
    return {
      page: settings.page,
      pageTitle: settings.pageTitle,
      lang: settings.lang,
      topic: topic.value,
      topicText: topic.selectedOptions[0]?.textContent ?? topic.value,
      message: field('message').value,
      name: field('name').value,
      email: field('email').value,
      rating: rated,
      consent: field('consent').checked,
      consentText: settings.consentText,
    };
  };
  const mailto = (sub: FeedbackSubmission & { topicText?: string }) => mailtoUrl(settings.mailTo, feedbackMail(sub, settings.labels));

  /** Sends one request; true only when the endpoint answered 2xx. */
  const post = async (sub: FeedbackSubmission) => {
    const request = buildRequest(endpoint, sub);
    if (!request) return false;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: { 'Content-Type': request.contentType },
        body: request.body,
        mode: 'cors',
        credentials: 'omit',
        signal: AbortSignal.timeout?.(20_000),
      });
      return response.ok;
    } catch {
      return false;
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    alert.replaceChildren();
    const done = () => {
      form.reset();
      store.clear();
      status.textContent = text.sent;
    };
    // A filled honeypot is a bot: it is told "thank you" and nothing is sent.
    if (isBot()) return done();
    if (Date.now() - started < MIN_FILL_MS) {
      status.textContent = text.tooFast;
      return;
    }
    const sub = submission();
    const mailLink = () => {
      const link = document.createElement('a');
      link.href = mailto(sub);
      link.textContent = text.failedMail;
      return link;
    };
    if (endpoint.type === 'email') {
      // The resident's email program sends it; the link stays in case it did not open. The draft stays too.
      status.replaceChildren(`${text.sentEmail} `, mailLink());
      location.href = mailto(sub);
      return;
    }
    busy = true;
    send.setAttribute('aria-disabled', 'true');
    status.textContent = text.sending;
    const ok = await post(sub);
    busy = false;
    send.removeAttribute('aria-disabled');
    if (ok) return done();
    // Nothing typed is lost: the form keeps it, so does localStorage, and email is offered.
    status.textContent = '';
    store.write();
    alert.replaceChildren(`${text.failed} `, mailLink());
  });

  if (rating) {
    rating.hidden = false;
    const note = $<HTMLElement>('[data-fb-rating-status]', rating);
    const buttons = [...rating.querySelectorAll<HTMLButtonElement>('[data-fb-rate]')];
    for (const button of buttons) {
      button.type = 'button';
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', async () => {
        const value = button.dataset.fbRate as 'yes' | 'no';
        if (value === rated) return;
        rated = value;
        for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
        // The rating goes on its own now, and again with a message if one is sent.
        const ok = isBot() ? true : await post({ page: settings.page, pageTitle: settings.pageTitle, lang: settings.lang, rating: value });
        note.textContent = ok ? text.ratingThanks : text.ratingFailed;
        if (!ok) {
          // Not recorded: let the resident try again.
          rated = undefined;
          for (const b of buttons) b.setAttribute('aria-pressed', 'false');
        }
      });
    }
  }
}

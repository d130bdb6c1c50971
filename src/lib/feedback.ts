import type { FeedbackEndpoint, FeedbackField } from '../schemas/feedback.ts';

/**
 * The feedback form's requests, worked out the same way at build time (for the
 * form without JavaScript) and in the browser (src/scripts/feedback.ts). Pure
 * and small: it runs on residents' phones, so it imports nothing at run time.
 */

/** HubSpot's Forms API; the unauthenticated v3 submit endpoint accepts requests from browsers (CORS). */
export const HUBSPOT_API = 'https://api.hsforms.com';

export type FieldNames = Record<FeedbackField, string | false>;

/** The names each kind of endpoint gets unless site.yaml says otherwise; false means "not sent". */
export const DEFAULT_FIELD_NAMES: { hubspot: FieldNames; http: FieldNames } = {
  // Contact properties every HubSpot account has (firstname, email) and custom ones the form defines.
  // Consent goes in legalConsentOptions, not in a field.
  hubspot: { topic: 'topic', message: 'message', name: 'firstname', email: 'email', rating: 'helpful', page: 'page_url', lang: false, consent: false },
  http: { topic: 'topic', message: 'message', name: 'name', email: 'email', rating: 'rating', page: 'page', lang: 'lang', consent: 'consent' },
};

/** The endpoint as the page needs it: defaults filled in and the full address worked out. */
export type ResolvedEndpoint =
  | { type: 'hubspot'; url: string; fields: FieldNames }
  | { type: 'http'; url: string; format: 'json' | 'form'; fields: FieldNames }
  | { type: 'email'; to: string };

export function resolveEndpoint(endpoint: FeedbackEndpoint): ResolvedEndpoint {
  if (endpoint.type === 'email') return { type: 'email', to: endpoint.to };
  const fields = { ...DEFAULT_FIELD_NAMES[endpoint.type] } as FieldNames;
  for (const [key, value] of Object.entries(endpoint.fields ?? {})) if (value !== undefined) fields[key as FeedbackField] = value;
  if (endpoint.type === 'http') return { type: 'http', url: endpoint.url, format: endpoint.format, fields };
  const api = (endpoint.url ?? HUBSPOT_API).replace(/\/+$/, '');
  return { type: 'hubspot', url: `${api}/submissions/v3/integration/submit/${encodeURIComponent(endpoint.portalId)}/${encodeURIComponent(endpoint.formId)}`, fields };
}

/**
 * Without JavaScript, only a form-encoded endpoint can take a plain form post;
 * JSON endpoints (HubSpot included) and email get a mailto link instead.
 */
export function worksWithoutScript(endpoint: ResolvedEndpoint): boolean {
  return endpoint.type === 'http' && endpoint.format === 'form';
}

/** What a resident sends. Empty fields are left out. A rating on its own has no message. */
export interface FeedbackSubmission {
  /** The address of the page the feedback is about. */
  page: string;
  /** Its title, for HubSpot's context.pageName and the email subject. */
  pageTitle: string;
  /** The language the page was read in. */
  lang: string;
  /** question, problem, idea, thanks or other. */
  topic?: string;
  message?: string;
  name?: string;
  email?: string;
  /** "Was this page helpful?" */
  rating?: 'yes' | 'no';
  /** True when the resident ticked the consent box. */
  consent?: boolean;
  /** The consent sentence the resident agreed to (sent to HubSpot with the consent). */
  consentText?: string;
}

export interface FeedbackRequest {
  method: 'POST';
  url: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  body: string;
}

/** The fields to send, in a fixed order, under the endpoint's names. Consent is 'yes' when given. */
export function feedbackPairs(submission: FeedbackSubmission, names: FieldNames): [string, string][] {
  const values: [FeedbackField, string | undefined][] = [
    ['page', submission.page],
    ['lang', submission.lang],
    ['topic', submission.message?.trim() ? submission.topic : undefined],
    ['message', submission.message?.trim()],
    ['name', submission.name?.trim()],
    ['email', submission.email?.trim()],
    ['rating', submission.rating],
    ['consent', submission.consent ? 'yes' : undefined],
  ];
  const pairs: [string, string][] = [];
  for (const [field, value] of values) {
    const name = names[field];
    if (name !== false && value) pairs.push([name, value]);
  }
  return pairs;
}

/** The exact request the browser sends, or null for email (the resident's email program sends it). */
export function buildRequest(endpoint: ResolvedEndpoint, submission: FeedbackSubmission): FeedbackRequest | null {
  if (endpoint.type === 'email') return null;
  const pairs = feedbackPairs(submission, endpoint.fields);
  if (endpoint.type === 'hubspot') {
    const body: Record<string, unknown> = {
      fields: pairs.map(([name, value]) => ({ name, value })),
      context: { pageUri: submission.page, pageName: submission.pageTitle },
    };
    if (submission.consent) body.legalConsentOptions = { consent: { consentToProcess: true, text: submission.consentText ?? '' } };
    return { method: 'POST', url: endpoint.url, contentType: 'application/json', body: JSON.stringify(body) };
  }
  if (endpoint.format === 'form')
    return { method: 'POST', url: endpoint.url, contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(pairs).toString() };
  // JSON keeps consent a real boolean; everything else is text.
  const consentName = endpoint.fields.consent;
  const json: Record<string, string | boolean> = Object.fromEntries(pairs);
  if (consentName !== false && submission.consent) json[consentName] = true;
  return { method: 'POST', url: endpoint.url, contentType: 'application/json', body: JSON.stringify(json) };
}

/** Words for the email version of a message, in the page's language. */
export interface MailLabels {
  subject: string;
  topic: string;
  name: string;
  email: string;
  page: string;
}

/** The email version of a message: the message first, then who and where it came from. */
export function feedbackMail(submission: FeedbackSubmission & { topicText?: string }, labels: MailLabels): { subject: string; body: string } {
  const details = [
    submission.topicText ? `${labels.topic}: ${submission.topicText}` : '',
    submission.name?.trim() ? `${labels.name}: ${submission.name.trim()}` : '',
    submission.email?.trim() ? `${labels.email}: ${submission.email.trim()}` : '',
    `${labels.page}: ${submission.page}`,
  ].filter(Boolean);
  return { subject: labels.subject, body: `${submission.message?.trim() ?? ''}\n\n${details.join('\n')}` };
}

/**
 * A mailto: address with subject and body (RFC 6068): every character outside the
 * unreserved set is percent-encoded, and lines end in CRLF.
 */
export function mailtoUrl(to: string, mail: { subject: string; body: string }): string {
  const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));
  return `mailto:${to}?subject=${encode(mail.subject)}&body=${encode(mail.body)}`;
}

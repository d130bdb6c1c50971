import { z } from 'astro/zod';
import { email, localDate, safeUrl } from './common.ts';

/*
 * Feedback: how residents ask (the form and where it sends, in site.yaml) and
 * how the utility answers ("You said, we did" entries in each project).
 */

export const YOU_SAID_STATUSES = ['done', 'in-progress', 'not-possible'] as const;
export type YouSaidStatus = (typeof YOU_SAID_STATUSES)[number];

/** One thing residents raised about a project, and what the utility did about it. */
export const youSaidWeDidSchema = z
  .object({
    /** The day the change was made or decided, e.g. 2026-09-14. */
    date: localDate,
    /** What residents raised, in plain words, e.g. "Neighbors on Elm St asked for more notice before water shut-offs." */
    raised: z
      .string({ error: 'Write what residents raised, e.g. raised: Neighbors asked for more notice before water shut-offs' })
      .trim()
      .min(1, { error: 'Write what residents raised, e.g. raised: Neighbors asked for more notice before water shut-offs' }),
    /** What changed because of it, or, when it was not possible, why not. */
    response: z
      .string({ error: 'Write what changed, e.g. response: Door notices now go up 4 days before a shut-off' })
      .trim()
      .min(1, { error: 'Write what changed, e.g. response: Door notices now go up 4 days before a shut-off' }),
    /** done (the default), in-progress, or not-possible (then say why in the response). */
    status: z.enum(YOU_SAID_STATUSES).default('done'),
  })
  .strict();

export type YouSaidWeDid = z.infer<typeof youSaidWeDidSchema>;

/** The feedback fields a submission carries, before they are renamed for an endpoint. */
export const FEEDBACK_FIELDS = ['topic', 'message', 'name', 'email', 'rating', 'page', 'lang', 'consent'] as const;
export type FeedbackField = (typeof FEEDBACK_FIELDS)[number];

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.\-[\]]*$/;

/** The name the endpoint expects for one field, or false to leave that field out. */
const fieldName = z.custom<string | false>((v) => v === false || (typeof v === 'string' && FIELD_NAME.test(v)), {
  error: 'Expected the name the endpoint uses for this field (letters, digits, _, -, . or [ ]), e.g. page_url, or false to leave it out',
});

/**
 * How each feedback field is named at the endpoint. Any field left out keeps its
 * default name (see `DEFAULT_FIELD_NAMES` in src/lib/feedback.ts); `false` means
 * "do not send this field".
 */
export const feedbackFieldsSchema = z
  .object({
    /** The topic the resident picked (question, problem, idea, thanks, other). */
    topic: fieldName.optional(),
    /** The message itself. */
    message: fieldName.optional(),
    /** The resident's name, when given. */
    name: fieldName.optional(),
    /** The resident's email, when given. */
    email: fieldName.optional(),
    /** The answer to "Was this page helpful?": yes or no. */
    rating: fieldName.optional(),
    /** The address of the page the feedback is about. */
    page: fieldName.optional(),
    /** The language the resident read the page in, e.g. es, so the answer can be in it too. */
    lang: fieldName.optional(),
    /** The resident's consent (generic endpoints only; HubSpot gets it as legalConsentOptions). */
    consent: fieldName.optional(),
  })
  .strict();

const LOCAL_HOST = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i;

/** An address the browser sends feedback to: https, or http on this computer while testing. */
const endpointUrl = (example: string) =>
  z
    .url({ error: `Expected a web address starting with https://, e.g. ${example}` })
    .refine((v) => /^https:\/\//i.test(v) || LOCAL_HOST.test(v), {
      error: 'Feedback must be sent over https:// (http:// is allowed only for localhost while testing)',
    });

/** HubSpot's Forms API (v3, the unauthenticated submit endpoint, which accepts requests from browsers). */
export const hubspotEndpointSchema = z
  .object({
    /** Send to a HubSpot form. */
    type: z.literal('hubspot'),
    /** The HubSpot account (portal) id, a number written in quotes, e.g. "2718281". */
    portalId: z.preprocess(
      (v) => (typeof v === 'number' ? String(v) : v),
      z
        .string({ error: 'Expected the HubSpot portal id, e.g. portalId: "2718281"' })
        .regex(/^\d+$/, { error: 'The HubSpot portal id is a number, e.g. portalId: "2718281"' }),
    ),
    /** The form's id (its GUID), from the form's address in HubSpot, e.g. 78c2891f-ebdd-44c0-bd94-15c012bbbfbf. */
    formId: z
      .string({ error: 'Expected the HubSpot form id, e.g. formId: 78c2891f-ebdd-44c0-bd94-15c012bbbfbf' })
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
        error: 'A HubSpot form id looks like 78c2891f-ebdd-44c0-bd94-15c012bbbfbf: copy it from the form’s address in HubSpot',
      }),
    /** The API address (default https://api.hsforms.com). Change it only to test against a local server. */
    url: endpointUrl('https://api.hsforms.com').optional(),
    /** The HubSpot form's field names (internal names), e.g. { name: firstname, page: page_url }. */
    fields: feedbackFieldsSchema.default({}),
  })
  .strict();

/** Any web service of the utility's own that takes a POST. */
export const httpEndpointSchema = z
  .object({
    /** Send to a web address of your own. */
    type: z.literal('http'),
    /** The address that receives the POST. It must answer with CORS headers for this site. */
    url: endpointUrl('https://forms.example.org/feedback'),
    /**
     * json: a JSON object (needs JavaScript: without it residents get an email link);
     * form: ordinary form data (application/x-www-form-urlencoded), which also works without JavaScript.
     */
    format: z.enum(['json', 'form']).default('json'),
    /** The names your service expects, e.g. { message: comments }. */
    fields: feedbackFieldsSchema.default({}),
  })
  .strict();

/** No web service: residents send their message from their own email program. */
export const emailEndpointSchema = z
  .object({
    /** Send by email. */
    type: z.literal('email'),
    /** The address that receives feedback, e.g. projects@example.org */
    to: email,
  })
  .strict();

/** Where the feedback form sends. */
export const feedbackEndpointSchema = z.discriminatedUnion(
  'type',
  [hubspotEndpointSchema, httpEndpointSchema, emailEndpointSchema],
  { error: 'Expected an endpoint with type: hubspot, http or email' },
);

/** `feedback:` in site.yaml: the feedback form on every project page and on /feedback/. */
export const feedbackConfigSchema = z
  .object({
    /** Where messages go: { type: hubspot, portalId, formId }, { type: http, url, format } or { type: email, to }. */
    endpoint: feedbackEndpointSchema,
    /** The page that says how the utility uses residents’ personal information. Linked from the consent line. */
    privacyUrl: safeUrl.optional(),
  })
  .strict();

export type FeedbackConfig = z.infer<typeof feedbackConfigSchema>;
export type FeedbackEndpoint = z.infer<typeof feedbackEndpointSchema>;
export type FeedbackFields = z.infer<typeof feedbackFieldsSchema>;

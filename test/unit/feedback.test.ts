/**
 * Feedback (issue part B): how a resident's feedback is mapped to each kind of
 * endpoint (HubSpot Forms API v3, a generic JSON or form-encoded HTTPS endpoint,
 * email), and how the checker reports mistakes in the feedback settings and in
 * "You said, we did" entries. The expected requests follow HubSpot's documented
 * v3 submit body: { fields: [{ name, value }], context: { pageUri, pageName },
 * legalConsentOptions }.
 */
import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  DEFAULT_FIELD_NAMES,
  feedbackMail,
  feedbackPairs,
  mailtoUrl,
  resolveEndpoint,
  worksWithoutScript,
  type FeedbackSubmission,
} from '../../src/lib/feedback.ts';
import { feedbackConfigSchema, youSaidWeDidSchema } from '../../src/schemas/feedback.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import { projectSchema } from '../../src/schemas/project.ts';
import { parseYamlSource } from '../../src/lib/source.ts';
import { zodProblems } from '../../src/lib/zod-problems.ts';
import { formatProblem } from '../../src/lib/problems.ts';

const PAGE = 'https://projects.example.org/projects/elm-street/';
const GUID = '78c2891f-ebdd-44c0-bd94-15c012bbbfbf';
const CONSENT = 'Lakeview Water may keep what I send to answer me and to improve its projects.';

/** A full message: every field filled, with characters that need encoding. */
const full: FeedbackSubmission = {
  page: PAGE,
  pageTitle: 'Elm Street water main',
  lang: 'es',
  topic: 'problem',
  message: '  Trench open at 4th & Elm = danger?\nPlease fix.  ',
  name: ' María López ',
  email: 'maria@example.org',
  rating: 'no',
  consent: true,
  consentText: CONSENT,
};
/** "Was this page helpful?" on its own. */
const ratingOnly: FeedbackSubmission = { page: PAGE, pageTitle: 'Elm Street water main', lang: 'en', rating: 'yes' };

const parseEndpoint = (endpoint: unknown) => resolveEndpoint(feedbackConfigSchema.parse({ endpoint }).endpoint);

describe('resolving the endpoint from site.yaml', () => {
  it('HubSpot: the v3 submit address, on api.hsforms.com by default', () => {
    expect(parseEndpoint({ type: 'hubspot', portalId: '2718281', formId: GUID })).toEqual({
      type: 'hubspot',
      url: `https://api.hsforms.com/submissions/v3/integration/submit/2718281/${GUID}`,
      fields: DEFAULT_FIELD_NAMES.hubspot,
    });
  });

  it('HubSpot: a portal id written as a number, and an API address overridden for tests', () => {
    const endpoint = parseEndpoint({ type: 'hubspot', portalId: 123, formId: GUID, url: 'http://127.0.0.1:48123/hs/' });
    expect(endpoint).toMatchObject({ url: `http://127.0.0.1:48123/hs/submissions/v3/integration/submit/123/${GUID}` });
  });

  it('field names from site.yaml replace the defaults one by one; false leaves a field out', () => {
    const endpoint = parseEndpoint({ type: 'hubspot', portalId: '1', formId: GUID, fields: { message: 'comments', rating: false } });
    expect(endpoint).toMatchObject({ fields: { ...DEFAULT_FIELD_NAMES.hubspot, message: 'comments', rating: false } });
  });

  it('http: json by default, and only the form format works without JavaScript', () => {
    const json = parseEndpoint({ type: 'http', url: 'https://forms.example.org/f' });
    expect(json).toEqual({ type: 'http', url: 'https://forms.example.org/f', format: 'json', fields: DEFAULT_FIELD_NAMES.http });
    expect(worksWithoutScript(json)).toBe(false);
    expect(worksWithoutScript(parseEndpoint({ type: 'http', url: 'https://forms.example.org/f', format: 'form' }))).toBe(true);
    expect(worksWithoutScript(parseEndpoint({ type: 'hubspot', portalId: '1', formId: GUID }))).toBe(false);
    expect(worksWithoutScript(parseEndpoint({ type: 'email', to: 'projects@example.org' }))).toBe(false);
  });
});

describe('mapping feedback to each endpoint', () => {
  it('HubSpot: fields as { name, value } under the form’s names, the page as context, consent as legalConsentOptions', () => {
    const endpoint = parseEndpoint({ type: 'hubspot', portalId: '2718281', formId: GUID });
    const request = buildRequest(endpoint, full)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`https://api.hsforms.com/submissions/v3/integration/submit/2718281/${GUID}`);
    expect(request.contentType).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      fields: [
        { name: 'page_url', value: PAGE },
        { name: 'topic', value: 'problem' },
        { name: 'message', value: 'Trench open at 4th & Elm = danger?\nPlease fix.' },
        { name: 'firstname', value: 'María López' },
        { name: 'email', value: 'maria@example.org' },
        { name: 'helpful', value: 'no' },
      ],
      context: { pageUri: PAGE, pageName: 'Elm Street water main' },
      legalConsentOptions: { consent: { consentToProcess: true, text: CONSENT } },
    });
  });

  it('HubSpot: a rating on its own has no message, no topic and no consent', () => {
    const endpoint = parseEndpoint({ type: 'hubspot', portalId: '2718281', formId: GUID, fields: { page: 'website_page' } });
    expect(JSON.parse(buildRequest(endpoint, ratingOnly)!.body)).toEqual({
      fields: [
        { name: 'website_page', value: PAGE },
        { name: 'helpful', value: 'yes' },
      ],
      context: { pageUri: PAGE, pageName: 'Elm Street water main' },
    });
  });

  it('generic JSON: one object under the configured names, consent as true', () => {
    const endpoint = parseEndpoint({ type: 'http', url: 'https://forms.example.org/feedback?source=web', format: 'json', fields: { message: 'comments', lang: false } });
    const request = buildRequest(endpoint, full)!;
    expect(request).toMatchObject({ method: 'POST', url: 'https://forms.example.org/feedback?source=web', contentType: 'application/json' });
    expect(JSON.parse(request.body)).toEqual({
      page: PAGE,
      topic: 'problem',
      comments: 'Trench open at 4th & Elm = danger?\nPlease fix.',
      name: 'María López',
      email: 'maria@example.org',
      rating: 'no',
      consent: true,
    });
    expect(JSON.parse(buildRequest(endpoint, ratingOnly)!.body)).toEqual({ page: PAGE, rating: 'yes' });
  });

  it('form-encoded: the same fields as a plain form post would send, percent-encoded', () => {
    const endpoint = parseEndpoint({ type: 'http', url: 'https://forms.example.org/feedback', format: 'form' });
    const request = buildRequest(endpoint, full)!;
    expect(request).toMatchObject({ method: 'POST', url: 'https://forms.example.org/feedback', contentType: 'application/x-www-form-urlencoded' });
    expect(request.body).toBe(
      'page=https%3A%2F%2Fprojects.example.org%2Fprojects%2Felm-street%2F&lang=es&topic=problem' +
        '&message=Trench+open+at+4th+%26+Elm+%3D+danger%3F%0APlease+fix.&name=Mar%C3%ADa+L%C3%B3pez' +
        '&email=maria%40example.org&rating=no&consent=yes',
    );
    expect(Object.fromEntries(new URLSearchParams(buildRequest(endpoint, ratingOnly)!.body))).toEqual({ page: PAGE, lang: 'en', rating: 'yes' });
  });

  it('leaves out empty optional fields and fields mapped to false', () => {
    const names = { ...DEFAULT_FIELD_NAMES.http, lang: false as const };
    expect(feedbackPairs({ page: PAGE, pageTitle: 'x', lang: 'en', topic: 'idea', message: 'Hi', name: '  ', email: '', consent: false }, names)).toEqual([
      ['page', PAGE],
      ['topic', 'idea'],
      ['message', 'Hi'],
    ]);
  });

  it('email: no request; the resident’s email program sends it', () => {
    expect(buildRequest(parseEndpoint({ type: 'email', to: 'projects@example.org' }), full)).toBeNull();
  });
});

describe('the email version (mailto)', () => {
  const labels = { subject: 'Feedback: Elm Street water main', topic: 'Topic', name: 'Name', email: 'Email', page: 'Page' };

  it('carries the message first, then topic, name, email and page', () => {
    expect(feedbackMail({ ...full, topicText: 'A problem on a work site' }, labels)).toEqual({
      subject: 'Feedback: Elm Street water main',
      body: `Trench open at 4th & Elm = danger?\nPlease fix.\n\nTopic: A problem on a work site\nName: María López\nEmail: maria@example.org\nPage: ${PAGE}`,
    });
  });

  it('encodes everything outside the unreserved set (spaces as %20, never +) with CRLF line ends', () => {
    const url = mailtoUrl('projects@example.org', feedbackMail({ ...full, topicText: 'A problem' }, labels));
    expect(url.startsWith('mailto:projects@example.org?subject=Feedback%3A%20Elm%20Street%20water%20main&body=')).toBe(true);
    expect(url).not.toContain('+');
    expect(url).toContain('Trench%20open%20at%204th%20%26%20Elm%20%3D%20danger%3F%0D%0APlease%20fix.%0D%0A%0D%0ATopic%3A%20A%20problem');
    const body = new URL(url).searchParams.get('body');
    expect(body).toBe(`Trench open at 4th & Elm = danger?\r\nPlease fix.\r\n\r\nTopic: A problem\r\nName: María López\r\nEmail: maria@example.org\r\nPage: ${PAGE}`);
  });

  it('without a message (the link shown without JavaScript) leaves room to write above the page address', () => {
    const url = mailtoUrl('projects@example.org', feedbackMail({ page: PAGE, pageTitle: 'x', lang: 'en' }, labels));
    expect(new URL(url).searchParams.get('body')).toBe(`\r\n\r\nPage: ${PAGE}`);
  });
});

/** Runs the site schema on site.yaml text and returns the checker's lines. */
function checkSite(feedbackYaml: string): string[] {
  const yaml = `name: Lakeview Water
url: https://projects.example.org
timeZone: America/Chicago
languages: { default: en }
contacts: { phone: 555-010-0100, email: projects@example.org, address: [1 Main St], hours: 8 to 5, emergency: 555-010-0199 }
serviceArea: { bbox: [-88, 41, -87, 42] }
${feedbackYaml}`;
  const { source } = parseYamlSource('site.yaml', yaml);
  const parsed = siteSchema.safeParse(source!.data, { reportInput: true });
  return parsed.success ? [] : zodProblems(source!, siteSchema, parsed.error).map(formatProblem);
}

describe('checking the feedback settings (site.yaml)', () => {
  it('accepts each kind of endpoint', () => {
    expect(checkSite('feedback:\n  endpoint: { type: http, url: "https://projects.example.org/api/feedback", format: form }\n  privacyUrl: https://example.org/privacy')).toEqual([]);
    expect(checkSite(`feedback:\n  endpoint:\n    type: hubspot\n    portalId: "2718281"\n    formId: ${GUID}\n    fields: { name: firstname, page: page_url }`)).toEqual([]);
    expect(checkSite('feedback:\n  endpoint: { type: email, to: projects@example.org }')).toEqual([]);
    expect(checkSite('')).toEqual([]);
  });

  it('reports an unknown type on its line, with the allowed types', () => {
    const [line, ...rest] = checkSite('feedback:\n  endpoint:\n    type: hubsopt\n    portalId: "1"');
    expect(rest).toEqual([]);
    expect(line).toMatch(/^site\.yaml:9:11 {2}feedback\.endpoint\.type {2}error: Expected an endpoint with type: hubspot, http or email/);
  });

  it('reports a bad portal id, form id, field name and a misspelt field', () => {
    const out = checkSite('feedback:\n  endpoint:\n    type: hubspot\n    portalId: 12a\n    formId: abc-123\n    fields: { nmae: firstname, email: 3 }').join('\n');
    expect(out).toMatch(/site\.yaml:10:15 {2}feedback\.endpoint\.portalId {2}error: The HubSpot portal id is a number/);
    expect(out).toMatch(/site\.yaml:11:13 {2}feedback\.endpoint\.formId {2}error: A HubSpot form id looks like/);
    expect(out).toMatch(/feedback\.endpoint\.fields\.nmae {2}error: Unknown field "nmae"\n {4}hint: Did you mean "name"\?/);
    expect(out).toMatch(/feedback\.endpoint\.fields\.email {2}error: Expected the name the endpoint uses for this field/);
  });

  it('requires https (http only on localhost) and safe privacy links', () => {
    const out = checkSite('feedback:\n  endpoint: { type: http, url: "http://forms.example.org/f" }\n  privacyUrl: "javascript:alert(1)"').join('\n');
    expect(out).toMatch(/site\.yaml:8:32 {2}feedback\.endpoint\.url {2}error: Feedback must be sent over https:\/\//);
    expect(out).toMatch(/site\.yaml:9:15 {2}feedback\.privacyUrl {2}error: Only http\(s\):\/\/, mailto: and tel: links are allowed/);
    expect(checkSite('feedback:\n  endpoint: { type: http, url: "http://127.0.0.1:48123/api/feedback" }')).toEqual([]);
  });

  it('reports a missing required field by name', () => {
    expect(checkSite('feedback:\n  endpoint: { type: email }').join('\n')).toMatch(/feedback\.endpoint\.to {2}error: Missing required field "to"/);
  });
});

describe('"You said, we did" entries', () => {
  it('default to done', () => {
    expect(youSaidWeDidSchema.parse({ date: '2026-09-14', raised: 'Earlier notice', response: 'Door hangers 72 hours ahead' })).toEqual({
      date: '2026-09-14',
      raised: 'Earlier notice',
      response: 'Door hangers 72 hours ahead',
      status: 'done',
    });
  });

  it('are reported with file, line, column, field and a plain message', () => {
    const yaml = `title: Elm
summary: Elm.
type: water-main
neighborhoods: [Old Mill]
location: { lat: 41.9, lon: -87.7 }
timeline:
  - { phase: construction, start: 2026-01-01 }
youSaidWeDid:
  - date: 2026-02-30
    raised: Earlier notice
    response: ""
    status: finished
  - date: 2026-09-14
    response: Door hangers
`;
    const { source } = parseYamlSource('projects/elm/index.mdx', yaml, 2);
    const parsed = projectSchema.safeParse(source!.data, { reportInput: true });
    expect(parsed.success).toBe(false);
    const out = zodProblems(source!, projectSchema, parsed.error!).map(formatProblem).join('\n');
    expect(out).toMatch(/projects\/elm\/index\.mdx:10:11 {2}youSaidWeDid\[0\]\.date {2}error: This date does not exist in the calendar/);
    expect(out).toMatch(/projects\/elm\/index\.mdx:12:15 {2}youSaidWeDid\[0\]\.response {2}error: Write what changed/);
    expect(out).toMatch(/projects\/elm\/index\.mdx:13:13 {2}youSaidWeDid\[0\]\.status {2}error: "finished" is not an allowed value\. Allowed: done, in-progress, not-possible/);
    expect(out).toMatch(/youSaidWeDid\[1\]\.raised {2}error: Missing required field "raised"/);
  });
});

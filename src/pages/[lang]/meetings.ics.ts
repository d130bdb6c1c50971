import type { APIRoute } from 'astro';
import { getSiteModel } from '../../lib/site-model.ts';
import { siteMeetingsCalendar } from '../../lib/site-calendars.ts';
import { ICS_HEADERS } from '../../lib/ics.ts';

export function getStaticPaths() {
  return getSiteModel().languages.slice(1).map((lang) => ({ params: { lang } }));
}

export const GET: APIRoute = ({ params }) => new Response(siteMeetingsCalendar(getSiteModel(), params.lang!), { headers: ICS_HEADERS });

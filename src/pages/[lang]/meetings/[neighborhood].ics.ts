import type { APIRoute } from 'astro';
import { getSiteModel } from '../../../lib/site-model.ts';
import { neighborhoodSlugs, siteMeetingsCalendar } from '../../../lib/site-calendars.ts';
import { ICS_HEADERS } from '../../../lib/ics.ts';

export function getStaticPaths() {
  const model = getSiteModel();
  return model.languages.slice(1).flatMap((lang) => neighborhoodSlugs(model).map((neighborhood) => ({ params: { lang, neighborhood } })));
}

export const GET: APIRoute = ({ params }) => new Response(siteMeetingsCalendar(getSiteModel(), params.lang!, params.neighborhood), { headers: ICS_HEADERS });

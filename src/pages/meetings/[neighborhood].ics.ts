import type { APIRoute } from 'astro';
import { getSiteModel } from '../../lib/site-model.ts';
import { neighborhoodSlugs, siteMeetingsCalendar } from '../../lib/site-calendars.ts';
import { ICS_HEADERS } from '../../lib/ics.ts';

export function getStaticPaths() {
  return neighborhoodSlugs(getSiteModel()).map((neighborhood) => ({ params: { neighborhood } }));
}

export const GET: APIRoute = ({ params }) => {
  const model = getSiteModel();
  return new Response(siteMeetingsCalendar(model, model.defaultLang, params.neighborhood), { headers: ICS_HEADERS });
};

import type { APIRoute } from 'astro';
import { getSiteModel } from '../lib/site-model.ts';
import { siteMeetingsCalendar } from '../lib/site-calendars.ts';
import { ICS_HEADERS } from '../lib/ics.ts';

export const GET: APIRoute = () => new Response(siteMeetingsCalendar(getSiteModel(), getSiteModel().defaultLang), { headers: ICS_HEADERS });

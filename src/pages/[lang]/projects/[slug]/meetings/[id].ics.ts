import type { APIRoute } from 'astro';
import type { ProjectEntry } from '../../../../../lib/content/load.ts';
import { getSiteModel } from '../../../../../lib/site-model.ts';
import { meetingPaths } from '../../../../../lib/project-routes.ts';
import { calendarContext, calendarProject, ICS_HEADERS, meetingCalendar } from '../../../../../lib/ics.ts';

/** One meeting as an iCalendar file. Other languages, only for projects translated into them. */
export function getStaticPaths() {
  return meetingPaths('translations');
}

export const GET: APIRoute = ({ props }) => {
  const { entry, id } = props as { entry: ProjectEntry; id: string };
  const body = meetingCalendar(calendarProject(entry), id, calendarContext(getSiteModel(), entry));
  return new Response(body, { headers: ICS_HEADERS });
};

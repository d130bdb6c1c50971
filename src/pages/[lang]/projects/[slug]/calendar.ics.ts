import type { APIRoute } from 'astro';
import type { ProjectEntry } from '../../../../lib/content/load.ts';
import { getSiteModel } from '../../../../lib/site-model.ts';
import { projectPaths } from '../../../../lib/project-routes.ts';
import { calendarContext, calendarProject, ICS_HEADERS, projectCalendar } from '../../../../lib/ics.ts';

/** The project's subscribable calendar (meetings, phase starts, major disruptions). Other languages, only for projects translated into them. */
export function getStaticPaths() {
  return projectPaths('translations');
}

export const GET: APIRoute = ({ props }) => {
  const { entry } = props as { entry: ProjectEntry };
  const body = projectCalendar(calendarProject(entry), calendarContext(getSiteModel(), entry));
  return new Response(body, { headers: ICS_HEADERS });
};

import type { APIRoute } from 'astro';
import type { ProjectEntry } from '../../../lib/content/load.ts';
import { getSiteModel } from '../../../lib/site-model.ts';
import { projectPaths } from '../../../lib/project-routes.ts';
import { calendarContext, calendarProject, ICS_HEADERS, projectCalendar } from '../../../lib/ics.ts';

/** The project's subscribable calendar (meetings, phase starts, major disruptions). The default language: no prefix. */
export function getStaticPaths() {
  return projectPaths('default');
}

export const GET: APIRoute = ({ props }) => {
  const { entry } = props as { entry: ProjectEntry };
  const body = projectCalendar(calendarProject(entry), calendarContext(getSiteModel(), entry));
  return new Response(body, { headers: ICS_HEADERS });
};

import type { APIRoute } from 'astro';
import { getSiteModel } from '../../lib/site-model.ts';
import { alertCap, CAP_HEADERS } from '../../lib/alert-feed.ts';

/** /alerts/<id>.cap.xml: the CAP 1.2 message in force at build time, every language in it. */
export function getStaticPaths() {
  return getSiteModel().alerts.map((a) => ({ params: { id: a.id } }));
}

export const GET: APIRoute = ({ params }) => {
  const model = getSiteModel();
  const alert = model.alerts.find((a) => a.id === params.id)!;
  return new Response(alertCap(model, alert), { headers: CAP_HEADERS });
};

import { getCollection } from 'astro:content';

export async function getStaticPaths() {
  return (await getCollection('projects')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
export const GET = ({ props }: { props: { entry: { data: Record<string, unknown> } } }) => new Response(JSON.stringify(props.entry.data.disruptions ?? null));

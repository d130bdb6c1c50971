import { getCollection } from 'astro:content';

export async function getStaticPaths() {
  return (await getCollection('projects')).flatMap((entry) =>
    ((entry.data.meetings ?? []) as { id: string }[]).map((m) => ({ params: { id: entry.id, m: m.id }, props: { m } })),
  );
}
export const GET = ({ props }: { props: { m: unknown } }) => new Response(JSON.stringify(props.m));

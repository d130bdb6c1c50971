import { getCollection } from 'astro:content';

// The project's calendar, feed and share picture, each as one frontmatter field in JSON.
const FIELD_OF_FILE = { 'calendar.ics': 'meetings', 'updates.xml': 'updates', 'share.png': 'title' } as const;

export async function getStaticPaths() {
  return (await getCollection('projects')).flatMap((entry) =>
    Object.entries(FIELD_OF_FILE).map(([file, field]) => ({ params: { id: entry.id, file }, props: { value: entry.data[field] } })),
  );
}
export const GET = ({ props }: { props: { value: unknown } }) => new Response(JSON.stringify(props.value ?? null));

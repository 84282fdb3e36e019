import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';

export const meta: MetaFunction = () => [{ title: 'Bare Remix' }];

// A loader, so each request runs the same server path as a Fivefold page (loader → render), minus the data layer.
export function loader() {
  return { items: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, title: `Item ${i + 1}` })), at: new Date().toISOString() };
}

export default function Index() {
  const data = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>Bare Remix</h1>
      <ul>
        {data.items.map((item) => (
          <li key={item.id}>{item.title}</li>
        ))}
      </ul>
      <p>{data.at}</p>
    </main>
  );
}

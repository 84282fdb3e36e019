import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useT } from '../i18n/use-t';
import { searchPeople } from '../people/people.server';
import { requireUser } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { forbidden } from '../utils/http.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'role.manage')) throw forbidden();
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  return { q, people: await searchPeople(principal, q) };
}

export default function Users() {
  const { q, people } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      <p>
        <Link to="/admin/users/new-resident" className="button secondary">
          {t('users.newResident')}
        </Link>
      </p>
      <Form method="get" role="search" className="inline-form">
        <div className="field">
          <label htmlFor="q">{t('users.search')}</label>
          <input id="q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit">{t('users.searchSubmit')}</button>
      </Form>
      {people.length ? (
        <ul>
          {people.map((p) => (
            <li key={p.id}>
              <Link to={`/admin/users/${p.id}`}>{p.name}</Link> {p.email ? <span className="muted">{p.email}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('users.none')}</p>
      )}
    </>
  );
}

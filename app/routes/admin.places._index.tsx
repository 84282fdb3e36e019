import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { usePlaceName, useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { scopesFor } from '../permissions/rules';
import { scopeRoots } from '../places/places.server';
import { forbidden } from '../utils/http.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const scopes = scopesFor(principal.roles, 'place.read_private');
  if (!scopes.length) throw forbidden();
  return { roots: await scopeRoots(scopes) };
}

export default function PlacesIndex() {
  const { roots } = useLoaderData<typeof loader>();
  const t = useT();
  const placeName = usePlaceName();
  return (
    <>
      <h1>{t('places.title')}</h1>
      <p>{t('places.intro')}</p>
      <ul className="cards">
        {roots.map((p) => (
          <li key={p.id} className="card">
            <Link to={`/admin/places/${p.id}`}>{placeName(p)}</Link>
            <br />
            <span className="muted">
              {t(`placeType.${p.type}`)}
              {p.communityType ? ` · ${t(`communityType.${p.communityType}`)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

// One error view for every route: a message per status, in the page's language.
import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { useT } from '../i18n/use-t';

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = [400, 401, 403, 404, 409, 429].includes(status) ? status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">
        {t('error.title')} ({status})
      </h1>
      <p>{t(`error.${known}`)}</p>
      <p>
        <Link to="/">{t('error.backHome')}</Link>
      </p>
    </section>
  );
}

import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { listUnverifiedOrganisations } from '../resources/members.server';
import { listPendingChecks } from '../resources/volunteers.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources');

// What waits for staff in their own places: background checks (community and street staff) and
// organisations (street staff). Each item opens the staff view, where the decision is made.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'resource.verify') && !canAnywhere(principal.roles, 'organisation.verify')) throw forbidden();
  const [checks, organisations] = await Promise.all([listPendingChecks(principal), listUnverifiedOrganisations(principal)]);
  return { checks, organisations, canOrgs: canAnywhere(principal.roles, 'organisation.verify') };
}

export default function Verifications() {
  const { checks, organisations, canOrgs } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <section aria-labelledby="checks-h">
        <h2 id="checks-h">{t('verify.checks')}</h2>
        {checks.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('verify.volunteer')}</th>
                  <th scope="col">{t('profile.checkType')}</th>
                  <th scope="col">{t('profile.checkIssuer')}</th>
                  <th scope="col">{t('verify.submitted')}</th>
                </tr>
              </thead>
              <tbody>
                {checks.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/admin/resources/${c.volunteerId}`}>{c.volunteerName}</Link>
                    </td>
                    <td>{t(`resources.checkType.${c.type}`)}</td>
                    <td>{c.issuer}</td>
                    <td>{formatDate(locale, c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('verify.none')}</p>
        )}
      </section>
      {canOrgs ? (
        <section aria-labelledby="orgs-h">
          <h2 id="orgs-h">{t('verify.orgs')}</h2>
          {organisations.length ? (
            <ul>
              {organisations.map((o) => (
                <li key={o.id}>
                  <Link to={`/admin/resources/${o.id}`}>{o.name}</Link> <span className="muted">({t(`resources.registration.${o.registrationStatus}`)}{o.registrationNumber ? ` · ${o.registrationNumber}` : ''})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('verify.none')}</p>
          )}
        </section>
      ) : null}
    </>
  );
}

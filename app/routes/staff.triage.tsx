import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { SelectField } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { triageQueue } from '../needs/needs.server';
import { needListQuery } from '../needs/schemas';
import { DeadlineState, useCategoryLabel } from '../needs/ui';
import { openStatuses } from '../needs/status';
import { requireUser } from '../permissions/permissions.server';
import { canAnywhere, scopesFor } from '../permissions/rules';
import { placesWithin } from '../places/places.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('needs');

const PER_PAGE = 50;

// The staff triage queue: open needs of one's own places, very overdue first, then overdue, then by deadline.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'need.read_private')) throw forbidden();
  const parsed = needListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const q = parsed.success ? parsed.data : needListQuery.parse({});
  const [{ rows, total }, communities] = await Promise.all([
    triageQueue(principal, { communityId: q.community, status: q.status === 'open' ? undefined : q.status, overdue: q.overdue, category: q.category }, { limit: PER_PAGE, offset: (q.page - 1) * PER_PAGE }),
    placesWithin(scopesFor(principal.roles, 'need.read_private'), ['community']),
  ]);
  return { rows, total, page: q.page, pages: Math.max(1, Math.ceil(total / PER_PAGE)), query: q, communities: communities.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })) };
}

export default function TriageQueue() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const category = useCategoryLabel();
  const any = { value: '', label: t('needs.list.any') };
  const q = data.query;
  return (
    <>
      <h1>{t('needs.triage.title')}</h1>
      <p>{t('needs.triage.intro')}</p>
      <Form method="get" className="inline-form" aria-label={t('needs.list.filters')}>
        <SelectField id="q-community" name="community" label={t('needs.field.community')} defaultValue={q.community ?? ''} options={[any, ...data.communities.map((c) => ({ value: c.id, label: placeName(c) }))]} />
        <SelectField id="q-status" name="status" label={t('needs.field.status')} defaultValue={q.status ?? ''} options={[any, ...openStatuses.map((s) => ({ value: s, label: t(`needs.status.${s}`) }))]} />
        <SelectField id="q-overdue" name="overdue" label={t('needs.field.overdue')} defaultValue={q.overdue ?? ''} options={[any, { value: 'overdue', label: t('needs.deadline.overdue') }, { value: 'very_overdue', label: t('needs.deadline.very_overdue') }]} />
        <button type="submit">{t('needs.list.filter')}</button>
      </Form>
      <p role="status">{t('needs.list.count', { count: data.total })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('needs.field.overdue')}</th>
              <th scope="col">{t('needs.triage.due')}</th>
              <th scope="col">{t('needs.triage.need')}</th>
              <th scope="col">{t('needs.field.category')}</th>
              <th scope="col">{t('needs.field.urgency')}</th>
              <th scope="col">{t('needs.field.status')}</th>
              <th scope="col">{t('needs.field.place')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((n) => (
              <tr key={n.id}>
                <td>
                  <DeadlineState state={n.deadlineState} />
                </td>
                <td>{formatDate(locale, n.status === 'raised' ? n.firstResponseDueAt : n.resolutionDueAt, true)}</td>
                <td>
                  <Link to={`/needs/${n.id}`}>{n.title}</Link>
                </td>
                <td>{category(n.category)}</td>
                <td>{t(`needs.urgency.${n.urgency}`)}</td>
                <td>{t(`needs.status.${n.status}`)}</td>
                <td>
                  {placeName({ nameZh: n.communityZh, nameEn: n.communityEn })}
                  {n.gridZh ? ` · ${placeName({ nameZh: n.gridZh, nameEn: n.gridEn })}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.pages > 1 ? (
        <nav aria-label={t('needs.list.paging')}>
          <p>
            {data.page > 1 ? <Link to={`?${new URLSearchParams({ ...(q.community ? { community: q.community } : {}), ...(q.overdue ? { overdue: q.overdue } : {}), page: String(data.page - 1) })}`}>{t('needs.list.prev')}</Link> : null}{' '}
            {t('needs.list.page', { page: data.page, pages: data.pages })}{' '}
            {data.page < data.pages ? <Link to={`?${new URLSearchParams({ ...(q.community ? { community: q.community } : {}), ...(q.overdue ? { overdue: q.overdue } : {}), page: String(data.page + 1) })}`}>{t('needs.list.next')}</Link> : null}
          </p>
        </nav>
      ) : null}
    </>
  );
}

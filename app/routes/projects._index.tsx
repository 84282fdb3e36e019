import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { ExportLinks } from '../exports/ui';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { Field, SelectField } from '../components/field';
import { useT, usePlaceName } from '../i18n/use-t';
import { useCategoryLabel } from '../needs/ui';
import { getPrincipal } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { listPublicCommunities } from '../places/public.server';
import { listProjects } from '../projects/projects.server';
import { projectListQuery } from '../projects/list-query.server';
import { ProjectCard } from '../projects/ui';
import { projectStates } from '../projects/values';
import { serviceCategories } from '../resources/values';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('exports', 'funds', 'needs', 'projects');

export const meta: MetaFunction = () => [{ title: '项目清单 · Fivefold' }];

const PER_PAGE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const q = projectListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const principal = await getPrincipal(request);
  const [{ rows, total }, communities] = await Promise.all([
    listProjects(principal, { state: q.state, category: q.category, placeId: q.place, q: q.q }, { limit: PER_PAGE, offset: (q.page - 1) * PER_PAGE }),
    listPublicCommunities(),
  ]);
  return {
    projects: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() })),
    total,
    page: q.page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    query: q,
    communities: communities.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })),
    canManage: principal ? canAnywhere(principal.roles, 'project.manage') : false,
  };
}

export default function ProjectList() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const placeName = usePlaceName();
  const category = useCategoryLabel();
  const q = data.query;
  const any = { value: '', label: t('needs.list.any') };
  const pageLink = (page: number) => {
    const params = new URLSearchParams(Object.entries({ ...q, page: String(page) }).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);
    return `/projects?${params}`;
  };
  return (
    <>
      <h1>{t('projects.list.title')}</h1>
      <p>{t('projects.list.intro')}</p>
      <p>
        <Link to="/rounds">{t('rounds.list.title')}</Link>
        {data.canManage ? (
          <>
            {' '}
            <Link to="/projects/new" className="button">
              {t('projects.new.title')}
            </Link>
          </>
        ) : null}
      </p>
      <Form method="get" className="inline-form" aria-label={t('needs.list.filters')}>
        <Field id="f-q" name="q" label={t('projects.list.q')} defaultValue={q.q ?? ''} maxLength={100} />
        <SelectField id="f-state" name="state" label={t('projects.field.state')} defaultValue={q.state ?? ''} options={[any, ...projectStates.map((s) => ({ value: s, label: t(`projects.state.${s}`) }))]} />
        <SelectField id="f-category" name="category" label={t('needs.field.category')} defaultValue={q.category ?? ''} options={[any, ...serviceCategories.map((c) => ({ value: c, label: category(c) }))]} />
        <SelectField id="f-place" name="place" label={t('needs.field.community')} defaultValue={q.place ?? ''} options={[any, ...data.communities.map((c) => ({ value: c.id, label: placeName(c) }))]} />
        <button type="submit">{t('needs.list.filter')}</button>
      </Form>
      <p role="status">{t('projects.list.count', { count: data.total })}</p>
      <ExportLinks list="projects" filters={data.query} />
      {data.projects.length ? (
        <ul className="cards">
          {data.projects.map((p) => (
            <ProjectCard key={p.id} project={p} />
          ))}
        </ul>
      ) : (
        <p>{t('projects.list.empty')}</p>
      )}
      <nav aria-label={t('needs.list.paging')}>
        <p>
          {data.page > 1 ? <Link to={pageLink(data.page - 1)}>{t('needs.list.prev')}</Link> : null} {t('needs.list.page', { page: data.page, pages: data.pages })}{' '}
          {data.page < data.pages ? <Link to={pageLink(data.page + 1)}>{t('needs.list.next')}</Link> : null}
        </p>
      </nav>
    </>
  );
}

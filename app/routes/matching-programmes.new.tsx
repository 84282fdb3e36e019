import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useLocale, useT } from '../i18n/use-t';
import { ProgrammeForm } from '../matching-funds/programme-form';
import { createProgramme, eligibleProjectChoices } from '../matching-funds/programmes.server';
import { formRules, programmeFormSchema } from '../matching-funds/schemas';
import { actorOf } from '../permissions/principal.server';
import { requirePermission, requireUser } from '../permissions/permissions.server';
import { can } from '../permissions/rules';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

export const meta: MetaFunction = () => [{ title: '发布配捐计划 · New matching programme · Fivefold' }];

/** The places where the caller may post programmes (their funder roles' places). */
async function managedPlaces(request: Request) {
  const principal = await requireUser(request);
  const places = principal.roles.filter((r) => r.placeId && r.placePath && can(principal.roles, 'matching.manage', r.placePath)).map((r) => ({ id: r.placeId!, path: r.placePath!, nameZh: r.placeNameZh ?? '', nameEn: r.placeNameEn ?? '' }));
  if (!places.length) throw forbidden();
  return { principal, places: [...new Map(places.map((p) => [p.id, p])).values()] };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { places } = await managedPlaces(request);
  const projects = (await Promise.all(places.map((p) => eligibleProjectChoices(p.path)))).flat();
  return { places, projects: projects.filter((p) => p.state !== 'cancelled') };
}

export async function action({ request }: ActionFunctionArgs) {
  await managedPlaces(request);
  const { submission } = await parseForm(request, programmeFormSchema);
  if (submission.status !== 'success') return submission.reply();
  const v = submission.value;
  const principal = await requirePermission(request, 'matching.manage', v.placeId);
  const rules = formRules(v);
  const result = await createProgramme({ ...actorOf(principal), userId: principal.user.id }, { placeId: v.placeId, nameZh: v.nameZh, nameEn: v.nameEn, funderZh: v.funderZh, funderEn: v.funderEn, ...rules }, v.pool);
  if (!result.ok && result.reason === 'project_outside_place') return submission.reply({ fieldErrors: { projectIds: ['mf.v.projectOutside'] } });
  if (!result.ok) return submission.reply({ formErrors: ['mf.v.noPlace'] });
  return redirectWithNotice(`/matching-programmes/${result.programme.id}`, 'mf.created');
}

export default function NewProgrammePage() {
  const { places, projects } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  return (
    <>
      <p>
        <Link to="/matching-programmes">← {t('mf.programmes')}</Link>
      </p>
      <h1>{t('mf.new')}</h1>
      <p>{t('mf.newIntro')}</p>
      <ProgrammeForm lastResult={lastResult} places={places.map((p) => ({ id: p.id, name: en ? p.nameEn : p.nameZh }))} projects={projects} />
    </>
  );
}

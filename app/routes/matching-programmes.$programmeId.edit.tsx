import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { json } from '@remix-run/node';
import { useLocale, useT } from '../i18n/use-t';
import { ProgrammeForm } from '../matching-funds/programme-form';
import { eligibleProjectChoices, getProgramme, updateProgramme } from '../matching-funds/programmes.server';
import { formRules, programmeFormSchema } from '../matching-funds/schemas';
import { actorOf } from '../permissions/principal.server';
import { requirePermission } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

export const meta: MetaFunction = () => [{ title: '修改配捐计划 · Edit matching programme · Fivefold' }];

const yuan = (minor: number | null) => (minor === null ? '' : (minor / 100).toFixed(2));
const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The funder edits a draft; a launched programme's rules never change under donors' feet. */
async function guard(request: Request, id: string) {
  const programme = await getProgramme(id);
  if (!programme) throw notFound();
  const principal = await requirePermission(request, 'matching.manage', { id: programme.placeId, path: programme.placePath, type: 'place' }, { hideExistence: true });
  if (programme.status !== 'draft') throw new Response('Only a draft can be edited', { status: 409 });
  return { principal, programme };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme: p } = await guard(request, uuidParam(params, 'programmeId'));
  const [t2, t3] = [p.tiers[1], p.tiers[2]];
  return {
    programme: { id: p.id, nameZh: p.nameZh, nameEn: p.nameEn },
    places: [{ id: p.placeId, nameZh: p.placeZh, nameEn: p.placeEn }],
    projects: (await eligibleProjectChoices(p.placePath)).filter((x) => x.state !== 'cancelled'),
    defaults: {
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      funderZh: p.funderZh,
      funderEn: p.funderEn,
      pool: yuan(p.poolBalanceMinor + p.matchedMinor),
      ratio: `${p.tiers[0].num}:${p.tiers[0].den}`,
      tier2From: t2 ? yuan(t2.fromMinor) : '',
      tier2Ratio: t2 ? `${t2.num}:${t2.den}` : '',
      tier3From: t3 ? yuan(t3.fromMinor) : '',
      tier3Ratio: t3 ? `${t3.num}:${t3.den}` : '',
      seed: p.seedMinor ? yuan(p.seedMinor) : '',
      minGift: p.minGiftMinor ? yuan(p.minGiftMinor) : '',
      perDonorCap: yuan(p.perDonorCapMinor),
      perProjectCap: yuan(p.perProjectCapMinor),
      programmeCap: yuan(p.programmeCapMinor),
      exhaustion: p.exhaustion,
      startsOn: day(p.startsAt),
      endsOn: day(new Date(p.endsAt.getTime() - 1)),
      categories: p.categories.join(', '),
      sources: p.matchedSources,
      projectIds: p.projectIds,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = uuidParam(params, 'programmeId');
  const { principal, programme } = await guard(request, id);
  const { submission } = await parseForm(request, programmeFormSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const v = submission.value;
  if (v.placeId !== programme.placeId) return json(submission.reply({ fieldErrors: { placeId: ['mf.v.noPlace'] } }), { status: 400 });
  // The pool was granted when the programme was posted; the form shows it but does not change it.
  const { nameZh, nameEn, funderZh, funderEn } = v;
  const result = await updateProgramme({ ...actorOf(principal), userId: principal.user.id }, id, { nameZh, nameEn, funderZh, funderEn, ...formRules(v) });
  if (!result.ok && result.reason === 'project_outside_place') return json(submission.reply({ fieldErrors: { projectIds: ['mf.v.projectOutside'] } }), { status: 400 });
  if (!result.ok) return json(submission.reply({ formErrors: ['mf.v.status'] }), { status: 409 });
  return redirectWithNotice(`/matching-programmes/${id}`, 'mf.updated');
}

export default function EditProgrammePage() {
  const { programme, places, projects, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  return (
    <>
      <p>
        <Link to={`/matching-programmes/${programme.id}`}>← {en ? programme.nameEn : programme.nameZh}</Link>
      </p>
      <h1>{t('mf.edit')}</h1>
      <p>{t('mf.editIntro')}</p>
      <ProgrammeForm lastResult={lastResult} places={places.map((p) => ({ id: p.id, name: en ? p.nameEn : p.nameZh }))} projects={projects} defaults={defaults} submitLabel={t('mf.save')} />
    </>
  );
}

import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { paperBallotSchema } from '../deliberation/schemas';
import { enterPaperBallot, getVote, paperEntryList, VoteError, votePlace } from '../deliberation/votes.server';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requirePermission } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction = () => [{ title: '纸质选票 · Paper ballots · Fivefold' }];

async function guard(request: Request, voteId: string) {
  const place = await votePlace(voteId);
  if (!place) throw notFound();
  // The register is private: staff of other places do not learn the vote's households exist.
  return requirePermission(request, 'vote.enter_paper', place, { hideExistence: true });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const voteId = uuidParam(params, 'voteId');
  const principal = await guard(request, voteId);
  const vote = (await getVote(voteId))!;
  const households = await paperEntryList(actorOf(principal), vote);
  return {
    vote: { id: vote.id, question: vote.question, unit: vote.unit, status: vote.status, options: vote.options.map((o) => ({ id: o.id, label: o.label })) },
    households: households
      .filter((h) => vote.unit === 'adult' || h.voted === 0)
      .map((h) => ({ id: h.householdId, label: `${h.buildingZh} ${h.unit}`, labelEn: `${h.buildingEn} ${h.unit}`, adults: h.adults })),
    left: households.filter((h) => h.voted === 0).length,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const voteId = uuidParam(params, 'voteId');
  const principal = await guard(request, voteId);
  const { submission } = await parseForm(request, paperBallotSchema);
  if (submission.status !== 'success') return submission.reply();
  try {
    await enterPaperBallot({ ...actorOf(principal), userId: principal.user.id }, voteId, submission.value);
  } catch (e) {
    if (!(e instanceof VoteError)) throw e;
    if (e.code === 'invalid') return submission.reply({ fieldErrors: e.fields });
    const message = { not_open: 'vote.notOpen', not_eligible: 'vote.notEligible', already_voted: 'vote.alreadyVoted' }[e.code as string];
    if (!message) throw notFound();
    return submission.reply({ formErrors: [message] });
  }
  return redirectWithNotice(`/votes/${voteId}/paper`, 'paper.entered');
}

export default function PaperBallots() {
  const { vote, households, left } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  const [form, fields] = useForm({
    id: 'paper',
    lastResult,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: paperBallotSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/votes/${vote.id}`}>← {vote.question}</Link>
      </p>
      <h1>{t('paper.title')}</h1>
      <p>{t('paper.intro')}</p>
      <p>{t('paper.householdsLeft', { count: left })}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <SelectField
          id={fields.householdId.id}
          name={fields.householdId.name}
          label={t('paper.household')}
          options={households.map((h) => ({ value: h.id, label: en ? h.labelEn : h.label }))}
          errors={fields.householdId.errors}
          required
        />
        {vote.unit === 'adult' ? (
          <SelectField
            id={fields.memberId.id}
            name={fields.memberId.name}
            label={t('paper.member')}
            options={households.flatMap((h) => h.adults.map((a) => ({ value: a.id, label: `${en ? h.labelEn : h.label} · ${a.name}` })))}
            errors={fields.memberId.errors}
            required
          />
        ) : null}
        <SelectField
          id={fields.optionId.id}
          name={fields.optionId.name}
          label={t('paper.option')}
          options={vote.options.map((o) => ({ value: o.id, label: o.label }))}
          errors={fields.optionId.errors}
          required
        />
        <SelectField
          id={fields.channel.id}
          name={fields.channel.name}
          label={t('paper.channel')}
          options={(['paper', 'signature_sheet'] as const).map((c) => ({ value: c, label: t(`paper.channel.${c}`) }))}
          errors={fields.channel.errors}
          required
        />
        <Field
          id={fields.paperReference.id}
          name={fields.paperReference.name}
          label={t('paper.reference')}
          errors={fields.paperReference.errors}
          maxLength={60}
          required
        />
        <button type="submit">{t('paper.submit')}</button>
      </Form>
    </>
  );
}

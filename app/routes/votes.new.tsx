import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorList, Field, FormErrors, SelectField } from '../components/field';
import { formatPermille } from '../deliberation/rules';
import { voteSchema } from '../deliberation/schemas';
import { getTopic, topicPlace } from '../deliberation/topics.server';
import { voteUnits } from '../deliberation/values';
import { createVote, openVote } from '../deliberation/votes.server';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { findPlace, requirePermission, requireUser } from '../permissions/permissions.server';
import { scopesFor } from '../permissions/rules';
import { communitySettingsOf, getPlace, placesWithin } from '../places/places.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden, isUuid, notFound } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction = () => [{ title: '发起表决 · Set up a vote · Fivefold' }];

/** A datetime-local value in China Standard Time. */
const cst = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const places = await placesWithin(scopesFor(principal.roles, 'vote.manage'), ['community', 'compound']);
  if (!places.length) throw forbidden();
  const topicId = new URL(request.url).searchParams.get('topicId');
  const topic = isUuid(topicId) ? await getTopic(topicId) : null;
  if (topic && !places.some((p) => p.id === topic.placeId)) throw forbidden();
  const community = await getPlace(topic?.placeId ?? places[0].id);
  const settings = community ? communitySettingsOf(community) : null;
  const now = Date.now();
  return {
    places: places.map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn })),
    topic: topic ? { id: topic.id, title: topic.title, placeId: topic.placeId } : null,
    defaults: {
      unit: settings?.voteUnit ?? 'household',
      threshold: formatPermille((settings?.voteThresholdPercent ?? 60) * 10),
      opensAt: cst(new Date(now)),
      closesAt: cst(new Date(now + 14 * 86_400_000)),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const { submission } = await parseForm(request, voteSchema);
  if (submission.status !== 'success') return submission.reply();
  const v = submission.value;
  const place = await findPlace(v.placeId);
  if (!place) throw notFound();
  await requirePermission(request, 'vote.manage', place);
  if (v.topicId) {
    const at = await topicPlace(v.topicId);
    if (!at || (!at.path.startsWith(place.path) && !place.path.startsWith(at.path))) return submission.reply({ formErrors: ['v.invalid'] });
  }
  const actor = { ...actorOf(principal), userId: principal.user.id };
  const options = [
    ...v.options.map((label) => ({ label, kind: 'choice' as const })),
    ...(v.withAbstain ? [{ label: principal.user.locale === 'en' ? 'Abstain' : '弃权', kind: 'abstain' as const }] : []),
  ];
  const vote = await createVote(actor, {
    placeId: place.id,
    topicId: v.topicId ?? null,
    question: v.question,
    description: v.description,
    unit: v.unit,
    thresholdPermille: v.threshold,
    quorumPermille: v.quorum,
    abstentionsCountForQuorum: v.abstentionsCount,
    paperBallotsCount: v.paperCounts,
    binding: v.binding,
    opensAt: v.opensAt,
    closesAt: v.closesAt,
    options,
  });
  // A vote whose opening time has come opens now; later ones open on time (the scheduler job).
  if (v.opensAt <= new Date()) await openVote(actor, vote.id);
  return redirectWithNotice(`/votes/${vote.id}`, 'vote.created');
}

export default function NewVote() {
  const { places, topic, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  const [form, fields] = useForm({
    id: 'vote',
    lastResult,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: voteSchema }),
  });
  return (
    <>
      <p>{topic ? <Link to={`/topics/${topic.id}`}>← {topic.title}</Link> : <Link to="/topics">← {t('deliberation.title')}</Link>}</p>
      <h1>{t('vote.new')}</h1>
      {topic ? <p>{t('vote.forTopic', { title: topic.title })}</p> : null}
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        {topic ? <input type="hidden" name="topicId" value={topic.id} /> : null}
        <SelectField
          id={fields.placeId.id}
          name={fields.placeId.name}
          label={t('topic.place')}
          options={places.map((p) => ({ value: p.id, label: en ? p.nameEn : p.nameZh }))}
          defaultValue={topic?.placeId ?? places[0]?.id}
          errors={fields.placeId.errors}
          required
        />
        <Field
          id={fields.question.id}
          name={fields.question.name}
          label={t('vote.question')}
          defaultValue={topic?.title}
          errors={fields.question.errors}
          maxLength={200}
          required
        />
        <div className="field">
          <label htmlFor={fields.description.id}>{t('vote.description')}</label>
          <textarea id={fields.description.id} name={fields.description.name} rows={4} maxLength={4000} />
        </div>
        <div className="field">
          <label htmlFor={fields.options.id}>
            {t('vote.options')} <span className="req">{t('form.required')}</span>
          </label>
          <textarea
            id={fields.options.id}
            name={fields.options.name}
            rows={3}
            defaultValue={`${t('vote.yes')}\n${t('vote.no')}`}
            required
            aria-invalid={fields.options.errors ? true : undefined}
            aria-describedby={fields.options.errors ? `${fields.options.id}-errors` : undefined}
          />
          <ErrorList id={`${fields.options.id}-errors`} errors={fields.options.errors} />
        </div>
        <div className="checkbox">
          <input type="checkbox" id={fields.withAbstain.id} name={fields.withAbstain.name} defaultChecked />
          <label htmlFor={fields.withAbstain.id}>{t('vote.withAbstain')}</label>
        </div>
        <SelectField
          id={fields.unit.id}
          name={fields.unit.name}
          label={t('vote.unit')}
          options={voteUnits.map((u) => ({ value: u, label: t(`vote.unit.${u}`) }))}
          defaultValue={defaults.unit}
          errors={fields.unit.errors}
          required
        />
        <Field
          id={fields.threshold.id}
          name={fields.threshold.name}
          label={t('vote.threshold')}
          defaultValue={defaults.threshold}
          inputMode="text"
          hint={t('vote.percentHint')}
          errors={fields.threshold.errors}
          maxLength={5}
          required
        />
        <Field
          id={fields.quorum.id}
          name={fields.quorum.name}
          label={t('vote.quorum')}
          defaultValue="0"
          inputMode="text"
          errors={fields.quorum.errors}
          maxLength={5}
          required
        />
        <div className="checkbox">
          <input type="checkbox" id={fields.abstentionsCount.id} name={fields.abstentionsCount.name} defaultChecked />
          <label htmlFor={fields.abstentionsCount.id}>{t('vote.abstentionsCount')}</label>
        </div>
        <div className="checkbox">
          <input type="checkbox" id={fields.paperCounts.id} name={fields.paperCounts.name} defaultChecked />
          <label htmlFor={fields.paperCounts.id}>{t('vote.paperCounts')}</label>
        </div>
        <div className="checkbox">
          <input type="checkbox" id={fields.binding.id} name={fields.binding.name} defaultChecked />
          <label htmlFor={fields.binding.id}>{t('vote.bindingField')}</label>
        </div>
        <Field
          id={fields.opensAt.id}
          name={fields.opensAt.name}
          type="datetime-local"
          label={t('vote.opensAt')}
          defaultValue={defaults.opensAt}
          errors={fields.opensAt.errors}
          required
        />
        <Field
          id={fields.closesAt.id}
          name={fields.closesAt.name}
          type="datetime-local"
          label={t('vote.closesAt')}
          defaultValue={defaults.closesAt}
          errors={fields.closesAt.errors}
          required
        />
        <button type="submit">{t('vote.new')}</button>
      </Form>
    </>
  );
}

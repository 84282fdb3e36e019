import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormErrors, SelectField } from '../components/field';
import { minorToDecimal } from '../funds/rules';
import { useDate, useMoney } from '../funds/ui';
import { useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { applicantGroups, myBids, readAttachments, submitBid, withdrawBid } from '../projects/bids.server';
import { replyToProjectError } from '../projects/pages.server';
import { getRound } from '../projects/rounds.server';
import { applicantAllowed, takesBids } from '../projects/rules';
import { bidSchema } from '../projects/schemas';
import { RowsField, TextArea } from '../projects/ui';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'needs', 'projects');

export const meta: MetaFunction = () => [{ title: '投标 · 公益创投 · Fivefold' }];

const withdrawSchema = z.object({ intent: z.literal('withdraw'), bidId: z.string().uuid() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const roundId = uuidParam(params, 'roundId');
  const principal = await requireUser(request);
  const round = await getRound(principal, roundId);
  if (!round) throw notFound();
  const [groups, mine] = await Promise.all([applicantGroups(principal.user.id), myBids(principal, roundId)]);
  const editId = new URL(request.url).searchParams.get('edit');
  const editing = mine.find((b) => b.id === editId) ?? null;
  return {
    round: { id: round.id, title: round.title, closesAt: round.closesAt.toISOString(), projects: round.projects.filter((p) => p.state === 'open_for_bids').map((p) => ({ id: p.id, title: p.title })) },
    open: takesBids(round, new Date()),
    types: (['registered_org', 'resident_team', 'individual'] as const).filter((t) => applicantAllowed(round, t)),
    groups: groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind })),
    mine: mine.map((b) => ({ id: b.id, projectId: b.projectId, applicantName: b.applicantName, applicantType: b.applicantType, status: b.status, requestedMinor: b.requestedMinor, currency: b.currency, updatedAt: b.updatedAt.toISOString(), attachments: b.attachments })),
    editing: editing
      ? {
          projectId: editing.projectId,
          applicantType: editing.applicantType,
          resourceId: editing.applicantResourceId,
          plan: editing.plan,
          budgetLines: editing.budgetLines.map((l) => ({ label: l.label, amount: minorToDecimal(l.amountMinor) })),
          staff: editing.staff,
          schedule: editing.schedule,
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const roundId = uuidParam(params, 'roundId');
  const principal = await requireUser(request);
  if (!(await getRound(principal, roundId))) throw notFound();
  const back = `/rounds/${roundId}/bid`;
  const intent = (await request.clone().formData()).get('intent');
  if (intent !== 'submit' && intent !== 'withdraw') throw new Response('Unknown intent', { status: 400 });
  if (intent === 'withdraw') {
    const { submission } = await parseForm(request, withdrawSchema);
    if (submission.status !== 'success') throw notFound();
    try {
      await withdrawBid(principal, actorOf(principal), submission.value.bidId);
    } catch (error) {
      return replyToProjectError(error, (o) => submission.reply(o));
    }
    return redirectWithNotice(back, 'bids.notice.withdrawn');
  }
  const { formData, submission } = await parseForm(request, bidSchema);
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const files = await readAttachments(formData);
  if ('error' in files) return data(submission.reply({ fieldErrors: { attachments: [files.error] } }), { status: 400 });
  const v = submission.value;
  try {
    const result = await submitBid(
      principal,
      actorOf(principal),
      roundId,
      {
        projectId: v.projectId,
        applicantType: v.applicantType,
        resourceId: v.applicantType === 'individual' ? null : v.resourceId,
        plan: v.plan,
        budgetLines: v.budgetLines.map((l) => ({ label: l.label, amountMinor: l.amount })),
        staff: v.staff,
        schedule: v.schedule,
      },
      files.files,
    );
    const notice = result.created ? 'bids.notice.submitted' : 'bids.notice.updated';
    return redirectWithNotice(back, notice);
  } catch (error) {
    return replyToProjectError(error, (o) => submission.reply(o));
  }
}

export default function BidPage() {
  const { round, open, types, groups, mine, editing } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const t = useT();
  const money = useMoney();
  const date = useDate();
  const [form, fields] = useForm({ id: 'bid', lastResult, shouldValidate: 'onSubmit' });
  const errors = lastResult?.error ?? undefined;
  const projectTitle = (id: string) => round.projects.find((p) => p.id === id)?.title ?? '';
  return (
    <>
      <p>
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <h1>{t('bids.title')}</h1>
      <p>{t('bids.intro', { date: date(round.closesAt) })}</p>
      {mine.length ? (
        <section aria-labelledby="mine-h">
          <h2 id="mine-h">{t('bids.mine')}</h2>
          <ul className="cards">
            {mine.map((b) => (
              <li key={b.id} className="card">
                <p>
                  <strong>{projectTitle(b.projectId) || t('bids.project')}</strong> · {b.applicantName} · {money(b.requestedMinor, b.currency)} · {t(`bids.status.${b.status}`)}
                </p>
                <p className="muted">{t('bids.updated', { date: date(b.updatedAt) })}</p>
                {b.attachments.length ? (
                  <ul>
                    {b.attachments.map((a) => (
                      <li key={a.id}>
                        <a href={`/bids/${b.id}/attachments/${a.id}`} download>
                          {a.fileName}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {open && b.status === 'submitted' ? (
                  <Form method="post" className="inline-form">
                    <Link to={`?edit=${b.id}`}>{t('bids.edit')}</Link>
                    <input type="hidden" name="bidId" value={b.id} />
                    <button type="submit" name="intent" value="withdraw" className="secondary">
                      {t('bids.withdraw')}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {open ? (
        <section aria-labelledby="form-h">
          <h2 id="form-h">{editing ? t('bids.editTitle') : t('bids.newTitle')}</h2>
          <FormErrors errors={form.errors} />
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="submit" />
            <SelectField id={fields.projectId.id} name={fields.projectId.name} label={t('bids.project')} errors={fields.projectId.errors} defaultValue={editing?.projectId} options={round.projects.map((p) => ({ value: p.id, label: p.title }))} required />
            <SelectField id={fields.applicantType.id} name={fields.applicantType.name} label={t('bids.applicantType')} errors={fields.applicantType.errors} defaultValue={editing?.applicantType} options={types.map((a) => ({ value: a, label: t(`rounds.applicant.${a}`) }))} required />
            <SelectField
              id={fields.resourceId.id}
              name={fields.resourceId.name}
              label={t('bids.resource')}
              hint={t('bids.resourceHint')}
              errors={fields.resourceId.errors}
              defaultValue={editing?.resourceId ?? undefined}
              options={[{ value: '', label: t('bids.asMyself') }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
            />
            <TextArea id={fields.plan.id} name={fields.plan.name} label={t('bids.plan')} errors={fields.plan.errors} defaultValue={editing?.plan} required rows={6} />
            <RowsField
              legend={t('bids.budgetLines')}
              name="budgetLines"
              count={4}
              errors={errors}
              defaults={editing?.budgetLines}
              columns={[
                { key: 'label', label: t('projects.field.lineLabel') },
                { key: 'amount', label: t('projects.field.amountYuan'), inputMode: 'decimal' },
              ]}
            />
            <RowsField
              legend={t('bids.staff')}
              name="staff"
              count={3}
              errors={errors}
              defaults={editing?.staff}
              columns={[
                { key: 'name', label: t('bids.staffName') },
                { key: 'role', label: t('bids.staffRole') },
              ]}
            />
            <RowsField
              legend={t('bids.schedule')}
              name="schedule"
              count={3}
              errors={errors}
              defaults={editing?.schedule}
              columns={[
                { key: 'title', label: t('projects.field.milestoneTitle') },
                { key: 'dueOn', label: t('projects.field.dueOn'), type: 'date' },
              ]}
            />
            <div className="field">
              <label htmlFor="attachments">{t('bids.attachmentsLabel')}</label>
              <p id="attachments-hint" className="hint">
                {t('bids.attachmentsHint')}
              </p>
              <input id="attachments" name="attachments" type="file" multiple accept="application/pdf,image/jpeg,image/png,image/webp" aria-describedby="attachments-hint" />
              {errors?.attachments ? (
                <p className="field-errors" role="alert">
                  {t(errors.attachments[0])}
                </p>
              ) : null}
            </div>
            <button type="submit">{editing ? t('bids.update') : t('bids.submit')}</button>
          </Form>
        </section>
      ) : (
        <p>{t('bids.closed')}</p>
      )}
    </>
  );
}

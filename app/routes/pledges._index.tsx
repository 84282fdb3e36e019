import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { useDate, useMoney } from '../funds/ui';
import { useLocale, useT } from '../i18n/use-t';
import { cancelPledge, listMyPledges } from '../pledges/pledges.server';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

export const meta: MetaFunction = () => [{ title: '我的认捐 · My pledges · Fivefold' }];

const cancelSchema = z.object({ intent: z.literal('cancel'), pledgeId: z.string().uuid() });

// The signed-in person's pledges: what is paid and still due, and a way to withdraw an open one.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  return { pledges: (await listMyPledges(principal.user.id)).map((p) => ({ ...p, dueAt: p.dueAt.toISOString(), createdAt: p.createdAt.toISOString() })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const { submission } = await parseForm(request, cancelSchema);
  if (submission.status !== 'success') throw notFound();
  const result = await cancelPledge({ ...actorOf(principal), userId: principal.user.id }, submission.value.pledgeId);
  if (!result.ok && result.reason === 'not_found') throw notFound();
  const notice = result.ok ? 'mf.pledgeCancelled' : 'mf.v.notOpen';
  return redirectWithNotice('/pledges', notice);
}

export default function MyPledgesPage() {
  const { pledges } = useLoaderData<typeof loader>();
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  const date = useDate();
  return (
    <>
      <h1>{t('mf.myPledges')}</h1>
      {pledges.length === 0 ? <p>{t('mf.noPledges')}</p> : null}
      <ul className="cards">
        {pledges.map((p) => (
          <li key={p.id} className="card">
            <h2>{p.projectId ? <Link to={`/projects/${p.projectId}/funding`}>{p.projectTitle}</Link> : <Link to={`/funds/${p.fundId}`}>{en ? p.fundEn : p.fundZh}</Link>}</h2>
            <p>
              {t('mf.pledge.paidOf', { paid: money(p.paidMinor, p.currency), amount: money(p.amountMinor, p.currency) })} · {t(`mf.pledgeStatus.${p.status}`)} · {t('mf.due', { date: date(p.dueAt) })}
            </p>
            <progress value={Math.min(p.paidMinor, p.amountMinor)} max={p.amountMinor} aria-label={t('mf.pledge.paidOf', { paid: money(p.paidMinor, p.currency), amount: money(p.amountMinor, p.currency) })} />
            {p.status === 'open' ? (
              <>
                <p>
                  <Link to={`/funds/${p.fundId}/donate?pledge=${p.id}`}>{t('mf.pledge.payOnline')}</Link>
                </p>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="pledgeId" value={p.id} />
                  <button type="submit" name="intent" value="cancel" className="secondary" aria-label={`${t('mf.pledge.cancel')}: ${p.projectTitle ?? (en ? p.fundEn : p.fundZh)}`}>
                    {t('mf.pledge.cancel')}
                  </button>
                </Form>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useT } from '../i18n/use-t';
import { suggestionActionSchema } from '../matching/schemas';
import { acceptSuggestion, dismissSuggestion, requireMatchAccess, suggestionsForNeed } from '../matching/suggestions.server';
import { SuggestionsPanel } from '../matching/ui';
import { replyToNeedError } from '../needs/pages.server';
import { requireUser } from '../permissions/permissions.server';
import { redirectWithNotice } from '../utils/forms.server';
import { uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('matching', 'needs');

// All suggestions of a need for staff who may dispatch it; the need page's panel posts its forms here.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const needId = uuidParam(params, 'needId');
  const principal = await requireUser(request);
  try {
    return await suggestionsForNeed(principal, needId, { perKind: 10 });
  } catch (error) {
    replyToNeedError(error, () => ({}) as never);
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const needId = uuidParam(params, 'needId');
  const principal = await requireUser(request);
  // Who may act is settled before any field is read.
  try {
    await requireMatchAccess(principal, needId);
  } catch (error) {
    replyToNeedError(error, () => ({}) as never);
    throw error;
  }
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: suggestionActionSchema });
  if (submission.status !== 'success') return Response.json({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  try {
    if (v.intent === 'accept') await acceptSuggestion(principal, needId, { kind: v.kind, id: v.candidateId });
    else await dismissSuggestion(principal, needId, { kind: v.kind, id: v.candidateId, reason: v.reason ?? null });
  } catch (error) {
    const { result, status } = replyToNeedError(error, (o) => submission.reply(o));
    return Response.json({ result }, { status });
  }
  return redirectWithNotice(`/needs/${needId}`, `matching.done.${v.intent}`);
}

export default function NeedSuggestionsPage() {
  const data = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const t = useT();
  const errors = last?.result && 'error' in last.result ? Object.values((last.result.error ?? {}) as Record<string, string[] | null>).flatMap((e) => e ?? []) : [];
  return (
    <>
      <p>
        <Link to={`/needs/${data.needId}`}>← {t('matching.suggestions.backToNeed')}</Link>
      </p>
      <h1>{t('matching.suggestions.title')}</h1>
      <SuggestionsPanel data={data} errors={errors} />
    </>
  );
}

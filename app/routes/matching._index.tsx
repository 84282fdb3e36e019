import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormErrors, SelectField } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { createRun, listRuns, MatchRunError } from '../matching/runs.server';
import { runSchema } from '../matching/schemas';
import { placesWithin } from '../places/places.server';
import { requireUser } from '../permissions/permissions.server';
import { canAnywhere, scopesFor } from '../permissions/rules';
import { redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('matching');

// Batch matching for community and street staff: pick a place, run, and see the proposal before anything is sent.

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'need.match')) throw forbidden();
  const placeOptions = await placesWithin(scopesFor(principal.roles, 'need.match'), ['street', 'community']);
  return { places: placeOptions.map((p) => ({ id: p.id, type: p.type, nameZh: p.nameZh, nameEn: p.nameEn })), runs: await listRuns(principal) };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'need.match')) throw forbidden();
  const submission = parseWithZod(await request.formData(), { schema: runSchema });
  if (submission.status !== 'success') return Response.json({ result: submission.reply() }, { status: 400 });
  try {
    const run = await createRun(principal, submission.value.placeId);
    return redirectWithNotice(`/matching/runs/${run.id}`, 'matching.runs.created');
  } catch (error) {
    if (!(error instanceof MatchRunError)) throw error;
    return Response.json({ result: submission.reply({ fieldErrors: error.fields }) }, { status: 400 });
  }
}

export default function MatchingPage() {
  const data = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const errors = ((last?.result as { error?: Record<string, string[] | null> } | undefined)?.error ?? {}) as Record<string, string[] | null>;
  return (
    <>
      <h1>{t('matching.runs.title')}</h1>
      <p>{t('matching.runs.intro')}</p>
      <Form method="post" noValidate>
        <FormErrors errors={errors[''] ?? undefined} />
        <SelectField
          id="placeId"
          name="placeId"
          label={t('matching.runs.place')}
          required
          errors={errors.placeId ?? undefined}
          options={data.places.map((p) => ({ value: p.id, label: `${placeName(p)} (${t(`placeType.${p.type}`)})` }))}
        />
        <button type="submit" name="intent" value="run">
          {t('matching.runs.run')}
        </button>
      </Form>
      <section aria-labelledby="runs-h">
        <h2 id="runs-h">{t('matching.runs.recent')}</h2>
        {data.runs.length ? (
          <ul>
            {data.runs.map((r) => (
              <li key={r.id}>
                <Link to={`/matching/runs/${r.id}`}>
                  {placeName({ nameZh: r.placeZh, nameEn: r.placeEn })} · {formatDate(locale, r.createdAt, true)} · {t(`matching.run.status.${r.status}`)}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('matching.runs.none')}</p>
        )}
      </section>
    </>
  );
}

import { getFormProps, useForm } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors } from '../components/field';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { replyToNeedError } from '../needs/pages.server';
import { getNeedSettingsForEditing, saveNeedSettings } from '../needs/settings.server';
import { needSettingsFormSchema } from '../needs/settings-form';
import { urgencies, type Urgency } from '../needs/values';
import { actorOf } from '../permissions/principal.server';
import { requirePermission } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('needs');

// A community's needs settings: the categories residents may choose and the service levels that set deadlines.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const placeId = uuidParam(params, 'placeId');
  await requirePermission(request, 'place.manage', placeId, { hideExistence: true });
  const settings = await getNeedSettingsForEditing(placeId);
  if (!settings) throw notFound();
  return settings;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const placeId = uuidParam(params, 'placeId');
  const principal = await requirePermission(request, 'place.manage', placeId, { hideExistence: true });
  const { submission } = await parseForm(request, needSettingsFormSchema);
  if (submission.status !== 'success') return submission.reply();
  try {
    await saveNeedSettings(actorOf(principal), placeId, submission.value);
  } catch (error) {
    return replyToNeedError(error, (o) => submission.reply(o)).result;
  }
  return redirectWithNotice(`/admin/places/${placeId}/need-settings`, 'needs.settings.saved');
}

type Level = { responseHours: number; resolutionHours: number } | null;

function LevelInputs({ prefix, level, placeholder, errors, legend }: { prefix: string; level: Level; placeholder?: Level; errors: (name: string) => string[] | undefined; legend: string }) {
  const t = useT();
  const id = prefix.replace(/[^a-zA-Z0-9]+/g, '-');
  return (
    <fieldset className="level">
      <legend>{legend}</legend>
      <Field
        id={`${id}-response`}
        name={`${prefix}.responseHours`}
        label={t('needs.settings.responseHours')}
        type="number"
        inputMode="numeric"
        defaultValue={level?.responseHours}
        hint={placeholder ? t('needs.settings.inherited', { hours: placeholder.responseHours }) : undefined}
        errors={errors(`${prefix}.responseHours`)}
      />
      <Field
        id={`${id}-resolution`}
        name={`${prefix}.resolutionHours`}
        label={t('needs.settings.resolutionHours')}
        type="number"
        inputMode="numeric"
        defaultValue={level?.resolutionHours}
        hint={placeholder ? t('needs.settings.inherited', { hours: placeholder.resolutionHours }) : undefined}
        errors={errors(`${prefix}.resolutionHours`)}
      />
    </fieldset>
  );
}

export default function NeedSettingsPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const [form] = useForm({ lastResult });
  const errors = (name: string) => (lastResult?.error?.[name] ?? undefined) as string[] | undefined;
  const label = (c: (typeof data.categories)[number]) => (locale === 'en' ? c.en : c.zh) ?? (c.isDefault ? t(`needs.category.${c.key}`) : c.key);
  return (
    <>
      <p>
        <Link to={`/admin/places/${data.community.id}`}>← {placeName(data.community)}</Link>
      </p>
      <h1>{t('needs.settings.title')}</h1>
      <p>{t('needs.settings.intro')}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <fieldset>
          <legend>{t('needs.settings.levels')}</legend>
          <p className="hint">{t('needs.settings.levels.hint')}</p>
          {urgencies.map((u) => (
            <LevelInputs key={u} prefix={`levels.${u}`} level={data.levels[u]} errors={errors} legend={t(`needs.urgency.${u}`)} />
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('needs.settings.categories')}</legend>
          <p className="hint">{t('needs.settings.categories.hint')}</p>
          {errors('categories') ? <FormErrors errors={errors('categories')} /> : null}
          {data.categories.map((c, i) => (
            <fieldset key={c.key} className="category-settings">
              <legend>
                {label(c)} <span className="muted">({c.key} · {t('needs.settings.used', { count: c.needs })})</span>
              </legend>
              <input type="hidden" name={`categories[${i}].key`} value={c.key} />
              <div className="check">
                <input type="checkbox" id={`cat-${c.key}-offered`} name={`categories[${i}].offered`} defaultChecked={c.offered} />
                <label htmlFor={`cat-${c.key}-offered`}>{t('needs.settings.offered')}</label>
              </div>
              <Field id={`cat-${c.key}-zh`} name={`categories[${i}].zh`} label={t('needs.settings.labelZh')} defaultValue={c.zh} maxLength={40} hint={c.isDefault ? t('needs.settings.labelDefault') : undefined} errors={errors(`categories[${i}].zh`)} required={!c.isDefault} />
              <Field id={`cat-${c.key}-en`} name={`categories[${i}].en`} label={t('needs.settings.labelEn')} defaultValue={c.en} maxLength={60} hint={c.isDefault ? t('needs.settings.labelDefault') : undefined} errors={errors(`categories[${i}].en`)} required={!c.isDefault} />
              <details open={urgencies.some((u) => c.levels[u]) || urgencies.some((u) => errors(`categories[${i}].levels.${u}.responseHours`) || errors(`categories[${i}].levels.${u}.resolutionHours`))}>
                <summary>{t('needs.settings.ownLevels')}</summary>
                <p className="hint">{t('needs.settings.ownLevels.hint')}</p>
                {urgencies.map((u: Urgency) => (
                  <LevelInputs key={u} prefix={`categories[${i}].levels.${u}`} level={c.levels[u]} placeholder={data.levels[u]} errors={errors} legend={t(`needs.urgency.${u}`)} />
                ))}
              </details>
            </fieldset>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('needs.settings.new')}</legend>
          <p className="hint">{t('needs.settings.new.hint')}</p>
          <Field id="new-key" name="newCategory.key" label={t('needs.settings.key')} hint={t('needs.settings.key.hint')} maxLength={40} errors={errors('newCategory.key')} />
          <Field id="new-zh" name="newCategory.zh" label={t('needs.settings.labelZh')} maxLength={40} errors={errors('newCategory.zh')} />
          <Field id="new-en" name="newCategory.en" label={t('needs.settings.labelEn')} maxLength={60} errors={errors('newCategory.en')} />
        </fieldset>
        <button type="submit">{t('form.save')}</button>
      </Form>
    </>
  );
}

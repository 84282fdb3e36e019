// The programme form (create), shared fields for a phone: one column, labels, hints, errors tied to inputs.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { useT } from '../i18n/use-t';
import { programmeFormSchema } from './schemas';
import { exhaustionPolicies, giftSources } from './rules';

export type ProgrammeDefaults = Partial<Record<'nameZh' | 'nameEn' | 'funderZh' | 'funderEn' | 'pool' | 'ratio' | 'tier2From' | 'tier2Ratio' | 'tier3From' | 'tier3Ratio' | 'seed' | 'minGift' | 'perDonorCap' | 'perProjectCap' | 'programmeCap' | 'exhaustion' | 'startsOn' | 'endsOn' | 'categories', string>> & { sources?: string[]; projectIds?: string[] };

export function ProgrammeForm({ lastResult, places, projects, defaults = {}, submitLabel }: { lastResult: SubmissionResult<string[]> | undefined; places: { id: string; name: string }[]; projects: { id: string; title: string; category: string }[]; defaults?: ProgrammeDefaults; submitLabel?: string }) {
  const t = useT();
  const [form, fields] = useForm({ id: 'programme', lastResult, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: programmeFormSchema }) });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <SelectField id={fields.placeId.id} name={fields.placeId.name} label={t('mf.f.place')} options={places.map((p) => ({ value: p.id, label: p.name }))} errors={fields.placeId.errors} required />
      <Field id={fields.nameZh.id} name={fields.nameZh.name} label={t('mf.f.nameZh')} defaultValue={defaults.nameZh} errors={fields.nameZh.errors} maxLength={80} required />
      <Field id={fields.nameEn.id} name={fields.nameEn.name} label={t('mf.f.nameEn')} defaultValue={defaults.nameEn} errors={fields.nameEn.errors} maxLength={80} required />
      <Field id={fields.funderZh.id} name={fields.funderZh.name} label={t('mf.f.funderZh')} defaultValue={defaults.funderZh} errors={fields.funderZh.errors} maxLength={80} required />
      <Field id={fields.funderEn.id} name={fields.funderEn.name} label={t('mf.f.funderEn')} defaultValue={defaults.funderEn} errors={fields.funderEn.errors} maxLength={80} required />
      <Field id={fields.pool.id} name={fields.pool.name} label={t('mf.f.pool')} hint={t('mf.f.poolHint')} defaultValue={defaults.pool} errors={fields.pool.errors} required />
      <Field id={fields.ratio.id} name={fields.ratio.name} label={t('mf.f.ratio')} hint={t('mf.f.ratioHint')} defaultValue={defaults.ratio ?? "1:1"} errors={fields.ratio.errors} required />
      <fieldset>
        <legend>{t('mf.f.tiers')}</legend>
        <p className="hint">{t('mf.f.tiersHint')}</p>
        <Field id={fields.tier2From.id} name={fields.tier2From.name} label={t('mf.f.tier2From')} defaultValue={defaults.tier2From} errors={fields.tier2From.errors} />
        <Field id={fields.tier2Ratio.id} name={fields.tier2Ratio.name} label={t('mf.f.tier2Ratio')} defaultValue={defaults.tier2Ratio} errors={fields.tier2Ratio.errors} />
        <Field id={fields.tier3From.id} name={fields.tier3From.name} label={t('mf.f.tier3From')} defaultValue={defaults.tier3From} errors={fields.tier3From.errors} />
        <Field id={fields.tier3Ratio.id} name={fields.tier3Ratio.name} label={t('mf.f.tier3Ratio')} defaultValue={defaults.tier3Ratio} errors={fields.tier3Ratio.errors} />
      </fieldset>
      <Field id={fields.seed.id} name={fields.seed.name} label={t('mf.f.seed')} hint={t('mf.f.seedHint')} defaultValue={defaults.seed} errors={fields.seed.errors} />
      <Field id={fields.minGift.id} name={fields.minGift.name} label={t('mf.f.minGift')} defaultValue={defaults.minGift} errors={fields.minGift.errors} />
      <Field id={fields.perDonorCap.id} name={fields.perDonorCap.name} label={t('mf.f.perDonorCap')} hint={t('mf.f.capHint')} defaultValue={defaults.perDonorCap} errors={fields.perDonorCap.errors} />
      <Field id={fields.perProjectCap.id} name={fields.perProjectCap.name} label={t('mf.f.perProjectCap')} hint={t('mf.f.capHint')} defaultValue={defaults.perProjectCap} errors={fields.perProjectCap.errors} />
      <Field id={fields.programmeCap.id} name={fields.programmeCap.name} label={t('mf.f.programmeCap')} hint={t('mf.f.capHint')} defaultValue={defaults.programmeCap} errors={fields.programmeCap.errors} />
      <fieldset aria-describedby={fields.sources.errors?.length ? `${fields.sources.id}-errors` : undefined}>
        <legend>{t('mf.f.sources')}</legend>
        {giftSources.map((s) => (
          <label key={s} className="checkbox">
            <input type="checkbox" name={fields.sources.name} value={s} defaultChecked={defaults.sources ? defaults.sources.includes(s) : s !== 'other'} /> {t(`mf.sourceLabel.${s}`)}
          </label>
        ))}
        {fields.sources.errors?.length ? (
          <ul id={`${fields.sources.id}-errors`} className="field-errors">
            {fields.sources.errors.map((e) => (
              <li key={e}>{t(e)}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <SelectField id={fields.exhaustion.id} name={fields.exhaustion.name} label={t('mf.f.exhaustion')} options={exhaustionPolicies.map((e) => ({ value: e, label: t(`mf.exhaustion.${e}`) }))} defaultValue={defaults.exhaustion} errors={fields.exhaustion.errors} required />
      <Field id={fields.startsOn.id} name={fields.startsOn.name} label={t('mf.f.startsOn')} type="date" defaultValue={defaults.startsOn} errors={fields.startsOn.errors} required />
      <Field id={fields.endsOn.id} name={fields.endsOn.name} label={t('mf.f.endsOn')} type="date" defaultValue={defaults.endsOn} errors={fields.endsOn.errors} required />
      <Field id={fields.categories.id} name={fields.categories.name} label={t('mf.f.categories')} hint={t('mf.f.categoriesHint')} defaultValue={defaults.categories} errors={fields.categories.errors} />
      {projects.length ? (
        <fieldset>
          <legend>{t('mf.f.projects')}</legend>
          <p className="hint">{t('mf.f.projectsHint')}</p>
          {projects.map((p) => (
            <label key={p.id} className="checkbox">
              <input type="checkbox" name={fields.projectIds.name} value={p.id} defaultChecked={defaults.projectIds?.includes(p.id)} /> {p.title} <span className="muted">({p.category})</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <button type="submit">{submitLabel ?? t('mf.create')}</button>
    </Form>
  );
}

// The fields of the team, organisation and offer forms, shared by the pages that register a resource and the page
// that edits it. Plain names (no JavaScript needed); `errors` is Conform's `form.allErrors` (client and server).
import { Field, SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { formatHm } from './rules';
import { CheckboxGroup, placeOptions } from './ui';
import { goodsModes, providerTypes, registrationStatuses, serviceCategories, skills, type WeeklyWindow } from './values';

type Errors = Record<string, string[] | undefined>;
type Area = { id: string; type: string; nameZh: string; nameEn: string; parentId: string | null };

const under = (errors: Errors, prefix: string) => [
  ...new Set(
    Object.entries(errors)
      .filter(([k]) => k === prefix || k.startsWith(`${prefix}[`) || k.startsWith(`${prefix}.`))
      .flatMap(([, v]) => v ?? []),
  ),
];

export interface TeamDefaults {
  name: string;
  description: string;
  placeId: string;
  skills: readonly string[];
  categories: readonly string[];
}

export function TeamFields({ id, areas, errors, defaults }: { id: string; areas: readonly Area[]; errors: Errors; defaults?: TeamDefaults }) {
  const t = useT();
  const placeName = usePlaceName();
  return (
    <>
      <Field id={`${id}-name`} name="name" label={t('team.name')} errors={errors.name} required maxLength={60} defaultValue={defaults?.name} />
      <Field id={`${id}-description`} name="description" label={t('resources.new.description')} errors={errors.description} maxLength={1000} defaultValue={defaults?.description} />
      <SelectField id={`${id}-place`} name="placeId" label={t('team.base')} options={placeOptions(areas, placeName)} errors={errors.placeId} required defaultValue={defaults?.placeId} />
      <CheckboxGroup id={`${id}-skills`} name="skills" legend={t('resources.skills')} options={skills.map((s) => ({ value: s, label: t(`resources.skill.${s}`) }))} errors={under(errors, 'skills')} checked={defaults?.skills} />
      <CheckboxGroup id={`${id}-categories`} name="categories" legend={t('resources.categories')} options={serviceCategories.map((c) => ({ value: c, label: t(`resources.category.${c}`) }))} errors={under(errors, 'categories')} checked={defaults?.categories} />
    </>
  );
}

export interface OrganisationDefaults {
  name: string;
  description: string;
  placeId: string;
  categories: readonly string[];
  registrationStatus: string;
  registrationNumber: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

export function OrganisationFields({ id, areas, errors, defaults, verified }: { id: string; areas: readonly Area[]; errors: Errors; defaults?: OrganisationDefaults; verified?: boolean }) {
  const t = useT();
  const placeName = usePlaceName();
  return (
    <>
      <Field id={`${id}-name`} name="name" label={t('org.name')} errors={errors.name} required maxLength={80} defaultValue={defaults?.name} />
      <Field id={`${id}-description`} name="description" label={t('resources.new.description')} errors={errors.description} maxLength={2000} defaultValue={defaults?.description} />
      <SelectField id={`${id}-place`} name="placeId" label={t('org.base')} options={placeOptions(areas, placeName)} errors={errors.placeId} required defaultValue={defaults?.placeId} />
      <SelectField
        id={`${id}-registration-status`}
        name="registrationStatus"
        label={t('org.registrationStatus')}
        options={registrationStatuses.map((s) => ({ value: s, label: t(`resources.registration.${s}`) }))}
        errors={errors.registrationStatus}
        required
        defaultValue={defaults?.registrationStatus}
        hint={verified ? t('org.edit.reverify') : undefined}
      />
      <Field id={`${id}-registration-number`} name="registrationNumber" label={t('org.registrationNumber')} errors={errors.registrationNumber} maxLength={40} defaultValue={defaults?.registrationNumber} />
      <CheckboxGroup id={`${id}-categories`} name="categories" legend={t('org.categories')} options={serviceCategories.map((c) => ({ value: c, label: t(`resources.category.${c}`) }))} errors={under(errors, 'categories')} checked={defaults?.categories} />
      <Field id={`${id}-contact-name`} name="contactName" label={t('org.contactName')} errors={errors.contactName} maxLength={40} defaultValue={defaults?.contactName} />
      <Field id={`${id}-contact-phone`} name="contactPhone" label={t('org.contactPhone')} type="tel" inputMode="tel" errors={errors.contactPhone} defaultValue={defaults?.contactPhone} />
      <Field id={`${id}-contact-email`} name="contactEmail" label={t('org.contactEmail')} type="email" errors={errors.contactEmail} defaultValue={defaults?.contactEmail} />
    </>
  );
}

export interface OfferDefaults {
  kind: 'offer' | 'venue' | 'goods';
  offerType: string;
  name: string;
  description: string;
  placeId: string;
  categories: readonly string[];
  providerType: string;
  providerName: string;
  capacity: number | null;
  quantity: number | null;
  goodsMode: string | null;
  valueMinor: number | null;
  availability: readonly WeeklyWindow[];
  slotMinutes: number | null;
  availableUntil: string | null;
}

/** The one opening time the form can show: the days open and the hours, when every open day has the same hours. */
export function uniformHours(windows: readonly WeeklyWindow[]) {
  if (!windows.length) return { days: [] as string[], opens: '', closes: '', uniform: true };
  const [first] = windows;
  const uniform = windows.every((w) => w.start === first.start && w.end === first.end) && new Set(windows.map((w) => w.day)).size === windows.length;
  return { days: [...new Set(windows.map((w) => String(w.day)))], opens: formatHm(first.start), closes: formatHm(first.end), uniform };
}

export function OfferFields({ id, areas, errors, defaults }: { id: string; areas: readonly Area[]; errors: Errors; defaults?: OfferDefaults }) {
  const t = useT();
  const placeName = usePlaceName();
  const hours = uniformHours(defaults?.availability ?? []);
  return (
    <>
      {defaults ? (
        <>
          <input type="hidden" name="kind" value={defaults.kind} />
          {defaults.kind === 'offer' ? <input type="hidden" name="offerType" value={defaults.offerType} /> : null}
          <p>
            {t('resources.new.kind')}: {t(`resources.kind.${defaults.kind}`)}
            {defaults.kind === 'offer' ? ` · ${t(`resources.offerType.${defaults.offerType}`)}` : ''}
          </p>
        </>
      ) : (
        <>
          <SelectField id={`${id}-kind`} name="kind" label={t('resources.new.kind')} options={(['offer', 'venue', 'goods'] as const).map((k) => ({ value: k, label: t(`resources.kind.${k}`) }))} errors={errors.kind} required />
          <SelectField
            id={`${id}-offer-type`}
            name="offerType"
            label={t('resources.new.offerType')}
            hint={t('resources.kind.offer')}
            options={(['service', 'in_kind'] as const).map((k) => ({ value: k, label: t(`resources.offerType.${k}`) }))}
            errors={errors.offerType}
          />
        </>
      )}
      <Field id={`${id}-name`} name="name" label={t('resources.new.name')} errors={errors.name} required maxLength={80} defaultValue={defaults?.name} />
      <Field id={`${id}-description`} name="description" label={t('resources.new.description')} errors={errors.description} maxLength={2000} defaultValue={defaults?.description} />
      <SelectField id={`${id}-place`} name="placeId" label={t('resources.new.place')} options={placeOptions(areas, placeName)} errors={errors.placeId} required defaultValue={defaults?.placeId} />
      <CheckboxGroup id={`${id}-categories`} name="categories" legend={t('resources.categories')} options={serviceCategories.map((c) => ({ value: c, label: t(`resources.category.${c}`) }))} errors={under(errors, 'categories')} checked={defaults?.categories} />
      <SelectField id={`${id}-provider-type`} name="providerType" label={t('resources.new.providerType')} options={providerTypes.map((p) => ({ value: p, label: t(`resources.provider.${p}`) }))} errors={errors.providerType} required defaultValue={defaults?.providerType} />
      <Field id={`${id}-provider-name`} name="providerName" label={t('resources.new.providerName')} errors={errors.providerName} required maxLength={80} defaultValue={defaults?.providerName} />
      <Field id={`${id}-capacity`} name="capacity" label={t('resources.capacity')} type="number" inputMode="numeric" errors={errors.capacity} hint={`${t('resources.kind.venue')} / ${t('resources.offerType.service')}`} defaultValue={defaults?.capacity} />
      <Field id={`${id}-quantity`} name="quantity" label={t('resources.quantity')} type="number" inputMode="numeric" errors={errors.quantity} hint={t('resources.kind.goods')} defaultValue={defaults?.quantity} />
      <SelectField id={`${id}-goods-mode`} name="goodsMode" label={t('resources.goodsMode')} hint={t('resources.kind.goods')} options={goodsModes.map((g) => ({ value: g, label: t(`resources.goodsMode.${g}`) }))} errors={errors.goodsMode} defaultValue={defaults?.goodsMode} />
      <Field id={`${id}-value`} name="valueYuan" label={t('resources.new.valueYuan')} type="number" inputMode="numeric" errors={errors.valueMinor} defaultValue={defaults?.valueMinor != null ? defaults.valueMinor / 100 : undefined} />
      <CheckboxGroup id={`${id}-days`} name="days" legend={t('resources.new.days')} options={[0, 1, 2, 3, 4, 5, 6].map((d) => ({ value: String(d), label: t(`resources.day.${d}`) }))} errors={under(errors, 'availability')} checked={hours.days} />
      {!hours.uniform ? <p className="hint">{t('resources.edit.hoursDiffer')}</p> : null}
      <Field id={`${id}-opens`} name="opens" label={t('resources.new.opens')} type="time" defaultValue={hours.opens} />
      <Field id={`${id}-closes`} name="closes" label={t('resources.new.closes')} type="time" defaultValue={hours.closes} />
      <Field id={`${id}-slot`} name="slotMinutes" label={t('resources.slotMinutes')} type="number" inputMode="numeric" errors={errors.slotMinutes} hint={t('resources.kind.venue')} defaultValue={defaults?.slotMinutes} />
      <Field id={`${id}-until`} name="availableUntil" label={t('resources.availableUntil')} type="date" errors={errors.availableUntil} defaultValue={defaults?.availableUntil} />
    </>
  );
}

// How resources look in the API: snake_case, ISO dates, public fields only (contact details are added
// separately, and only for callers entitled to them).
import { formatHm } from './rules';
import type { WeeklyWindow } from './values';

const area = (id: string | null, zh: string | null, en: string | null) => (id ? { id, name_zh: zh, name_en: en } : null);
const windowsJson = (w: readonly WeeklyWindow[]) => w.map((x) => ({ day: x.day, start: formatHm(x.start), end: formatHm(x.end) }));

export interface ListItemLike {
  id: string;
  kind: string;
  name: string;
  description: string;
  categories: string[];
  skills: string[];
  communityId: string | null;
  communityZh: string | null;
  communityEn: string | null;
  gridId: string | null;
  gridZh: string | null;
  gridEn: string | null;
  createdAt: Date;
}

export const resourceListJson = (r: ListItemLike) => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  description: r.description,
  categories: r.categories,
  skills: r.skills,
  area: { community: area(r.communityId, r.communityZh, r.communityEn), grid: area(r.gridId, r.gridZh, r.gridEn) },
  created_at: r.createdAt.toISOString(),
});

export function resourceJson(
  r: ListItemLike & {
    memberCount?: number;
    organisation?: { registrationStatus: string; registrationNumber: string | null; verification: string; verifiedAt: Date | null } | null;
    offer?: {
      offerType: string;
      providerType: string;
      providerName: string;
      capacity: number | null;
      quantity: number | null;
      goodsMode: string | null;
      valueMinor: number | null;
      currency: string;
      availability: WeeklyWindow[];
      slotMinutes: number | null;
      availableUntil: Date | null;
    } | null;
  },
) {
  return {
    ...resourceListJson(r),
    ...(r.memberCount !== undefined ? { member_count: r.memberCount } : {}),
    ...(r.organisation
      ? {
          organisation: {
            registration_status: r.organisation.registrationStatus,
            registration_number: r.organisation.registrationNumber,
            verification: r.organisation.verification,
            verified_at: r.organisation.verifiedAt?.toISOString() ?? null,
          },
        }
      : {}),
    ...(r.offer
      ? {
          offer: {
            offer_type: r.offer.offerType,
            provider_type: r.offer.providerType,
            provider_name: r.offer.providerName,
            capacity: r.offer.capacity,
            quantity: r.offer.quantity,
            goods_mode: r.offer.goodsMode,
            value_minor: r.offer.valueMinor,
            currency: r.offer.currency,
            availability: windowsJson(r.offer.availability),
            slot_minutes: r.offer.slotMinutes,
            available_until: r.offer.availableUntil?.toISOString() ?? null,
          },
        }
      : {}),
  };
}

export const snakeToCamel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
export const camelToSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Top-level keys of a JSON body from snake_case to the services' camelCase (nested values are left alone). */
export function camelKeys(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [snakeToCamel(k), v]));
}

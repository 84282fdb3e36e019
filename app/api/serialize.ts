// How records look in the API: snake_case, ISO dates, only public fields unless stated.
import type { PrincipalRole } from '../permissions/principal.server';

export const placeJson = (p: { id: string; type: string; nameZh: string; nameEn: string; parentId: string | null; communityType?: string | null }) => ({
  id: p.id,
  type: p.type,
  name_zh: p.nameZh,
  name_en: p.nameEn,
  parent_id: p.parentId,
  community_type: p.communityType ?? null,
});

export const roleJson = (r: PrincipalRole) => ({
  role: r.role,
  place: r.placeId ? { id: r.placeId, name_zh: r.placeNameZh, name_en: r.placeNameEn } : null,
});

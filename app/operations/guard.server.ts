// Operations that reach across every place (the dead-letter list, erasing someone else's account) belong to
// platform-wide administrators only: an admin role held without a place.
import { requireUser } from '../permissions/permissions.server';
import type { Principal } from '../permissions/principal.server';
import { forbidden } from '../utils/http.server';

export const isPlatformAdmin = (principal: Principal) => principal.roles.some((r) => r.role === 'admin' && r.placePath === null);

export async function requirePlatformAdmin(request: Request): Promise<Principal> {
  const principal = await requireUser(request);
  if (!isPlatformAdmin(principal)) throw forbidden();
  return principal;
}

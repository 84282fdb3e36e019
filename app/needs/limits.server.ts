// How often needs may be raised: anonymously a few per address and hour, signed in more; staff logging needs for
// residents (a yard meeting's worth at once) are not limited.
import type { Principal } from '../permissions/principal.server';
import { canAnywhere } from '../permissions/rules';
import { clientAddress } from '../utils/http.server';
import { hitLimit, limits } from '../utils/rate-limit.server';

export async function raiseLimit(request: Request, principal: Principal | null) {
  if (!principal) return hitLimit(limits.raiseAnonymous, clientAddress(request));
  if (canAnywhere(principal.roles, 'need.raise_for')) return { ok: true as const };
  return hitLimit(limits.raiseSignedIn, `user:${principal.user.id}`);
}

// Who must sign in with a second factor: roles that reach private data of many people or move money. Pure.
import type { Role } from '../../db/schema/values';

export const twoFactorRoles: readonly Role[] = ['community_staff', 'street_staff', 'treasurer', 'funder', 'admin'];
export const requiresTwoFactor = (roles: readonly { role: Role }[]) => roles.some((r) => twoFactorRoles.includes(r.role));

/** The demo street's staff accounts share this authenticator key (printed in the README), so anyone can try them. */
export const DEMO_TOTP_SECRET = 'FIVEFOLDDEMOFIVEFOLDDEMOFIVEFOLD';

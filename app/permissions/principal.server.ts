// Who is calling: the user, their place-scoped roles, and whom they act for. Loaded once per request.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { db } from '../../db/client';
import { places, roleAssignments, users, type Role } from '../../db/schema';
import { privilegedRoles, type ScopedRole } from './rules';

export interface PrincipalRole extends ScopedRole {
  placeId: string | null;
  placeNameZh: string | null;
  placeNameEn: string | null;
}

export interface Principal {
  user: { id: string; name: string; email: string | null; locale: 'zh-CN' | 'en' };
  roles: PrincipalRole[];
  actingFor: { id: string; name: string } | null;
  sessionId: string | null;
  /** How the caller proved who they are. */
  via: 'session' | 'token';
  /**
   * Set when the person's role requires two-factor sign-in and they have not set it up: until they do, the roles
   * that require it are left out of `roles` and pages send them to /account/two-factor.
   */
  mustEnrolSecondFactor?: boolean;
  /** Unread notifications, when they were counted with the session (every page's header shows the number). */
  unreadNotifications?: number;
}

export async function loadRoles(userId: string): Promise<PrincipalRole[]> {
  const rows = await db()
    .select({
      role: roleAssignments.role,
      placeId: roleAssignments.placeId,
      placePath: places.path,
      placeNameZh: places.nameZh,
      placeNameEn: places.nameEn,
    })
    .from(roleAssignments)
    .leftJoin(places, eq(places.id, roleAssignments.placeId))
    .where(and(eq(roleAssignments.userId, userId), isNull(roleAssignments.revokedAt)));
  return rows.map((r) => ({
    role: r.role as Role,
    placeId: r.placeId,
    placePath: r.placeId ? r.placePath : null,
    placeNameZh: r.placeNameZh,
    placeNameEn: r.placeNameEn,
  }));
}

export async function isPrivileged(userId: string): Promise<boolean> {
  const rows = await db()
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        isNull(roleAssignments.revokedAt),
        inArray(roleAssignments.role, privilegedRoles as Role[]),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function loadPrincipal(
  userId: string,
  opts: {
    sessionId: string | null;
    actingForUserId: string | null;
    via: Principal['via'];
    /** The person when the caller has just read them (a session's lookup reads them with the session). */
    user?: { id: string; name: string; email: string | null; locale: 'zh-CN' | 'en'; disabledAt: Date | null } | null;
    /** Their roles, likewise. */
    roles?: PrincipalRole[];
    /** Their unread notifications, likewise. */
    unreadNotifications?: number;
  },
): Promise<Principal | null> {
  const [user] =
    opts.user !== undefined
      ? [opts.user]
      : await db()
          .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, disabledAt: users.disabledAt })
          .from(users)
          .where(eq(users.id, userId))
          .limit(1);
  if (!user || user.disabledAt) return null;
  let actingFor: Principal['actingFor'] = null;
  if (opts.actingForUserId) {
    const [p] = await db().select({ id: users.id, name: users.name }).from(users).where(eq(users.id, opts.actingForUserId)).limit(1);
    actingFor = p ?? null;
  }
  return {
    user: { id: user.id, name: user.name, email: user.email, locale: user.locale },
    roles: opts.roles ?? (await loadRoles(userId)),
    actingFor,
    sessionId: opts.sessionId,
    via: opts.via,
    ...(opts.unreadNotifications !== undefined ? { unreadNotifications: opts.unreadNotifications } : {}),
  };
}

/** The actor for audit records: the person at the keyboard, and whom they act for. */
export const actorOf = (p: Principal) => ({ userId: p.user.id, onBehalfOfUserId: p.actingFor?.id ?? null });

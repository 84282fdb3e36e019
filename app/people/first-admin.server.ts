// The first administrator of a new site (production starts never seed demo data): made from the command line by
// whoever runs the server, never through the web. The account gets no password: the command prints a single-use
// link, valid for a day, where the administrator sets one.
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../../db/client';
import { emailTokens, roleAssignments, users } from '../../db/schema';
import { normaliseEmail } from '../auth/accounts.server';
import { randomToken, sha256 } from '../auth/crypto.server';
import { recordAudit } from '../audit/audit.server';

export const SET_PASSWORD_TTL_MS = 24 * 60 * 60 * 1000;

export const adminInput = z.object({
  email: z.string().trim().email('must be an email address'),
  name: z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'),
});

/**
 * Makes `email` a platform administrator: a new account, or an existing one given the role (once). Returns the
 * path where they set their password. Recorded in the audit trail as done by no signed-in user (the console).
 */
export async function createAdministrator(input: z.infer<typeof adminInput>) {
  const email = normaliseEmail(input.email);
  const token = randomToken();
  return db().transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).for('update');
    const userId =
      existing?.id ??
      (await tx.insert(users).values({ email, name: input.name, locale: 'zh-CN' }).returning({ id: users.id }))[0].id;
    const [admin] = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, 'admin'), isNull(roleAssignments.placeId), isNull(roleAssignments.revokedAt)));
    if (!admin) await tx.insert(roleAssignments).values({ userId, role: 'admin', placeId: null });
    await tx.insert(emailTokens).values({ userId, purpose: 'password_reset', tokenHash: sha256(token), expiresAt: new Date(Date.now() + SET_PASSWORD_TTL_MS) });
    await recordAudit(tx, { userId: null }, { action: 'user.admin_from_console', subjectType: 'user', subjectId: userId, after: { email, created: !existing, granted: !admin } });
    return { userId, created: !existing, granted: !admin, path: `/reset-password/${token}` };
  });
}

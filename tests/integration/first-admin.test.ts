// A new production site has no users: the first administrator is made from the server's console, sets a
// password through a single-use link, and then administers everything. Running it again grants nothing twice.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, roleAssignments, users } from '../../db/schema';
import { resetPassword, verifyCredentials } from '../../app/auth/accounts.server';
import { adminInput, createAdministrator } from '../../app/people/first-admin.server';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

describe('the first administrator', () => {
  it('is created without a password; the printed link sets one once; the role is platform-wide', async () => {
    const result = await createAdministrator({ email: ' Chief@Example.org ', name: '陈主任' });
    expect(result).toMatchObject({ created: true, granted: true });
    const [user] = await db().select().from(users).where(eq(users.id, result.userId));
    expect(user).toMatchObject({ email: 'chief@example.org', name: '陈主任', passwordHash: null });
    expect((await verifyCredentials({ email: 'chief@example.org', password: 'anything at all' }, '10.0.0.1')).ok).toBe(false);

    const token = result.path.replace('/reset-password/', '');
    const set = await resetPassword(new Request('http://localhost/reset-password/x', { method: 'POST' }), token, 'a long new password 2026');
    expect(set.ok).toBe(true);
    expect((await resetPassword(new Request('http://localhost/reset-password/x', { method: 'POST' }), token, 'another password 2026')).ok).toBe(false);
    expect((await verifyCredentials({ email: 'chief@example.org', password: 'a long new password 2026' }, '10.0.0.1')).ok).toBe(true);

    const roles = await db().select().from(roleAssignments).where(eq(roleAssignments.userId, result.userId));
    expect(roles.map((r) => [r.role, r.placeId])).toEqual([['admin', null]]);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'user.admin_from_console'), eq(auditEvents.subjectId, result.userId)));
    expect(audit.actorUserId).toBeNull();
  });

  it('run again for the same person: no second account, no second role, a fresh link', async () => {
    const again = await createAdministrator({ email: 'chief@example.org', name: '陈主任' });
    expect(again).toMatchObject({ created: false, granted: false });
    expect(await db().select().from(users).where(eq(users.email, 'chief@example.org'))).toHaveLength(1);
    expect(await db().select().from(roleAssignments).where(eq(roleAssignments.userId, again.userId))).toHaveLength(1);
  });

  it('refuses a bad email or an empty name with the field named', () => {
    const bad = adminInput.safeParse({ email: 'not-an-email', name: '' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['email', 'name']);
  });
});

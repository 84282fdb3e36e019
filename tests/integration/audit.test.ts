// The audit trail is append-only, and written in the same transaction as the change it records.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, users } from '../../db/schema';
import { recordAudit } from '../../app/audit/audit.server';
import { updateProfile } from '../../app/auth/accounts.server';
import { useTestDatabase } from '../helpers/db';
import { createUser } from '../helpers/factories';

const database = useTestDatabase();

async function eventsAbout(userId: string) {
  return db().select().from(auditEvents).where(eq(auditEvents.subjectId, userId));
}

/** The refusal's message, with the database's own under drizzle's "Failed query" wrapper. */
async function refusal(attempt: PromiseLike<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(' / ');
  }
  throw new Error('The change was accepted');
}

async function someEvent() {
  const user = await createUser();
  await recordAudit(db(), { userId: user.id }, { action: 'test.event', subjectType: 'user', subjectId: user.id, after: { n: 1 } });
  const [event] = await eventsAbout(user.id);
  return { user, event };
}

describe('audit_events', () => {
  it('records who did what to what, with before and after', async () => {
    const user = await createUser({ name: 'Before' });
    await updateProfile(user.id, { name: 'After', locale: 'zh-CN' });
    const [event] = await eventsAbout(user.id);
    expect(event).toMatchObject({
      actorUserId: user.id,
      action: 'user.update',
      subjectType: 'user',
      before: { name: 'Before', locale: 'en' },
      after: { name: 'After', locale: 'zh-CN' },
    });
    expect(event.createdAt).toBeInstanceOf(Date);
  });

  it('refuses UPDATE', async () => {
    const { event } = await someEvent();
    expect(await refusal(db().update(auditEvents).set({ action: 'test.rewritten' }).where(eq(auditEvents.id, event.id)))).toMatch(
      /append-only \(UPDATE refused\)/,
    );
    expect(await refusal(database.handle.executeSql(`UPDATE audit_events SET after = '{}'::jsonb`))).toMatch(/append-only/);
    const [still] = await db().select().from(auditEvents).where(eq(auditEvents.id, event.id));
    expect(still.action).toBe('test.event');
  });

  it('refuses DELETE', async () => {
    const { event } = await someEvent();
    expect(await refusal(db().delete(auditEvents).where(eq(auditEvents.id, event.id)))).toMatch(/append-only \(DELETE refused\)/);
    expect(await db().select().from(auditEvents).where(eq(auditEvents.id, event.id))).toHaveLength(1);
  });

  it('refuses TRUNCATE', async () => {
    await someEvent();
    const before = await db().select({ id: auditEvents.id }).from(auditEvents);
    expect(await refusal(database.handle.executeSql('TRUNCATE audit_events'))).toMatch(/append-only \(TRUNCATE refused\)/);
    expect(await refusal(database.handle.executeSql('TRUNCATE audit_events CASCADE'))).toMatch(/append-only/);
    expect(await db().select({ id: auditEvents.id }).from(auditEvents)).toHaveLength(before.length);
  });

  it('still accepts new events after a refused change', async () => {
    const { user } = await someEvent();
    expect(await refusal(database.handle.executeSql('DELETE FROM audit_events'))).toMatch(/append-only/);
    await recordAudit(db(), { userId: user.id }, { action: 'test.later', subjectType: 'user', subjectId: user.id });
    expect((await eventsAbout(user.id)).map((e) => e.action)).toEqual(['test.event', 'test.later']);
  });

  it('leaves neither the change nor its audit row when the transaction fails', async () => {
    const user = await createUser({ name: 'Unchanged' });
    await expect(
      db().transaction(async (tx) => {
        await tx.update(users).set({ name: 'Changed' }).where(eq(users.id, user.id));
        await recordAudit(tx, { userId: user.id }, { action: 'user.update', subjectType: 'user', subjectId: user.id, after: { name: 'Changed' } });
        throw new Error('something later in the same action failed');
      }),
    ).rejects.toThrow('something later');
    const [kept] = await db().select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(kept.name).toBe('Unchanged');
    expect(await eventsAbout(user.id)).toEqual([]);
  });

  it('does not let a change commit when its audit row cannot be written', async () => {
    const user = await createUser({ name: 'Unchanged' });
    await expect(
      db().transaction(async (tx) => {
        await tx.update(users).set({ name: 'Changed' }).where(eq(users.id, user.id));
        // An actor that does not exist violates the foreign key: the audit write fails, so must the change.
        await recordAudit(tx, { userId: '00000000-0000-4000-8000-000000000000' }, { action: 'user.update', subjectType: 'user', subjectId: user.id });
      }),
    ).rejects.toThrow();
    const [kept] = await db().select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(kept.name).toBe('Unchanged');
  });
});

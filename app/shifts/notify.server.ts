// Tells volunteers about their shifts: an in-app notification and an email through the outbox, each in the person's own language.
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications, users } from '../../db/schema';
import { formatDate } from '../i18n/locale';
import { translator } from '../i18n/messages';
import { MAIL_TOPIC } from '../mail/mail.server';
import { enqueue } from '../outbox/outbox.server';
import { env } from '../utils/env.server';

export type ShiftNotice = 'promoted' | 'signedUpByTeam' | 'shiftCancelled' | 'reminder7d' | 'reminder1d' | 'reminder2h' | 'hoursCertified' | 'hoursRejected';

function absolute(path: string) {
  const base = env().PUBLIC_URL ?? `http://localhost:${env().PORT}`;
  return `${base.replace(/\/$/, '')}${path}`;
}

export async function notifyVolunteers(tx: DbOrTx, userIds: readonly string[], notice: ShiftNotice, shift: { id: string | null; title: string; startsAt: Date }, extra: Record<string, string> = {}) {
  if (!userIds.length) return;
  const people = await tx.select({ id: users.id, email: users.email, locale: users.locale, disabledAt: users.disabledAt }).from(users).where(inArray(users.id, [...userIds]));
  const messageKey = `shifts.notify.${notice}`;
  const link = notice === 'hoursCertified' || notice === 'hoursRejected' || !shift.id ? '/my/hours' : `/shifts/${shift.id}`;
  await tx.insert(notifications).values(
    people.map((p) => ({ userId: p.id, messageKey, params: { title: shift.title, when: shift.startsAt.toISOString(), ...extra }, link, subjectType: 'shift', subjectId: shift.id })),
  );
  for (const p of people) {
    if (!p.email || p.disabledAt) continue;
    const t = translator(p.locale);
    const line = t(messageKey, { title: shift.title, when: formatDate(p.locale, shift.startsAt, true), ...extra });
    await enqueue(tx, MAIL_TOPIC, { to: p.email, subject: `${t('app.name')}: ${line}`, text: `${line}\n\n${t('shifts.notify.mailLink')}\n${absolute(link)}` });
  }
}

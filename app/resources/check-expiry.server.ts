// Background checks running out: warn the volunteer in the app and by email (through the outbox) a while before, and mark
// the check expired once its date has passed, so eligibility and staff pages agree with the calendar.
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { db } from '../../db/client';
import { backgroundChecks, notifications, resources, users, volunteerProfiles } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { MAIL_TOPIC } from '../mail/mail.server';
import { enqueue } from '../outbox/outbox.server';
import { formatDate } from '../i18n/locale';
import { translator } from '../i18n/messages';

export const WARN_DAYS = 30;

export interface CheckExpiryReport {
  warned: number;
  expired: number;
}

function warningMail(locale: 'zh-CN' | 'en', name: string, type: string, expiresAt: Date) {
  const t = translator(locale);
  return {
    subject: t('resources.mail.checkExpiring.subject'),
    text: t('resources.mail.checkExpiring.text', { name, check: t(`resources.checkType.${type}`), date: formatDate(locale, expiresAt) }),
  };
}

/** One run; safe to repeat: a check is warned once (warned_at) and expired once (status). */
export async function runCheckExpiry(now = new Date()): Promise<CheckExpiryReport> {
  const horizon = new Date(now.getTime() + WARN_DAYS * 86_400_000);
  return db().transaction(async (tx) => {
    const due = await tx
      .select({ id: backgroundChecks.id, type: backgroundChecks.type, expiresAt: backgroundChecks.expiresAt, userId: users.id, email: users.email, name: users.name, locale: users.locale, placeId: resources.placeId })
      .from(backgroundChecks)
      .innerJoin(resources, eq(resources.id, backgroundChecks.volunteerId))
      .innerJoin(volunteerProfiles, eq(volunteerProfiles.resourceId, resources.id))
      .innerJoin(users, eq(users.id, volunteerProfiles.userId))
      .where(and(eq(backgroundChecks.status, 'verified'), isNull(backgroundChecks.warnedAt), gt(backgroundChecks.expiresAt, now), lte(backgroundChecks.expiresAt, horizon)))
      .for('update', { of: backgroundChecks, skipLocked: true });
    for (const c of due) {
      if (c.email) await enqueue(tx, MAIL_TOPIC, { to: c.email, ...warningMail(c.locale, c.name, c.type, c.expiresAt!) });
      await tx.insert(notifications).values({ userId: c.userId, messageKey: 'resources.notify.checkExpiring', params: { date: c.expiresAt!.toISOString().slice(0, 10) }, link: '/my/profile', subjectType: 'background_check', subjectId: c.id });
      await tx.update(backgroundChecks).set({ warnedAt: now }).where(eq(backgroundChecks.id, c.id));
      await recordAudit(tx, { userId: null }, { action: 'background_check.warn_expiry', subjectType: 'background_check', subjectId: c.id, placeId: c.placeId });
    }
    const expired = await tx
      .update(backgroundChecks)
      .set({ status: 'expired' })
      .where(and(eq(backgroundChecks.status, 'verified'), lte(backgroundChecks.expiresAt, now)))
      .returning({ id: backgroundChecks.id, volunteerId: backgroundChecks.volunteerId });
    for (const c of expired) {
      await recordAudit(tx, { userId: null }, { action: 'background_check.expire', subjectType: 'background_check', subjectId: c.id, before: { status: 'verified' }, after: { status: 'expired' } });
    }
    return { warned: due.length, expired: expired.length };
  });
}

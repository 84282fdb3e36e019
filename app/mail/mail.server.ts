// Email leaves through the outbox: queued in the caller's transaction, delivered by the relay through SMTP or,
// without SMTP_URL, kept in the development mailbox.
import nodemailer, { type Transporter } from 'nodemailer';
import { desc } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { mailbox } from '../../db/schema';
import { env } from '../utils/env.server';
import { enqueue } from '../outbox/outbox.server';
import type { Locale } from '../i18n/locale';
import { renderMail, type MailTemplate } from './templates';

export const MAIL_TOPIC = 'mail.send';

export async function queueEmail(tx: DbOrTx, to: string, locale: Locale, template: MailTemplate) {
  const { subject, text } = renderMail(locale, template);
  // Links in these mails are secrets: the relay clears the payload once delivered.
  return enqueue(tx, MAIL_TOPIC, { to, subject, text, secret: 'link' in template });
}

export interface MailPayload {
  to: string;
  subject: string;
  text: string;
}

const KEY = Symbol.for('fivefold.smtp');
type Registry = { [KEY]?: Transporter };

/** Delivers one queued email; safe to repeat for the same outbox row. */
export async function deliverEmail(outboxId: number, payload: MailPayload) {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
    const registry = globalThis as Registry;
    registry[KEY] ??= nodemailer.createTransport(SMTP_URL);
    await registry[KEY].sendMail({
      from: MAIL_FROM,
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      messageId: `<outbox-${outboxId}@fivefold>`,
    });
    return;
  }
  if (env().NODE_ENV === 'production') {
    // No development mailbox in production: fail, so the row stays pending and its error is visible.
    throw new Error('SMTP_URL is not set: email cannot be delivered in production');
  }
  await db()
    .insert(mailbox)
    .values({ outboxId, to: payload.to, subject: payload.subject, text: payload.text })
    .onConflictDoNothing({ target: mailbox.outboxId });
}

export async function listMailbox(limit = 50) {
  return db().select().from(mailbox).orderBy(desc(mailbox.createdAt)).limit(limit);
}

// Each person's choice of how notifications reach them by email: at once, in a daily digest, or not at all
// (the in-app list always has them). No row means "at once".
import { pgEnum, pgTable, uuid } from 'drizzle-orm/pg-core';
import { emailModes } from '../../app/notifications/values';
import { at, createdAt, updatedAt } from './columns';
import { users } from './users';

export const emailModeEnum = pgEnum('notification_email_mode', emailModes);

export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  email: emailModeEnum('email').notNull().default('immediate'),
  /** Up to when the last daily digest covered this person's notifications. */
  digestedUntil: at('digested_until'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// Sessions, one-time email tokens, login attempts and API tokens. Only hashes of secrets are stored.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from './columns';
import { users } from './users';

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie's token, hex. */
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    actingForUserId: uuid('acting_for_user_id').references(() => users.id),
    /** When this session passed the second factor (a TOTP or recovery code); null when it has not. */
    secondFactorAt: at('second_factor_at'),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    endedAt: at('ended_at'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const emailTokenPurposes = ['password_reset', 'email_change'] as const;
export const emailTokenPurposeEnum = pgEnum('email_token_purpose', emailTokenPurposes);

export const emailTokens = pgTable(
  'email_tokens',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    purpose: emailTokenPurposeEnum('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** For an email change: the address being confirmed. */
    newEmail: text('new_email'),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    /** A keyed hash of the client address, so the table holds no raw IPs. */
    addressHash: text('address_hash').notNull(),
    succeeded: boolean('succeeded').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('login_attempts_email_idx').on(t.email, t.createdAt),
    index('login_attempts_address_idx').on(t.addressHash, t.createdAt),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, shown so people can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    lastUsedAt: at('last_used_at'),
    expiresAt: at('expires_at'),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId).where(sql`${t.revokedAt} is null`)],
);

export type Session = typeof sessions.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;

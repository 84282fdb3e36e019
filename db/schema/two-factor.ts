// Two-factor sign-in: one TOTP credential per person (confirmed once they typed a code from it) and their
// single-use recovery codes, stored only as hashes.
import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from './columns';
import { users } from './users';

export const totpCredentials = pgTable('totp_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  /**
   * The shared secret, encrypted (AES-256-GCM, `v1.<key id>.<iv>.<ciphertext>.<tag>`, app/auth/totp-secrets.server.ts):
   * the server must read it to check codes, so it cannot be a hash. Plain base32 only in rows from before encryption,
   * which the next start seals.
   */
  secret: text('secret').notNull(),
  /** Null while enrolment waits for the first code. */
  confirmedAt: at('confirmed_at'),
  /** The last time step whose code was accepted: that code and older ones are refused (no replay). */
  lastStep: bigint('last_step', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** sha256 of the normalised code, hex. */
    codeHash: text('code_hash').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId).where(sql`${t.usedAt} is null`)],
);

export type TotpCredential = typeof totpCredentials.$inferSelect;

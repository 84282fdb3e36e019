// Erasing an account: the person's data is removed or anonymised in one transaction, table by table, as
// docs/data-classification.md decides ("Erasing an account"). The users row stays (ledger entries, hours and vote
// participations refer to it) with nothing personal left in it; money, hours and tallies keep their amounts.
import { sql, type SQL } from 'drizzle-orm';
import { db, rows, type Tx } from '../../db/client';
import { recordAudit, type Actor } from '../audit/audit.server';
import { verifyPassword } from '../auth/password.server';
import { queueSearchUpsert } from '../../search/relay';

/** Shown wherever an erased person's name used to be (ledger, rosters, councils…), in both languages. */
export const ERASED_NAME = '已注销用户 / Erased account';
/** What replaces a personal value inside a free-form record (the audit trail's before/after, notification params). */
export const ERASED_VALUE = '[erased]';

export type EraseResult = { ok: true; alreadyErased: boolean } | { ok: false; reason: 'not_found' | 'wrong_password' };

interface Target {
  id: string;
  email: string | null;
  name: string;
  phone: string | null;
  erased_at: unknown;
}

/** A person erases their own account: the password again, then everything at once. */
export async function eraseOwnAccount(userId: string, password: string): Promise<EraseResult> {
  const [row] = await rows<{ password_hash: string | null; erased_at: unknown }>(db(), sql`select password_hash, erased_at from users where id = ${userId}`);
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.erased_at) return { ok: true, alreadyErased: true };
  if (!(await verifyPassword(password, row.password_hash))) return { ok: false, reason: 'wrong_password' };
  return eraseAccount({ userId }, userId, 'self');
}

/**
 * Erases the account `userId` (idempotent: a second call changes nothing and reports alreadyErased). `by` says who
 * asked, for the audit trail: the person, or an administrator on their request.
 */
export async function eraseAccount(actor: Actor, userId: string, by: 'self' | 'admin'): Promise<EraseResult> {
  return db().transaction(async (tx) => {
    const [target] = await rows<Target>(tx, sql`select id, email, name, phone, erased_at from users where id = ${userId} for update`);
    if (!target) return { ok: false as const, reason: 'not_found' as const };
    if (target.erased_at) return { ok: true as const, alreadyErased: true };
    await eraseIn(tx, target);
    await recordAudit(tx, actor, { action: 'account.erase', subjectType: 'user', subjectId: userId, after: { by } });
    return { ok: true as const, alreadyErased: false };
  });
}

const run = (tx: Tx, query: SQL) => tx.execute(query);

async function eraseIn(tx: Tx, u: Target) {
  const uid = u.id;
  const email = u.email;
  // Personal strings that may sit inside free-form records written about this person.
  const values = [email, u.phone, u.name.trim().length >= 2 ? u.name.trim() : null].filter((v): v is string => Boolean(v));

  // Needs they asked for (requester): the private side goes, the public summary stays; their photos go.
  const ownNeeds = await rows<{ id: string }>(tx, sql`select id from needs where requester_user_id = ${uid}`);
  const needIds = ownNeeds.map((n) => n.id);
  const volunteerResources = await rows<{ id: string }>(tx, sql`select resource_id as id from volunteer_profiles where user_id = ${uid}`);
  const ownedResources = await rows<{ id: string }>(tx, sql`select id from resources where owner_user_id = ${uid} and kind = 'volunteer'`);
  const resourceIds = [...new Set([...volunteerResources, ...ownedResources].map((r) => r.id))];

  // The account itself: no name, contact, password or place; it can no longer sign in and its email is free again.
  await run(tx, sql`update users set email = null, name = ${ERASED_NAME}, phone = null, password_hash = null, home_place_id = null,
    email_verified_at = null, disabled_at = coalesce(disabled_at, now()), erased_at = now(), updated_at = now() where id = ${uid}`);
  await run(tx, sql`update role_assignments set revoked_at = now() where user_id = ${uid} and revoked_at is null`);
  await run(tx, sql`update representatives set revoked_at = now() where (principal_user_id = ${uid} or representative_user_id = ${uid}) and revoked_at is null`);

  // Secrets and sign-in state: gone.
  await run(tx, sql`delete from sessions where user_id = ${uid} or acting_for_user_id = ${uid}`);
  await run(tx, sql`delete from email_tokens where user_id = ${uid}`);
  await run(tx, sql`delete from api_tokens where user_id = ${uid}`);
  await run(tx, sql`delete from totp_credentials where user_id = ${uid}`);
  await run(tx, sql`delete from recovery_codes where user_id = ${uid}`);
  await run(tx, sql`delete from calendar_feeds where user_id = ${uid}`);
  if (email) await run(tx, sql`delete from login_attempts where email = ${email}`);
  await run(tx, sql`delete from rate_limits where key = ${`user:${uid}`}`);

  // What they were told, how they wanted to be told, what they followed.
  await run(tx, sql`delete from notifications where user_id = ${uid}`);
  await run(tx, sql`delete from notification_settings where user_id = ${uid}`);
  await run(tx, sql`delete from need_followers where user_id = ${uid}`);
  await run(tx, sql`delete from topic_followers where user_id = ${uid}`);
  await run(tx, sql`delete from volunteer_goals where user_id = ${uid}`);

  // Household register: their membership ends and their line holds nothing personal; the household (a dwelling)
  // stays for the other members and for past votes.
  await run(tx, sql`update household_members set name = ${ERASED_NAME}, phone = null, birth_year = null, votes_for_household = false,
    moved_out_at = coalesce(moved_out_at, now()), user_id = null, updated_at = now() where user_id = ${uid}`);

  // Needs they raised for themselves.
  for (const id of needIds) {
    await run(tx, sql`update needs set title = public_summary, description = '', updated_at = now() where id = ${id}`);
    await run(tx, sql`update need_private_details set contact_name = null, phone = null, email = null, address = null, health_notes = null where need_id = ${id}`);
    await run(tx, sql`delete from need_photos where need_id = ${id}`);
    await queueSearchUpsert(tx, 'needs', id);
  }
  await run(tx, sql`delete from need_photos where uploaded_by_user_id = ${uid}`);
  await run(tx, sql`update need_events set note = null where (actor_user_id = ${uid} or on_behalf_of_user_id = ${uid}) and note is not null`);
  await run(tx, sql`update need_ratings set comment = null where (rated_by_user_id = ${uid} or on_behalf_of_user_id = ${uid}) and comment is not null`);
  await run(tx, sql`update need_dispatches set assignee_name = ${ERASED_NAME} where assignee_user_id = ${uid} and assignee_name is not null`);

  // Volunteering: the public volunteer entry is withdrawn (and so leaves the index), skills, availability and
  // contacts are cleared, background checks deleted; rosters and hours stay, attached to the erased account.
  for (const id of resourceIds) {
    await run(tx, sql`update resources set name = ${ERASED_NAME}, description = '', status = 'inactive', updated_at = now() where id = ${id}`);
    await run(tx, sql`delete from background_checks where volunteer_id = ${id}`);
    await queueSearchUpsert(tx, 'resources', id);
  }
  await run(tx, sql`update volunteer_profiles set skills = '{}', tags = '{}', languages = '{}', availability = '[]'::jsonb, exceptions = '[]'::jsonb,
    contact_phone = null, consent_to_contact = false, updated_at = now() where user_id = ${uid}`);
  await run(tx, sql`update resource_members set status = 'left', updated_at = now() where user_id = ${uid} and status in ('invited', 'requested', 'active')`);
  await run(tx, sql`update shift_signups set cancel_note = null where user_id = ${uid} and cancel_note is not null`);
  await run(tx, sql`update service_hours set description = '' where user_id = ${uid}`);
  await run(tx, sql`update goods_loans set borrower_name = ${ERASED_NAME} where borrower_user_id = ${uid}`);

  // Money: amounts, entries and receipts stay; the donor is shown as the erased account.
  await run(tx, sql`update donations set donor_name = ${ERASED_NAME}, donor_email = null where donor_user_id = ${uid}`);
  if (email) await run(tx, sql`update donations set donor_name = ${ERASED_NAME}, donor_email = null where lower(donor_email) = ${email}`);
  await run(tx, sql`update pledges set pledger_name = ${ERASED_NAME}, pledger_email = null where user_id = ${uid}`);
  if (email) await run(tx, sql`update pledges set pledger_name = ${ERASED_NAME}, pledger_email = null where lower(pledger_email) = ${email}`);

  // Public roles they held by name.
  await run(tx, sql`update council_members set name = ${ERASED_NAME} where user_id = ${uid}`);
  await run(tx, sql`update projects set deliverer_name = ${ERASED_NAME} where deliverer_user_id = ${uid} and deliverer_name is not null`);
  await run(tx, sql`update bids set applicant_name = ${ERASED_NAME} where applicant_user_id = ${uid}`);
  await run(tx, sql`update topic_comment_reports set reason = '' where reporter_user_id = ${uid}`);
  if (email) {
    await run(tx, sql`update organisation_profiles set contact_name = null, contact_phone = null, contact_email = null where lower(contact_email) = ${email}`);
  }

  // Mail to them: the development mailbox's copies and the outbox's payloads (delivered or not: none is sent now).
  if (email) {
    await run(tx, sql`delete from mailbox where lower("to") = ${email}`);
    await run(tx, sql`update outbox set payload = null, processed_at = coalesce(processed_at, now()) where payload->>'to' = ${email}`);
  }
  // Exports they downloaded or asked for.
  await run(tx, sql`delete from export_files where requester_user_id = ${uid} or on_behalf_of_user_id = ${uid}`);

  // Free-form records naming them: other people's notifications, the audit trail's before/after.
  await run(tx, sql`select set_config('fivefold.erasure', 'on', true)`);
  for (const value of values) {
    const like = `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const replacement = value === u.name.trim() ? ERASED_NAME : ERASED_VALUE;
    await run(tx, sql`update notifications set params = replace(params::text, ${jsonInner(value)}, ${jsonInner(replacement)})::jsonb where params::text like ${like}`);
    await run(tx, sql`update audit_events set before = replace(before::text, ${jsonInner(value)}, ${jsonInner(ERASED_VALUE)})::jsonb where before::text like ${like}`);
    await run(tx, sql`update audit_events set after = replace(after::text, ${jsonInner(value)}, ${jsonInner(ERASED_VALUE)})::jsonb where after::text like ${like}`);
  }
  await run(tx, sql`select set_config('fivefold.erasure', 'off', true)`);
}

/** A string as it appears inside JSON text (quotes, backslashes and controls escaped), without the quotes. */
function jsonInner(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Who the account is and whether it was erased (the administrator's erase page). */
export async function erasureStateOf(userId: string): Promise<{ id: string; name: string; erasedAt: Date | null } | null> {
  const [row] = await rows<{ id: string; name: string; erased_at: Date | string | null }>(db(), sql`select id, name, erased_at from users where id = ${userId}`);
  if (!row) return null;
  return { id: row.id, name: row.name, erasedAt: row.erased_at ? new Date(row.erased_at) : null };
}

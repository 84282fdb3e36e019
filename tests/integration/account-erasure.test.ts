// Erasing an account, on the demo street: a person given data in every area (a need with its private side and a
// photo, the household register, a volunteer entry in the search index with skills, availability and a check,
// shifts and hours, a donation and a pledge, a council seat, a comment, a dispatch, a loan, notifications, sessions,
// tokens, mail, exports and audit rows) is erased; then every text and JSON column of every table is scanned for
// their name, phone, email and address, the books must still balance with the same amounts, hours and votes still
// count, the account cannot sign in and its email can sign up again.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';
import { indexDemo } from '../../db/seed/search-index';
import { signUp, verifyCredentials } from '../../app/auth/accounts.server';
import { recordAudit } from '../../app/audit/audit.server';
import { relayOutbox } from '../../app/outbox/relay.server';
import { ERASED_NAME, eraseAccount, eraseOwnAccount } from '../../app/privacy/erasure.server';
import { queueSearchUpsert } from '../../search/relay';
import { startSearchFeed } from '../../search/feed';
import { resetSearchEngines } from '../../search/index';
import { useTestDatabase } from '../helpers/db';
import { createUser, DEFAULT_PASSWORD, sessionCookieFor } from '../helpers/factories';
import { expectLedgerWhole } from '../helpers/ledger';

useTestDatabase();

const NAME = '闻人砚秋';
const PHONE = '13977001234';
const EMAIL = 'wenren.yanqiu@example.test';
const ADDRESS = '栖霞巷17号3单元502室';
const HEALTH = '糖尿病，左腿行动不便，每周透析';
const PERSONAL = [NAME, PHONE, EMAIL, ADDRESS, HEALTH];

let userId: string;
let otherUserId: string;

/** Every (table, column) holding text or JSON, and which of the personal values it still contains. */
async function findPersonalValues(): Promise<string[]> {
  const columns = await rows<{ table_name: string; column_name: string }>(
    db(),
    sql`select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema = current_schema() and (c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY'))
        order by 1, 2`,
  );
  expect(columns.length).toBeGreaterThan(100);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const hits = await rows<{ v: string }>(
      db(),
      sql`select v from unnest(array[${sql.join(PERSONAL.map((v) => sql`${v}`), sql`, `)}]::text[]) as v
          where exists (select 1 from ${sql.identifier(table_name)} where ${sql.identifier(column_name)}::text ilike '%' || v || '%')`,
    );
    for (const { v } of hits) found.push(`${table_name}.${column_name}: ${v}`);
  }
  return found;
}

const one = async (query: ReturnType<typeof sql>) => (await rows<Record<string, unknown>>(db(), query))[0];

beforeAll(async () => {
  resetSearchEngines();
  startSearchFeed();
  await seedDemo();
  await indexDemo();
  const user = await createUser({ email: EMAIL, name: NAME });
  userId = user.id;
  otherUserId = (await createUser({ name: '旁人' })).id;
  const d = db();
  await d.execute(sql`update users set phone = ${PHONE} where id = ${userId}`);
  await d.transaction(async (tx) => {
    await recordAudit(tx, { userId }, { action: 'user.sign_up', subjectType: 'user', subjectId: userId, after: { email: EMAIL } });
    await recordAudit(tx, { userId }, { action: 'user.phone_change', subjectType: 'user', subjectId: userId, before: null, after: { phone: PHONE } });
  });

  // A need of theirs, with its private side and a photo.
  const need = await one(sql`select id from needs n where status <> 'raised' and not exists (select 1 from need_ratings r where r.need_id = n.id) order by created_at limit 1`);
  await d.execute(sql`update needs set requester_user_id = ${userId}, title = ${`${NAME}需要送餐`}, description = ${`住在${ADDRESS}，${HEALTH}`} where id = ${need.id}`);
  await d.execute(sql`insert into need_private_details (need_id, contact_name, phone, email, address, health_notes) values (${need.id}, ${NAME}, ${PHONE}, ${EMAIL}, ${ADDRESS}, ${HEALTH})
    on conflict (need_id) do update set contact_name = excluded.contact_name, phone = excluded.phone, email = excluded.email, address = excluded.address, health_notes = excluded.health_notes`);
  await d.execute(sql`insert into need_photos (need_id, content_type, size, bytes, uploaded_by_user_id) values (${need.id}, 'image/png', 4, '\\x89504e47'::bytea, ${userId})`);
  await d.execute(sql`insert into need_followers (need_id, user_id) values (${need.id}, ${userId})`);
  await d.execute(sql`insert into need_ratings (need_id, stars, comment, rated_by_user_id) values (${need.id}, 5, ${`有事打${PHONE}`}, ${userId})`);
  await d.execute(sql`update need_dispatches set assignee_user_id = ${userId}, assignee_name = ${NAME} where id = (select id from need_dispatches limit 1)`);
  await d.execute(sql`insert into need_events (need_id, kind, actor_user_id, actor_role, note) values (${need.id}, 'progress', ${userId}, 'resident', ${`我的电话${PHONE}`})`);

  // The household register.
  await d.execute(sql`update household_members set name = ${NAME}, phone = ${PHONE}, user_id = ${userId} where id = (select id from household_members where user_id is null limit 1)`);

  // A volunteer entry (indexed under their name), skills, availability, a background check, a team membership.
  const vol = await one(sql`select resource_id as id, user_id from volunteer_profiles limit 1`);
  await d.execute(sql`update volunteer_profiles set user_id = ${userId}, contact_phone = ${PHONE} where resource_id = ${vol.id}`);
  await d.execute(sql`update resources set owner_user_id = ${userId}, name = ${NAME}, description = ${`${NAME}会修自行车`} where id = ${vol.id}`);
  await d.execute(sql`insert into background_checks (volunteer_id, type, issuer, reference) values (${vol.id}, 'no_criminal_record', '公安局', ${`NCR-${PHONE}`})`);
  await d.execute(sql`update resource_members set user_id = ${userId} where id = (select id from resource_members where status = 'active' limit 1)`);
  await d.execute(sql`update shift_signups set user_id = ${userId}, cancel_note = ${`请联系${PHONE}`} where id = (select id from shift_signups limit 1)`);
  await d.execute(sql`update service_hours set user_id = ${userId}, description = ${`${NAME}的服务`} where id in (select id from service_hours limit 2)`);
  await d.execute(sql`insert into volunteer_goals (user_id, year, kind, target_half_hours) values (${userId}, 2026, 'shuangbaodao', 32)`);
  await d.execute(sql`insert into calendar_feeds (user_id, token_hash) values (${userId}, 'erasure-test-feed')`);
  await d.transaction(async (tx) => queueSearchUpsert(tx, 'resources', String(vol.id)));

  // Money: a donation and a pledge.
  await d.execute(sql`update donations set donor_user_id = ${userId}, donor_name = ${NAME}, donor_email = ${EMAIL} where id = (select id from donations order by received_at limit 1)`);
  await d.execute(sql`update pledges set user_id = ${userId}, pledger_name = ${NAME}, pledger_email = ${EMAIL} where id = (select id from pledges limit 1)`);

  // Deliberation and projects.
  await d.execute(sql`update council_members set user_id = ${userId}, name = ${NAME} where id = (select id from council_members limit 1)`);
  await d.execute(sql`insert into topic_comments (topic_id, author_user_id, body) values ((select id from topics limit 1), ${userId}, '同意这个方案')`);
  await d.execute(sql`update goods_loans set borrower_user_id = ${userId}, borrower_name = ${NAME} where id = (select id from goods_loans limit 1)`);
  await d.execute(sql`update organisation_profiles set contact_name = ${NAME}, contact_phone = ${PHONE}, contact_email = ${EMAIL} where resource_id = (select resource_id from organisation_profiles limit 1)`);

  // Account: sessions, tokens, notifications (theirs, and another person's naming them), mail, login attempts.
  await sessionCookieFor(userId);
  await d.execute(sql`insert into api_tokens (user_id, name, token_hash, prefix) values (${userId}, ${`${NAME}的脚本`}, 'erasure-test-token', 'ff_abc')`);
  await d.execute(sql`insert into totp_credentials (user_id, secret, confirmed_at) values (${userId}, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', now())`);
  await d.execute(sql`insert into recovery_codes (user_id, code_hash) values (${userId}, 'erasure-test-recovery-hash')`);
  await d.execute(sql`insert into notifications (user_id, message_key, params, subject_type) values (${userId}, 'needs.notice.dispatched', ${JSON.stringify({ name: NAME })}::jsonb, 'need')`);
  await d.execute(sql`insert into notifications (user_id, message_key, params, subject_type) values (${otherUserId}, 'shifts.notice.signedUp', ${JSON.stringify({ volunteer: NAME })}::jsonb, 'shift')`);
  await d.execute(sql`insert into notification_settings (user_id, email) values (${userId}, 'digest')`);
  await d.execute(sql`insert into login_attempts (email, address_hash, succeeded) values (${EMAIL}, 'h', true)`);
  await d.execute(sql`insert into mailbox (outbox_id, "to", subject, text) values (987654321, ${EMAIL}, ${`${NAME}，您好`}, ${`${NAME}，您的需求已受理`})`);
  await d.execute(sql`insert into outbox (topic, payload, processed_at) values ('mail.send', ${JSON.stringify({ to: EMAIL, subject: NAME, text: NAME })}::jsonb, now())`);
  await d.execute(sql`insert into export_files (requester_user_id, kind, format, file_name) values (${userId}, (select unnest(enum_range(null::export_kind)) limit 1), (select unnest(enum_range(null::export_format)) limit 1), 'my-data.json')`);
  await relayOutbox();
}, 240_000);

async function ledgerFigures() {
  const entries = await one(sql`select count(*)::int as n, coalesce(sum(amount_minor), 0)::bigint::text as total, coalesce(sum(abs(amount_minor)), 0)::bigint::text as moved from ledger_entries`);
  const donations = await one(sql`select count(*)::int as n, sum(amount_minor)::bigint::text as total from donations`);
  const hours = await one(sql`select count(*)::int as n, coalesce(sum(half_hours), 0)::int as half from service_hours`);
  const ballots = await rows(db(), sql`select vote_id, option_id, count(*)::int as n from ballots group by 1, 2 order by 1, 2`);
  const participations = await one(sql`select count(*)::int as n from vote_participations`);
  return { entries, donations, hours, ballots, participations };
}

describe('erasing an account', () => {
  it('first holds the person in every area (so the scan can fail)', async () => {
    const found = await findPersonalValues();
    for (const where of ['users.name', 'users.email', 'users.phone', 'need_private_details.address', 'need_private_details.health_notes', 'household_members.name', 'search_documents.title', 'donations.donor_email', 'audit_events.after', 'notifications.params', 'mailbox.text']) {
      expect(found.some((f) => f.startsWith(`${where}:`)), where).toBe(true);
    }
  });

  it('refuses a wrong password and changes nothing', async () => {
    expect(await eraseOwnAccount(userId, 'not the password')).toEqual({ ok: false, reason: 'wrong_password' });
    expect((await one(sql`select email, erased_at from users where id = ${userId}`))).toMatchObject({ email: EMAIL, erased_at: null });
  });

  it('removes every personal value of theirs from every table and the index, keeping money, hours and votes', async () => {
    const before = await ledgerFigures();
    const donation = await one(sql`select id, amount_minor, receipt_number from donations where donor_user_id = ${userId}`);
    expect(await eraseOwnAccount(userId, DEFAULT_PASSWORD)).toEqual({ ok: true, alreadyErased: false });
    await relayOutbox();

    expect(await findPersonalValues()).toEqual([]);
    await expectLedgerWhole();
    expect(await ledgerFigures()).toEqual(before);
    // The donation stays, under the erased account's name.
    expect(await one(sql`select id, amount_minor, receipt_number, donor_name, donor_email from donations where id = ${donation.id}`)).toEqual({ ...donation, donor_name: ERASED_NAME, donor_email: null });
    // Their volunteer entry is gone from the index; the need stays there under its public summary.
    expect(await one(sql`select count(*)::int as n from search_documents where title = ${ERASED_NAME}`)).toEqual({ n: 0 });
    // No session, token or feed of theirs survives; the photo is gone; the audit trail says who erased whom.
    for (const table of ['sessions', 'api_tokens', 'totp_credentials', 'recovery_codes', 'calendar_feeds', 'notifications', 'notification_settings', 'need_followers', 'export_files']) {
      const column = table === 'export_files' ? 'requester_user_id' : 'user_id';
      expect(await one(sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${userId}`), table).toEqual({ n: 0 });
    }
    expect(await one(sql`select count(*)::int as n from need_photos where uploaded_by_user_id = ${userId}`)).toEqual({ n: 0 });
    expect(await one(sql`select after from audit_events where action = 'account.erase' and subject_id = ${userId}`)).toEqual({ after: { by: 'self' } });
  });

  it('cannot sign in any more, and the email can be registered again', async () => {
    expect(await verifyCredentials({ email: EMAIL, password: DEFAULT_PASSWORD }, '203.0.113.9')).toEqual({ ok: false, reason: 'invalid' });
    const again = await signUp(new Request('http://localhost/signup', { method: 'POST' }), { email: EMAIL, password: 'another good password', name: '新用户', locale: 'zh-CN' });
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.userId).not.toBe(userId);
  });

  it('is idempotent: a second erasure (by an admin) changes nothing and is not recorded twice', async () => {
    const audits = await one(sql`select count(*)::int as n from audit_events where subject_id = ${userId}`);
    expect(await eraseAccount({ userId: otherUserId }, userId, 'admin')).toEqual({ ok: true, alreadyErased: true });
    expect(await one(sql`select count(*)::int as n from audit_events where subject_id = ${userId}`)).toEqual(audits);
  });

  it('leaves the audit trail append-only outside an erasure', async () => {
    const refusal = (query: ReturnType<typeof sql>) =>
      db()
        .execute(query)
        .then(
          () => 'accepted',
          (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
        );
    expect(await refusal(sql`update audit_events set after = '{}'::jsonb where id = (select max(id) from audit_events)`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from audit_events where id = (select max(id) from audit_events)`)).toMatch(/append-only/);
  });
});

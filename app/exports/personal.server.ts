// A person's own data, area by area, for their download (right of access): everything that is about them, nothing
// that is someone else's. Every column of the schema that points at a user is listed below, either as an area of the
// download or as a record of the person acting on someone else's (a test keeps the two lists complete).
import { strToU8, zipSync } from 'fflate';
import { sql, type SQL } from 'drizzle-orm';
import { db, rows } from '../../db/client';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/messages';
import { csvLine, BOM } from './csv';

interface Area {
  name: string;
  /** The user-pointing columns (table.column) this area answers for. */
  columns: string[];
  query: (userId: string) => SQL;
}

const byUser = (table: string, ...cols: string[]) => (u: string) =>
  sql`select * from ${sql.identifier(table)} where ${sql.join(
    cols.map((c) => sql`${sql.identifier(c)} = ${u}`),
    sql` or `,
  )} order by created_at`;
const area = (name: string, table: string, ...cols: string[]): Area => ({ name, columns: cols.map((c) => `${table}.${c}`), query: byUser(table, ...cols) });

export const personalAreas: Area[] = [
  { name: 'profile', columns: [], query: (u) => sql`select * from users where id = ${u}` },
  area('roles', 'role_assignments', 'user_id'),
  area('representatives', 'representatives', 'principal_user_id', 'representative_user_id'),
  area('household_memberships', 'household_members', 'user_id'),
  { name: 'households', columns: [], query: (u) => sql`select h.* from households h where h.id in (select household_id from household_members where user_id = ${u}) order by h.created_at` },
  // Needs they raised for themselves, with their private side. A need staff logged for someone else is that person's.
  area('needs', 'needs', 'requester_user_id'),
  { name: 'need_private_details', columns: [], query: (u) => sql`select d.* from need_private_details d join needs n on n.id = d.need_id where n.requester_user_id = ${u} order by d.created_at` },
  area('need_followers', 'need_followers', 'user_id'),
  area('need_ratings', 'need_ratings', 'rated_by_user_id', 'on_behalf_of_user_id'),
  area('need_photos', 'need_photos', 'uploaded_by_user_id'),
  area('need_progress_reported', 'need_progress', 'reported_by_user_id'),
  area('need_dispatches_to_me', 'need_dispatches', 'assignee_user_id'),
  area('notifications', 'notifications', 'user_id'),
  area('notification_settings', 'notification_settings', 'user_id'),
  area('volunteer_profile', 'volunteer_profiles', 'user_id'),
  area('resources_owned', 'resources', 'owner_user_id'),
  area('resource_memberships', 'resource_members', 'user_id'),
  area('volunteer_goals', 'volunteer_goals', 'user_id'),
  area('calendar_feeds', 'calendar_feeds', 'user_id'),
  area('shift_signups', 'shift_signups', 'user_id', 'signed_up_by'),
  area('shifts_organised', 'shifts', 'organiser_user_id'),
  area('service_hours', 'service_hours', 'user_id'),
  area('goods_loans', 'goods_loans', 'borrower_user_id'),
  area('venue_bookings', 'venue_bookings', 'booked_by'),
  area('donations', 'donations', 'donor_user_id'),
  area('pledges', 'pledges', 'user_id'),
  area('topics', 'topics', 'proposed_by_user_id'),
  area('topic_comments', 'topic_comments', 'author_user_id'),
  area('topic_followers', 'topic_followers', 'user_id'),
  area('comment_reports', 'topic_comment_reports', 'reporter_user_id'),
  // That they took part in a vote, never how they voted (ballots are not linked to people).
  area('vote_participations', 'vote_participations', 'cast_by_user_id'),
  area('council_memberships', 'council_members', 'user_id'),
  area('panel_memberships', 'evaluation_panel_members', 'user_id'),
  area('evaluator_assignments', 'evaluator_assignments', 'evaluator_user_id'),
  area('bid_scores', 'bid_scores', 'evaluator_user_id'),
  area('bids', 'bids', 'applicant_user_id', 'submitted_by'),
  area('bid_attachments', 'bid_attachments', 'uploaded_by'),
  area('award_objections', 'award_objections', 'user_id'),
  area('projects_delivered', 'projects', 'deliverer_user_id', 'created_by'),
  area('api_tokens', 'api_tokens', 'user_id'),
  area('sessions', 'sessions', 'user_id', 'acting_for_user_id'),
  area('exports', 'export_files', 'requester_user_id', 'on_behalf_of_user_id'),
  // What was done by them, for them or to their account: the entry without its before/after (which may hold others' data).
  {
    name: 'audit_events',
    columns: ['audit_events.actor_user_id', 'audit_events.on_behalf_of_user_id'],
    query: (u) =>
      sql`select id, action, subject_type, subject_id, place_id, actor_user_id, on_behalf_of_user_id, created_at from audit_events where actor_user_id = ${u} or on_behalf_of_user_id = ${u} or (subject_type = 'user' and subject_id = ${u}::text) order by id`,
  },
];

/**
 * Columns that point at a user acting on someone else's record (a staff member deciding, recording, verifying),
 * or at secrets: not part of that user's own data download.
 */
export const notPersonalColumns = [
  'award_objections.answered_by', 'awards.decided_by', 'background_checks.verified_by', 'disbursements.decided_by', 'disbursements.paid_by', 'disbursements.requested_by',
  'donations.confirmed_by', 'donations.recorded_by', 'email_tokens.user_id', 'evaluation_panels.created_by_user_id', 'evaluator_assignments.assigned_by', 'fair_pairs.applicant_signed_by',
  'fair_pairs.project_signed_by', 'fair_participants.added_by', 'fair_participants.ranked_by', 'fair_proposals.created_by', 'fairs.created_by', 'funding_rounds.created_by', 'funds.created_by',
  'goods_loans.recorded_by', 'goods_loans.returned_to', 'household_share_plans.created_by', 'ledger_groups.created_by', 'match_dismissals.dismissed_by_user_id', 'match_run_pairs.decided_by_user_id',
  'match_runs.approved_by_user_id', 'match_runs.created_by_user_id', 'matching_programmes.created_by', 'milestone_updates.created_by', 'need_dispatches.dispatched_by_user_id',
  'need_dispatches.responsible_user_id', 'need_escalations.responsible_user_id', 'need_events.actor_user_id', 'need_events.on_behalf_of_user_id', 'need_imports.created_by_user_id',
  'needs.raised_by_user_id', 'needs.responsible_user_id', 'organisation_profiles.verified_by', 'project_events.actor_user_id', 'project_needs.linked_by', 'project_report_photos.uploaded_by',
  'project_reports.created_by', 'representatives.registered_by', 'resource_members.decided_by', 'resource_members.invited_by', 'role_assignments.granted_by', 'role_assignments.revoked_by',
  'round_projects.added_by', 'service_hours.decided_by', 'shift_signups.checked_in_by', 'shift_signups.checked_out_by', 'topic_events.actor_user_id', 'vote_participations.entered_by_user_id',
  'votes.created_by_user_id', 'totp_credentials.user_id', 'recovery_codes.user_id',
];

// Secrets and file bodies never go into the download, even one's own (a session id or a token hash would let anyone in).
const withheld = new Set(['password_hash', 'token_hash', 'address_hash', 'secret', 'code_hash', 'bytes', 'content', 'before', 'after']);
const withheldIn: Record<string, string[]> = { sessions: ['id'] };

export interface PersonalData {
  userId: string;
  generatedAt: string;
  areas: Record<string, Record<string, unknown>[]>;
}

const plain = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) || v instanceof Uint8Array ? undefined : v);

/** Everything about one person, area by area (empty areas left out). */
export async function gatherPersonalData(userId: string, onProgress?: (done: number, total: number) => Promise<void>): Promise<PersonalData> {
  const areas: PersonalData['areas'] = {};
  let done = 0;
  for (const a of personalAreas) {
    const found = await rows<Record<string, unknown>>(db(), a.query(userId));
    const table = a.columns[0]?.split('.')[0] ?? '';
    const drop = new Set([...withheld, ...(withheldIn[table] ?? [])]);
    if (found.length) areas[a.name] = found.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.has(k)).map(([k, v]) => [k, plain(v)])));
    done += 1;
    if (done % 8 === 0 || done === personalAreas.length) await onProgress?.(done, personalAreas.length);
  }
  return { userId, generatedAt: new Date().toISOString(), areas };
}

const cellOf = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean));

/** The download: data.json with everything, one CSV per area (spreadsheet-ready), and a README in their language. */
export function personalDataZip(data: PersonalData, locale: Locale): Buffer {
  const t = translator(locale);
  const files: Record<string, Uint8Array> = {
    'README.txt': strToU8(`${t('exports.personal.readme', { date: data.generatedAt.slice(0, 10) })}\r\n\r\n${Object.keys(data.areas).map((n) => `- ${n}.csv (${data.areas[n].length})`).join('\r\n')}\r\n`),
    'data.json': strToU8(JSON.stringify(data, null, 2)),
  };
  for (const [name, list] of Object.entries(data.areas)) {
    const headers = [...new Set(list.flatMap((r) => Object.keys(r)))];
    files[`${name}.csv`] = strToU8(BOM + csvLine(headers) + list.map((r) => csvLine(headers.map((h) => cellOf(r[h])))).join(''));
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}

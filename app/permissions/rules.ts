// Who may do what where: role × place. Pure rules, no I/O; permissions.server.ts applies them to a request.
import type { Role } from '../../db/schema/values';

export const permissions = [
  /** See the private side of a place: its household register, residents' details. */
  'place.read_private',
  /** Create and edit places below one's own (grids, compounds, buildings...) and a community's settings. */
  'place.manage',
  'household.read',
  'household.manage',
  /** Grant and revoke roles at places within one's scope. */
  'role.manage',
  /** Act for a resident who has no phone, recorded as "on behalf of". */
  'resident.act_for',
  /** Register a family member as a resident's representative. */
  'representative.manage',
  'audit.read',
  /** See a need's private details (contact, address, health notes) and its full timeline. */
  'need.read_private',
  /** Log a need for a resident (door-to-door visit, yard meeting, hotline, walk-in). */
  'need.raise_for',
  /** Verify and triage needs: category, urgency, type; merge, reject, mark out of scope; close for a requester. */
  'need.triage',
  /** Send a need to a person, team, organisation, department or project. */
  'need.dispatch',
  /** Import a spreadsheet of needs (the paper ledger). */
  'need.import',
  /** Run batch matching over the open needs of a community or street, and approve its proposals. */
  'need.match',
  /** Verify volunteers' background checks and look after resources (offers, venues, goods) in one's places. */
  'resource.verify',
  /** Verify social organisations (street staff). */
  'organisation.verify',
  /** See a volunteer's phone and email; every view is audited. */
  'volunteer.read_contact',
  /** The capacity inventory and the needs-vs-resources gap report of a community. */
  'inventory.read',
  /** Open a fund at a place and edit its description and holder. */
  'fund.manage',
  /** Record cash, bank-transfer and in-kind donations with their receipt numbers (the treasurer). */
  'fund.record_donation',
  /** Confirm a large offline donation recorded by someone else (the second person). */
  'fund.confirm_donation',
  /** Ask for money from a fund for a project or organisation. */
  'fund.request_disbursement',
  /** Approve or reject someone else's disbursement request. */
  'fund.approve_disbursement',
  /** Pay an approved disbursement against the payee's receipt (the treasurer). */
  'fund.pay_disbursement',
  /** Post and edit matching programmes (配捐) with their pool, launch and close them (the funder's programme officer). */
  'matching.manage',
  /** Add money to a matching programme's pool (the funder, or the treasurer recording the funder's transfer). */
  'matching.top_up',
  /** Run a matching programme over a stream of gifts before launch and see its simulation. */
  'matching.simulate',
  /** Create projects from needs and run funding rounds: open them, assign evaluators, trim budgets, award, answer objections. */
  'project.manage',
  /** Score bids in rounds one is assigned to (never a bid from one's own organisation). */
  'project.evaluate',
  /** See a round's bids, scores and ranking without changing them (funders' programme officers). */
  'round.read_evaluation',
  /** Publish volunteer shifts at a place; the publisher runs their own shifts' rosters. */
  'shift.organise',
  /** Run any shift in one's places: roster with contacts, check-in, no-shows, certifying hours. */
  'shift.manage',
  /** Run residents' councils: members, reserved seats, meetings with agendas and minutes. */
  'council.manage',
  /** Move topics through their stages, raise topics from needs, link the implementing project. */
  'topic.manage',
  /** Review comments hidden by reports: restore or remove them. */
  'topic.moderate',
  /** Set up, open, close and publish votes. */
  'vote.manage',
  /** Enter paper ballots and signature-sheet lines for households of one's places (marked and audited). */
  'vote.enter_paper',
  /** Set up evaluation panels (评估团) and publish their results. */
  'panel.manage',
  /** The dashboard of a community or street: its figures, and its overdue needs with who answers for them. */
  'stats.read',
  /** Funder reports of matching programmes and funding rounds: money in and out, beneficiaries, outcomes. */
  'report.read',
] as const;
export type Permission = (typeof permissions)[number];

// Community and street staff also run projects and funding rounds in their places.
const STAFF_COMMON: Permission[] = ['place.read_private', 'household.read', 'resident.act_for', 'audit.read', 'project.manage', 'round.read_evaluation', 'stats.read', 'report.read'];
const NEED_STAFF: Permission[] = ['need.read_private', 'need.raise_for', 'need.triage', 'need.dispatch', 'need.import', 'need.match'];
const RESOURCE_STAFF: Permission[] = ['resource.verify', 'volunteer.read_contact', 'inventory.read'];
const SHIFT_STAFF: Permission[] = ['shift.organise', 'shift.manage'];
const FUND_STAFF: Permission[] = ['fund.manage', 'fund.confirm_donation', 'fund.request_disbursement', 'fund.approve_disbursement', 'matching.simulate'];
const DELIBERATION_STAFF: Permission[] = ['council.manage', 'topic.manage', 'topic.moderate', 'vote.manage', 'vote.enter_paper', 'panel.manage'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  resident: [],
  volunteer: [],
  team_leader: ['shift.organise'],
  org_member: ['shift.organise'],
  donor: [],
  funder: ['round.read_evaluation', 'matching.manage', 'matching.simulate', 'matching.top_up', 'report.read'],
  evaluator: ['project.evaluate'],
  treasurer: ['fund.record_donation', 'fund.confirm_donation', 'fund.request_disbursement', 'fund.pay_disbursement', 'matching.top_up'],
  social_worker: ['place.read_private', 'household.read', 'resident.act_for', 'need.read_private', 'need.raise_for', 'need.dispatch', 'volunteer.read_contact', 'inventory.read', ...SHIFT_STAFF],
  grid_worker: ['place.read_private', 'household.read', 'household.manage', 'resident.act_for', 'need.read_private', 'need.raise_for', 'vote.enter_paper'],
  community_staff: [...STAFF_COMMON, ...DELIBERATION_STAFF, 'place.manage', 'household.manage', 'role.manage', 'representative.manage', ...NEED_STAFF, ...RESOURCE_STAFF, ...FUND_STAFF, ...SHIFT_STAFF],
  street_staff: [...STAFF_COMMON, ...DELIBERATION_STAFF, 'place.manage', 'household.manage', 'role.manage', 'representative.manage', ...NEED_STAFF, ...RESOURCE_STAFF, ...FUND_STAFF, ...SHIFT_STAFF, 'organisation.verify'],
  admin: [...permissions],
};

/** Roles that carry duties over other people's data: their sessions are shorter. */
export const privilegedRoles: readonly Role[] = ['social_worker', 'grid_worker', 'community_staff', 'street_staff', 'treasurer', 'funder', 'admin'];

/** Roles a manager may grant: only those below their own, so nobody can mint a peer or a superior. */
export const grantableRoles: Record<Role, readonly Role[]> = {
  admin: ['resident', 'volunteer', 'team_leader', 'org_member', 'social_worker', 'grid_worker', 'community_staff', 'street_staff', 'treasurer', 'donor', 'funder', 'evaluator', 'admin'],
  street_staff: ['resident', 'volunteer', 'team_leader', 'org_member', 'social_worker', 'grid_worker', 'community_staff', 'treasurer', 'donor', 'funder', 'evaluator'],
  community_staff: ['resident', 'volunteer', 'team_leader', 'org_member', 'social_worker', 'grid_worker', 'donor', 'evaluator'],
  resident: [],
  volunteer: [],
  team_leader: [],
  org_member: [],
  social_worker: [],
  grid_worker: [],
  treasurer: [],
  donor: [],
  funder: [],
  evaluator: [],
};

export interface ScopedRole {
  role: Role;
  /** The place path ('/a/b/') where the role holds, or null for platform-wide. */
  placePath: string | null;
}

/** A place is within a scope when the scope's path is a prefix of the place's path. */
export const withinScope = (scopePath: string | null, placePath: string) => scopePath === null || placePath.startsWith(scopePath);

/** Whether any of the roles grants the permission at the place with the given path. */
export function can(roles: readonly ScopedRole[], permission: Permission, placePath: string): boolean {
  return roles.some((r) => rolePermissions[r.role].includes(permission) && withinScope(r.placePath, placePath));
}

/** Whether the permission holds anywhere at all (to show a menu entry, say). */
export function canAnywhere(roles: readonly ScopedRole[], permission: Permission): boolean {
  return roles.some((r) => rolePermissions[r.role].includes(permission));
}

/** The scopes (place paths, null = everywhere) in which a permission holds: the WHERE clause of scoped lists. */
export function scopesFor(roles: readonly ScopedRole[], permission: Permission): (string | null)[] {
  return roles.filter((r) => rolePermissions[r.role].includes(permission)).map((r) => r.placePath);
}

/** Whether the holder of these roles may grant `role` at a place with path `placePath`. */
export function canGrant(roles: readonly ScopedRole[], role: Role, placePath: string | null): boolean {
  return roles.some(
    (r) =>
      rolePermissions[r.role].includes('role.manage') &&
      grantableRoles[r.role].includes(role) &&
      (r.placePath === null || (placePath !== null && placePath.startsWith(r.placePath))),
  );
}

import { describe, expect, it } from 'vitest';
import { can, canAnywhere, canGrant, scopesFor, withinScope, type ScopedRole } from '../../../app/permissions/rules';

// Paths as the places table writes them: ancestor ids joined by '/', ending in '/'.
const street = '/city/district/street/';
const community = `${street}c1/`;
const grid = `${community}g1/`;
const otherCommunity = `${street}c2/`;

const staff: ScopedRole[] = [{ role: 'community_staff', placePath: community }];
const admin: ScopedRole[] = [{ role: 'admin', placePath: null }];

describe('can', () => {
  it('lets community staff read private data inside their community and below', () => {
    expect(can(staff, 'place.read_private', community)).toBe(true);
    expect(can(staff, 'household.read', grid)).toBe(true);
  });

  it('stops community staff at another community and above their own', () => {
    expect(can(staff, 'place.read_private', otherCommunity)).toBe(false);
    expect(can(staff, 'place.read_private', street)).toBe(false);
  });

  it('does not treat a community whose id merely starts the same as inside the scope', () => {
    expect(can([{ role: 'community_staff', placePath: `${street}c1/` }], 'household.read', `${street}c10/`)).toBe(false);
  });

  it('gives residents and volunteers no staff permissions anywhere', () => {
    const roles: ScopedRole[] = [
      { role: 'resident', placePath: community },
      { role: 'volunteer', placePath: community },
    ];
    expect(can(roles, 'place.read_private', community)).toBe(false);
    expect(canAnywhere(roles, 'household.read')).toBe(false);
  });

  it('gives a social worker read but not manage rights over households', () => {
    const roles: ScopedRole[] = [{ role: 'social_worker', placePath: community }];
    expect(can(roles, 'household.read', grid)).toBe(true);
    expect(can(roles, 'household.manage', grid)).toBe(false);
  });

  it('lets an admin do everything everywhere', () => {
    expect(can(admin, 'audit.read', otherCommunity)).toBe(true);
    expect(can(admin, 'role.manage', '/elsewhere/')).toBe(true);
  });

  it('combines roles: any role that grants the permission at the place is enough', () => {
    const roles: ScopedRole[] = [
      { role: 'resident', placePath: otherCommunity },
      { role: 'grid_worker', placePath: grid },
    ];
    expect(can(roles, 'household.manage', `${grid}building/`)).toBe(true);
    expect(can(roles, 'household.manage', otherCommunity)).toBe(false);
  });
});

describe('withinScope', () => {
  it('treats a null scope as everywhere', () => {
    expect(withinScope(null, otherCommunity)).toBe(true);
    expect(withinScope(community, otherCommunity)).toBe(false);
  });
});

describe('scopesFor', () => {
  it('lists the places where a permission holds, for the WHERE clause of scoped lists', () => {
    const roles: ScopedRole[] = [
      { role: 'community_staff', placePath: community },
      { role: 'grid_worker', placePath: `${otherCommunity}g9/` },
      { role: 'resident', placePath: street },
    ];
    expect(scopesFor(roles, 'household.read')).toEqual([community, `${otherCommunity}g9/`]);
    expect(scopesFor(roles, 'role.manage')).toEqual([community]);
  });

  it('returns null (everywhere) for an admin and nothing for a resident', () => {
    expect(scopesFor(admin, 'household.read')).toEqual([null]);
    expect(scopesFor([{ role: 'resident', placePath: community }], 'household.read')).toEqual([]);
  });
});

describe('canGrant', () => {
  it('lets community staff grant lower roles inside their community', () => {
    expect(canGrant(staff, 'grid_worker', grid)).toBe(true);
    expect(canGrant(staff, 'volunteer', community)).toBe(true);
  });

  it('does not let community staff mint a peer or a superior', () => {
    for (const role of ['community_staff', 'street_staff', 'admin', 'treasurer', 'funder'] as const) {
      expect(canGrant(staff, role, community), role).toBe(false);
    }
  });

  it('does not let community staff grant at another community, above their own, or platform-wide', () => {
    expect(canGrant(staff, 'grid_worker', otherCommunity)).toBe(false);
    expect(canGrant(staff, 'grid_worker', street)).toBe(false);
    expect(canGrant(staff, 'grid_worker', null)).toBe(false);
  });

  it('lets street staff appoint community staff within their street, but not elsewhere', () => {
    const streetStaff: ScopedRole[] = [{ role: 'street_staff', placePath: street }];
    expect(canGrant(streetStaff, 'community_staff', community)).toBe(true);
    expect(canGrant(streetStaff, 'street_staff', community)).toBe(false);
    expect(canGrant(streetStaff, 'community_staff', '/city/district/other-street/c3/')).toBe(false);
  });

  it('lets an admin grant any role anywhere, including platform-wide admin', () => {
    expect(canGrant(admin, 'admin', null)).toBe(true);
    expect(canGrant(admin, 'community_staff', otherCommunity)).toBe(true);
  });

  it('gives roles without role.manage no granting power, even of the lowest role', () => {
    expect(canGrant([{ role: 'grid_worker', placePath: community }], 'resident', grid)).toBe(false);
    expect(canGrant([{ role: 'treasurer', placePath: street }], 'donor', community)).toBe(false);
  });

  it('needs one role that both may grant and holds at the place', () => {
    // Staff at c1 plus a resident role at c2: the resident role cannot lend its place to the staff role.
    const roles: ScopedRole[] = [...staff, { role: 'resident', placePath: otherCommunity }];
    expect(canGrant(roles, 'volunteer', otherCommunity)).toBe(false);
  });
});

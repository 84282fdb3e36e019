import { describe, expect, it } from 'vitest';
import { can } from '../../../app/permissions/rules';

const c1 = '/city/street/c1/';
const c2 = '/city/street/c2/';

describe('resource permissions', () => {
  it('lets community staff read volunteer contacts and verify checks only inside their community', () => {
    const staff = [{ role: 'community_staff' as const, placePath: c1 }];
    expect(can(staff, 'volunteer.read_contact', `${c1}g1/`)).toBe(true);
    expect(can(staff, 'volunteer.read_contact', `${c2}g1/`)).toBe(false);
    expect(can(staff, 'resource.verify', c1)).toBe(true);
    expect(can(staff, 'resource.verify', c2)).toBe(false);
    expect(can(staff, 'organisation.verify', c1)).toBe(false);
  });

  it('lets street staff verify organisations across their street', () => {
    const street = [{ role: 'street_staff' as const, placePath: '/city/street/' }];
    expect(can(street, 'organisation.verify', c2)).toBe(true);
    expect(can(street, 'organisation.verify', '/city/other-street/')).toBe(false);
  });

  it('gives volunteers, team leaders and residents no access to others\u2019 contacts', () => {
    for (const role of ['volunteer', 'team_leader', 'resident', 'org_member'] as const) {
      expect(can([{ role, placePath: c1 }], 'volunteer.read_contact', c1)).toBe(false);
    }
  });
});

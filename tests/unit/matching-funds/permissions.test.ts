import { describe, expect, it } from 'vitest';
import { can, type ScopedRole } from '../../../app/permissions/rules';

const street = '/s/';
const c1 = '/s/c1/';
const c2 = '/s/c2/';

describe('matching permissions', () => {
  it('lets a funder post programmes and simulate them within their place only', () => {
    const funder: ScopedRole[] = [{ role: 'funder', placePath: street }];
    expect(can(funder, 'matching.manage', street)).toBe(true);
    expect(can(funder, 'matching.simulate', c1)).toBe(true);
    expect(can(funder, 'matching.manage', '/other/')).toBe(false);
  });

  it('lets community staff simulate in their community, never post programmes or reach another community', () => {
    const staff: ScopedRole[] = [{ role: 'community_staff', placePath: c1 }];
    expect(can(staff, 'matching.simulate', c1)).toBe(true);
    expect(can(staff, 'matching.simulate', c2)).toBe(false);
    expect(can(staff, 'matching.simulate', street)).toBe(false);
    expect(can(staff, 'matching.manage', c1)).toBe(false);
  });

  it('gives residents, donors and treasurers neither', () => {
    for (const role of ['resident', 'donor', 'treasurer'] as const) {
      expect(can([{ role, placePath: null }], 'matching.manage', c1)).toBe(false);
      expect(can([{ role, placePath: null }], 'matching.simulate', c1)).toBe(false);
    }
  });
});

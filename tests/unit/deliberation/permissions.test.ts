import { describe, expect, it } from 'vitest';
import { can } from '../../../app/permissions/rules';

const community = '/city/district/street/community/';
const other = '/city/district/street/other/';

describe('deliberation permissions', () => {
  it('community staff run councils, topics, votes and panels in their own community only', () => {
    const staff = [{ role: 'community_staff' as const, placePath: community }];
    for (const p of ['council.manage', 'topic.manage', 'topic.moderate', 'vote.manage', 'vote.enter_paper', 'panel.manage'] as const) {
      expect(can(staff, p, community + 'grid/')).toBe(true);
      expect(can(staff, p, other)).toBe(false);
    }
  });

  it('grid workers enter paper ballots but do not run votes; residents and evaluators do neither', () => {
    const grid = [{ role: 'grid_worker' as const, placePath: community }];
    expect(can(grid, 'vote.enter_paper', community)).toBe(true);
    expect(can(grid, 'vote.manage', community)).toBe(false);
    for (const role of ['resident', 'evaluator', 'volunteer'] as const) {
      expect(can([{ role, placePath: community }], 'vote.enter_paper', community)).toBe(false);
      expect(can([{ role, placePath: community }], 'topic.moderate', community)).toBe(false);
    }
  });
});

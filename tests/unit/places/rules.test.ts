import { describe, expect, it } from 'vitest';
import { canContain, childPath, pathIds, readCommunitySettings } from '../../../app/places/rules';

describe('canContain', () => {
  it('follows the administrative chain city → district → street → community', () => {
    expect(canContain('city', 'district')).toBe(true);
    expect(canContain('district', 'street')).toBe(true);
    expect(canContain('street', 'community')).toBe(true);
  });

  it('lets grids nest and hold compounds and buildings', () => {
    expect(canContain('community', 'grid')).toBe(true);
    expect(canContain('grid', 'grid')).toBe(true);
    expect(canContain('grid', 'building')).toBe(true);
    expect(canContain('compound', 'building')).toBe(true);
  });

  it('refuses levels out of order or skipped', () => {
    expect(canContain('street', 'grid')).toBe(false);
    expect(canContain('community', 'building')).toBe(false);
    expect(canContain('community', 'community')).toBe(false);
    expect(canContain('building', 'building')).toBe(false);
    expect(canContain('city', 'community')).toBe(false);
  });
});

describe('place paths', () => {
  it('builds a child path under its parent and reads the ids back, root first', () => {
    const root = childPath(null, 'a');
    const leaf = childPath(childPath(root, 'b'), 'c');
    expect(root).toBe('/a/');
    expect(leaf).toBe('/a/b/c/');
    expect(pathIds(leaf)).toEqual(['a', 'b', 'c']);
    expect(pathIds('/')).toEqual([]);
  });
});

describe('readCommunitySettings', () => {
  it('fills defaults for a community with no settings', () => {
    expect(readCommunitySettings(null)).toEqual({
      voteUnit: 'household',
      voteThresholdPercent: 60,
      householdShareMinor: 20_000,
      socialWorkerRatio: 300,
    });
  });

  it('keeps what a community chose and defaults the rest', () => {
    expect(readCommunitySettings({ voteUnit: 'adult', voteThresholdPercent: 75 })).toMatchObject({
      voteUnit: 'adult',
      voteThresholdPercent: 75,
      householdShareMinor: 20_000,
    });
  });

  it('never returns out-of-range values from a corrupted row', () => {
    const settings = readCommunitySettings({ voteThresholdPercent: 500, householdShareMinor: -1 });
    expect(settings.voteThresholdPercent).toBeGreaterThanOrEqual(1);
    expect(settings.voteThresholdPercent).toBeLessThanOrEqual(100);
    expect(settings.householdShareMinor).toBeGreaterThanOrEqual(0);
  });
});

describe('readCommunitySettings, one field at a time', () => {
  it('keeps valid stored values when another one is invalid', () => {
    const read = readCommunitySettings({ voteUnit: 'adult', voteThresholdPercent: 900 });
    expect(read.voteUnit).toBe('adult');
    expect(read.voteThresholdPercent).toBe(60);
  });
});

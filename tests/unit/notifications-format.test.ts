import { describe, expect, it } from 'vitest';
import { readableParams } from '../../app/notifications/format';

describe('notification parameters as a reader sees them', () => {
  it('shows stored instants as local date and time in the reader’s language, and leaves other values alone', () => {
    const zh = readableParams('zh-CN', { title: '助老送餐', when: '2026-11-25T02:30:00.000Z', hours: '2.5', date: '2026-11-25' });
    expect(zh.when).toContain('10:30');
    expect(zh.when).toContain('2026');
    expect(zh).toMatchObject({ title: '助老送餐', hours: '2.5', date: '2026-11-25' });
    expect(readableParams('en', { when: '2026-11-25T02:30:00.000Z' }).when).toMatch(/Nov/);
  });
});

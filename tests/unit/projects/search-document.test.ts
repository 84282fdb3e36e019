import { describe, expect, it } from 'vitest';
import { projectDocument, type ProjectSearchRow } from '../../../app/projects/search-document';

const row = (over: Partial<ProjectSearchRow> = {}): ProjectSearchRow => ({
  id: '11111111-1111-4111-8111-111111111111',
  title: '锦华苑高龄老人助餐送餐',
  summary: '每周五天送餐上门',
  goals: '一年内持续服务',
  deliverables: '服务记录',
  beneficiaries: '40位高龄老人',
  category: 'meals',
  state: 'in_progress',
  placeId: '22222222-2222-4222-8222-222222222222',
  placeType: 'community',
  placeZh: '锦华苑社区',
  placeEn: 'Jinhuayuan Community',
  delivererName: '云溪社工服务中心',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  endsOn: '2026-12-31',
  ...over,
});

describe('projectDocument', () => {
  it('leaves drafts and cancelled projects out of the index', () => {
    expect(projectDocument(row({ state: 'draft' }))).toBeNull();
    expect(projectDocument(row({ state: 'cancelled' }))).toBeNull();
  });

  it('holds the public fields, category names in both languages and the community', () => {
    const doc = projectDocument(row())!;
    expect(doc).toMatchObject({ list: 'projects', title: '锦华苑高龄老人助餐送餐', category: 'meals', community: '22222222-2222-4222-8222-222222222222', status: 'in_progress', locale: 'zh-CN' });
    expect(doc.body).toContain('云溪社工服务中心');
    expect(doc.tags).toEqual(expect.arrayContaining(['Meals']));
    expect(doc.tags.length).toBe(2);
    expect(doc.deadline?.toISOString()).toBe('2026-12-30T16:00:00.000Z');
  });

  it('gives a street-wide project no community and a finished one no deadline', () => {
    const doc = projectDocument(row({ placeType: 'street', state: 'completed' }))!;
    expect(doc.community).toBeNull();
    expect(doc.deadline).toBeNull();
  });
});

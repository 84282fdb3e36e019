// The needs and resource document mappers: which items go into the index, and which of their words.
import { describe, expect, it } from 'vitest';
import { needDocument, type NeedSearchRow } from '../../../app/needs/search-document';
import { resourceDocument, type ResourceSearchRow } from '../../../app/resources/search-document';

const need = (over: Partial<NeedSearchRow> = {}): NeedSearchRow => ({
  id: 'n1',
  summary: '高龄老人需要送餐上门',
  category: 'meals',
  categoryZh: null,
  categoryEn: null,
  status: 'triaged',
  urgency: 'high',
  needType: 'routine',
  reply: null,
  communityId: 'c1',
  communityZh: '锦华苑社区',
  communityEn: 'Jinhuayuan Community',
  gridId: 'g1',
  gridZh: '第一网格',
  gridEn: 'Grid 1',
  raisedAt: new Date('2026-11-01T00:00:00Z'),
  resolutionDueAt: new Date('2026-11-08T00:00:00Z'),
  ...over,
});

const resource = (over: Partial<ResourceSearchRow> = {}): ResourceSearchRow => ({
  id: 'r1',
  kind: 'volunteer',
  name: '陈师傅·3',
  description: '',
  categories: ['meals', 'elderly_care'],
  skills: ['meal_delivery'],
  public: true,
  communityId: 'c1',
  communityZh: '锦华苑社区',
  communityEn: 'Jinhuayuan Community',
  gridId: 'g1',
  gridZh: '第一网格',
  gridEn: 'Grid 1',
  providerName: null,
  placeZh: '3号楼',
  placeEn: 'Building 3',
  availableUntil: null,
  createdAt: new Date('2026-10-01T00:00:00Z'),
  ...over,
});

describe('needDocument', () => {
  it('keeps a need off the index until it is verified', () => {
    expect(needDocument(need({ status: 'raised' }))).toBeNull();
    expect(needDocument(need({ status: 'triaged' }))).not.toBeNull();
  });

  it('carries the category in both languages, the grid-level place and the running deadline', () => {
    const doc = needDocument(need())!;
    expect(doc).toMatchObject({ list: 'needs', title: '高龄老人需要送餐上门', category: 'meals', community: 'c1', grid: 'g1', status: 'triaged', urgency: 'high', kind: 'routine', locale: 'zh-CN' });
    expect(doc.tags).toEqual(['助餐送餐', 'Meals']);
    expect(doc.body).toContain('第一网格');
    expect(doc.deadline).toEqual(new Date('2026-11-08T00:00:00Z'));
    expect(needDocument(need({ status: 'closed' }))!.deadline).toBeNull();
  });

  it("uses a community's own category names", () => {
    expect(needDocument(need({ category: 'lanes', categoryZh: '背街小巷', categoryEn: 'Back lanes' }))!.tags).toEqual(['背街小巷', 'Back lanes']);
  });

  it('strips contact details and door numbers from the summary and the public reply', () => {
    const doc = needDocument(need({ summary: '王秀英奶奶需要送餐 电话13912345678', status: 'rejected', reply: '请拨打13800001111，住3单元502的邻居已帮忙' }))!;
    for (const secret of ['13912345678', '13800001111', '3单元502', '王秀英']) {
      expect(doc.title + doc.body).not.toContain(secret);
    }
  });
});

describe('resourceDocument', () => {
  it('leaves out what is off the public list', () => {
    expect(resourceDocument(resource({ public: false }))).toBeNull();
  });

  it("never carries a volunteer's home, only community and grid", () => {
    const doc = resourceDocument(resource())!;
    expect(doc.body).not.toContain('3号楼');
    expect(doc.body).not.toContain('Building 3');
    expect(doc.body).toContain('第一网格');
    expect(doc).toMatchObject({ list: 'resources', kind: 'volunteer', category: 'meals', status: 'active', deadline: null });
    expect(doc.tags).toEqual(expect.arrayContaining(['志愿者', 'Volunteer', '助餐', 'Meals', '送餐', 'Meal delivery']));
  });

  it("strips a volunteer's own contact details from their description", () => {
    const doc = resourceDocument(resource({ description: '周末有空，电话 13712345678，邮箱 chen@example.org' }))!;
    expect(doc.body).not.toContain('13712345678');
    expect(doc.body).not.toContain('chen@example.org');
  });

  it("names an offer's provider and its own place, and its last day as the deadline", () => {
    const until = new Date('2026-12-31T15:59:59Z');
    const doc = resourceDocument(resource({ kind: 'venue', name: '老年活动室', skills: [], categories: ['culture_education'], providerName: '老槐树社区居委会', availableUntil: until }))!;
    expect(doc.body).toContain('老槐树社区居委会');
    expect(doc.body).toContain('3号楼');
    expect(doc.deadline).toEqual(until);
    expect(doc.tags).toEqual(expect.arrayContaining(['场地', 'Venue']));
  });
});

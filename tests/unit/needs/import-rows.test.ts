import { describe, expect, it } from 'vitest';
import { checkRows, mapHeader, parseCsv } from '../../../app/needs/import-rows';
import { sniffImage } from '../../../app/needs/photos.server';

const ctx = {
  categories: [{ key: 'meals' }, { key: 'repairs' }, { key: 'canteen', zh: '长者食堂', en: 'Elder canteen' }],
  places: [
    { id: '11111111-1111-4111-8111-111111111111', nameZh: '1号楼', nameEn: 'Building 1' },
    { id: '22222222-2222-4222-8222-222222222222', nameZh: '3号楼', nameEn: 'Building 3' },
    { id: '33333333-3333-4333-8333-333333333333', nameZh: '3号楼', nameEn: 'Building 3b' },
  ],
  communityId: '99999999-9999-4999-8999-999999999999',
  now: new Date('2026-06-01T00:00:00Z'),
};

describe('reading the ledger', () => {
  it('parses CSV edge cases', () => {
    expect(parseCsv('a,b\n1,"2\n3"\n')).toEqual([
      ['a', 'b'],
      ['1', '2\n3'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('matches headers in either language, ignoring case and spaces', () => {
    expect(mapHeader(['Title', ' 类别 ', 'URGENCY', '联系电话', 'unknown'])).toEqual({ title: 0, category: 1, urgency: 2, phone: 3 });
  });

  it('accepts labels in either language and reports every problem of a row', () => {
    const { good, bad } = checkRows(
      [
        ['title', 'category', 'urgency', 'place', 'recurrence', 'raised_on', 'wanted_from', 'wanted_until'],
        ['送餐', '助餐送餐', '高', 'Building 1', '每周', '2026-05-01', '', ''],
        ['食堂', '长者食堂', '', '', '', '', '', ''],
        ['', 'nope', 'very', '3号楼', 'sometimes', '2027-01-01', '2026-05-02', '2026-05-01'],
        ['', '', '', '', '', '', '', ''],
      ],
      ctx,
    );
    expect(good.map((g) => [g.row, g.input.category, g.input.urgency, g.input.recurrence, g.input.placeId])).toEqual([
      [2, 'meals', 'high', 'weekly', ctx.places[0].id],
      [3, 'canteen', 'normal', 'once', ctx.communityId],
    ]);
    expect(good[0].raisedAt.toISOString()).toBe('2026-05-01T01:00:00.000Z');
    expect(bad).toEqual([{ row: 4, errors: ['category:needs.v.category', 'urgency:v.invalid', 'recurrence:v.invalid', 'place:needs.import.ambiguousPlace', 'raisedOn:needs.v.date', 'title:v.required', 'wantedUntil:needs.v.windowOrder'] }]);
  });
});

describe('photos', () => {
  it('are known by their bytes', () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImage(new TextEncoder().encode('RIFF0000WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull();
  });
});

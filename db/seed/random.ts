// A small seeded random generator, so demo data is the same on every machine.
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余'];
const GIVEN = ['秀英', '桂英', '建国', '建华', '国强', '志强', '淑珍', '玉兰', '德明', '海燕', '晓东', '丽华', '伟', '芳', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '桂兰', '子涵', '梓萱', '浩然', '欣怡', '宇轩', '雨桐', '一诺', '思远', '佳怡', '俊杰'];
const PINYIN: Record<string, string> = { 王: 'Wang', 李: 'Li', 张: 'Zhang', 刘: 'Liu', 陈: 'Chen', 杨: 'Yang', 黄: 'Huang', 赵: 'Zhao', 吴: 'Wu', 周: 'Zhou' };

export function chineseName(r: Random, surname?: string) {
  return (surname ?? r.pick(SURNAMES)) + r.pick(GIVEN);
}
export const pickSurname = (r: Random) => r.pick(SURNAMES);
export const surnamePinyin = (s: string) => PINYIN[s] ?? 'Zhang';

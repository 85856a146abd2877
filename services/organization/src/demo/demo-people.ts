import { AgeBand } from '../territory/territory.schema';

/**
 * Invented people for the demo data. Names are drawn from common surnames and given names by a seeded generator,
 * so every load produces the same people and none of them is a real person's record.
 */
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '沈',
  '陆',
  '顾',
  '汤',
];
const GIVEN = [
  '建国',
  '秀英',
  '桂兰',
  '志强',
  '玉梅',
  '海燕',
  '文斌',
  '丽华',
  '晓东',
  '子涵',
  '雨桐',
  '浩然',
  '淑芬',
  '国平',
  '春燕',
  '伟',
  '静',
  '敏',
  '磊',
  '婷',
  '欣怡',
  '宇航',
  '梓萱',
  '明',
];

/** Mulberry32: a tiny deterministic generator, enough for reproducible demo data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class DemoPeople {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  name(): string {
    return this.pick(SURNAMES) + this.pick(GIVEN);
  }

  /** An invented number in a 139 range, never a real subscriber's by intent. */
  phone(): string {
    return `139${String(this.between(0, 99_999_999)).padStart(8, '0')}`;
  }

  /** About 19% over sixty, as in 龙惠社区 (18.6%). */
  adultAgeBand(): AgeBand {
    const roll = this.random();
    if (roll < 0.06) return AgeBand.AGE_80_PLUS;
    if (roll < 0.19) return AgeBand.AGE_60_TO_79;
    return AgeBand.AGE_18_TO_59;
  }

  childAgeBand(): AgeBand {
    return this.pick([AgeBand.UNDER_6, AgeBand.AGE_6_TO_13, AgeBand.AGE_14_TO_17]);
  }
}

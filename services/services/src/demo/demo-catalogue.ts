import { createHash } from 'node:crypto';
import { AgeBand } from '../organization-copy/age-band';
import { CareCategory, CareDelivery, CostKind } from '../catalogue/care-item.schema';

/**
 * The care the field reports describe, as a community's catalogue: Longhui's elder care ("6 categories, 80+ items":
 * 日间照料, 上门照料, 康复护理, 助餐, 健康咨询, 心理关怀), Huasheng's holiday daytime class, Chafang's weekend station for
 * ages 3–12, Jinxingyuan's playroom for under-6s (童心所) and Xietang's 星儿课堂. Each community offers a believable
 * subset of it; who provides what depends on the partners it has an agreement with.
 */
export interface ItemPlan {
  name: string;
  description: string;
  category: CareCategory;
  delivery: CareDelivery;
  ageBands: AgeBand[];
  cost: { kind: CostKind; priceFen: number; fullPriceFen?: number; unit: string };
  sessionCapacity?: number;
  scheduleNote?: string;
  /** Given by volunteers when the community has no partner for it. */
  volunteersMayGive: boolean;
  /** Offered in every community (the rest varies from one to the next). */
  everywhere?: boolean;
}

const ELDERS = [AgeBand.AGE_60_TO_79, AgeBand.AGE_80_PLUS];
const ADULTS = [AgeBand.AGE_18_TO_59, ...ELDERS];

export const ELDER_CARE: ItemPlan[] = [
  {
    name: '日间照料中心',
    description: '白天托老：午餐、午休、康乐活动，傍晚送回家',
    category: CareCategory.DAY_CARE,
    delivery: CareDelivery.IN_SESSIONS,
    ageBands: ELDERS,
    cost: { kind: CostKind.SUBSIDISED, priceFen: 1500, fullPriceFen: 4000, unit: '天' },
    sessionCapacity: 20,
    scheduleNote: '周一至周五 8:00–17:00',
    volunteersMayGive: false,
  },
  {
    name: '上门探访',
    description: '独居、高龄老人定期上门探访，陪同聊天，查看水电煤安全',
    category: CareCategory.HOME_CARE,
    delivery: CareDelivery.ON_REQUEST,
    ageBands: ELDERS,
    cost: { kind: CostKind.FREE, priceFen: 0, unit: '次' },
    volunteersMayGive: true,
    everywhere: true,
  },
  {
    name: '助餐送餐',
    description: '长者食堂午餐，行动不便的送餐到家',
    category: CareCategory.MEAL_AND_SHOPPING_HELP,
    delivery: CareDelivery.ON_REQUEST,
    ageBands: ELDERS,
    cost: { kind: CostKind.SUBSIDISED, priceFen: 800, fullPriceFen: 1500, unit: '餐' },
    volunteersMayGive: true,
    everywhere: true,
  },
  {
    name: '代购代办',
    description: '买菜、取药、代缴水电费',
    category: CareCategory.MEAL_AND_SHOPPING_HELP,
    delivery: CareDelivery.ON_REQUEST,
    ageBands: ADULTS,
    cost: { kind: CostKind.FREE, priceFen: 0, unit: '次' },
    volunteersMayGive: true,
  },
  {
    name: '康复护理上门',
    description: '术后、中风后康复训练指导，上门护理',
    category: CareCategory.REHABILITATION_NURSING,
    delivery: CareDelivery.ON_REQUEST,
    ageBands: ELDERS,
    cost: { kind: CostKind.PAID, priceFen: 6000, unit: '次' },
    volunteersMayGive: false,
  },
  {
    name: '健康咨询',
    description: '量血压、测血糖，用药和饮食咨询',
    category: CareCategory.HEALTH_CONSULTATION,
    delivery: CareDelivery.ON_REQUEST,
    ageBands: ADULTS,
    cost: { kind: CostKind.FREE, priceFen: 0, unit: '次' },
    volunteersMayGive: false,
  },
  {
    name: '心理关怀',
    description: '一对一陪伴倾听，缓解孤独和焦虑',
    category: CareCategory.PSYCHOLOGICAL_CARE,
    delivery: CareDelivery.ON_REQUEST,
    ageBands: ADULTS,
    cost: { kind: CostKind.FREE, priceFen: 0, unit: '次' },
    volunteersMayGive: true,
  },
];

export const CHILDCARE: ItemPlan[] = [
  {
    name: '暑期白天托管班',
    description: '寒暑假家长上班、孩子无人看护时的白天托管：作业辅导、兴趣课、午餐',
    category: CareCategory.HOLIDAY_DAY_CLASS,
    delivery: CareDelivery.IN_SESSIONS,
    ageBands: [AgeBand.AGE_6_TO_13],
    cost: { kind: CostKind.SUBSIDISED, priceFen: 50000, fullPriceFen: 120000, unit: '期' },
    sessionCapacity: 30,
    scheduleNote: '7月–8月 周一至周五 8:30–17:00',
    volunteersMayGive: false,
  },
  {
    name: '周末儿童服务站',
    description: '3–12岁儿童周末陪护：绘本、手工、户外游戏',
    category: CareCategory.WEEKEND_CHILD_STATION,
    delivery: CareDelivery.IN_SESSIONS,
    ageBands: [AgeBand.UNDER_6, AgeBand.AGE_6_TO_13],
    cost: { kind: CostKind.FREE, priceFen: 0, unit: '次' },
    sessionCapacity: 15,
    scheduleNote: '周六 9:00–11:30',
    volunteersMayGive: true,
    everywhere: true,
  },
  {
    name: '童心所',
    description: '6岁以下儿童游戏室：家庭影院、绘本、亲子游戏，家长陪同',
    category: CareCategory.TODDLER_PLAYROOM,
    delivery: CareDelivery.IN_SESSIONS,
    ageBands: [AgeBand.UNDER_6],
    cost: { kind: CostKind.FREE, priceFen: 0, unit: '次' },
    sessionCapacity: 10,
    scheduleNote: '周三、周日 14:30–16:30',
    volunteersMayGive: true,
  },
  {
    name: '星儿课堂',
    description: '为孤独症等特殊需要儿童开设的小班课：感统训练、社交小组',
    category: CareCategory.SPECIAL_NEEDS_CLASS,
    delivery: CareDelivery.IN_SESSIONS,
    ageBands: [AgeBand.UNDER_6, AgeBand.AGE_6_TO_13],
    cost: { kind: CostKind.FREE, priceFen: 0, unit: '次' },
    sessionCapacity: 8,
    scheduleNote: '每月第二、四个周六 9:30–11:00',
    volunteersMayGive: false,
  },
];

/** What a volunteer's entry reads like on the catalogue: the neighbour-help names of the reports. */
export const VOLUNTEER_TITLES = ['东方达人', '友邻先锋', '红管先锋'];

/**
 * A number in [0, n) fixed by `key`: demo choices (which items a community offers, who orders what) are the same on
 * every load, without a random generator's state to carry around.
 */
export function choose(key: string, n: number): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % n;
}

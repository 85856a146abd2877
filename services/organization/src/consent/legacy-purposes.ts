import { CHILDCARE_CATEGORIES, type ConsentPurposeName, careCategorySchema } from '@gongzhi/contracts';

/**
 * The words consent forms used before consents named their purposes, and what each covers. Specific words first; a
 * domain's word alone (托育, 养老) covers that domain's categories, since that is what the resident agreed to.
 */
const SPECIFIC: ReadonlyArray<[RegExp, ConsentPurposeName[]]> = [
  [/日间照料|日托/, ['DAY_CARE']],
  [/上门|探访|居家照料|助浴|陪护/, ['HOME_CARE']],
  [/康复|护理/, ['REHABILITATION_NURSING']],
  [/助餐|送餐|代购|餐/, ['MEAL_AND_SHOPPING_HELP']],
  [/健康咨询|健康管理|健康/, ['HEALTH_CONSULTATION']],
  [/心理/, ['PSYCHOLOGICAL_CARE']],
  [/暑托|寒托|托管班|白天托管|假期托管/, ['HOLIDAY_DAY_CLASS']],
  [/儿童驿站|儿童服务站|周末/, ['WEEKEND_CHILD_STATION']],
  [/童心所|游戏室/, ['TODDLER_PLAYROOM']],
  [/星儿|特殊需要|孤独症/, ['SPECIAL_NEEDS_CLASS']],
  [/家庭医生|家医|签约医生/, ['FAMILY_DOCTOR']],
];

const ELDER_CARE_CATEGORIES = careCategorySchema.options.filter((category) => !CHILDCARE_CATEGORIES.includes(category));
const DOMAINS: ReadonlyArray<[RegExp, ConsentPurposeName[]]> = [
  [/托育|托管|儿童/, [...CHILDCARE_CATEGORIES]],
  [/养老|老人|长者/, ELDER_CARE_CATEGORIES],
];

/**
 * The purposes an earlier consent's words name, in the catalogue's order; none when they match no known words (the
 * consent is then flagged, and covers nothing until given again).
 */
export function purposesOfLegacyWords(words: string): ConsentPurposeName[] {
  const matched = (table: ReadonlyArray<[RegExp, ConsentPurposeName[]]>) =>
    new Set(table.filter(([pattern]) => pattern.test(words)).flatMap(([, purposes]) => purposes));
  let found = matched(SPECIFIC);
  if (found.size === 0) found = matched(DOMAINS);
  return [...careCategorySchema.options, 'FAMILY_DOCTOR' as const].filter((purpose) => found.has(purpose));
}

import { z } from 'zod';

/**
 * The kinds of care services' catalogue offers (Longhui's "6 categories" of elder care, and childcare): an item's
 * category. Services' `CareCategory` is this list; a consent names its purposes from it.
 */
export const careCategorySchema = z.enum([
  /** 日间照料 */
  'DAY_CARE',
  /** 上门探访、居家照料 */
  'HOME_CARE',
  /** 康复护理 */
  'REHABILITATION_NURSING',
  /** 助餐、代购 */
  'MEAL_AND_SHOPPING_HELP',
  /** 健康咨询 */
  'HEALTH_CONSULTATION',
  /** 心理关怀 */
  'PSYCHOLOGICAL_CARE',
  /** 白天托管班 (寒暑假) */
  'HOLIDAY_DAY_CLASS',
  /** 儿童服务站: weekend care for ages 3–12 */
  'WEEKEND_CHILD_STATION',
  /** 童心所: the playroom for under-6s */
  'TODDLER_PLAYROOM',
  /** 星儿课堂: classes for children with special needs */
  'SPECIAL_NEEDS_CLASS',
]);
export type CareCategoryName = z.infer<typeof careCategorySchema>;

/** The categories of childcare (托育); the others are elder care (养老). */
export const CHILDCARE_CATEGORIES: readonly CareCategoryName[] = [
  'HOLIDAY_DAY_CLASS',
  'WEEKEND_CHILD_STATION',
  'TODDLER_PLAYROOM',
  'SPECIAL_NEEDS_CLASS',
];

/**
 * What a consent covers: what services offers, named as its catalogue names it — each category of care items, and
 * the family doctor's appointments (家庭医生, services' doctor rota), which are not catalogue items.
 */
export const consentPurposeSchema = z.enum([...careCategorySchema.options, 'FAMILY_DOCTOR']);
export type ConsentPurposeName = z.infer<typeof consentPurposeSchema>;

/** Each purpose as residents and the consent forms name it. */
export const CONSENT_PURPOSE_NAMES: Readonly<Record<ConsentPurposeName, string>> = {
  DAY_CARE: '日间照料',
  HOME_CARE: '上门探访、居家照料',
  REHABILITATION_NURSING: '康复护理',
  MEAL_AND_SHOPPING_HELP: '助餐、代购',
  HEALTH_CONSULTATION: '健康咨询',
  PSYCHOLOGICAL_CARE: '心理关怀',
  HOLIDAY_DAY_CLASS: '白天托管班（寒暑假）',
  WEEKEND_CHILD_STATION: '儿童服务站（周末，3至12岁）',
  TODDLER_PLAYROOM: '童心所（6岁以下）',
  SPECIAL_NEEDS_CLASS: '星儿课堂（特殊需要儿童）',
  FAMILY_DOCTOR: '家庭医生预约',
};

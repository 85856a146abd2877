import { purposesOfLegacyWords } from './legacy-purposes';

describe('the words of consents recorded before purposes were named', () => {
  it.each([
    ['居家养老助餐服务', ['MEAL_AND_SHOPPING_HELP']],
    ['周末儿童驿站托管', ['WEEKEND_CHILD_STATION']],
    ['星儿上门陪伴', ['HOME_CARE', 'SPECIAL_NEEDS_CLASS']],
    ['暑托班报名', ['HOLIDAY_DAY_CLASS']],
    ['居家养老健康管理', ['HEALTH_CONSULTATION']],
    ['心理关爱服务', ['PSYCHOLOGICAL_CARE']],
    ['家庭医生签约随访', ['FAMILY_DOCTOR']],
    ['托育', ['HOLIDAY_DAY_CLASS', 'WEEKEND_CHILD_STATION', 'TODDLER_PLAYROOM', 'SPECIAL_NEEDS_CLASS']],
  ])('maps %s to what it names', (words, purposes) => {
    expect(purposesOfLegacyWords(words)).toEqual(purposes);
  });

  it('maps words it does not know to nothing, never to a guess', () => {
    expect(purposesOfLegacyWords('社区活动报名')).toEqual([]);
    expect(purposesOfLegacyWords('not stated')).toEqual([]);
  });
});

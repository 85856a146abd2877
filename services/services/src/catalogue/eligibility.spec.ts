import type { Actor } from '@gongzhi/contracts';
import { Types } from 'mongoose';
import type { AgeBand } from '../organization-copy/age-band';
import type { ConsentOnRecord } from '../organization-copy/directory.schema';
import { requireEligible } from './eligibility';

const songyuan = new Types.ObjectId();
const holidayClass = {
  communityId: songyuan,
  category: 'HOLIDAY_DAY_CLASS' as const,
  eligibility: { ageBands: ['AGE_6_TO_13', 'AGE_14_TO_17', 'AGE_60_TO_79'] as AgeBand[], residentsOnly: true },
};
const guardianConsent: ConsentOnRecord = {
  consentId: 'c1',
  kind: 'GUARDIAN',
  purposes: ['HOLIDAY_DAY_CLASS', 'FAMILY_DOCTOR'],
  guardianResidentId: new Types.ObjectId(),
  givenAt: new Date(),
  withdrawnAt: null,
};
const resident = (ageBand: AgeBand | null, consents: ConsentOnRecord[] = [], communityId = songyuan) => ({
  _id: new Types.ObjectId(),
  ageBand,
  communityId,
  consents,
});
const household = new Types.ObjectId().toHexString();
/** A parent of the household, arranging care for someone else in it. */
const parent: Actor = {
  kind: 'person',
  id: 'idp|luo-shufen',
  roles: [],
  scopes: [],
  residentId: 'p1',
  householdId: household,
};
const themself = (who: { _id: Types.ObjectId }): Actor => ({ ...parent, residentId: String(who._id) });
const refusal = (run: () => unknown) => {
  try {
    const restsOn = run();
    return restsOn ? { eligible: (restsOn as { consentId: string }).consentId } : 'eligible';
  } catch (error) {
    return { code: (error as { code: string }).code, ...(error as { details: object }).details };
  }
};

describe('eligibility for a care item', () => {
  it('admits a resident of the community in one of its age bands; a child under 14 on a guardian consent covering its category', () => {
    const teen = resident('AGE_14_TO_17');
    expect(refusal(() => requireEligible(holidayClass, teen, themself(teen)))).toBe('eligible');
    expect(refusal(() => requireEligible(holidayClass, resident('AGE_6_TO_13', [guardianConsent]), parent))).toEqual({
      eligible: 'c1',
    });
  });

  it("refuses a child under 14 whose guardian's consent is missing, withdrawn or for other purposes, naming the purpose", () => {
    const withdrawn = { ...guardianConsent, withdrawnAt: new Date() };
    const forMeals = { ...guardianConsent, purposes: ['MEAL_AND_SHOPPING_HELP' as const] };
    for (const consents of [[], [withdrawn], [forMeals]]) {
      expect(refusal(() => requireEligible(holidayClass, resident('AGE_6_TO_13', consents), parent))).toEqual({
        code: 'CARE_ITEM.GUARDIAN_CONSENT_REQUIRED',
        residentId: expect.any(String),
        purpose: 'HOLIDAY_DAY_CLASS',
        kind: 'GUARDIAN',
      });
    }
  });

  it("from 14, asks for the resident's own consent covering the category only when someone else arranges it", () => {
    const elder = resident('AGE_60_TO_79');
    expect(refusal(() => requireEligible(holidayClass, elder, themself(elder)))).toBe('eligible');
    expect(refusal(() => requireEligible(holidayClass, elder, parent))).toEqual({
      code: 'CARE_ITEM.CONSENT_REQUIRED',
      residentId: String(elder._id),
      purpose: 'HOLIDAY_DAY_CLASS',
      kind: 'SENSITIVE_DATA',
    });
    const own = { ...guardianConsent, consentId: 'c2', kind: 'SENSITIVE_DATA' as const, guardianResidentId: null };
    expect(refusal(() => requireEligible(holidayClass, resident('AGE_60_TO_79', [own]), parent))).toEqual({
      eligible: 'c2',
    });
  });

  it('refuses another age band, an unknown age and someone from another community, saying which', () => {
    const adult = resident('AGE_18_TO_59');
    expect(refusal(() => requireEligible(holidayClass, adult, themself(adult)))).toEqual({
      code: 'CARE_ITEM.NOT_ELIGIBLE',
      reason: 'AGE_BAND',
    });
    expect(refusal(() => requireEligible(holidayClass, resident(null), parent))).toEqual({
      code: 'CARE_ITEM.NOT_ELIGIBLE',
      reason: 'AGE_UNKNOWN',
    });
    const elsewhere = resident('AGE_14_TO_17', [], new Types.ObjectId());
    expect(refusal(() => requireEligible(holidayClass, elsewhere, themself(elsewhere)))).toEqual({
      code: 'CARE_ITEM.NOT_ELIGIBLE',
      reason: 'LIVES_ELSEWHERE',
    });
    const openToAll = { ...holidayClass, eligibility: { ...holidayClass.eligibility, residentsOnly: false } };
    expect(refusal(() => requireEligible(openToAll, elsewhere, themself(elsewhere)))).toBe('eligible');
  });
});

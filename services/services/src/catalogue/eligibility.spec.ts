import { Types } from 'mongoose';
import type { AgeBand } from '../organization-copy/age-band';
import type { ConsentOnRecord } from '../organization-copy/directory.schema';
import { requireEligible } from './eligibility';

const songyuan = new Types.ObjectId();
const holidayClass = {
  communityId: songyuan,
  eligibility: { ageBands: ['AGE_6_TO_13', 'AGE_14_TO_17'] as AgeBand[], residentsOnly: true },
};
const guardianConsent: ConsentOnRecord = {
  consentId: 'c1',
  kind: 'GUARDIAN',
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
const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return { code: (error as { code: string }).code, ...(error as { details: object }).details };
  }
  return 'eligible';
};

describe('eligibility for a care item', () => {
  it('admits a resident of the community in one of its age bands; a child under 14 with a guardian consent', () => {
    expect(refusal(() => requireEligible(holidayClass, resident('AGE_14_TO_17')))).toBe('eligible');
    expect(refusal(() => requireEligible(holidayClass, resident('AGE_6_TO_13', [guardianConsent])))).toBe('eligible');
  });

  it("refuses a child under 14 whose guardian's consent is missing or withdrawn", () => {
    const withdrawn = { ...guardianConsent, withdrawnAt: new Date() };
    for (const consents of [[], [withdrawn]]) {
      expect(refusal(() => requireEligible(holidayClass, resident('AGE_6_TO_13', consents)))).toEqual({
        code: 'CARE_ITEM.GUARDIAN_CONSENT_REQUIRED',
        residentId: expect.any(String),
      });
    }
  });

  it('refuses another age band, an unknown age and someone from another community, saying which', () => {
    expect(refusal(() => requireEligible(holidayClass, resident('AGE_60_TO_79')))).toEqual({
      code: 'CARE_ITEM.NOT_ELIGIBLE',
      reason: 'AGE_BAND',
    });
    expect(refusal(() => requireEligible(holidayClass, resident(null)))).toEqual({
      code: 'CARE_ITEM.NOT_ELIGIBLE',
      reason: 'AGE_UNKNOWN',
    });
    expect(refusal(() => requireEligible(holidayClass, resident('AGE_14_TO_17', [], new Types.ObjectId())))).toEqual({
      code: 'CARE_ITEM.NOT_ELIGIBLE',
      reason: 'LIVES_ELSEWHERE',
    });
    const openToAll = { ...holidayClass, eligibility: { ...holidayClass.eligibility, residentsOnly: false } };
    expect(refusal(() => requireEligible(openToAll, resident('AGE_14_TO_17', [], new Types.ObjectId())))).toBe(
      'eligible',
    );
  });
});

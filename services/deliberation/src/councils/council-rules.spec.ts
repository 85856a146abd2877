import { missingSeats } from './council-rules';
import { SeatRole } from './council.schema';

const {
  PARTY_BRANCH,
  OWNERS_COMMITTEE,
  PROPERTY_COMPANY,
  SELF_MANAGEMENT_COMMITTEE,
  RESIDENT_REPRESENTATIVE,
  COMMUNITY_PARTY_COMMITTEE,
  DEPARTMENT,
} = SeatRole;

describe('council seats', () => {
  it.each([
    ['a three-party council with a property company', [PARTY_BRANCH, OWNERS_COMMITTEE, PROPERTY_COMPANY], true, []],
    [
      'a three-party council without its property company',
      [PARTY_BRANCH, OWNERS_COMMITTEE],
      true,
      [[PROPERTY_COMPANY]],
    ],
    [
      'a three-party council of a self-managed compound (九龙巷62号) seated as if it had a property company',
      [PARTY_BRANCH, OWNERS_COMMITTEE, PROPERTY_COMPANY],
      false,
      [[SELF_MANAGEMENT_COMMITTEE], [RESIDENT_REPRESENTATIVE]],
    ],
    [
      'a three-party council of a self-managed compound',
      [PARTY_BRANCH, SELF_MANAGEMENT_COMMITTEE, RESIDENT_REPRESENTATIVE],
      false,
      [],
    ],
  ] as const)('%s', (_case, seated, hasPropertyCompany, missing) => {
    expect(missingSeats('THREE_PARTY_COUNCIL', seated, hasPropertyCompany)).toEqual(missing);
  });

  it('a joint meeting needs the community party committee and a park, department or partner unit', () => {
    expect(missingSeats('JOINT_MEETING', [COMMUNITY_PARTY_COMMITTEE], null)).toEqual([
      [SeatRole.PARK, DEPARTMENT, SeatRole.PARTNER_UNIT],
    ]);
    expect(missingSeats('JOINT_MEETING', [COMMUNITY_PARTY_COMMITTEE, DEPARTMENT], null)).toEqual([]);
  });

  it('a courtyard meeting (院坝会) takes whoever comes', () => {
    expect(missingSeats('COURTYARD_MEETING', [], false)).toEqual([]);
  });
});

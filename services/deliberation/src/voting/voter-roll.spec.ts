import type { TerritoryHousehold } from '../organization-copy/territory.schema';
import { ballotContent, contentKey } from './ballot-content';
import { linkedOwners, ownersRoll } from './voter-roll';

const household = (
  id: string,
  buildingId: string,
  floorArea: number,
  owners: (string | null)[],
  ownerResidentIds: string[] = [],
) =>
  ({
    _id: id,
    buildingId,
    compoundId: 'c',
    communityId: 'cm',
    floorArea,
    owners: owners.map((residentId) => ({ residentId, share: 1 / owners.length })),
    ownerResidentIds,
  }) as TerritoryHousehold;

describe("the owners' roll from organization's households", () => {
  it('lets a resident who moved in as owner stand for an owner the register knows by name only', () => {
    expect(linkedOwners(household('h1', 'b1', 80, [null], ['r1']))).toEqual([{ residentId: 'r1' }]);
    expect(linkedOwners(household('h2', 'b1', 80, [null, null], ['r1']))).toEqual([
      { residentId: 'r1' },
      { residentId: null },
    ]);
    expect(linkedOwners(household('h3', 'b1', 80, ['r2'], ['r2']))).toEqual([{ residentId: 'r2' }]);
    expect(linkedOwners(household('h4', 'b1', 80, [], ['r3']))).toEqual([{ residentId: 'r3' }]);
  });

  it('merges an owner’s units across buildings and keeps where they are, for the staff who take paper ballots', () => {
    const roll = ownersRoll([
      household('h1', 'b1', 80, ['r1']),
      household('h2', 'b2', 70.25, ['r1']),
      household('h3', 'b2', 90, [null]),
    ]);
    expect(roll).toEqual([
      {
        key: 'owners:r1',
        householdIds: ['h1', 'h2'],
        residentIds: ['r1'],
        compoundIds: ['c'],
        buildingIds: ['b1', 'b2'],
        area: 15_025,
      },
      {
        key: 'household:h3',
        householdIds: ['h3'],
        residentIds: [],
        compoundIds: ['c'],
        buildingIds: ['b2'],
        area: 9_000,
      },
    ]);
  });
});

describe('ballot content', () => {
  it.each([
    ['a yes/no ballot with a choice', 'OWNERS_JOINT_DECISION', { choice: 'FOR' }, { choice: 'FOR' }],
    ['an approval ballot, approvals as a set', 'APPROVAL', { approvals: ['2', '1'] }, { approvals: ['1', '2'] }],
    ['a blank approval ballot', 'APPROVAL', { approvals: [] }, { approvals: [] }],
    ['a ranking, in its order', 'RANKED_CHOICE', { ranking: ['3', '1'] }, { ranking: ['3', '1'] }],
  ] as const)('accepts %s', (_case, method, input, content) => {
    expect(ballotContent(method, ['1', '2', '3'], input as never)).toEqual(content);
  });

  it.each([
    [
      'a yes/no ballot without a choice',
      'SIMPLE_MAJORITY',
      { approvals: ['1'] },
      'a SIMPLE_MAJORITY ballot gives choice and nothing else',
    ],
    [
      'a ranking with an approval besides',
      'RANKED_CHOICE',
      { ranking: ['1'], approvals: ['1'] },
      'a RANKED_CHOICE ballot gives ranking and nothing else',
    ],
    ['an option named twice', 'RANKED_CHOICE', { ranking: ['1', '1'] }, 'an option is named twice'],
    ['an option of another vote', 'APPROVAL', { approvals: ['9'] }, '9 is not an option of this vote'],
    ['an empty ranking', 'RANKED_CHOICE', { ranking: [] }, 'a ranking names at least one option'],
  ] as const)('refuses %s with VOTE.INVALID_BALLOT', (_case, method, input, problem) => {
    expect(() => ballotContent(method, ['1', '2', '3'], input as never)).toThrow(
      expect.objectContaining({ code: 'VOTE.INVALID_BALLOT', details: { problem } }),
    );
  });

  it('puts identical ballots in one box', () => {
    expect(contentKey({ approvals: ['1', '2'] })).toBe(
      contentKey(ballotContent('APPROVAL', ['1', '2'], { approvals: ['2', '1'] })),
    );
    expect(contentKey({ ranking: ['1', '2'] })).not.toBe(contentKey({ ranking: ['2', '1'] }));
  });
});

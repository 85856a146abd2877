import { countVotes, type VoteSpec } from './count-votes';
import { ownerVoters } from './owner-roll';
import { toCentiSquareMetres } from './ratio';
import { OWNERS_MATTERS } from '@gongzhi/contracts';
import {
  type BallotGroup,
  type ThresholdRule,
  type VoteOutcome,
  type Weight,
  type YesNoChoice,
} from './vote-counting.types';

/** `heads` owners holding `m2` square metres between them, all casting `choice`. */
const cast = (choice: YesNoChoice, heads: number, m2 = 0): BallotGroup => ({
  content: { choice },
  heads,
  area: toCentiSquareMetres(m2),
});
const roll = (heads: number, m2 = 0): Weight => ({ heads, area: toCentiSquareMetres(m2) });
const owners = (ownersMatter: VoteSpec['ownersMatter']): VoteSpec => ({
  method: 'OWNERS_JOINT_DECISION',
  ownersMatter,
});

describe('the vote engine', () => {
  describe('yes/no decisions', () => {
    const cases: [string, VoteSpec, Weight, BallotGroup[], VoteOutcome, ThresholdRule][] = [
      [
        'participation enough by head (6 of 9) but not by area (500 of 900 m²): no quorum',
        owners('USE_MAINTENANCE_FUND'),
        roll(9, 900),
        [cast('FOR', 6, 500)],
        'NO_QUORUM',
        'PARTICIPATION_BY_AREA',
      ],
      [
        'participation enough by area (700 of 900 m²) but not by head (5 of 9): no quorum',
        owners('USE_MAINTENANCE_FUND'),
        roll(9, 900),
        [cast('FOR', 5, 700)],
        'NO_QUORUM',
        'PARTICIPATION_BY_HEAD',
      ],
      [
        'exactly two thirds taking part, by area and by head, is enough',
        owners('USE_MAINTENANCE_FUND'),
        roll(9, 900),
        [cast('FOR', 6, 600)],
        'PASSED',
        'PARTICIPATION_BY_AREA',
      ],
      [
        'a hundredth of a square metre short of two thirds is not',
        owners('USE_MAINTENANCE_FUND'),
        roll(9, 900),
        [cast('FOR', 6, 599.99)],
        'NO_QUORUM',
        'PARTICIPATION_BY_AREA',
      ],
      [
        'matter (5) using the maintenance fund passes with 5 of 7 owners and 520 of 700 m² (more than half)',
        owners('USE_MAINTENANCE_FUND'),
        roll(7, 700),
        [cast('FOR', 5, 520), cast('AGAINST', 2, 180)],
        'PASSED',
        'AGREEMENT_BY_HEAD',
      ],
      [
        'matter (6) raising the maintenance fund fails with the same ballots (three quarters needed)',
        owners('RAISE_MAINTENANCE_FUND'),
        roll(7, 700),
        [cast('FOR', 5, 520), cast('AGAINST', 2, 180)],
        'REJECTED',
        'AGREEMENT_BY_AREA',
      ],
      [
        'matter (7) rebuilding passes with exactly three quarters of the participating area and owners',
        owners('REBUILD_BUILDINGS_OR_FACILITIES'),
        roll(8, 800),
        [cast('FOR', 6, 600), cast('AGAINST', 2, 200)],
        'PASSED',
        'AGREEMENT_BY_AREA',
      ],
      [
        'exactly half FOR is not more than half',
        owners('PROPERTY_SERVICE_PROVIDER'),
        roll(8, 800),
        [cast('FOR', 4, 400), cast('AGAINST', 4, 400)],
        'REJECTED',
        'AGREEMENT_BY_AREA',
      ],
      [
        'abstentions take part: 3 FOR, 1 AGAINST, 2 ABSTAIN of 6 owners is half FOR, not more',
        owners('MANAGEMENT_COVENANT'),
        roll(6, 600),
        [cast('FOR', 3, 300), cast('AGAINST', 1, 100), cast('ABSTAIN', 2, 200)],
        'REJECTED',
        'AGREEMENT_BY_AREA',
      ],
      [
        'the same vote without the abstainers passes: 4 of 6 still take part, 3 of 4 agree',
        owners('MANAGEMENT_COVENANT'),
        roll(6, 600),
        [cast('FOR', 3, 300), cast('AGAINST', 1, 100)],
        'PASSED',
        'PARTICIPATION_BY_AREA',
      ],
      [
        'an abstention helps reach participation: with 3 FOR and 1 ABSTAIN, 4 of 6 owners take part and 3 of 4 agree',
        owners('OTHER_MAJOR_MATTER'),
        roll(6, 600),
        [cast('FOR', 3, 300), cast('ABSTAIN', 1, 100)],
        'PASSED',
        'PARTICIPATION_BY_AREA',
      ],
      [
        'residents, simple majority: 5 FOR, 4 AGAINST, 2 ABSTAIN is not more than half of 11 ballots',
        { method: 'SIMPLE_MAJORITY' },
        roll(12),
        [cast('FOR', 5), cast('AGAINST', 4), cast('ABSTAIN', 2)],
        'REJECTED',
        'AGREEMENT',
      ],
      [
        'residents, simple majority: 6 FOR of 11 ballots passes',
        { method: 'SIMPLE_MAJORITY' },
        roll(12),
        [cast('FOR', 6), cast('AGAINST', 3), cast('ABSTAIN', 2)],
        'PASSED',
        'AGREEMENT',
      ],
      [
        'residents, two thirds: exactly 6 FOR of 9 ballots passes',
        { method: 'TWO_THIRDS' },
        roll(10),
        [cast('FOR', 6), cast('AGAINST', 2), cast('ABSTAIN', 1)],
        'PASSED',
        'AGREEMENT',
      ],
      [
        'residents, two thirds: 5 FOR of 9 ballots fails',
        { method: 'TWO_THIRDS' },
        roll(10),
        [cast('FOR', 5), cast('AGAINST', 3), cast('ABSTAIN', 1)],
        'REJECTED',
        'AGREEMENT',
      ],
      [
        'residents: half of the roll taking part is not more than half',
        { method: 'SIMPLE_MAJORITY' },
        roll(12),
        [cast('FOR', 6)],
        'NO_QUORUM',
        'TURNOUT',
      ],
    ];

    it.each(cases)('%s', (_case, spec, onRoll, ballots, outcome, decidedBy) => {
      const result = countVotes(spec, onRoll, ballots);
      expect(result.outcome).toBe(outcome);
      expect(result.decidedBy.rule).toBe(decidedBy);
      expect(result.decidedBy.met).toBe(outcome === 'PASSED');
    });

    it('reports turnout by area and by head and every threshold it applied', () => {
      const result = countVotes(owners('RAISE_MAINTENANCE_FUND'), roll(8, 800), [
        cast('FOR', 5, 520),
        cast('AGAINST', 2, 180),
      ]);
      expect(result.turnout).toEqual({ heads: 7, area: 70_000, rollHeads: 8, rollArea: 80_000 });
      expect(result.yesNo).toEqual({
        FOR: { heads: 5, area: 52_000 },
        AGAINST: { heads: 2, area: 18_000 },
        ABSTAIN: { heads: 0, area: 0 },
      });
      expect(result.checks.map(({ rule, part, whole, met }) => [rule, part, whole, met])).toEqual([
        ['PARTICIPATION_BY_AREA', 70_000, 80_000, true],
        ['PARTICIPATION_BY_HEAD', 7, 8, true],
        ['AGREEMENT_BY_AREA', 52_000, 70_000, false],
        ['AGREEMENT_BY_HEAD', 5, 7, false],
      ]);
      expect(result.checks[2].required).toEqual({ numerator: 3, denominator: 4, inclusive: true });
    });

    it.each(OWNERS_MATTERS.map((matter, index) => [index + 1, matter] as const))(
      'art. 278 matter (%i) %s needs three quarters only for (6)–(8)',
      (number, matter) => {
        const result = countVotes(owners(matter), roll(10, 1000), [cast('FOR', 7, 700), cast('AGAINST', 3, 300)]);
        expect(result.outcome).toBe(number >= 6 && number <= 8 ? 'REJECTED' : 'PASSED');
      },
    );
  });

  describe("the owners' roll", () => {
    const unit = (householdId: string, floorArea: number, ...residentIds: (string | null)[]) => ({
      householdId,
      floorArea,
      owners: residentIds.map((residentId) => ({ residentId })),
    });

    it('counts one owner with three units once by head, with the area of all three', () => {
      const voters = ownerVoters([
        unit('101', 100, 'zhang'),
        unit('102', 100, 'zhang'),
        unit('103', 100.5, 'zhang'),
        unit('201', 100, 'li'),
        unit('202', 100, 'wang'),
        unit('203', 100, 'zhao'),
      ]);
      expect(voters).toHaveLength(4);
      expect(voters[0]).toEqual({
        key: 'owners:zhang',
        householdIds: ['101', '102', '103'],
        area: 30_050,
        residentIds: ['zhang'],
      });

      const rollOf = { heads: voters.length, area: voters.reduce((sum, v) => sum + v.area, 0) };
      const weightOf = (key: string) => voters.find((v) => v.key === key)!;
      const ballot = (key: string, choice: YesNoChoice): BallotGroup => ({
        content: { choice },
        heads: 1,
        area: weightOf(key).area,
      });
      const result = countVotes(owners('USE_MAINTENANCE_FUND'), rollOf, [
        ballot('owners:zhang', 'FOR'),
        ballot('owners:li', 'FOR'),
        ballot('owners:wang', 'AGAINST'),
      ]);
      expect(result.turnout).toEqual({ heads: 3, area: 50_050, rollHeads: 4, rollArea: 60_050 });
      expect(result.yesNo!.FOR).toEqual({ heads: 2, area: 40_050 });
      expect(result.outcome).toBe('PASSED');
    });

    it('counts co-owners of one unit as one owner, and the unsold units of the developer as one more', () => {
      const voters = ownerVoters([
        unit('301', 90, 'sun', 'zhou'),
        unit('302', 60),
        unit('303', 60),
        unit('304', 80, 'sun'),
      ]);
      expect(voters.map(({ key, householdIds, area }) => ({ key, householdIds, area }))).toEqual([
        { key: 'owners:sun,zhou', householdIds: ['301'], area: 9_000 },
        { key: 'developer', householdIds: ['302', '303'], area: 12_000 },
        { key: 'owners:sun', householdIds: ['304'], area: 8_000 },
      ]);
    });

    it('rejects a three-quarters matter that 2 of 3 owners agree to, though 3 of 4 units do', () => {
      // 4 units of 80 m² (320 m² in all), 3 owners: 张 owns 101 and 102, 李 owns 201, 王 owns 202.
      // Participation: all 3 heads (3/3 ≥ 2/3) holding all 320 m² (≥ 2/3): met.
      // Rebuilding (matter 7) needs ≥ 3/4 of the participating area AND ≥ 3/4 of the participating heads.
      // 张 (2 units, 160 m²) and 李 (80 m²) agree, 王 does not: area 240/320 = 3/4 ≥ 3/4 met; heads 2/3 < 3/4 missed.
      // Counted by unit (the old error) it would be 3 of 4 heads = 3/4 and pass; by owner it is rejected.
      const voters = ownerVoters([
        unit('101', 80, 'zhang'),
        unit('102', 80, 'zhang'),
        unit('201', 80, 'li'),
        unit('202', 80, 'wang'),
      ]);
      const areaOf = (key: string) => voters.find((voter) => voter.key === key)!.area;
      const result = countVotes(owners('REBUILD_BUILDINGS_OR_FACILITIES'), { heads: 3, area: 32_000 }, [
        { content: { choice: 'FOR' }, heads: 2, area: areaOf('owners:zhang') + areaOf('owners:li') },
        { content: { choice: 'AGAINST' }, heads: 1, area: areaOf('owners:wang') },
      ]);
      expect(voters).toHaveLength(3);
      expect(result.outcome).toBe('REJECTED');
      expect(result.decidedBy).toMatchObject({ rule: 'AGREEMENT_BY_HEAD', part: 2, whole: 3, met: false });
      expect(result.checks.find((check) => check.rule === 'AGREEMENT_BY_AREA')).toMatchObject({
        part: 24_000,
        whole: 32_000,
        met: true,
      });
    });

    it('counts the same co-owners of two units as one buyer, and one of them owning a third unit alone as another', () => {
      const voters = ownerVoters([
        unit('501', 90, 'sun', 'zhou'),
        unit('502', 60.5, 'zhou', 'sun'),
        unit('503', 70, 'sun'),
      ]);
      expect(voters.map(({ key, householdIds, area }) => ({ key, householdIds, area }))).toEqual([
        { key: 'owners:sun,zhou', householdIds: ['501', '502'], area: 15_050 },
        { key: 'owners:sun', householdIds: ['503'], area: 7_000 },
      ]);
    });

    it('never merges units on a name alone: an owner organization knows only by name is one unit, one owner', () => {
      const voters = ownerVoters([unit('401', 70, null), unit('402', 70, null), unit('403', 70, 'qian', null)]);
      expect(voters.map((v) => v.key)).toEqual(['household:401', 'household:402', 'household:403']);
      expect(voters[2].residentIds).toEqual(['qian']);
    });
  });

  describe('approval', () => {
    const approve = (heads: number, ...approvals: string[]): BallotGroup => ({
      content: { approvals },
      heads,
      area: 0,
    });
    const spec: VoteSpec = { method: 'APPROVAL', optionIds: ['lamps', 'playground', 'parking', 'facade'], seats: 2 };

    it('elects the most approved options to the seats; a blank ballot takes part', () => {
      const result = countVotes(spec, roll(20), [
        approve(6, 'lamps', 'playground'),
        approve(4, 'lamps', 'parking'),
        approve(2, 'playground'),
        approve(1),
      ]);
      expect(result.outcome).toBe('PASSED');
      expect(result.winners).toEqual(['lamps', 'playground']);
      expect(result.options).toEqual([
        { optionId: 'lamps', votes: 10 },
        { optionId: 'playground', votes: 8 },
        { optionId: 'parking', votes: 4 },
        { optionId: 'facade', votes: 0 },
      ]);
      expect(result.turnout.heads).toBe(13);
    });

    it('decides nothing when the last seat is tied', () => {
      const result = countVotes(spec, roll(20), [approve(6, 'lamps', 'playground'), approve(6, 'lamps', 'parking')]);
      expect(result.outcome).toBe('TIE');
      expect(result.decidedBy).toMatchObject({ rule: 'MOST_APPROVALS', part: 6, met: false });
      expect(result.winners).toEqual([]);
    });
  });

  describe('ranked choice', () => {
    const rank = (heads: number, ...ranking: string[]): BallotGroup => ({ content: { ranking }, heads, area: 0 });
    const NAMES = ['嘉定小院', '九龙小院', '海棠小院', '大佛小院', '古巷人家'];

    it('needs four rounds to name 九龙巷62号 嘉定小院, though 九龙小院 led the first preferences', () => {
      const result = countVotes({ method: 'RANKED_CHOICE', optionIds: NAMES }, roll(30), [
        rank(6, '九龙小院', '海棠小院'),
        rank(5, '嘉定小院'),
        rank(3, '海棠小院', '嘉定小院'),
        rank(1, '海棠小院', '九龙小院'),
        rank(1, '大佛小院', '嘉定小院'),
        rank(1, '大佛小院', '海棠小院', '嘉定小院'),
        rank(1, '大佛小院', '海棠小院'),
        rank(2, '古巷人家', '嘉定小院'),
      ]);
      const tallies = result.rounds!.map((round) =>
        Object.fromEntries(round.tallies.map((t) => [t.optionId, t.votes])),
      );
      expect(tallies).toEqual([
        { 九龙小院: 6, 嘉定小院: 5, 海棠小院: 4, 大佛小院: 3, 古巷人家: 2 },
        { 嘉定小院: 7, 九龙小院: 6, 海棠小院: 4, 大佛小院: 3 },
        { 嘉定小院: 8, 九龙小院: 6, 海棠小院: 6 },
        { 嘉定小院: 12, 九龙小院: 7 },
      ]);
      // 九龙小院 and 海棠小院 tie at 6 in round 3; 海棠小院 had fewer in round 2, so it leaves.
      expect(result.rounds!.map((round) => round.eliminated)).toEqual([['古巷人家'], ['大佛小院'], ['海棠小院'], []]);
      expect(result.rounds![3].exhausted).toBe(1);
      expect(result.outcome).toBe('PASSED');
      expect(result.winners).toEqual(['嘉定小院']);
      expect(result.decidedBy).toMatchObject({
        rule: 'MAJORITY_OF_CONTINUING_BALLOTS',
        part: 12,
        whole: 19,
        met: true,
      });
    });

    it('elects in the first round when one option already holds a majority', () => {
      const result = countVotes({ method: 'RANKED_CHOICE', optionIds: NAMES }, roll(10), [
        rank(4, '嘉定小院'),
        rank(2, '九龙小院'),
      ]);
      expect(result.rounds).toHaveLength(1);
      expect(result.winners).toEqual(['嘉定小院']);
    });

    it('eliminates options tied at the bottom with no earlier round to tell them apart together', () => {
      const result = countVotes({ method: 'RANKED_CHOICE', optionIds: ['a', 'b', 'c', 'd'] }, roll(10), [
        rank(3, 'a'),
        rank(2, 'b', 'a'),
        rank(1, 'c', 'b'),
        rank(1, 'd', 'b'),
      ]);
      expect(result.rounds!.map((round) => round.eliminated)).toEqual([['c', 'd'], []]);
      expect(result.winners).toEqual(['b']);
    });

    it('decides nothing when the last two are tied', () => {
      const result = countVotes({ method: 'RANKED_CHOICE', optionIds: ['a', 'b'] }, roll(10), [
        rank(3, 'a'),
        rank(3, 'b'),
      ]);
      expect(result.outcome).toBe('TIE');
      expect(result.winners).toEqual([]);
    });

    it('refuses a ranking that names an option twice', () => {
      expect(() =>
        countVotes({ method: 'RANKED_CHOICE', optionIds: ['a', 'b'] }, roll(4), [rank(1, 'a', 'a')]),
      ).toThrow('names an option twice');
    });
  });
});

import { connectTestDatabase, loadOrganizationDemoData } from '@gongzhi/testing';
import type { Connection } from 'mongoose';
import { loadDemoData } from '../src/demo/load-demo-data';

/** The demo as `npm start` loads it: organization's first, then deliberation's, from what organization loaded. */
describe('demo data', () => {
  let deliberation: Connection;
  let organizationDb: string;
  const motion = (title: string) => deliberation.collection('motions').findOne({ title });
  const voteOf = async (title: string) =>
    deliberation.collection('votes').findOne({ _id: (await motion(title))!.currentVoteId });

  beforeAll(async () => {
    organizationDb = await loadOrganizationDemoData();
    deliberation = await connectTestDatabase('deliberation-demo');
    await loadDemoData(deliberation.useDb(organizationDb), deliberation, () => undefined);
  });
  afterAll(() => deliberation?.close());

  it('holds motions in every stage, from raised to closed', async () => {
    const states = await deliberation.collection('motions').distinct('state');
    expect(states.sort()).toEqual(
      [
        'RAISED',
        'PRE_REVIEW',
        'RETURNED',
        'DELIBERATION',
        'VOTING',
        'PASSED',
        'REJECTED',
        'PUBLIC_NOTICE',
        'EXECUTION',
        'EVALUATION',
        'CLOSED',
        'WITHDRAWN',
      ].sort(),
    );
    const kinds = await deliberation.collection('councils').distinct('kind');
    expect(kinds.sort()).toEqual([
      'BUILDING_COUNCIL',
      'COURTYARD_MEETING',
      'DELIBERATION_HALL',
      'JOINT_MEETING',
      'THREE_PARTY_COUNCIL',
    ]);
    expect(
      await deliberation.collection('meetings').countDocuments({ heldAt: { $ne: null }, minutes: { $ne: null } }),
    ).toBeGreaterThan(0);
  });

  it("has 麓谷小镇's owners pass the 2024 upgrade projects by area and by head, now being carried out", async () => {
    const upgrade = await motion('2024年小区提质改造项目：路灯更新、游乐场翻新');
    expect(upgrade).toMatchObject({
      state: 'EXECUTION',
      ownersMatter: 'USE_MAINTENANCE_FUND',
      matterKind: 'FACILITIES_LIGHTING',
    });
    const vote = await voteOf('2024年小区提质改造项目：路灯更新、游乐场翻新');
    // 24 units in 6 buildings, 23 owners: one owner of 1幢 also owns a unit of 2幢 and counts once by head (art. 9 of
    // the judicial interpretation); a couple owns one unit together and counts as one head with one ballot.
    expect(vote).toMatchObject({ method: 'OWNERS_JOINT_DECISION', rollHeads: 23, result: { outcome: 'PASSED' } });
    const roll = await deliberation.collection('voter_rolls').find({ voteId: vote!._id }).toArray();
    expect(roll.reduce((units, voter) => units + voter.householdIds.length, 0)).toBe(24);
    const ownerOfTwo = roll.filter((voter) => voter.householdIds.length === 2);
    expect(ownerOfTwo).toHaveLength(1);
    expect(ownerOfTwo[0].buildingIds).toHaveLength(2);
    expect(ownerOfTwo[0].residentIds).toHaveLength(1);
    expect(roll.filter((voter) => voter.residentIds.length === 2)).toHaveLength(1);
    expect(vote!.result.checks.map((check: { rule: string }) => check.rule)).toEqual([
      'PARTICIPATION_BY_AREA',
      'PARTICIPATION_BY_HEAD',
      'AGREEMENT_BY_AREA',
      'AGREEMENT_BY_HEAD',
    ]);
    expect(await deliberation.collection('milestones').countDocuments({ motionId: upgrade!._id })).toBe(4);
  });

  it('has 九龙巷62号 named 嘉定小院 by ranked choice among five candidates, over several rounds', async () => {
    const vote = await voteOf('为小院取名');
    expect(vote!.options.map((option: { label: string }) => option.label)).toEqual([
      '嘉定小院',
      '九龙小院',
      '海棠小院',
      '大佛小院',
      '古巷人家',
    ]);
    expect(vote!.result).toMatchObject({ outcome: 'PASSED', winners: ['1'] });
    expect(vote!.result.rounds.length).toBeGreaterThan(1);
    expect(await motion('为小院取名')).toMatchObject({ state: 'CLOSED', evaluation: { ratings: expect.any(Number) } });
  });

  it('moved the bridge landing one junction east after an upheld objection, and noticed it again', async () => {
    const bridge = await motion('何山路西延跨线桥（高架）落地方案');
    expect(bridge).toMatchObject({
      state: 'PUBLIC_NOTICE',
      notice: { number: 2 },
      amendments: [{ summary: '落地点往东移动一个路口' }],
    });
    expect(
      await deliberation.collection('objections').countDocuments({ motionId: bridge!._id, status: 'UPHELD' }),
    ).toBe(1);
    expect(await deliberation.collection('votes').countDocuments({ motionId: bridge!._id })).toBe(2);
  });

  it('records no events and loads once: a second run adds nothing', async () => {
    expect(await deliberation.collection('outbox').countDocuments()).toBe(0);
    const counts = async () =>
      Promise.all(
        ['councils', 'motions', 'votes', 'ballot_boxes', 'territory_residents'].map((c) =>
          deliberation.collection(c).countDocuments(),
        ),
      );
    const before = await counts();
    const again: string[] = [];
    await loadDemoData(deliberation.useDb(organizationDb), deliberation, (line) => again.push(line));
    expect(again).toContain('demo data: councils and motions already loaded');
    expect(await counts()).toEqual(before);
  });
});

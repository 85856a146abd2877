import { partnerActor, personActor, waitFor, within } from '@gongzhi/testing';
import { Scheduler } from '@gongzhi/platform';
import mongoose, { Types } from 'mongoose';
import { dataOf, type DeliberationUnderTest, errorCodes } from './deliberation.harness';
import { inSeconds, motionInDeliberation } from './motion.fixture';
import { type announceTerritory, staff, startWithTerritory } from './territory.fixture';

type Territory = Awaited<ReturnType<typeof announceTerritory>>;

const OPEN = `mutation($input: OpenVotingInput!) { openVoting(input: $input) { motion { status } vote { rollHeads rollArea options { id label } } } }`;
const CAST = `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt { channel ballotsCast } vote { ballotsCast } } }`;
const RECORD = `mutation($input: RecordBallotInput!) { recordBallot(input: $input) { receipt { channel ballotsCast } } }`;
const CLOSE = `mutation($input: CloseVotingInput!) { closeVoting(input: $input) { motion { status } vote { closedAt } result { outcome winners } } }`;
const CLOSE_NOTICE = `mutation($input: CloseNoticeInput!) { closeNotice(input: $input) { motion { status } } }`;
const RESULT = `query($id: ID!) { motion(id: $id) { status vote { ballotsCast refusedAttempts secret result {
  outcome turnout { heads rollHeads area rollArea } decidedBy { rule required part whole met }
  thresholds { rule required met } yesNo { for { heads area } against { heads area } abstain { heads area } }
  rounds { round tallies { label votes } eliminated } winners } } } }`;

/**
 * Votes that follow the law in 淞泽家园 (淞源社区): the owners' joint decision on the lamp renewal with ballots from
 * four channels and a duplicate refused, a secret ballot kept apart from its voters, the public notice with an
 * objection, the execution event; the naming vote of 八区 by ranked choice; a vote closed by its deadline.
 */
describe('votes', () => {
  let world: Awaited<ReturnType<typeof startWithTerritory>>;
  let deliberation: DeliberationUnderTest;
  let t: Territory;

  beforeAll(async () => {
    world = await startWithTerritory([
      { building: '七区3幢', room: '301室', floorArea: 89.5, residents: ['罗淑芬', '罗建国'] },
      { building: '七区3幢', room: '302室', floorArea: 92, residents: ['王桂兰'] },
      { building: '七区4幢', room: '101室', floorArea: 76, residents: ['李志强'] },
      { building: '七区4幢', room: '102室', floorArea: 80, residents: ['陈静'], tenants: true },
      { building: '七区4幢', room: '201室', floorArea: 110, residents: ['周海燕'] },
      { building: '八区1幢', room: '201室', floorArea: 81, residents: ['赵玉梅', '赵国平'] },
      { building: '八区1幢', room: '202室', floorArea: 75, residents: ['孙丽华', '孙明'], child: '孙雨桐' },
      { building: '八区1幢', room: '301室', floorArea: 88, residents: ['钱晓东', '钱春燕'] },
      { building: '八区1幢', room: '302室', floorArea: 64, residents: ['何静'], tenants: true },
    ]);
    ({ deliberation, territory: t } = world);
  });
  afterAll(() => world?.stop());

  const ownersCommittee = () => staff('demo:owners-committee', 'OWNERS_COMMITTEE_MEMBER', { compoundIds: [t.id.七区] });
  const buildingLeader = () => staff('demo:building-leader', 'BUILDING_GROUP_LEADER', { buildingIds: [t.id.七区3幢] });
  const gridWorker = () => staff('demo:grid-worker', 'GRID_WORKER', { communityIds: [t.id.淞源社区] });
  const voteIdOf = async (motionId: string) =>
    (await deliberation.connection.collection('motions').findOne({ _id: new Types.ObjectId(motionId) }))!.currentVoteId;
  const voterIdOf = async (motionId: string, householdKey: string) => {
    const roll = dataOf(
      await deliberation.call(
        `query($id: ID!) { motion(id: $id) { vote { voterRoll(first: 100) { edges { node { id households { id } } } } } } }`,
        { id: motionId },
        ownersCommittee(),
      ),
    );
    const householdId = t.households[householdKey];
    return roll.motion.vote.voterRoll.edges.find((edge: { node: { households: { id: string }[] } }) =>
      edge.node.households.some((h) => h.id === householdId),
    ).node.id as string;
  };

  describe("the owners' joint decision on renewing 七区's lamps", () => {
    let motionId: string;

    beforeAll(async () => {
      motionId = await motionInDeliberation(
        deliberation,
        {
          placeId: t.id.七区,
          title: '2024年小区提质改造：路灯更新',
          description: '使用专项维修资金更新3幢至4幢之间12盏路灯，灯杆壁厚不小于3毫米。',
          matterKind: 'FACILITIES_LIGHTING',
          ownersMatter: 'USE_MAINTENANCE_FUND',
          lampIds: ['lamp-7-031', 'lamp-7-032'],
        },
        {
          raiser: t.asResident('罗淑芬'),
          coSigners: [t.asResident('王桂兰'), t.asResident('李志强')],
          reviewer: staff('demo:compound-secretary', 'COMPOUND_BRANCH_SECRETARY', { compoundIds: [t.id.七区] }),
        },
      );
    });

    it('is decided by the owners, by area and by head, on the roll frozen when voting opens', async () => {
      const ranked = await deliberation.call(
        OPEN,
        { input: { motionId, method: 'RANKED_CHOICE', options: ['更新', '维修'], endsAt: inSeconds(3600) } },
        ownersCommittee(),
      );
      expect(errorCodes(ranked)).toEqual(['VOTE.METHOD_NOT_ALLOWED']);
      const opened = dataOf(
        await deliberation.call(
          OPEN,
          { input: { motionId, method: 'OWNERS_JOINT_DECISION', secret: true, endsAt: inSeconds(3600) } },
          ownersCommittee(),
        ),
      ).openVoting;
      // Five units, five owners: 陈静 rents 102室, whose owner the register knows by name only.
      expect(opened).toEqual({ motion: { status: 'VOTING' }, vote: { rollHeads: 5, rollArea: 447.5, options: [] } });
    });

    it('refuses a tenant and a family member, who are not owners', async () => {
      for (const name of ['陈静', '罗建国']) {
        const refused = await deliberation.call(CAST, { input: { motionId, choice: 'AGAINST' } }, t.asResident(name));
        expect(refused.errors?.[0]).toMatchObject({
          extensions: { code: 'VOTE.NOT_ON_ROLL' },
          message: expect.stringContaining("owners' matter"),
        });
      }
    });

    it('tells nobody whether someone is on the roll: the caller’s right to take ballots comes first, and "not on it" answers as "not yours"', async () => {
      const onRoll = await voterIdOf(motionId, '七区3幢302室');
      const nobody = String(new Types.ObjectId());
      const record = (voterId: string, caller: ReturnType<typeof buildingLeader>, motion = motionId) =>
        deliberation.call(RECORD, { input: { motionId: motion, voterId, channel: 'PAPER', choice: 'FOR' } }, caller);
      const answers = async (caller: ReturnType<typeof buildingLeader>, voterIds: string[]) =>
        (await Promise.all(voterIds.map((voterId) => record(voterId, caller)))).map((result) => [
          result.errors?.[0]?.extensions?.code,
          result.errors?.[0]?.message,
        ]);

      // A resident (an owner on this very roll) and a partner's key: refused alike whoever they name, on whatever motion.
      const partner = partnerActor('pu-中海物业', ['deliberation:motions:read'], [t.id.淞源社区]);
      for (const caller of [t.asResident('罗淑芬'), partner]) {
        const [first, ...rest] = await answers(caller, [onRoll, nobody]);
        expect(first[0]).toBe('FORBIDDEN');
        for (const answer of rest) expect(answer).toEqual(first);
        expect(errorCodes(await record(onRoll, caller, String(new Types.ObjectId())))).toEqual(['FORBIDDEN']);
      }
      // 3幢's building group leader: a voter of 4幢 and no voter at all answer alike.
      const li = await voterIdOf(motionId, '七区4幢101室');
      const [ofAnotherBuilding, ofNobody] = await answers(buildingLeader(), [li, nobody]);
      expect(ofAnotherBuilding).toEqual(ofNobody);
      expect(ofNobody[0]).toBe('FORBIDDEN');
      // Staff who take ballots elsewhere (another community's secretary and grid worker): this motion, with its open
      // vote, answers exactly as a motion that does not exist — they learn nothing of what is voted here.
      for (const outsider of [
        staff('demo:other-secretary', 'COMMUNITY_SECRETARY', { communityIds: [String(new Types.ObjectId())] }),
        staff('demo:other-grid-worker', 'GRID_WORKER', { buildingIds: [String(new Types.ObjectId())] }),
      ]) {
        const missing = String(new Types.ObjectId());
        const [ofThisMotion, ofNoMotion] = await Promise.all([
          record(onRoll, outsider),
          record(onRoll, outsider, missing),
        ]);
        expect(errorCodes(ofNoMotion)).toEqual(['MOTION.NOT_FOUND']);
        expect(ofThisMotion.errors?.[0]?.extensions?.code).toBe('MOTION.NOT_FOUND');
        expect(ofThisMotion.errors?.[0]?.message.replace(motionId, missing)).toBe(ofNoMotion.errors?.[0]?.message);
      }
      expect(
        await deliberation.connection
          .collection('ballot_participations')
          .countDocuments({ voteId: await voteIdOf(motionId) }),
      ).toBe(0);
    });

    it('takes one ballot per owner whatever the channel, refusing and keeping a second', async () => {
      expect(
        dataOf(await deliberation.call(CAST, { input: { motionId, choice: 'FOR' } }, t.asResident('罗淑芬')))
          .castBallot,
      ).toEqual({ receipt: { channel: 'ONLINE', ballotsCast: 1 }, vote: { ballotsCast: 1 } });
      expect(
        errorCodes(await deliberation.call(CAST, { input: { motionId, choice: 'AGAINST' } }, t.asResident('罗淑芬'))),
      ).toEqual(['VOTE.ALREADY_VOTED']);
      const luo = await voterIdOf(motionId, '七区3幢301室');
      expect(
        errorCodes(
          await deliberation.call(
            RECORD,
            { input: { motionId, voterId: luo, channel: 'PAPER', choice: 'AGAINST' } },
            buildingLeader(),
          ),
        ),
      ).toEqual(['VOTE.ALREADY_VOTED']);

      const wang = await voterIdOf(motionId, '七区3幢302室');
      expect(
        dataOf(
          await deliberation.call(
            RECORD,
            { input: { motionId, voterId: wang, channel: 'PAPER', choice: 'FOR' } },
            buildingLeader(),
          ),
        ).recordBallot.receipt.channel,
      ).toBe('PAPER');
      const li = await voterIdOf(motionId, '七区4幢101室');
      expect(
        errorCodes(
          await deliberation.call(
            RECORD,
            { input: { motionId, voterId: li, channel: 'PAPER', choice: 'FOR' } },
            buildingLeader(),
          ),
        ),
      ).toEqual(['FORBIDDEN']);
      dataOf(
        await deliberation.call(
          RECORD,
          { input: { motionId, voterId: li, channel: 'DOOR_TO_DOOR', choice: 'FOR' } },
          gridWorker(),
        ),
      );
      const let102 = await voterIdOf(motionId, '七区4幢102室');
      expect(
        errorCodes(
          await deliberation.call(
            RECORD,
            { input: { motionId, voterId: let102, channel: 'PROXY', choice: 'AGAINST' } },
            ownersCommittee(),
          ),
        ),
      ).toEqual(['VOTE.PROXY_UNNAMED']);
      dataOf(
        await deliberation.call(
          RECORD,
          {
            input: {
              motionId,
              voterId: let102,
              channel: 'PROXY',
              choice: 'AGAINST',
              proxyName: '陈静',
              proxyAuthorisation: '业主授权委托书 2024-05-06',
            },
          },
          ownersCommittee(),
        ),
      );

      const standing = dataOf(
        await deliberation.call(
          `query($id: ID!) { motion(id: $id) { vote { ballotsCast refusedAttempts myBallot { onRoll channel } } } }`,
          { id: motionId },
          t.asResident('罗淑芬'),
        ),
      );
      expect(standing.motion.vote).toEqual({
        ballotsCast: 4,
        refusedAttempts: 2,
        myBallot: { onRoll: true, channel: 'ONLINE' },
      });
      expect(
        await deliberation.connection
          .collection('ballot_refusals')
          .countDocuments({ voteId: await voteIdOf(motionId) }),
      ).toBe(2);
    });

    it('keeps a secret ballot apart from its voter, for everyone', async () => {
      dataOf(await deliberation.call(CAST, { input: { motionId, choice: 'ABSTAIN' } }, t.asResident('周海燕')));
      const records = dataOf(
        await deliberation.call(
          `query($id: ID!) { motion(id: $id) { vote { ballots { edges { node { channel choice proxyName } } } } } }`,
          { id: motionId },
        ),
      ).motion.vote.ballots.edges;
      expect(records.map((edge: { node: unknown }) => edge.node)).toEqual([
        { channel: 'ONLINE', choice: null, proxyName: null },
        { channel: 'PAPER', choice: null, proxyName: null },
        { channel: 'DOOR_TO_DOOR', choice: null, proxyName: null },
        { channel: 'PROXY', choice: null, proxyName: '陈静' },
        { channel: 'ONLINE', choice: null, proxyName: null },
      ]);
      const db = deliberation.connection;
      expect(await db.collection('ballot_participations').countDocuments({ content: { $ne: null } })).toBe(0);
      const boxes = await db
        .collection('ballot_boxes')
        .find({ voteId: await voteIdOf(motionId) })
        .toArray();
      expect(
        boxes
          .map(({ _id, voteId, ...box }) => box)
          .sort((a, b) => String(a.content.choice).localeCompare(String(b.content.choice))),
      ).toEqual([
        { content: { choice: 'ABSTAIN' }, heads: 1, area: 11_000 },
        { content: { choice: 'AGAINST' }, heads: 1, area: 8_000 },
        { content: { choice: 'FOR' }, heads: 3, area: 25_750 },
      ]);
    });

    it('closes once every owner has voted and says which threshold decided', async () => {
      // The payload carries the result counted by this very close, not a motion whose vote is yet to be counted.
      expect(dataOf(await deliberation.call(CLOSE, { input: { motionId } }, ownersCommittee())).closeVoting).toEqual({
        motion: { status: 'PASSED' },
        vote: { closedAt: expect.any(String) },
        result: { outcome: 'PASSED', winners: [] },
      });
      const { vote } = dataOf(await deliberation.call(RESULT, { id: motionId }, t.asResident('陈静'))).motion;
      expect(vote.result).toMatchObject({
        outcome: 'PASSED',
        turnout: { heads: 5, rollHeads: 5, area: 447.5, rollArea: 447.5 },
        yesNo: { for: { heads: 3, area: 257.5 }, against: { heads: 1, area: 80 }, abstain: { heads: 1, area: 110 } },
        decidedBy: { rule: 'AGREEMENT_BY_AREA', required: '> 1/2', part: 257.5, whole: 447.5, met: true },
        winners: [],
      });
      expect(vote.result.thresholds.map((c: { rule: string; required: string }) => `${c.rule} ${c.required}`)).toEqual([
        'PARTICIPATION_BY_AREA ≥ 2/3',
        'PARTICIPATION_BY_HEAD ≥ 2/3',
        'AGREEMENT_BY_AREA > 1/2',
        'AGREEMENT_BY_HEAD > 1/2',
      ]);
      expect(
        errorCodes(await deliberation.call(CAST, { input: { motionId, choice: 'FOR' } }, t.asResident('李志强'))),
      ).toEqual(['VOTE.NOT_OPEN']);
    });

    it('is publicised; an objection is answered; when the window runs out the decision goes to execution and is announced', async () => {
      const PUBLISH = `mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { motion { status notice { number } } } }`;
      expect(
        dataOf(
          await deliberation.call(
            PUBLISH,
            { input: { motionId, objectionWindowEndsAt: inSeconds(4) } },
            ownersCommittee(),
          ),
        ).publishNotice.motion,
      ).toEqual({ status: 'PUBLIC_NOTICE', notice: { number: 1 } });
      const OBJECT = `mutation($input: RaiseObjectionInput!) { raiseObjection(input: $input) { objection { id status raisedByMe } } }`;
      expect(
        errorCodes(
          await deliberation.call(
            OBJECT,
            { input: { motionId, reason: '八区居民认为灯光会照进卧室' } },
            t.asResident('赵玉梅'),
          ),
        ),
      ).toEqual(['FORBIDDEN']);
      const objection = dataOf(
        await deliberation.call(
          OBJECT,
          { input: { motionId, reason: '4幢北侧路灯离卧室窗户太近' } },
          t.asResident('陈静'),
        ),
      ).raiseObjection.objection;
      expect(objection).toMatchObject({ status: 'OPEN', raisedByMe: true });
      expect(
        errorCodes(
          await deliberation.call(OBJECT, { input: { motionId, reason: '再提一次异议' } }, t.asResident('陈静')),
        ),
      ).toEqual(['NOTICE.ALREADY_OBJECTED']);
      expect(errorCodes(await deliberation.call(CLOSE_NOTICE, { input: { motionId } }, ownersCommittee()))).toEqual([
        'NOTICE.WINDOW_OPEN',
      ]);
      const ANSWER = `mutation($input: AnswerObjectionInput!) { answerObjection(input: $input) { objection { status answer } motion { status } } }`;
      expect(
        dataOf(
          await deliberation.call(
            ANSWER,
            { input: { objectionId: objection.id, decision: 'DISMISS', answer: '北侧路灯改用低位草坪灯，不照窗户' } },
            ownersCommittee(),
          ),
        ).answerObjection,
      ).toEqual({
        objection: { status: 'DISMISSED', answer: '北侧路灯改用低位草坪灯，不照窗户' },
        motion: { status: 'PUBLIC_NOTICE' },
      });

      // Nobody closes it: the deadline sweep does, once the window has run out.
      await waitFor(
        async () =>
          (await deliberation.connection.collection('motions').findOne({ title: '2024年小区提质改造：路灯更新' }))
            ?.state === 'EXECUTION',
        'the sweep to close the notice',
      );
      const passed = await deliberation.connection
        .collection('outbox')
        .findOne({ 'envelope.type': 'deliberation.motion.passed' });
      expect(passed!.envelope).toMatchObject({
        source: 'deliberation',
        actor: { kind: 'service', id: 'deliberation-deadlines' },
        payload: {
          motionId,
          title: '2024年小区提质改造：路灯更新',
          matterKind: 'FACILITIES_LIGHTING',
          communityId: t.id.淞源社区,
          compoundId: t.id.七区,
          buildingId: null,
          lampIds: ['lamp-7-031', 'lamp-7-032'],
          description: expect.stringContaining('12盏路灯'),
          passedAt: expect.any(String),
          ownersMatter: 'USE_MAINTENANCE_FUND',
          method: 'OWNERS_JOINT_DECISION',
          winners: [],
        },
      });
    });

    it('is carried out with milestones, then goes to evaluation', async () => {
      const MILESTONE = `mutation($input: RecordMilestoneInput!) { recordMilestone(input: $input) { milestone { title by { name } } } }`;
      expect(
        dataOf(
          await deliberation.call(
            MILESTONE,
            { input: { motionId, title: '灯杆壁厚抽检合格', note: '业主带尺子抽查' } },
            ownersCommittee(),
          ),
        ).recordMilestone.milestone,
      ).toEqual({
        title: '灯杆壁厚抽检合格',
        by: { name: 'demo:owners-committee' },
      });
      const COMPLETE = `mutation($input: CompleteExecutionInput!) { completeExecution(input: $input) { motion { status execution { completedAt summary } milestones { totalCount } history(first: 100) { edges { node { action status note } } } } } }`;
      const done = dataOf(
        await deliberation.call(
          COMPLETE,
          { input: { motionId, summary: '12盏路灯已全部更新点亮' } },
          ownersCommittee(),
        ),
      ).completeExecution.motion;
      expect(done.history.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
        { action: null, status: 'RAISED', note: null },
        { action: 'SUBMIT', status: 'PRE_REVIEW', note: null },
        { action: 'ACCEPT', status: 'DELIBERATION', note: null },
        { action: 'OPEN_VOTING', status: 'VOTING', note: null },
        { action: 'CLOSE_VOTING', status: 'PASSED', note: 'PASSED' },
        { action: 'PUBLISH_NOTICE', status: 'PUBLIC_NOTICE', note: null },
        { action: 'CLOSE_NOTICE', status: 'EXECUTION', note: null },
        { action: 'COMPLETE_EXECUTION', status: 'EVALUATION', note: '12盏路灯已全部更新点亮' },
      ]);
      expect(done).toMatchObject({
        status: 'EVALUATION',
        execution: { summary: '12盏路灯已全部更新点亮' },
        milestones: { totalCount: 1 },
      });
    });

    it('is rated by the residents of 七区, once each, and closed with its average (民事民评)', async () => {
      const RATE = `mutation($input: RateOutcomeInput!) { rateOutcome(input: $input) { rating { stars comment } } }`;
      dataOf(
        await deliberation.call(
          RATE,
          { input: { motionId, stars: 5, comment: '晚上散步亮堂了' } },
          t.asResident('陈静'),
        ),
      );
      dataOf(
        await deliberation.call(
          RATE,
          { input: { motionId, stars: 4, comment: '晚上散步亮堂了' } },
          t.asResident('罗建国'),
        ),
      );
      expect(
        errorCodes(
          await deliberation.call(
            RATE,
            { input: { motionId, stars: 1, comment: '晚上散步亮堂了' } },
            t.asResident('罗建国'),
          ),
        ),
      ).toEqual(['EVALUATION.ALREADY_RATED']);
      expect(
        errorCodes(
          await deliberation.call(
            RATE,
            { input: { motionId, stars: 1, comment: '晚上散步亮堂了' } },
            t.asResident('赵玉梅'),
          ),
        ),
      ).toEqual(['FORBIDDEN']);
      expect(
        errorCodes(
          await deliberation.call(
            RATE,
            { input: { motionId, stars: 6, comment: '晚上散步亮堂了' } },
            t.asResident('周海燕'),
          ),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      const EVALUATION = `query($id: ID!) { motion(id: $id) { status evaluation { ratings averageStars closedAt } ratings { edges { node { stars } } } } }`;
      expect(
        dataOf(await deliberation.call(EVALUATION, { id: motionId }, t.asResident('罗淑芬'))).motion.evaluation,
      ).toEqual({ ratings: 2, averageStars: 4.5, closedAt: null });
      const closed = dataOf(
        await deliberation.call(
          `mutation($input: CloseEvaluationInput!) { closeEvaluation(input: $input) { motion { status evaluation { ratings averageStars closedAt } } } }`,
          { input: { motionId } },
          ownersCommittee(),
        ),
      );
      expect(closed.closeEvaluation.motion).toEqual({
        status: 'CLOSED',
        evaluation: { ratings: 2, averageStars: 4.5, closedAt: expect.any(String) },
      });
      expect(
        errorCodes(
          await deliberation.call(
            RATE,
            { input: { motionId, stars: 3, comment: '晚上散步亮堂了' } },
            t.asResident('周海燕'),
          ),
        ),
      ).toEqual(['MOTION.ILLEGAL_STEP']);
    });
  });

  it('names 八区 by ranked choice among five candidates: the adults living there vote, once each', async () => {
    const motionId = await motionInDeliberation(
      deliberation,
      {
        placeId: t.id.八区,
        title: '为小区取名',
        description: '改造后的小院需要一个自己的名字，从5个备选名中选出。',
        matterKind: 'NAMING',
      },
      { raiser: t.asResident('赵玉梅'), coSigners: [t.asResident('孙丽华'), t.asResident('钱晓东')] },
    );
    const names = ['嘉定小院', '九龙小院', '海棠小院', '大佛小院', '古巷人家'];
    const opened = dataOf(
      await deliberation.call(
        OPEN,
        { input: { motionId, method: 'RANKED_CHOICE', options: names, endsAt: inSeconds(3600) } },
        staff('demo:building-leader', 'BUILDING_GROUP_LEADER', { compoundIds: [t.id.八区] }),
      ),
    );
    expect(opened.openVoting.vote.rollHeads).toBe(7);
    const id = (name: string) => opened.openVoting.vote.options.find((o: { label: string }) => o.label === name).id;
    const rank = (voter: string, ...choices: string[]) =>
      deliberation.call(CAST, { input: { motionId, ranking: choices.map(id) } }, t.asResident(voter));

    expect(errorCodes(await rank('孙雨桐', '大佛小院'))).toEqual(['VOTE.NOT_ON_ROLL']);
    expect(errorCodes(await rank('罗淑芬', '九龙小院'))).toEqual(['VOTE.NOT_ON_ROLL']);
    dataOf(await rank('赵玉梅', '九龙小院', '海棠小院'));
    dataOf(await rank('赵国平', '九龙小院'));
    dataOf(await rank('孙丽华', '嘉定小院'));
    dataOf(await rank('孙明', '嘉定小院'));
    dataOf(await rank('钱晓东', '海棠小院', '嘉定小院'));
    dataOf(await rank('钱春燕', '大佛小院', '嘉定小院'));
    expect(errorCodes(await rank('钱春燕', '古巷人家'))).toEqual(['VOTE.ALREADY_VOTED']);
    dataOf(await rank('何静', '古巷人家'));

    expect(dataOf(await deliberation.call(CLOSE, { input: { motionId } })).closeVoting.motion.status).toBe('PASSED');
    const { result } = dataOf(await deliberation.call(RESULT, { id: motionId }, t.asResident('何静'))).motion.vote;
    expect(result.rounds).toEqual([
      {
        round: 1,
        tallies: [
          { label: '嘉定小院', votes: 2 },
          { label: '九龙小院', votes: 2 },
          { label: '海棠小院', votes: 1 },
          { label: '大佛小院', votes: 1 },
          { label: '古巷人家', votes: 1 },
        ],
        eliminated: ['海棠小院', '大佛小院', '古巷人家'],
      },
      {
        round: 2,
        tallies: [
          { label: '嘉定小院', votes: 4 },
          { label: '九龙小院', votes: 2 },
        ],
        eliminated: [],
      },
    ]);
    expect(result).toMatchObject({
      outcome: 'PASSED',
      winners: ['嘉定小院'],
      decidedBy: { rule: 'MAJORITY_OF_CONTINUING_BALLOTS', part: 4, whole: 6 },
    });
  });

  it('closes a vote at its deadline without anyone asking; too few took part, so nothing is decided', async () => {
    const motionId = await motionInDeliberation(
      deliberation,
      {
        placeId: t.id.七区3幢,
        title: '楼道加装扶手',
        description: '为3幢老人在楼道加装扶手，费用由楼栋居民分摊。',
        matterKind: 'SAFETY',
      },
      { raiser: t.asResident('罗淑芬'), coSigners: [t.asResident('罗建国'), t.asResident('王桂兰')] },
    );
    dataOf(
      await deliberation.call(
        OPEN,
        { input: { motionId, method: 'SIMPLE_MAJORITY', endsAt: inSeconds(3) } },
        buildingLeader(),
      ),
    );
    dataOf(await deliberation.call(CAST, { input: { motionId, choice: 'FOR' } }, t.asResident('王桂兰')));
    expect(errorCodes(await deliberation.call(CLOSE, { input: { motionId } }, buildingLeader()))).toEqual([
      'VOTE.STILL_OPEN',
    ]);
    await waitFor(
      async () =>
        (await deliberation.connection.collection('motions').findOne({ title: '楼道加装扶手' }))?.state === 'REJECTED',
      'the sweep to close the vote',
    );
    const { vote } = dataOf(await deliberation.call(RESULT, { id: motionId }, t.asResident('罗淑芬'))).motion;
    expect(vote.result).toMatchObject({
      outcome: 'NO_QUORUM',
      turnout: { heads: 1, rollHeads: 3 },
      decidedBy: { rule: 'TURNOUT', required: '> 1/2', met: false },
    });
  });

  it('lists motions with their votes, the caller’s ballots and comments in the same few queries for one motion as for many (no N+1)', async () => {
    const LIST = `query($first: Int!) { motions(first: $first) { edges { node { title vote { ballotsCast myBallot { onRoll channel } result { outcome } } comments { totalCount } } } } }`;
    // The deadline sweep's own queries would be counted with the request's: this is the file's last test, so stop it.
    await deliberation.app.get(Scheduler).beforeApplicationShutdown();
    // The community secretary lives in 七区3幢 too: every motion of the community, and a ballot of her own.
    const secretaryLivingIn3 = personActor(
      'demo:community-secretary',
      'COMMUNITY_SECRETARY',
      within({ communityIds: [t.id.淞源社区] }),
      t.residents['罗淑芬'],
    );
    const queriesFor = async (first: number) => {
      const operations: string[] = [];
      // The outbox relay polls on its own time; what counts is the request's work.
      mongoose.set(
        'debug',
        (collection: string, method: string) =>
          void (collection.startsWith('outbox') || operations.push(`${collection}.${method}`)),
      );
      try {
        const listed = dataOf(await deliberation.call(LIST, { first }, secretaryLivingIn3)).motions.edges;
        expect(listed.length).toBe(first);
        return operations.length;
      } finally {
        mongoose.set('debug', false);
      }
    };
    expect(await queriesFor(3)).toBe(await queriesFor(1));
  });
});

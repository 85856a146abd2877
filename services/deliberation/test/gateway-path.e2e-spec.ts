import { type EventOf, lampRegistered, motionPassed } from '@gongzhi/contracts';
import { EventConsumer, NatsConnectionProvider } from '@gongzhi/platform';
import {
  connectTestDatabase,
  startGatewaysInFront,
  startOrganizationProcess,
  testEventsNamespace,
  testNatsUrl,
  waitFor,
} from '@gongzhi/testing';
import type { Connection } from 'mongoose';
import pino from 'pino';
import {
  dataOf,
  type DeliberationUnderTest,
  errorCodes,
  startDemoBehindGateways,
  startSubgraphEvents,
} from './deliberation.harness';
import { inSeconds } from './motion.fixture';

type Gateways = Awaited<ReturnType<typeof startGatewaysInFront>>;
type Headers = Record<string, string>;

/**
 * Issue 6's promise, end to end through two gateway replicas in front of organization (its demo of 斜塘街道 and
 * 府街社区) and deliberation: residents of 淞泽家园七区 3幢 raise a lamp renewal, the branch committee pre-reviews it,
 * the owners vote through three channels (a duplicate refused, a family member who owns nothing refused), it passes,
 * is publicised, its objection window runs out and facilities receives `deliberation.motion.passed`; and 九龙巷62号
 * is named 嘉定小院 by ranked choice.
 */
describe('the whole path through the gateway', () => {
  let org: Awaited<ReturnType<typeof startOrganizationProcess>>;
  let deliberation: DeliberationUnderTest;
  let orgDb: Connection;
  let gw: Gateways;
  const passed: EventOf<typeof motionPassed>[] = [];
  const stops: (() => Promise<unknown>)[] = [];
  const id: Record<string, string> = {};

  /** One operation through the gateway; fails the test on errors unless they are asked for. */
  const post = async (query: string, variables: Record<string, unknown>, as: Headers) =>
    (await gw.post(query, variables, as)).body;
  const find = async (collection: string, filter: Record<string, unknown>) =>
    (await orgDb.collection(collection).findOne(filter))!;

  beforeAll(async () => {
    // Birthdays are swept every second, so a resident turning 18 moves on while the spec runs. Public notice at least
    // five days, as the field reports post them: a shorter one only by a recorded override.
    ({ org, deliberation, orgDb, gw } = await startDemoBehindGateways(
      { MOTION_MIN_CO_SIGNERS: '1', PUBLIC_NOTICE_MIN_DAYS: '5' },
      stops,
      { AGE_BAND_SWEEP_SECONDS: '1' },
    ));

    // Facilities, as far as this promise goes: a durable consumer of deliberation's passed motions.
    const logger = pino({ level: 'silent' });
    const facilitiesDb = await connectTestDatabase('facilities');
    const nats = new NatsConnectionProvider({ servers: testNatsUrl(), name: 'facilities-stand-in', logger });
    nats.start();
    const consumer = new EventConsumer(facilitiesDb, nats, {
      serviceName: 'facilities',
      namespace: testEventsNamespace(),
      name: 'motions-passed',
      events: [motionPassed],
      logger,
      handle: async (event) => void passed.push(event),
    });
    consumer.start();
    stops.push(
      () => consumer.stop(),
      () => nats.close(),
      () => facilitiesDb.close(),
    );

    const qiqu = await find('compounds', { name: '淞泽家园七区' });
    const building3 = await find('buildings', { compoundId: qiqu._id, name: '3幢' });
    const jiulong = await find('compounds', { name: '九龙巷62号' });
    Object.assign(id, {
      七区: String(qiqu._id),
      七区3幢: String(building3._id),
      九龙巷62号: String(jiulong._id),
      府街社区党组织: String((await find('org_units', { name: '府街社区' }))._id),
      九龙巷62号单元: String((await find('org_units', { name: '九龙巷62号' }))._id),
      七区3幢楼道党小组: String(
        (
          await find('org_units', {
            name: '3幢楼道党小组',
            parentId: (await find('org_units', { name: '淞泽家园七区党支部' }))._id,
          })
        )._id,
      ),
      马国平: String((await find('residents', { buildingId: building3._id, name: '马国平' }))._id),
      黄文斌: String((await find('residents', { compoundId: jiulong._id, name: '黄文斌' }))._id),
    });

    // Facilities announces the two lamps in front of 3幢 the residents will name.
    const lamps = await startSubgraphEvents('facilities');
    stops.push(() => lamps.stop());
    for (const [index, lampId] of ['lamp-7-3-01', 'lamp-7-3-02'].entries()) {
      await lamps.record(lampRegistered, {
        lampId,
        assetNumber: `XT-SY7-3-0${index + 1}`,
        communityId: String(qiqu.communityId),
        compoundId: id.七区,
        buildingId: id.七区3幢,
      });
    }
    await waitFor(
      async () => (await deliberation.connection.collection('facilities_lamps').countDocuments()) === 2,
      "facilities' lamps to reach deliberation",
    );
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  /** A person organization has no demo binding for: granted by ops tooling (a service), then signed in like anyone. */
  async function signInNew(
    subject: string,
    name: string,
    role: string,
    orgUnitId: string,
    residentId?: string,
  ): Promise<Headers> {
    dataOf(
      await org.call(`mutation($input: GrantRoleInput!) { grantRole(input: $input) { roleBinding { id } } }`, {
        input: { subject, name, role, orgUnitId, ...(residentId && { residentId }) },
      }),
    );
    return gw.asPerson(subject, name);
  }

  describe("淞泽家园七区 3幢's owners renew their lamps", () => {
    let motionId: string;
    let luo: Headers;
    let ma: Headers;

    beforeAll(async () => {
      luo = await gw.asPerson('demo:resident');
      ma = await signInNew('test:ma-guoping', '马国平', 'RESIDENT', id.七区3幢楼道党小组, id.马国平);
      // A fifth unit, registered in organization now: deliberation learns of it, floor area and all, from the event.
      const registered = await post(
        `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { household { id } } }`,
        {
          input: {
            buildingId: id.七区3幢,
            unitNumber: '601室',
            floorArea: 66.6,
            owners: [{ name: '钱春燕', share: 1 }],
          },
        },
        await gw.asPerson('demo:community-secretary'),
      );
      id.七区3幢601室 = dataOf(registered).registerHousehold.household.id;
      await waitFor(
        async () =>
          (await deliberation.connection.collection('territory_households').findOne({ _id: id.七区3幢601室 as never }))
            ?.floorArea === 66.6,
        'the new unit to reach deliberation',
      );
    });

    it('is raised by 罗淑芬, co-signed, pre-reviewed by the branch committee and deliberated', async () => {
      const raised = await post(
        `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { motion { id status major } } }`,
        {
          input: {
            placeId: id.七区3幢,
            title: '3幢路灯更新',
            description: '3幢楼前路灯底座锈蚀，晚上散步看不清路。提议使用专项维修资金更新2盏路灯。',
            matterKind: 'FACILITIES_LIGHTING',
            ownersMatter: 'USE_MAINTENANCE_FUND',
            lampIds: ['lamp-7-3-01', 'lamp-7-3-02'],
          },
        },
        luo,
      );
      ({ id: motionId } = dataOf(raised).raiseMotion.motion);
      expect(dataOf(raised).raiseMotion.motion).toMatchObject({ status: 'RAISED', major: true });
      const onMotion = { input: { motionId } };
      dataOf(
        await post(
          `mutation($input: CoSignMotionInput!) { coSignMotion(input: $input) { motion { id } } }`,
          onMotion,
          ma,
        ),
      );
      expect(
        dataOf(
          await post(
            `mutation($input: SubmitMotionInput!) { submitMotion(input: $input) { motion { status } } }`,
            onMotion,
            luo,
          ),
        ).submitMotion.motion.status,
      ).toBe('PRE_REVIEW');
      const STEP = `mutation($input: AcceptMotionInput!) { acceptMotion(input: $input) { motion { status } } }`;
      expect(errorCodes(await post(STEP, onMotion, await gw.asPerson('demo:building-leader')))).toEqual(['FORBIDDEN']);
      expect(
        dataOf(await post(STEP, onMotion, await gw.asPerson('demo:compound-secretary'))).acceptMotion.motion.status,
      ).toBe('DELIBERATION');
      dataOf(
        await post(
          `mutation($input: CommentOnMotionInput!) { commentOnMotion(input: $input) { motionComment { id } } }`,
          { input: { motionId, body: '灯杆壁厚要达标，业主会带尺子抽查' } },
          ma,
        ),
      );

      // One query, two subgraphs: the compound from organization, its motions from deliberation, the raiser from organization again.
      const seen = await post(
        `query($id: ID!) { compound(id: $id) { name motions(first: 5) { edges { node { title status raisedByResident { name } comments { totalCount } } } } } }`,
        { id: id.七区 },
        luo,
      );
      expect(dataOf(seen).compound).toEqual({
        name: '淞泽家园七区',
        motions: {
          edges: [
            {
              node: {
                title: '3幢路灯更新',
                status: 'DELIBERATION',
                raisedByResident: { name: '罗淑芬' },
                comments: { totalCount: 1 },
              },
            },
          ],
        },
      });
    });

    it('is voted by the owners through three channels: a non-owner and a second ballot are refused', async () => {
      const committee = await gw.asPerson('demo:owners-committee');
      const opened = await post(
        `mutation($input: OpenVotingInput!) { openVoting(input: $input) { motion { status } vote { rollHeads rollArea } } }`,
        { input: { motionId, method: 'OWNERS_JOINT_DECISION', endsAt: inSeconds(3600) } },
        committee,
      );
      expect(dataOf(opened).openVoting).toEqual({
        motion: { status: 'VOTING' },
        vote: { rollHeads: 5, rollArea: 363.6 },
      });

      const CAST = `mutation($id: ID!, $choice: YesNoChoice!) { castBallot(input: { motionId: $id, choice: $choice }) { receipt { channel ballotsCast } } }`;
      expect(errorCodes(await post(CAST, { id: motionId, choice: 'AGAINST' }, ma))).toEqual(['VOTE.NOT_ON_ROLL']);
      expect(dataOf(await post(CAST, { id: motionId, choice: 'FOR' }, luo)).castBallot.receipt).toEqual({
        channel: 'ONLINE',
        ballotsCast: 1,
      });
      expect(errorCodes(await post(CAST, { id: motionId, choice: 'AGAINST' }, luo))).toEqual(['VOTE.ALREADY_VOTED']);

      // The building group leader goes door to door with the roll of 3幢; organization shows the units to them.
      const leader = await gw.asPerson('demo:building-leader');
      const roll = await post(
        `query($id: ID!, $b: ID!) { motion(id: $id) { vote { voterRoll(placeId: $b) { edges { node { id area voted households { unitNumber } } } } } } }`,
        { id: motionId, b: id.七区3幢 },
        leader,
      );
      const voters = dataOf(roll).motion.vote.voterRoll.edges.map(
        (edge: { node: { id: string; voted: boolean; area: number; households: { unitNumber: string }[] } }) =>
          edge.node,
      );
      const voterIn = (unit: string) =>
        voters.find((voter: { households: { unitNumber: string }[] }) => voter.households[0].unitNumber === unit).id;
      expect(
        voters.filter((voter: { voted: boolean }) => voter.voted).map((voter: { area: number }) => voter.area),
      ).toEqual([65.6]);
      // placeId is any place: the compound holds the whole roll of its building's vote, another community none of
      // it, and a place nobody knows is PLACE.NOT_FOUND.
      const ROLL_OF = `query($id: ID!, $p: ID!) { motion(id: $id) { vote { voterRoll(placeId: $p) { totalCount } } } }`;
      const rollSize = async (p: string) =>
        dataOf(await post(ROLL_OF, { id: motionId, p }, leader)).motion.vote.voterRoll.totalCount;
      expect(await rollSize(id.七区)).toBe(5);
      expect(await rollSize(id.九龙巷62号)).toBe(0);
      expect(errorCodes(await post(ROLL_OF, { id: motionId, p: '650000000000000000000000' }, leader))).toEqual([
        'PLACE.NOT_FOUND',
      ]);

      const RECORD = `mutation($input: RecordBallotInput!) { recordBallot(input: $input) { receipt { channel } } }`;
      const record = (as: Headers, input: Record<string, unknown>) =>
        post(RECORD, { input: { motionId, ...input } }, as);
      expect(
        errorCodes(await record(leader, { voterId: voterIn('501室'), channel: 'PAPER', choice: 'AGAINST' })),
      ).toEqual(['VOTE.ALREADY_VOTED']);
      dataOf(await record(leader, { voterId: voterIn('302室'), channel: 'PAPER', choice: 'FOR' }));
      dataOf(await record(leader, { voterId: voterIn('601室'), channel: 'PAPER', choice: 'FOR' }));
      dataOf(
        await record(await gw.asPerson('demo:grid-worker'), {
          voterId: voterIn('201室'),
          channel: 'DOOR_TO_DOOR',
          choice: 'FOR',
        }),
      );
      dataOf(
        await record(committee, {
          voterId: voterIn('102室'),
          channel: 'PROXY',
          choice: 'AGAINST',
          proxyName: '何秀英',
          proxyAuthorisation: '业主授权委托书（马子涵签字）',
        }),
      );

      expect(
        dataOf(
          await post(
            `mutation($input: CloseVotingInput!) { closeVoting(input: $input) { motion { status } } }`,
            { input: { motionId } },
            committee,
          ),
        ).closeVoting.motion.status,
      ).toBe('PASSED');
      const result = await post(
        `query($id: ID!) { motion(id: $id) { vote { refusedAttempts result { outcome turnout { heads rollHeads area rollArea } decidedBy { rule required part whole } } } } }`,
        { id: motionId },
        ma,
      );
      expect(dataOf(result).motion.vote).toEqual({
        refusedAttempts: 2,
        result: {
          outcome: 'PASSED',
          turnout: { heads: 5, rollHeads: 5, area: 363.6, rollArea: 363.6 },
          decidedBy: { rule: 'AGREEMENT_BY_AREA', required: '> 1/2', part: 283.6, whole: 363.6 },
        },
      });
    });

    it('is publicised; when the objection window closes facilities receives the decision to carry out', async () => {
      const PUBLISH = `mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { motion { status history(first: 20) { edges { node { action note by { name } } } } } } }`;
      const secretary = await gw.asPerson('demo:compound-secretary');
      // Five days is the configured minimum: three seconds is refused, and a steward may not override it.
      const short = { motionId, objectionWindowEndsAt: inSeconds(3) };
      expect(errorCodes(await post(PUBLISH, { input: short }, secretary))).toEqual(['NOTICE.WINDOW_TOO_SHORT']);
      const reason = '街道批准：路灯底座锈蚀有安全隐患，公示期缩短';
      expect(errorCodes(await post(PUBLISH, { input: { ...short, override: { reason } } }, secretary))).toEqual([
        'FORBIDDEN',
      ]);
      // Street staff may, on purpose and with the reason: kept in the step's history and in the audit trail.
      const notice = await post(
        PUBLISH,
        { input: { ...short, override: { reason } } },
        await gw.asPerson('demo:street-staff'),
      );
      expect(dataOf(notice).publishNotice.motion.status).toBe('PUBLIC_NOTICE');
      const step = dataOf(notice).publishNotice.motion.history.edges.at(-1).node;
      expect(step).toMatchObject({ action: 'PUBLISH_NOTICE', note: `[override NOTICE.WINDOW_TOO_SHORT] ${reason}` });
      expect(step.by.name).toEqual(expect.any(String));
      await waitFor(async () => {
        const entries = await orgDb
          .collection('audit_entries')
          .find({ kind: 'governance.rule.overridden', subjectId: motionId })
          .toArray();
        return (
          entries.length === 1 && entries[0].summary.includes(reason) && entries[0].actor.id === 'demo:street-staff'
        );
      }, 'the override to reach the audit trail');
      await waitFor(
        () => passed.some((event) => event.payload.motionId === motionId),
        'facilities to receive deliberation.motion.passed',
      );
      expect(passed.find((event) => event.payload.motionId === motionId)).toMatchObject({
        type: 'deliberation.motion.passed',
        source: 'deliberation',
        payload: {
          title: '3幢路灯更新',
          matterKind: 'FACILITIES_LIGHTING',
          communityId: expect.any(String),
          compoundId: id.七区,
          buildingId: id.七区3幢,
          lampIds: ['lamp-7-3-01', 'lamp-7-3-02'],
          ownersMatter: 'USE_MAINTENANCE_FUND',
          method: 'OWNERS_JOINT_DECISION',
        },
      });
      const now = await post(
        `query($id: ID!) { motion(id: $id) { status history { edges { node { action } } } } }`,
        { id: motionId },
        luo,
      );
      expect(dataOf(now).motion).toEqual({
        status: 'EXECUTION',
        history: {
          edges: [null, 'SUBMIT', 'ACCEPT', 'OPEN_VOTING', 'CLOSE_VOTING', 'PUBLISH_NOTICE', 'CLOSE_NOTICE'].map(
            (action) => ({ node: { action } }),
          ),
        },
      });
    });

    it('completes the work only with a milestone and closes the evaluation only with a rating, or by a recorded override', async () => {
      const COMPLETE = `mutation($input: CompleteExecutionInput!) { completeExecution(input: $input) { motion { status history(first: 20) { edges { node { action note } } } } } }`;
      const CLOSE = `mutation($input: CloseEvaluationInput!) { closeEvaluation(input: $input) { motion { status evaluation { ratings } history(first: 20) { edges { node { action note } } } } } }`;
      const steward = await gw.asPerson('demo:compound-secretary');
      const office = await gw.asPerson('demo:community-secretary');
      const done = { motionId, summary: '2盏路灯已更换，灯杆壁厚经业主抽检合格' };
      expect(errorCodes(await post(COMPLETE, { input: done }, steward))).toEqual(['MOTION.NO_MILESTONE']);
      const reason = '施工单位一次完工，未分阶段记录；以验收单为准';
      // The steward who would excuse their own step may not; the community office may.
      expect(errorCodes(await post(COMPLETE, { input: { ...done, override: { reason } } }, steward))).toEqual([
        'FORBIDDEN',
      ]);
      const completed = dataOf(await post(COMPLETE, { input: { ...done, override: { reason } } }, office))
        .completeExecution.motion;
      expect(completed.status).toBe('EVALUATION');
      expect(completed.history.edges.at(-1).node).toEqual({
        action: 'COMPLETE_EXECUTION',
        note: `${done.summary}\n[override MOTION.NO_MILESTONE] ${reason}`,
      });

      expect(errorCodes(await post(CLOSE, { input: { motionId } }, steward))).toEqual(['MOTION.NO_RATING']);
      const noRatings = '评价期内无人评分，社区走访确认居民满意';
      const closed = dataOf(await post(CLOSE, { input: { motionId, override: { reason: noRatings } } }, office))
        .closeEvaluation.motion;
      expect(closed).toMatchObject({ status: 'CLOSED', evaluation: { ratings: 0 } });
      expect(closed.history.edges.at(-1).node).toEqual({
        action: 'CLOSE_EVALUATION',
        note: `[override MOTION.NO_RATING] ${noRatings}`,
      });
      const overrides = await deliberation.connection
        .collection('outbox')
        .find({ 'envelope.type': 'governance.rule.overridden', 'envelope.payload.subjectId': motionId })
        .toArray();
      expect(overrides.map((row) => [row.envelope.payload.rule, row.envelope.actor.id])).toEqual([
        ['NOTICE.WINDOW_TOO_SHORT', 'demo:street-staff'],
        ['MOTION.NO_MILESTONE', 'demo:community-secretary'],
        ['MOTION.NO_RATING', 'demo:community-secretary'],
      ]);
    });

    it('minutes a meeting only once its time has come, unless its convener records it early with the reason', async () => {
      const convener = await gw.asPerson('demo:building-leader');
      const council = dataOf(
        await post(
          `mutation($input: FormCouncilInput!) { formCouncil(input: $input) { council { id } } }`,
          {
            input: {
              placeId: id.七区3幢,
              kind: 'BUILDING_COUNCIL',
              name: '七区3幢楼栋议事会',
              seats: [
                { role: 'BUILDING_HEAD', holderName: '张伟' },
                { role: 'OWNER', holderName: '罗淑芬' },
              ],
            },
          },
          convener,
        ),
      ).formCouncil.council;
      const meeting = dataOf(
        await post(
          `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id } } }`,
          {
            input: {
              councilId: council.id,
              title: '路灯验收楼栋议事',
              scheduledAt: inSeconds(3 * 24 * 3600),
              location: '3幢楼道口',
              // The renewal's motion is CLOSED by now, and a closed motion is no meeting's agenda item
              // (MEETING.MOTION_ENDED): the acceptance is reported as an item of its own.
              agenda: [{ title: '路灯更新验收情况通报' }],
            },
          },
          convener,
        ),
      ).scheduleMeeting.meeting;
      const RECORD = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { meeting { heldAt override { rule reason by { name } } } } }`;
      const minutes = {
        meetingId: meeting.id,
        minutes: '路灯已点亮，业主无异议。',
        attendance: [{ name: '张伟', present: true }],
      };
      expect(errorCodes(await post(RECORD, { input: minutes }, convener))).toEqual(['MEETING.NOT_YET_DUE']);
      const reason = '因天气提前两天召开，居民已在群内通知';
      expect(errorCodes(await post(RECORD, { input: { ...minutes, override: { reason } } }, luo))).toEqual([
        'FORBIDDEN',
      ]);
      const held = dataOf(await post(RECORD, { input: { ...minutes, override: { reason } } }, convener)).recordMeeting
        .meeting;
      expect(held).toMatchObject({ heldAt: expect.any(String), override: { rule: 'MEETING.NOT_YET_DUE', reason } });
    });
  });

  it('names 九龙巷62号 嘉定小院 by ranked choice among five candidates, though 九龙小院 led the first count', async () => {
    const secretary = await signInNew('test:fujie-secretary', '彭晓梅', 'COMMUNITY_SECRETARY', id.府街社区党组织);
    const huang = await signInNew('test:huang-wenbin', '黄文斌', 'RESIDENT', id.九龙巷62号单元, id.黄文斌);
    // Ten adults live there for this vote: the demo's, and new neighbours moved in by the community office.
    const adults = await orgDb.collection('residents').countDocuments({
      compoundId: (await find('compounds', { name: '九龙巷62号' }))._id,
      movedOutAt: null,
      ageBand: { $nin: ['UNDER_6', 'AGE_6_TO_13', 'AGE_14_TO_17'] },
    });
    expect(adults).toBeLessThanOrEqual(10);
    const household = String(
      (
        await find('households', {
          compoundId: (await find('compounds', { name: '九龙巷62号' }))._id,
          unitNumber: '102室',
        })
      )._id,
    );
    for (let i = 0; i < 10 - adults; i++) {
      dataOf(
        await post(
          `mutation($input: MoveResidentInInput!) { moveResidentIn(input: $input) { resident { id } } }`,
          { input: { householdId: household, name: `新邻居${i + 1}`, ageBand: 'AGE_18_TO_59', relation: 'TENANT' } },
          secretary,
        ),
      );
    }
    await waitFor(
      async () =>
        (await deliberation.connection
          .collection('territory_residents')
          .countDocuments({ compoundId: id.九龙巷62号, adult: true, movedOutAt: null })) === 10,
      'the new neighbours to reach deliberation',
    );

    const raised = await post(
      `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { motion { id } } }`,
      {
        input: {
          placeId: id.九龙巷62号,
          title: '为小院取名',
          description: '改造后的小院要有自己的名字：从5个备选名中选出一个。',
          matterKind: 'NAMING',
        },
      },
      secretary,
    );
    const motionId = dataOf(raised).raiseMotion.motion.id;
    const onMotion = { input: { motionId } };
    dataOf(
      await post(
        `mutation($input: CoSignMotionInput!) { coSignMotion(input: $input) { motion { id } } }`,
        onMotion,
        huang,
      ),
    );
    expect(
      dataOf(
        await post(
          `mutation($input: SubmitMotionInput!) { submitMotion(input: $input) { motion { status } } }`,
          onMotion,
          secretary,
        ),
      ).submitMotion.motion.status,
    ).toBe('DELIBERATION');
    const names = ['嘉定小院', '九龙小院', '海棠小院', '大佛小院', '古巷人家'];
    const opened = await post(
      `mutation($input: OpenVotingInput!) { openVoting(input: $input) { vote { rollHeads options { id label } voterRoll(first: 20) { edges { node { id } } } } } }`,
      { input: { motionId, method: 'RANKED_CHOICE', options: names, endsAt: inSeconds(3600) } },
      secretary,
    );
    const { vote } = dataOf(opened).openVoting;
    expect(vote.rollHeads).toBe(10);
    const option = (name: string) => vote.options.find((o: { label: string }) => o.label === name).id;
    // Paper ballots from the courtyard meeting (院坝会): 4 for 九龙小院 alone, 3 for 嘉定小院, 2 for 海棠 then 嘉定, 1 for 大佛 then 嘉定.
    const rankings = [
      ...Array(4).fill(['九龙小院']),
      ...Array(3).fill(['嘉定小院']),
      ...Array(2).fill(['海棠小院', '嘉定小院']),
      ['大佛小院', '嘉定小院'],
    ] as string[][];
    for (const [index, edge] of (vote.voterRoll.edges as { node: { id: string } }[]).entries()) {
      dataOf(
        await post(
          `mutation($input: RecordBallotInput!) { recordBallot(input: $input) { receipt { channel } } }`,
          { input: { motionId, voterId: edge.node.id, channel: 'PAPER', ranking: rankings[index].map(option) } },
          secretary,
        ),
      );
    }
    dataOf(
      await post(
        `mutation($input: CloseVotingInput!) { closeVoting(input: $input) { motion { status } } }`,
        onMotion,
        secretary,
      ),
    );
    const result = await post(
      `query($id: ID!) { motion(id: $id) { status vote { result { winners rounds { tallies { label votes } eliminated } } } } }`,
      { id: motionId },
      huang,
    );
    const { status, vote: counted } = dataOf(result).motion;
    expect(status).toBe('PASSED');
    expect(counted.result.winners).toEqual(['嘉定小院']);
    expect(counted.result.rounds[0].tallies[0]).toEqual({ label: '九龙小院', votes: 4 });
    expect(counted.result.rounds.map((round: { eliminated: string[] }) => round.eliminated)).toEqual([
      ['古巷人家'],
      ['大佛小院'],
      ['海棠小院'],
      [],
    ]);
  });
  it('puts a resident turning 18 on the residents’ rolls drawn after the birthday, not on one already open', async () => {
    const steward = await gw.asPerson('demo:compound-secretary');
    const luo = await gw.asPerson('demo:resident');
    const office = await gw.asPerson('demo:community-secretary');
    // 罗子涵 turns 18 a few seconds from now: the birth date given at move-in decides the band and when it changes.
    const born = new Date(Date.now() + 8000);
    born.setUTCFullYear(born.getUTCFullYear() - 18);
    const household = String((await find('residents', { name: '罗淑芬' })).householdId);
    const teen = dataOf(
      await post(
        `mutation($input: MoveResidentInInput!) { moveResidentIn(input: $input) { resident { id ageBand } } }`,
        { input: { householdId: household, name: '罗子涵', birthDate: born.toISOString(), relation: 'FAMILY' } },
        office,
      ),
    ).moveResidentIn.resident;
    expect(teen.ageBand).toBe('AGE_14_TO_17');
    const inDeliberation = (adult: boolean) =>
      waitFor(
        async () =>
          (await deliberation.connection.collection('territory_residents').findOne({ _id: teen.id }))?.adult === adult,
        `罗子涵 to be ${adult ? 'an adult' : 'a minor'} in deliberation`,
      );
    await inDeliberation(false);

    /** A residents' vote of 3幢, opened now: its roll is drawn at opening. */
    const openResidentsVote = async (title: string) => {
      const motionId = dataOf(
        await post(
          `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { motion { id } } }`,
          {
            input: {
              placeId: id.七区3幢,
              title,
              description: `${title}：请3幢居民投票决定是否实施。`,
              matterKind: 'ENVIRONMENT',
            },
          },
          steward,
        ),
      ).raiseMotion.motion.id;
      const onMotion = { input: { motionId } };
      dataOf(
        await post(
          `mutation($input: CoSignMotionInput!) { coSignMotion(input: $input) { motion { id } } }`,
          onMotion,
          luo,
        ),
      );
      dataOf(
        await post(
          `mutation($input: SubmitMotionInput!) { submitMotion(input: $input) { motion { id } } }`,
          onMotion,
          steward,
        ),
      );
      const opened = await post(
        `mutation($input: OpenVotingInput!) { openVoting(input: $input) { vote { rollHeads } } }`,
        { input: { motionId, method: 'SIMPLE_MAJORITY', endsAt: inSeconds(3600) } },
        steward,
      );
      return { motionId, rollHeads: dataOf(opened).openVoting.vote.rollHeads as number };
    };
    const before = await openResidentsVote('3幢楼道绿植认养');

    // The birthday passes: organization's sweep moves 罗子涵 on and says so; deliberation counts them an adult.
    await waitFor(
      async () =>
        Boolean(
          await orgDb
            .collection('outbox')
            .findOne({ 'envelope.type': 'org.resident.age-band-changed', 'envelope.payload.residentId': teen.id }),
        ),
      'the birthday to be announced',
    );
    const announced = await orgDb
      .collection('outbox')
      .find({ 'envelope.type': 'org.resident.age-band-changed', 'envelope.payload.residentId': teen.id })
      .toArray();
    expect(announced.map((row) => row.envelope.payload)).toEqual([
      expect.objectContaining({ from: 'AGE_14_TO_17', to: 'AGE_18_TO_59', adult: true, buildingId: id.七区3幢 }),
    ]);
    const read = await post(`query($id: ID!) { resident(id: $id) { ageBand } }`, { id: teen.id }, office);
    expect(dataOf(read).resident.ageBand).toBe('AGE_18_TO_59');
    await inDeliberation(true);

    // A roll drawn now has them; the one opened before the birthday stays as it was frozen.
    const after = await openResidentsVote('3幢楼道自行车停放');
    expect(after.rollHeads).toBe(before.rollHeads + 1);
    const frozen = await post(
      `query($id: ID!) { motion(id: $id) { vote { rollHeads } } }`,
      { id: before.motionId },
      luo,
    );
    expect(dataOf(frozen).motion.vote.rollHeads).toBe(before.rollHeads);
  });

  it("seats 淞泽物业 on 淞源社区's joint meeting once its agreement is signed: its key takes part there, through the gateway, and in nothing else", async () => {
    const community = String((await find('communities', { name: '淞源社区' }))._id);
    const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const partnerUnitId = dataOf(
      await org.call(
        `mutation { registerPartnerUnit(input: { name: "淞泽物业服务中心", kind: PROPERTY_COMPANY }) { partnerUnit { id } } }`,
      ),
    ).registerPartnerUnit.partnerUnit.id as string;
    dataOf(
      await org.call(
        `mutation($input: SignCoBuildingAgreementInput!) { signCoBuildingAgreement(input: $input) { coBuildingAgreement { id } } }`,
        {
          input: {
            partnerUnitId,
            communityId: community,
            validFrom: day(-365),
            validUntil: day(365),
            scope: '物业服务与社区联席会议',
          },
        },
      ),
    );
    const key = gw.asPartner(
      dataOf(
        await org.call(
          `mutation($p: ID!) { issueApiKey(input: { partnerUnitId: $p, scopes: ["deliberation:councils:take-part"] }) { secret } }`,
          { p: partnerUnitId },
        ),
      ).issueApiKey.secret,
    );
    await waitFor(
      async () =>
        (await deliberation.connection.collection('partner_agreements').countDocuments({ partnerUnitId })) === 1 &&
        (await gw.post('{ councils(first: 1) { totalCount } }', {}, key)).status === 200,
      'the agreement to reach deliberation and the key the gateways',
    );

    const secretary = await gw.asPerson('demo:community-secretary');
    const council = dataOf(
      await post(
        `mutation($input: FormCouncilInput!) { formCouncil(input: $input) { council { id } } }`,
        {
          input: {
            placeId: community,
            kind: 'JOINT_MEETING',
            name: '淞源社区物业联席会议',
            seats: [
              { role: 'COMMUNITY_PARTY_COMMITTEE', holderName: '淞源社区党委' },
              { role: 'DEPARTMENT', holderName: '斜塘街道城管办' },
            ],
          },
        },
        secretary,
      ),
    ).formCouncil.council.id as string;
    const seatId = dataOf(
      await post(
        `mutation($input: SeatPartnerOnCouncilInput!) { seatPartnerOnCouncil(input: $input) { seat { id partnerUnit { name } } } }`,
        { input: { councilId: council, partnerUnitId, holderName: '淞泽物业服务中心', role: 'PROPERTY_COMPANY' } },
        secretary,
      ),
    ).seatPartnerOnCouncil.seat.id as string;
    const motion = dataOf(
      await post(
        `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { motion { id } } }`,
        {
          input: {
            placeId: id.七区,
            title: '七区地下车库清理',
            description: '车库杂物堆积，请物业与居民共同清理。',
            matterKind: 'ENVIRONMENT',
          },
        },
        await gw.asPerson('demo:resident'),
      ),
    ).raiseMotion.motion.id as string;
    const meeting = dataOf(
      await post(
        `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id } } }`,
        {
          input: {
            councilId: council,
            title: '车库清理联席会',
            scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            location: '党群会客厅',
            agenda: [{ title: '车库清理', motionId: motion }],
          },
        },
        secretary,
      ),
    ).scheduleMeeting.meeting.id as string;

    // The key reads its council, the meeting and the motion it takes up, and gives the seat's opinion.
    const READ = `query($c: ID!, $m: ID!) { council(id: $c) { name meetings { edges { node { agenda { motion { title } } } } } } councils { totalCount } motion(id: $m) { title } }`;
    expect(dataOf(await post(READ, { c: council, m: motion }, key))).toEqual({
      council: {
        name: '淞源社区物业联席会议',
        meetings: { edges: [{ node: { agenda: [{ motion: { title: '七区地下车库清理' } }] } }] },
      },
      councils: { totalCount: 1 },
      motion: null,
    });
    const OPINION = `mutation($input: GiveSeatOpinionInput!) { giveSeatOpinion(input: $input) { seatOpinion { holderName position } } }`;
    const input = {
      meetingId: meeting,
      motionId: motion,
      position: 'SUPPORT',
      text: '物业出车辆和两名保洁，周六上午清理。',
    };
    expect(dataOf(await post(OPINION, { input }, key)).giveSeatOpinion.seatOpinion).toEqual({
      holderName: '淞泽物业服务中心',
      position: 'SUPPORT',
    });

    // Unseated: the council is no longer the key's.
    dataOf(
      await post(
        `mutation($input: UnseatFromCouncilInput!) { unseatFromCouncil(input: $input) { council { id } } }`,
        { input: { councilId: council, seatId } },
        secretary,
      ),
    );
    expect(dataOf(await post(READ, { c: council, m: motion }, key))).toEqual({
      council: null,
      councils: { totalCount: 0 },
      motion: null,
    });
    expect(errorCodes(await post(OPINION, { input }, key))).toEqual(['FORBIDDEN']);
  });
});

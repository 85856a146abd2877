import { answerOf, NO_SUCH_ID, notFound } from '@gongzhi/testing';
import mongoose, { Types } from 'mongoose';
import { dataOf, type DeliberationUnderTest, errorCodes } from './deliberation.harness';
import { type announceTerritory, staff, startWithTerritory } from './territory.fixture';

type Territory = Awaited<ReturnType<typeof announceTerritory>>;

const FORM = `mutation($input: FormCouncilInput!) { formCouncil(input: $input) { council { id name kind seats { id role holderName } convenedBy { id } } } }`;

/** Councils by kind and seat, meetings with agenda, attendance and minutes, and who may convene them. */
describe('councils', () => {
  let world: Awaited<ReturnType<typeof startWithTerritory>>;
  let deliberation: DeliberationUnderTest;
  let t: Territory;

  beforeAll(async () => {
    world = await startWithTerritory([
      { building: '七区3幢', room: '301室', floorArea: 89.5, residents: ['罗淑芬'] },
      { building: '八区1幢', room: '201室', floorArea: 81, residents: ['赵玉梅'] },
      { building: '七区4幢', room: '502室', floorArea: 76.2, residents: ['钱建国'] },
    ]);
    ({ deliberation, territory: t } = world);
  });
  afterAll(() => world?.stop());

  const secretary = () =>
    staff('demo:compound-secretary', 'COMPOUND_BRANCH_SECRETARY', { compoundIds: [t.id.七区] }, 'unit-七区党支部');
  const threeParty = (placeId: string, roles: string[]) => ({
    input: {
      placeId,
      kind: 'THREE_PARTY_COUNCIL',
      name: '三方议事会',
      seats: roles.map((role, i) => ({ role, holderName: `席位${i + 1}` })),
    },
  });

  it('seats a three-party council by what the compound has: a property company in 七区, a self-management committee in 八区', async () => {
    const withoutCompany = await deliberation.call(
      FORM,
      threeParty(t.id.七区, ['PARTY_BRANCH', 'OWNERS_COMMITTEE']),
      secretary(),
    );
    expect(withoutCompany.errors?.[0]).toMatchObject({
      extensions: { code: 'COUNCIL.SEATS_MISSING', missing: [['PROPERTY_COMPANY']] },
    });
    const formed = dataOf(
      await deliberation.call(
        FORM,
        threeParty(t.id.七区, ['PARTY_BRANCH', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY']),
        secretary(),
      ),
    ).formCouncil.council;
    expect(formed).toMatchObject({ kind: 'THREE_PARTY_COUNCIL', convenedBy: { id: 'unit-七区党支部' } });

    const selfManaged = await deliberation.call(
      FORM,
      threeParty(t.id.八区, ['PARTY_BRANCH', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY']),
    );
    expect(selfManaged.errors?.[0]).toMatchObject({
      extensions: {
        code: 'COUNCIL.SEATS_MISSING',
        missing: [['SELF_MANAGEMENT_COMMITTEE'], ['RESIDENT_REPRESENTATIVE']],
      },
    });
    const building = await deliberation.call(
      FORM,
      { input: { placeId: t.id.七区, kind: 'BUILDING_COUNCIL', name: '楼栋议事会', seats: [] } },
      secretary(),
    );
    expect(errorCodes(building)).toEqual(['COUNCIL.WRONG_PLACE']);
  });

  it('is formed only by the offices covering the place', async () => {
    expect(
      errorCodes(
        await deliberation.call(
          FORM,
          threeParty(t.id.八区, ['PARTY_BRANCH', 'SELF_MANAGEMENT_COMMITTEE', 'RESIDENT_REPRESENTATIVE']),
          secretary(),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await deliberation.call(
          FORM,
          threeParty(t.id.七区, ['PARTY_BRANCH', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY']),
          t.asResident('罗淑芬'),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('holds a building council meeting from agenda to minutes, once; residents of the building read it, others do not', async () => {
    const leader = staff('demo:building-leader', 'BUILDING_GROUP_LEADER', { buildingIds: [t.id.七区3幢] });
    const council = dataOf(
      await deliberation.call(
        FORM,
        {
          input: {
            placeId: t.id.七区3幢,
            kind: 'BUILDING_COUNCIL',
            name: '七区3幢楼栋议事会',
            seats: [
              { role: 'BUILDING_HEAD', holderName: '张伟' },
              { role: 'OWNER', holderName: '罗淑芬' },
            ],
          },
        },
        leader,
      ),
    ).formCouncil.council;
    const motion = dataOf(
      await deliberation.call(
        `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { motion { id } } }`,
        {
          input: {
            placeId: t.id.七区3幢,
            title: '楼道电表箱手绘',
            description: '楼道电表箱褪色，志愿者手绘美化。',
            matterKind: 'ENVIRONMENT',
          },
        },
        t.asResident('罗淑芬'),
      ),
    ).raiseMotion.motion;
    const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id agenda { title motion { id } } heldAt } } }`;
    const elsewhere = await deliberation.call(
      SCHEDULE,
      {
        input: {
          councilId: council.id,
          title: '三月楼栋议事',
          scheduledAt: '2025-03-08T10:00:00+08:00',
          location: '3幢楼道口',
          agenda: [{ title: '外部议题', motionId: '650000000000000000000000' }],
        },
      },
      leader,
    );
    expect(errorCodes(elsewhere)).toEqual(['MEETING.MOTION_ELSEWHERE']);
    const meeting = dataOf(
      await deliberation.call(
        SCHEDULE,
        {
          input: {
            councilId: council.id,
            title: '三月楼栋议事',
            scheduledAt: '2025-03-08T10:00:00+08:00',
            location: '3幢楼道口',
            agenda: [{ title: '电表箱美化', motionId: motion.id }, { title: '其他' }],
          },
        },
        leader,
      ),
    ).scheduleMeeting.meeting;
    expect(meeting).toEqual({
      id: expect.any(String),
      agenda: [
        { title: '电表箱美化', motion: { id: motion.id } },
        { title: '其他', motion: null },
      ],
      heldAt: null,
    });

    const RECORD = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { meeting { heldAt minutes attendance { name present seatId } } } }`;
    const seatId = council.seats[0].id;
    const input = {
      meetingId: meeting.id,
      minutes: '同意由大学生志愿者手绘电表箱，颜料由社区提供。',
      attendance: [
        { name: '张伟', seatId, present: true },
        { name: '罗淑芬', present: true },
      ],
    };
    const held = dataOf(await deliberation.call(RECORD, { input }, leader)).recordMeeting.meeting;
    expect(held).toMatchObject({
      heldAt: expect.any(String),
      attendance: [
        { name: '张伟', present: true, seatId },
        { name: '罗淑芬', present: true, seatId: null },
      ],
    });
    expect(errorCodes(await deliberation.call(RECORD, { input }, leader))).toEqual(['MEETING.ALREADY_HELD']);

    const READ = `query($id: ID!) { council(id: $id) { name meetings { edges { node { title minutes } } } } }`;
    expect(
      dataOf(await deliberation.call(READ, { id: council.id }, t.asResident('罗淑芬'))).council.meetings.edges[0].node
        .minutes,
    ).toContain('电表箱');
    // Another compound's council and its meetings: "not yours" answers as "not found" does.
    const zhao = t.asResident('赵玉梅');
    const MEETING = `query($id: ID!) { meeting(id: $id) { title } }`;
    expect(answerOf(await deliberation.call(READ, { id: council.id }, zhao))).toEqual(notFound('council'));
    expect(answerOf(await deliberation.call(READ, { id: NO_SUCH_ID }, zhao))).toEqual(notFound('council'));
    expect(answerOf(await deliberation.call(MEETING, { id: meeting.id }, zhao))).toEqual(notFound('meeting'));
    expect(answerOf(await deliberation.call(MEETING, { id: NO_SUCH_ID }, zhao))).toEqual(notFound('meeting'));
    expect(dataOf(await deliberation.call(MEETING, { id: meeting.id }, t.asResident('罗淑芬'))).meeting).toEqual({
      title: '三月楼栋议事',
    });
    const events = await deliberation.connection
      .collection('outbox')
      .find({ 'envelope.type': /^deliberation\.(council|meeting)\./ })
      .toArray();
    expect(events.map((e) => e.envelope.type)).toEqual([
      'deliberation.council.formed',
      'deliberation.council.formed',
      'deliberation.meeting.scheduled',
      'deliberation.meeting.held',
    ]);
    expect(events[3].envelope.payload).toMatchObject({ present: 2, motionIds: [motion.id] });
  });

  it('names the meetings that take a motion up, oldest first, as far as the caller sees them; refuses a motion of another community or one that has ended', async () => {
    const leader = staff('demo:building-leader', 'BUILDING_GROUP_LEADER', { buildingIds: [t.id.七区3幢] });
    const formed = async (input: Record<string, unknown>, by: ReturnType<typeof staff>) =>
      dataOf(await deliberation.call(FORM, { input }, by)).formCouncil.council.id as string;
    const threePartyId = await formed(
      threeParty(t.id.七区, ['PARTY_BRANCH', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY']).input,
      secretary(),
    );
    const buildingId = await formed(
      {
        placeId: t.id.七区3幢,
        kind: 'BUILDING_COUNCIL',
        name: '七区3幢楼栋议事会',
        seats: [{ role: 'BUILDING_HEAD', holderName: '张伟' }],
      },
      leader,
    );
    const raise = async (title: string) =>
      dataOf(
        await deliberation.call(
          `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { motion { id } } }`,
          { input: { placeId: t.id.七区, title, description: `${title}，请业主议一议。`, matterKind: 'ENVIRONMENT' } },
          t.asResident('罗淑芬'),
        ),
      ).raiseMotion.motion.id as string;
    const chargers = await raise('七区非机动车棚加装充电桩');
    const fitness = await raise('七区健身器材更新');
    const withdrawn = await raise('七区东门改道');
    dataOf(
      await deliberation.call(
        `mutation($input: WithdrawMotionInput!) { withdrawMotion(input: $input) { motion { status } } }`,
        { input: { motionId: withdrawn } },
        t.asResident('罗淑芬'),
      ),
    );
    // 梅淞社区's motion as deliberation stores one: this spec's territory is 淞源社区 alone.
    const otherCommunity = new Types.ObjectId();
    await deliberation.connection.collection('motions').insertOne({
      _id: otherCommunity,
      title: '梅淞社区停车位划线',
      communityId: new Types.ObjectId().toHexString(),
      compoundId: null,
      buildingId: null,
      state: 'DELIBERATION',
    });

    const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id agenda { motionId } } } }`;
    const schedule = (councilId: string, scheduledAt: string, agenda: object[], by = leader) =>
      deliberation.call(
        SCHEDULE,
        { input: { councilId, title: '议事协商会', scheduledAt, location: '党群会客厅', agenda } },
        by,
      );
    const meetingsBefore = await deliberation.connection.collection('meetings').countDocuments();
    const refused = await schedule(buildingId, '2025-03-01T19:00:00+08:00', [
      { title: '充电桩', motionId: chargers },
      { title: '停车位', motionId: otherCommunity.toHexString() },
    ]);
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'MEETING.MOTION_ELSEWHERE', motionId: otherCommunity.toHexString() },
    });
    const ended = await schedule(buildingId, '2025-03-01T19:00:00+08:00', [{ title: '东门', motionId: withdrawn }]);
    expect(ended.errors?.[0]).toMatchObject({
      extensions: { code: 'MEETING.MOTION_ENDED', motionId: withdrawn, status: 'WITHDRAWN' },
    });
    expect(await deliberation.connection.collection('meetings').countDocuments()).toBe(meetingsBefore);

    // Scheduled later but held earlier: the building's meeting (15 March) takes the chargers up twice, and is listed once.
    const april = dataOf(
      await schedule(
        threePartyId,
        '2025-04-12T09:30:00+08:00',
        [
          { title: '充电桩方案', motionId: chargers },
          { title: '健身器材', motionId: fitness },
        ],
        secretary(),
      ),
    ).scheduleMeeting.meeting;
    expect(april.agenda).toEqual([{ motionId: chargers }, { motionId: fitness }]);
    const march = dataOf(
      await schedule(buildingId, '2025-03-15T19:00:00+08:00', [
        { title: '充电桩介绍', motionId: chargers },
        { title: '充电桩意见征集', motionId: chargers },
      ]),
    ).scheduleMeeting.meeting;

    const MEETINGS = `query($id: ID!, $after: String) { motion(id: $id) { meetings(first: 1, after: $after) { totalCount edges { node { id scheduledAt council { kind } } } pageInfo { hasNextPage endCursor } } } }`;
    const page = async (id: string, by = t.asResident('罗淑芬'), after?: string) =>
      dataOf(await deliberation.call(MEETINGS, { id, after }, by)).motion.meetings;
    const first = await page(chargers);
    expect(first).toMatchObject({
      totalCount: 2,
      edges: [
        { node: { id: march.id, scheduledAt: '2025-03-15T11:00:00.000Z', council: { kind: 'BUILDING_COUNCIL' } } },
      ],
      pageInfo: { hasNextPage: true },
    });
    const second = await page(chargers, t.asResident('罗淑芬'), first.pageInfo.endCursor);
    expect(second).toMatchObject({
      edges: [{ node: { id: april.id, council: { kind: 'THREE_PARTY_COUNCIL' } } }],
      pageInfo: { hasNextPage: false },
    });
    // 钱建国 lives in 七区4幢: he reads the compound's motion and its three-party meeting, not 3幢's building council.
    expect(await page(chargers, t.asResident('钱建国'))).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id: april.id } }],
    });
    expect((await page(withdrawn)).totalCount).toBe(0);

    // And from the meeting: its agenda names the motions it takes up.
    const AGENDA = `query($id: ID!) { meeting(id: $id) { agenda { title motion { id title status } } } }`;
    expect(dataOf(await deliberation.call(AGENDA, { id: april.id }, t.asResident('钱建国'))).meeting.agenda).toEqual([
      { title: '充电桩方案', motion: { id: chargers, title: '七区非机动车棚加装充电桩', status: 'RAISED' } },
      { title: '健身器材', motion: { id: fitness, title: '七区健身器材更新', status: 'RAISED' } },
    ]);

    // Every motion's meetings in one request: one query for the pages and one for the counts, however many motions.
    const LIST = `query($placeId: ID!) { motions(placeId: $placeId) { edges { node { title meetings(first: 5) { totalCount edges { node { id } } } } } } }`;
    const operations: string[] = [];
    mongoose.set('debug', (collection: string, method: string) => {
      if (collection === 'meetings') operations.push(`${collection}.${method}`);
    });
    let listed: { node: { title: string; meetings: { totalCount: number } } }[];
    try {
      listed = dataOf(await deliberation.call(LIST, { placeId: t.id.七区 }, secretary())).motions.edges;
    } finally {
      mongoose.set('debug', false);
    }
    expect(Object.fromEntries(listed.map(({ node }) => [node.title, node.meetings.totalCount]))).toMatchObject({
      七区非机动车棚加装充电桩: 2,
      七区健身器材更新: 1,
      七区东门改道: 0,
    });
    expect(operations).toEqual(['meetings.aggregate', 'meetings.aggregate']);
  });
});

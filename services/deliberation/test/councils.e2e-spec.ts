import { partnerAgreementSigned } from '@gongzhi/contracts';
import { answerOf, NO_SUCH_ID, notFound, partnerActor, waitFor } from '@gongzhi/testing';
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

  it('seats a partner unit with an agreement in force on a joint meeting: its key reads that council, its meetings and their motions and gives the seat its opinion, nothing else, until unseated or the agreement ends', async () => {
    const community = t.id.淞源社区;
    const wuye = new Types.ObjectId().toHexString(); // 淞泽物业服务中心: an agreement in force
    const school = new Types.ObjectId().toHexString(); // 星海小学: its agreement ended last year
    for (const [partnerUnitId, validFrom, validUntil] of [
      [wuye, '2023-03-01', '2099-12-31'],
      [school, '2022-09-01', '2024-08-31'],
    ])
      await world.org.record(partnerAgreementSigned, {
        agreementId: new Types.ObjectId().toHexString(),
        partnerUnitId,
        communityId: community,
        validFrom,
        validUntil,
      });
    await waitFor(
      async () => (await deliberation.connection.collection('partner_agreements').countDocuments()) === 2,
      'the agreements to reach deliberation',
    );
    const communitySecretary = staff('demo:community-secretary', 'COMMUNITY_SECRETARY', { communityIds: [community] });
    const joint = dataOf(
      await deliberation.call(
        FORM,
        {
          input: {
            placeId: community,
            kind: 'JOINT_MEETING',
            name: '淞源社区联席会议',
            seats: [
              { role: 'COMMUNITY_PARTY_COMMITTEE', holderName: '淞源社区党委' },
              { role: 'DEPARTMENT', holderName: '斜塘街道城管办' },
            ],
          },
        },
        communitySecretary,
      ),
    ).formCouncil.council.id as string;
    const otherCouncil = dataOf(
      await deliberation.call(
        FORM,
        threeParty(t.id.七区, ['PARTY_BRANCH', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY']),
        secretary(),
      ),
    ).formCouncil.council.id as string;

    // Only a partner whose agreement with the community is in force takes a seat; once; seated by the conveners.
    const SEAT = `mutation($input: SeatPartnerOnCouncilInput!) { seatPartnerOnCouncil(input: $input) { seat { id role holderName partnerUnit { id } } council { seats { role } } } }`;
    const seat = (partnerUnitId: string, by = communitySecretary) =>
      deliberation.call(
        SEAT,
        { input: { councilId: joint, partnerUnitId, holderName: '淞泽物业服务中心', role: 'PROPERTY_COMPANY' } },
        by,
      );
    expect((await seat(school)).errors?.[0]).toMatchObject({
      extensions: { code: 'COUNCIL.PARTNER_WITHOUT_AGREEMENT', partnerUnitId: school, communityId: community },
    });
    expect(errorCodes(await seat(wuye, t.asResident('罗淑芬')))).toEqual(['FORBIDDEN']);
    const seated = dataOf(await seat(wuye)).seatPartnerOnCouncil;
    expect(seated.seat).toMatchObject({
      role: 'PROPERTY_COMPANY',
      holderName: '淞泽物业服务中心',
      partnerUnit: { id: wuye },
    });
    expect(seated.council.seats).toHaveLength(3);
    expect(errorCodes(await seat(wuye))).toEqual(['SEAT.ALREADY_EXISTS']);

    const raise = async (title: string, description: string) =>
      dataOf(
        await deliberation.call(
          `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { motion { id } } }`,
          { input: { placeId: t.id.七区, title, description, matterKind: 'ENVIRONMENT' } },
          t.asResident('罗淑芬'),
        ),
      ).raiseMotion.motion.id as string;
    const motion = await raise('七区地下车库清理', '车库杂物堆积，请物业与居民共同清理。');
    const other = await raise('七区业委会换届', '业委会任期届满，需依法组织换届选举。');
    const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id } } }`;
    const meetingOf = async (councilId: string, agenda: object[], by: ReturnType<typeof staff>) =>
      dataOf(
        await deliberation.call(
          SCHEDULE,
          {
            input: {
              councilId,
              title: '联席会议',
              scheduledAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
              location: '党群会客厅',
              agenda,
            },
          },
          by,
        ),
      ).scheduleMeeting.meeting.id as string;
    const jointMeeting = await meetingOf(
      joint,
      [{ title: '车库清理', motionId: motion }, { title: '其他事项' }],
      communitySecretary,
    );
    const otherMeeting = await meetingOf(otherCouncil, [{ title: '换届', motionId: other }], secretary());

    // The property company's key: it takes part in councils, and reads no motion of its community otherwise.
    const key = (communityIds = [community], scopes = ['deliberation:councils:take-part']) =>
      partnerActor(wuye, scopes, communityIds);
    const READ = `query($joint: ID!, $other: ID!, $jm: ID!, $om: ID!, $motion: ID!, $community: ID!) {
      joint: council(id: $joint) { name meetings { edges { node { id } } } }
      other: council(id: $other) { name }
      councils { edges { node { name } } }
      inCommunity: councils(placeId: $community) { edges { node { name } } }
      jointMeeting: meeting(id: $jm) { title agenda { title motion { title meetings { edges { node { id } } } } } }
      otherMeeting: meeting(id: $om) { title }
      motion(id: $motion) { title }
    }`;
    const ids = { joint, other: otherCouncil, jm: jointMeeting, om: otherMeeting, motion };
    expect(dataOf(await deliberation.call(READ, { ...ids, community }, key()))).toEqual({
      joint: { name: '淞源社区联席会议', meetings: { edges: [{ node: { id: jointMeeting } }] } },
      other: null,
      councils: { edges: [{ node: { name: '淞源社区联席会议' } }] },
      inCommunity: { edges: [{ node: { name: '淞源社区联席会议' } }] },
      jointMeeting: {
        title: '联席会议',
        agenda: [
          {
            title: '车库清理',
            motion: { title: '七区地下车库清理', meetings: { edges: [{ node: { id: jointMeeting } }] } },
          },
          { title: '其他事项', motion: null },
        ],
      },
      otherMeeting: null,
      motion: null, // not the motion list of its community: only what its council's meetings take up
    });

    // The seat gives its opinion on the business of its council's meetings, and on no other meeting.
    const OPINION = `mutation($input: GiveSeatOpinionInput!) { giveSeatOpinion(input: $input) { seatOpinion { holderName position text motionId } meeting { seatOpinions { position text } } } }`;
    const opinion = (meetingId: string, motionId: string | undefined, text: string, by = key()) =>
      deliberation.call(OPINION, { input: { meetingId, motionId, position: 'SUPPORT', text } }, by);
    dataOf(await opinion(jointMeeting, motion, '物业可出车辆和人手。'));
    const given = dataOf(await opinion(jointMeeting, motion, '物业出车辆和两名保洁，周六上午清理。')).giveSeatOpinion;
    expect(given.seatOpinion).toEqual({
      holderName: '淞泽物业服务中心',
      position: 'SUPPORT',
      text: '物业出车辆和两名保洁，周六上午清理。',
      motionId: motion,
    });
    expect(given.meeting.seatOpinions).toEqual([{ position: 'SUPPORT', text: '物业出车辆和两名保洁，周六上午清理。' }]);
    expect(errorCodes(await opinion(jointMeeting, other, '无'))).toEqual(['MEETING.MOTION_NOT_ON_AGENDA']);
    expect(errorCodes(await opinion(otherMeeting, other, '同意换届。'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await opinion(jointMeeting, motion, '同意。', communitySecretary))).toEqual(['FORBIDDEN']);

    // Without the scope, or once the agreement has ended (the gateway's grant then lists no community), nothing.
    const NONE = { joint: null, other: null, jointMeeting: null, otherMeeting: null, motion: null };
    const SEEN = `query($joint: ID!, $other: ID!, $jm: ID!, $om: ID!, $motion: ID!) { joint: council(id: $joint) { name } other: council(id: $other) { name } jointMeeting: meeting(id: $jm) { title } otherMeeting: meeting(id: $om) { title } motion(id: $motion) { title } }`;
    for (const outside of [key([community], []), key([])])
      expect(dataOf(await deliberation.call(SEEN, ids, outside))).toEqual(NONE);
    expect(errorCodes(await opinion(jointMeeting, motion, '同意。', key([])))).toEqual(['FORBIDDEN']);

    // Unseated by the conveners: the council is gone for the key at once. A seat the kind needs stays.
    const UNSEAT = `mutation($input: UnseatFromCouncilInput!) { unseatFromCouncil(input: $input) { council { seats { role } } } }`;
    const committee = (await deliberation.connection
      .collection('councils')
      .findOne({ _id: new Types.ObjectId(joint) }))!.seats[0];
    expect(
      errorCodes(
        await deliberation.call(
          UNSEAT,
          { input: { councilId: joint, seatId: String(committee._id) } },
          communitySecretary,
        ),
      ),
    ).toEqual(['COUNCIL.SEATS_MISSING']);
    expect(
      errorCodes(await deliberation.call(UNSEAT, { input: { councilId: joint, seatId: seated.seat.id } }, key())),
    ).toEqual(['FORBIDDEN']);
    expect(
      dataOf(
        await deliberation.call(UNSEAT, { input: { councilId: joint, seatId: seated.seat.id } }, communitySecretary),
      ).unseatFromCouncil.council.seats,
    ).toEqual([{ role: 'COMMUNITY_PARTY_COMMITTEE' }, { role: 'DEPARTMENT' }]);
    expect(dataOf(await deliberation.call(SEEN, ids, key()))).toEqual(NONE);
    expect(
      dataOf(await deliberation.call(`{ councils { edges { node { name } } } }`, {}, key())).councils.edges,
    ).toEqual([]);
    expect(errorCodes(await opinion(jointMeeting, motion, '同意。'))).toEqual(['FORBIDDEN']);
  });
});

import { answerOf, NO_SUCH_ID, notFound } from '@gongzhi/testing';
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
    expect(dataOf(await deliberation.call(MEETING, { id: meeting.id }, t.asResident('罗淑芬'))).meeting).toBeTruthy();
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
});

import { partnerActor, personActor, within } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { dataOf, errorCodes, type ServicesUnderTest, startServicesSubgraph } from './services.harness';

/**
 * 龙惠社区's "医养融合" family-doctor studio: doctors of the community health centre sit on Tuesdays and Fridays, and
 * residents book twenty-minute slots. The spec talks to services alone, its directory filled as organization's
 * events would fill it.
 */
describe('the family-doctor rota', () => {
  let services: ServicesUnderTest;
  const ids = {
    longhui: new Types.ObjectId(),
    other: new Types.ObjectId(),
    building: new Types.ObjectId(),
    centre: new Types.ObjectId(),
  };
  const residents = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
  const secretary = personActor(
    'idp|longhui-shuji',
    'COMMUNITY_SECRETARY',
    within({ communityIds: [String(ids.longhui)] }),
  );
  const gridWorker = personActor(
    'idp|longhui-wanggeyuan',
    'GRID_WORKER',
    within({ communityIds: [String(ids.longhui)] }),
  );
  const leader = personActor(
    'idp|longhui-loudaozhang',
    'BUILDING_GROUP_LEADER',
    within({ buildingIds: [String(ids.building)] }),
  );
  let rotaId: string;
  let tuesday: string;

  beforeAll(async () => {
    services = await startServicesSubgraph();
    const db = services.connection;
    await db.collection('directory_places').insertMany([
      { _id: ids.longhui, kind: 'COMMUNITY', communityId: ids.longhui, compoundId: null },
      { _id: ids.other, kind: 'COMMUNITY', communityId: ids.other, compoundId: null },
    ]);
    await db.collection('directory_partners').insertOne({ _id: ids.centre, agreementCommunityIds: [ids.longhui] });
    // Elders who consented (on a form the grid worker brought) to the family doctor — one to meal help (助餐) only.
    const living = (id: Types.ObjectId, communityId: Types.ObjectId, purposes = ['FAMILY_DOCTOR']) => ({
      _id: id,
      householdId: new Types.ObjectId(),
      buildingId: ids.building,
      compoundId: new Types.ObjectId(),
      communityId,
      ageBand: 'AGE_80_PLUS',
      movedOutAt: null,
      consents: [
        {
          consentId: `consent-of-${String(id)}`,
          kind: 'SENSITIVE_DATA',
          purposes,
          guardianResidentId: null,
          givenAt: new Date(),
          withdrawnAt: null,
        },
      ],
    });
    await db
      .collection('directory_residents')
      .insertMany([
        living(residents[0], ids.longhui),
        living(residents[1], ids.longhui),
        living(residents[2], ids.other),
        living(residents[3], ids.longhui, ['MEAL_AND_SHOPPING_HELP']),
      ]);
    const provider = dataOf(
      await services.call(
        `mutation($p: ID!, $c: ID!) { registerPartnerCareProvider(input: { partnerUnitId: $p, communityId: $c, name: "东渚社区卫生服务中心" }) { careProvider { id } } }`,
        { p: String(ids.centre), c: String(ids.longhui) },
      ),
    ).registerPartnerCareProvider.careProvider.id;
    const rota = await services.call(
      `mutation($p: ID!, $from: String!) { setDoctorRota(input: { providerId: $p, doctorName: "全科 王医生", location: "龙惠社区“医养融合”家庭医生工作室", weekdays: [TUESDAY, FRIDAY], startTime: "08:30", endTime: "11:30", slotMinutes: 20, validFrom: $from }) { doctorRota { id weekdays } } }`,
      { p: provider, from: new Date().toISOString().slice(0, 10) },
      secretary,
    );
    rotaId = dataOf(rota).setDoctorRota.doctorRota.id;
    // The next Tuesday in China, at least a day away.
    const day = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000);
    day.setUTCDate(day.getUTCDate() + ((2 - day.getUTCDay() + 7) % 7));
    tuesday = day.toISOString().slice(0, 10);
  });
  afterAll(() => services?.stop());

  const at = (time: string) => new Date(`${tuesday}T${time}:00+08:00`).toISOString();
  const SLOTS = `query($r: ID!, $from: DateTime, $after: String) { doctorRota(id: $r) { slots(first: 3, from: $from, after: $after) { edges { node { startsAt taken } } pageInfo { hasNextPage endCursor } } } }`;
  const BOOK = `mutation($r: ID!, $at: DateTime!, $who: ID!) { bookDoctorSlot(input: { rotaId: $r, startsAt: $at, residentId: $who }) { doctorAppointment { id status startsAt } } }`;

  it('lays its slots out on Tuesdays and Fridays, a page at a time', async () => {
    const first = dataOf(await services.call(SLOTS, { r: rotaId, from: at('00:00') })).doctorRota.slots;
    expect(first.edges.map((edge: { node: { startsAt: string } }) => edge.node.startsAt)).toEqual([
      at('08:30'),
      at('08:50'),
      at('09:10'),
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = dataOf(await services.call(SLOTS, { r: rotaId, from: at('00:00'), after: first.pageInfo.endCursor }))
      .doctorRota.slots;
    expect(next.edges[0].node).toEqual({ startsAt: at('09:30'), taken: false });
  });

  it('gives a slot to one of two residents booking it at once, and refuses times that are no slot', async () => {
    const answers = await Promise.all(
      residents
        .slice(0, 2)
        .map((who) => services.call(BOOK, { r: rotaId, at: at('08:50'), who: String(who) }, gridWorker)),
    );
    expect(
      answers.map((answer) => answer.data?.bookDoctorSlot?.doctorAppointment.status ?? errorCodes(answer)[0]).sort(),
    ).toEqual(['BOOKED', 'DOCTOR_ROTA.SLOT_TAKEN']);
    const taken = dataOf(await services.call(SLOTS, { r: rotaId, from: at('08:30') })).doctorRota.slots.edges.map(
      (edge: { node: { taken: boolean } }) => edge.node.taken,
    );
    expect(taken).toEqual([false, true, false]);

    const wednesday = new Date(new Date(at('08:30')).getTime() + 24 * 3600_000).toISOString();
    for (const when of [at('08:35'), at('11:30'), wednesday])
      expect(errorCodes(await services.call(BOOK, { r: rotaId, at: when, who: String(residents[0]) }))).toEqual([
        'DOCTOR_ROTA.NOT_A_SLOT',
      ]);
    expect(errorCodes(await services.call(BOOK, { r: rotaId, at: at('09:10'), who: String(residents[2]) }))).toEqual([
      'DOCTOR_ROTA.LIVES_ELSEWHERE',
    ]);
    // Booked by someone else, the appointment needs the elder's consent to the family doctor; 助餐 does not cover it.
    expect(
      (await services.call(BOOK, { r: rotaId, at: at('09:10'), who: String(residents[3]) }, gridWorker)).errors,
    ).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'DOCTOR_APPOINTMENT.CONSENT_REQUIRED',
          purpose: 'FAMILY_DOCTOR',
          kind: 'SENSITIVE_DATA',
        }),
      }),
    ]);
    expect(await services.connection.collection('doctor_appointments').countDocuments()).toBe(1);
  });

  it('shows appointments to the community office, grid workers and the clinic, not the building group leader, and audits each read', async () => {
    const APPOINTMENTS = `query($r: ID!) { doctorRota(id: $r) { appointments { edges { node { id startsAt } } } } }`;
    const forGridWorker = dataOf(await services.call(APPOINTMENTS, { r: rotaId }, gridWorker, '家庭医生随访'));
    const [{ node: appointment }] = forGridWorker.doctorRota.appointments.edges;
    expect(errorCodes(await services.call(APPOINTMENTS, { r: rotaId }, leader))).toEqual(['FORBIDDEN']);
    const clinic = partnerActor(String(ids.centre), ['services:orders:read'], [String(ids.longhui)]);
    const anotherPartner = partnerActor(String(new Types.ObjectId()), ['services:orders:read'], [String(ids.longhui)]);
    expect(dataOf(await services.call(APPOINTMENTS, { r: rotaId }, clinic)).doctorRota.appointments.edges).toEqual([
      { node: appointment },
    ]);
    expect(
      dataOf(await services.call(APPOINTMENTS, { r: rotaId }, anotherPartner)).doctorRota.appointments.edges,
    ).toEqual([]);
    const reads = await services.connection
      .collection('outbox')
      .find({ 'envelope.type': 'access.sensitive-record.read', 'envelope.payload.subjectId': appointment.id })
      .sort({ _id: 1 })
      .toArray();
    expect(reads.map((read) => [read.envelope.actor.id, read.envelope.payload.purpose])).toEqual([
      ['idp|longhui-wanggeyuan', 'not stated'], // the answer to the booking
      ['idp|longhui-wanggeyuan', '家庭医生随访'],
      [String(ids.centre), 'not stated'],
    ]);
    expect(reads[1].envelope.payload).toMatchObject({
      subjectType: 'DoctorAppointment',
      category: 'HEALTH',
      fields: ['id', 'startsAt'],
    });
    // The booking's answer names what it selected of the appointment inside its payload.
    expect(reads[0].envelope.payload.fields).toEqual(['id', 'status', 'startsAt']);

    const CANCEL = `mutation($id: ID!) { cancelDoctorAppointment(input: { appointmentId: $id, reason: "已在医院复诊" }) { doctorAppointment { status nextSteps history { totalCount edges { node { status note } } } } } }`;
    const cancelled = await services.call(CANCEL, { id: appointment.id }, gridWorker);
    expect(dataOf(cancelled).cancelDoctorAppointment.doctorAppointment).toEqual({
      status: 'CANCELLED',
      nextSteps: [],
      history: {
        totalCount: 2,
        edges: [{ node: { status: 'BOOKED', note: null } }, { node: { status: 'CANCELLED', note: '已在医院复诊' } }],
      },
    });
    expect(errorCodes(await services.call(CANCEL, { id: appointment.id }, gridWorker))).toEqual([
      'DOCTOR_APPOINTMENT.ILLEGAL_STEP',
    ]);
    expect(dataOf(await services.call(SLOTS, { r: rotaId, from: at('08:50') })).doctorRota.slots.edges[0].node).toEqual(
      { startsAt: at('08:50'), taken: false },
    );
  });

  it('refuses a rota whose hours hold no slot, and one set by someone else than the community office', async () => {
    const SET = `mutation($p: ID!) { setDoctorRota(input: { providerId: $p, doctorName: "王医生", location: "工作室", weekdays: [FRIDAY], startTime: "11:30", endTime: "11:40", slotMinutes: 20, validFrom: "2026-01-01" }) { doctorRota { id } } }`;
    const provider = String((await services.connection.collection('care_providers').findOne())!._id);
    expect(errorCodes(await services.call(SET, { p: provider }))).toEqual(['DOCTOR_ROTA.INVALID_HOURS']);
    expect(errorCodes(await services.call(SET, { p: provider }, gridWorker))).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['valid from the year 9999', { validFrom: '9999-01-01' }],
    ['valid from 1900', { validFrom: '1900-01-01' }],
    ['valid until the year 9999', { validFrom: '2026-12-01', validUntil: '9999-12-31' }],
    ['valid from a day that does not exist', { validFrom: '2026-02-30' }],
  ])('refuses a rota %s (validity within 20 years either way), writing nothing', async (_case, validity) => {
    const SET = `mutation($input: SetDoctorRotaInput!) { setDoctorRota(input: $input) { doctorRota { id } } }`;
    const provider = String((await services.connection.collection('care_providers').findOne())!._id);
    const before = await services.connection.collection('doctor_rotas').countDocuments();
    const input = {
      providerId: provider,
      doctorName: '全科 王医生',
      location: '龙惠社区家庭医生工作室',
      weekdays: ['TUESDAY'],
      startTime: '08:30',
      endTime: '11:30',
      slotMinutes: 20,
      ...validity,
    };
    const refused = await services.call(SET, { input });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0]?.message).toMatch(/valid(From|Until) must be between \d{4}-\d\d-\d\d and/);
    expect(await services.connection.collection('doctor_rotas').countDocuments()).toBe(before);
  });
});

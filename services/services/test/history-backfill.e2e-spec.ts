import { testDatabaseName, testMongoUri } from '@gongzhi/testing';
import mongoose, { type Connection, Types } from 'mongoose';
import { DoctorRotaService } from '../src/doctor-rota/doctor-rota.service';
import { SessionsService } from '../src/sessions/sessions.service';
import { dataOf, type ServicesUnderTest, startServicesSubgraph } from './services.harness';

/**
 * 龙惠社区's appointments with the family doctor and places in its 老年大学 sessions, made before appointments and
 * bookings kept a history: the subgraph writes their history at start, from what each record holds, and the API
 * shows it like any other.
 */
describe('the history of appointments and bookings made before histories were kept', () => {
  let services: ServicesUnderTest;
  let before: Connection;
  const day = (iso: string) => new Date(`2026-11-${iso}+08:00`);
  const community = new Types.ObjectId();
  const resident = {
    residentId: new Types.ObjectId(),
    householdId: new Types.ObjectId(),
    buildingId: new Types.ObjectId(),
    compoundId: new Types.ObjectId(),
    communityId: community,
    childUnder14: false,
  };
  const given = {
    providerId: new Types.ObjectId(),
    partnerUnitId: new Types.ObjectId(),
    serviceCommunityId: community,
    volunteerId: null,
    volunteerResidentId: null,
    onBehalf: false,
  };
  const ids = {
    booked: new Types.ObjectId(),
    cancelledAppointment: new Types.ObjectId(),
    confirmed: new Types.ObjectId(),
    waiting: new Types.ObjectId(),
    promotedThenCancelled: new Types.ObjectId(),
    stepped: new Types.ObjectId(),
  };
  const cancellation = (at: string, reason: string | null) => ({ cause: 'REQUESTED', reason, at: day(at) });

  beforeAll(async () => {
    // The records as the subgraph wrote them before histories: no history field at all.
    before = await mongoose.createConnection(testMongoUri(), { dbName: testDatabaseName('services') }).asPromise();
    await before.dropDatabase();
    const appointment = { ...resident, ...given, rotaId: new Types.ObjectId(), cancellation: null };
    await before.collection('doctor_appointments').insertMany([
      {
        ...appointment,
        _id: ids.booked,
        startsAt: day('24T09:10:00'),
        status: 'BOOKED',
        createdAt: day('20T10:00:00'),
      },
      {
        ...appointment,
        _id: ids.cancelledAppointment,
        startsAt: day('24T09:30:00'),
        status: 'CANCELLED',
        cancellation: cancellation('22T08:00:00', '已在医院复诊'),
        createdAt: day('20T11:00:00'),
      },
    ]);
    const booking = { ...resident, ...given, sessionId: new Types.ObjectId(), itemId: new Types.ObjectId() };
    await before.collection('session_bookings').insertMany([
      {
        ...booking,
        _id: ids.confirmed,
        status: 'CONFIRMED',
        queuedSeq: null,
        promotedAt: null,
        cancellation: null,
        createdAt: day('18T09:00:00'),
      },
      {
        ...booking,
        _id: ids.waiting,
        residentId: new Types.ObjectId(),
        status: 'WAITLISTED',
        queuedSeq: 2,
        promotedAt: null,
        cancellation: null,
        createdAt: day('18T09:05:00'),
      },
      {
        ...booking,
        _id: ids.promotedThenCancelled,
        residentId: new Types.ObjectId(),
        status: 'CANCELLED',
        queuedSeq: null,
        promotedAt: day('19T14:00:00'),
        cancellation: cancellation('21T16:00:00', null),
        createdAt: day('18T09:10:00'),
      },
      // One that already has its steps keeps them as they are.
      {
        ...booking,
        _id: ids.stepped,
        residentId: new Types.ObjectId(),
        status: 'CONFIRMED',
        queuedSeq: null,
        promotedAt: null,
        cancellation: null,
        history: [{ status: 'CONFIRMED', at: day('18T09:20:00'), note: '电话预约' }],
        createdAt: day('18T09:20:00'),
      },
    ]);
    services = await startServicesSubgraph();
  });
  afterAll(async () => {
    await services?.stop();
    await before?.close();
  });

  const STEPS = `history { totalCount edges { node { status at note } } }`;
  const step = (status: string, at: string, note: string | null = null) => ({
    status,
    at: day(at).toISOString(),
    note,
  });
  const historyOf = (data: { history: { edges: { node: unknown }[] } }) => data.history.edges.map((edge) => edge.node);

  it('shows an old appointment booked, and cancelled with its reason, as its record says', async () => {
    const data = dataOf(
      await services.call(
        `query($a: ID!, $b: ID!) { a: doctorAppointment(id: $a) { ${STEPS} } b: doctorAppointment(id: $b) { ${STEPS} } }`,
        { a: String(ids.booked), b: String(ids.cancelledAppointment) },
      ),
    );
    expect(historyOf(data.a)).toEqual([step('BOOKED', '20T10:00:00')]);
    expect(historyOf(data.b)).toEqual([
      step('BOOKED', '20T11:00:00'),
      step('CANCELLED', '22T08:00:00', '已在医院复诊'),
    ]);
  });

  it('tells an old booking that waited in line from one confirmed at once, and leaves a history that exists alone', async () => {
    const query = `query($id: ID!) { sessionBooking(id: $id) { ${STEPS} } }`;
    const history = async (id: Types.ObjectId) =>
      historyOf(dataOf(await services.call(query, { id: String(id) })).sessionBooking);
    expect(await history(ids.confirmed)).toEqual([step('CONFIRMED', '18T09:00:00')]);
    expect(await history(ids.waiting)).toEqual([step('WAITLISTED', '18T09:05:00')]);
    expect(await history(ids.promotedThenCancelled)).toEqual([
      step('WAITLISTED', '18T09:10:00'),
      step('CONFIRMED', '19T14:00:00'),
      step('CANCELLED', '21T16:00:00'),
    ]);
    expect(await history(ids.stepped)).toEqual([step('CONFIRMED', '18T09:20:00', '电话预约')]);
  });

  it('writes nothing the second time it starts', async () => {
    const appointments = await before.collection('doctor_appointments').find().toArray();
    await services.app.get(DoctorRotaService).onApplicationBootstrap();
    await services.app.get(SessionsService).onApplicationBootstrap();
    expect(await before.collection('doctor_appointments').find().toArray()).toEqual(appointments);
    expect(await before.collection('session_bookings').countDocuments({ 'history.0': { $exists: false } })).toBe(0);
  });
});

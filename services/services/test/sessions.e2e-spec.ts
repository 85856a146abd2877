import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eventSubject } from '@gongzhi/contracts';
import { testEventsNamespace, testNatsUrl, waitFor } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { copyOrganizationDirectory } from '../src/demo/organization-copy';
import { organizationFixtures } from './organization.fixtures';
import { dataOf, errorCodes, type Federation, startFederation, startServicesSubgraph } from './services.harness';

type Row = Record<string, any>;

/**
 * A holiday class of 30 (白天托管班) in 淞源社区, booked by the grid worker for 50 children at once through both gateway
 * replicas: exactly 30 places and 20 in line, and each freed place goes to the first in line.
 */
describe('sessions with places and a waitlist', () => {
  let fed: Federation;
  const id: Record<string, string> = {};
  const children: string[] = [];
  let gridWorker: Record<string, string>;

  beforeAll(async () => {
    // Fifty transactions on one session's places run one after another, on an emulated MongoDB that shares two cores
    // with everything else here: the last answer comes well after the gateway's usual 5 s. The point is the places.
    fed = await startFederation({ gatewayEnv: { SUBGRAPH_TIMEOUT_MS: '30000' } });
    await copyOrganizationDirectory(fed.services.connection, fed.org.connection);
    const songyuan = (await fed.org.connection.collection<Row>('communities').findOne({ name: '淞源社区' }))!;
    const building = (await fed.org.connection.collection<Row>('buildings').findOne({ communityId: songyuan._id }))!;
    id.淞源社区 = String(songyuan._id);
    const school = await organizationFixtures(fed).partner('苏州工业园区星湾学校', 'SCHOOL', [id.淞源社区]);

    const call = fed.services.call;
    const provider = dataOf(
      await call(
        `mutation($p: ID!, $c: ID!) { registerPartnerCareProvider(input: { partnerUnitId: $p, communityId: $c, name: "星湾学校暑托班" }) { careProvider { id } } }`,
        { p: school, c: id.淞源社区 },
      ),
    ).registerPartnerCareProvider.careProvider.id;
    id.item = dataOf(
      await call(
        `mutation($c: ID!, $p: [ID!]!) { createCareItem(input: { communityId: $c, name: "暑期白天托管班", category: HOLIDAY_DAY_CLASS, delivery: IN_SESSIONS, sessionCapacity: 30, scheduleNote: "7月–8月 周一至周五 8:30–17:00", eligibility: { ageBands: [AGE_6_TO_13] }, cost: { kind: FREE, priceFen: 0, unit: "期" }, providerIds: $p }) { careItem { id } } }`,
        { c: id.淞源社区, p: [provider] },
      ),
    ).createCareItem.careItem.id;
    const startsAt = new Date(Date.now() + 7 * 24 * 3600_000);
    id.class = dataOf(
      await call(
        `mutation($i: ID!, $s: DateTime!, $e: DateTime!) { scheduleCareSession(input: { itemId: $i, title: "第一期", location: "淞源社区党群服务中心二楼", startsAt: $s, endsAt: $e }) { careSession { id capacity } } }`,
        {
          i: id.item,
          s: startsAt,
          e: new Date(startsAt.getTime() + 10 * 24 * 3600_000),
        },
      ),
    ).scheduleCareSession.careSession.id;

    // Fifty children of 淞源社区 whose guardians' consents to the holiday class are on record, and one whose guardian
    // consented to meal help (助餐) only — as organization's events would have told services. Written straight into
    // services' directory, so the spec is about the race alone.
    const child = (consented: boolean) => {
      const residentId = new Types.ObjectId();
      const guardianConsent = {
        consentId: randomUUID(),
        kind: 'GUARDIAN',
        purposes: consented ? ['HOLIDAY_DAY_CLASS'] : ['MEAL_AND_SHOPPING_HELP'],
        guardianResidentId: new Types.ObjectId(),
        givenAt: new Date(),
        withdrawnAt: null,
      };
      return {
        _id: residentId,
        householdId: new Types.ObjectId(),
        buildingId: building._id,
        compoundId: building.compoundId,
        communityId: songyuan._id,
        ageBand: 'AGE_6_TO_13',
        movedOutAt: null,
        consents: [guardianConsent],
      };
    };
    const rows = Array.from({ length: 51 }, (_, index) => child(index < 50));
    await fed.services.connection.collection('directory_residents').insertMany(rows);
    children.push(...rows.slice(0, 50).map((row) => String(row._id)));
    id.noConsent = String(rows[50]._id);
    gridWorker = {
      ...(await fed.gateways.asPerson('demo:grid-worker')),
      'x-purpose': encodeURIComponent('暑托班报名'),
    };
  });
  afterAll(() => fed?.stop());

  const BOOK = `mutation($s: ID!, $r: ID!) { bookCareSession(input: { sessionId: $s, residentId: $r }) { sessionBooking { id status } } }`;
  const CANCEL = `mutation($b: ID!) { cancelSessionBooking(input: { bookingId: $b }) { sessionBooking { status } } }`;
  const SESSION = `query($s: ID!) { careSession(id: $s) { capacity confirmedCount waitlistedCount placesLeft bookings(first: 100) { edges { node { id status waitlistPosition promotedAt nextSteps history { totalCount edges { node { status } } } } } } } }`;
  const session = async () => (await fed.gateways.post(SESSION, { s: id.class }, gridWorker)).body.data.careSession;
  const line = (bookings: Row) =>
    bookings.edges
      .filter((edge: Row) => edge.node.status === 'WAITLISTED')
      .sort((a: Row, b: Row) => a.node.waitlistPosition - b.node.waitlistPosition)
      .map((edge: Row) => edge.node.id);
  const booked: Record<string, string> = {};

  it('50 parallel bookings for a class of 30 give exactly 30 places and 20 in line', async () => {
    const answers = await Promise.all(
      children.map((child, index) => fed.gateways.post(BOOK, { s: id.class, r: child }, gridWorker, index % 2)),
    );
    expect(answers.map((answer) => answer.body.errors)).toEqual(children.map(() => undefined));
    const statuses = answers.map((answer) => answer.body.data.bookCareSession.sessionBooking.status);
    expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(30);
    expect(statuses.filter((status) => status === 'WAITLISTED')).toHaveLength(20);
    children.forEach((child, index) => (booked[child] = answers[index].body.data.bookCareSession.sessionBooking.id));

    const { bookings, ...counts } = await session();
    expect(counts).toEqual({ capacity: 30, confirmedCount: 30, waitlistedCount: 20, placesLeft: 0 });
    expect(
      bookings.edges
        .filter((edge: Row) => edge.node.status === 'WAITLISTED')
        .map((edge: Row) => edge.node.waitlistPosition)
        .sort((a: number, b: number) => a - b),
    ).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(
      await fed.services.connection
        .collection('session_bookings')
        .countDocuments({ sessionId: new Types.ObjectId(id.class), status: 'CONFIRMED' }),
    ).toBe(30);
  });

  it('two replicas of services booking one session at once still give out no more places than it has', async () => {
    // Each replica queues its own bookings of a session; across replicas, the transactions alone guard the places.
    const replica = await startServicesSubgraph();
    try {
      const startsAt = new Date(Date.now() + 14 * 24 * 3600_000);
      const small = dataOf(
        await fed.services.call(
          `mutation($i: ID!, $s: DateTime!, $e: DateTime!) { scheduleCareSession(input: { itemId: $i, title: "第二期", startsAt: $s, endsAt: $e, capacity: 10 }) { careSession { id } } }`,
          {
            i: id.item,
            s: startsAt,
            e: new Date(startsAt.getTime() + 3600_000),
          },
        ),
      ).scheduleCareSession.careSession.id;
      const answers = await Promise.all(
        children
          .slice(0, 24)
          .map((child, index) => (index % 2 ? replica : fed.services).call(BOOK, { s: small, r: child })),
      );
      const statuses = answers.map((answer) => dataOf(answer).bookCareSession.sessionBooking.status);
      expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(10);
      expect(statuses.filter((status) => status === 'WAITLISTED')).toHaveLength(14);
      const seqs = await fed.services.connection
        .collection('session_bookings')
        .distinct('queuedSeq', { sessionId: new Types.ObjectId(small), status: 'WAITLISTED' });
      expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, index) => index + 1));
    } finally {
      await replica.stop();
    }
  });

  it('a cancelled place goes to the first in line; leaving the line moves the others up', async () => {
    const before = line((await session()).bookings);
    const aPlace = Object.values(booked).find((bookingId) => !before.includes(bookingId))!;
    expect((await fed.gateways.post(CANCEL, { b: aPlace }, gridWorker)).body).toEqual({
      data: { cancelSessionBooking: { sessionBooking: { status: 'CANCELLED' } } },
      extensions: { cost: expect.objectContaining({ requestedQueryCost: 2 }) },
    });
    const afterPlace = await session();
    expect(afterPlace).toMatchObject({ confirmedCount: 30, waitlistedCount: 19 });
    expect(afterPlace.bookings.edges.find((edge: Row) => edge.node.id === before[0]).node).toMatchObject({
      status: 'CONFIRMED',
      waitlistPosition: null,
      promotedAt: expect.any(String),
      nextSteps: ['CANCEL'],
      history: { totalCount: 2, edges: [{ node: { status: 'WAITLISTED' } }, { node: { status: 'CONFIRMED' } }] },
    });
    expect(line(afterPlace.bookings)).toEqual(before.slice(1));

    expect(
      (await fed.gateways.post(CANCEL, { b: before[5] }, gridWorker)).body.data.cancelSessionBooking.sessionBooking
        .status,
    ).toBe('CANCELLED');
    const afterLine = await session();
    expect(afterLine).toMatchObject({ confirmedCount: 30, waitlistedCount: 18 });
    expect(line(afterLine.bookings)).toEqual([...before.slice(1, 5), ...before.slice(6)]);
    expect(errorCodes((await fed.gateways.post(CANCEL, { b: before[5] }, gridWorker)).body)).toEqual([
      'SESSION_BOOKING.ILLEGAL_STEP',
    ]);
    const BOOKING = `query($b: ID!) { sessionBooking(id: $b) { status nextSteps history { edges { node { status note } } } } }`;
    expect((await fed.gateways.post(BOOKING, { b: before[5] }, gridWorker)).body.data.sessionBooking).toEqual({
      status: 'CANCELLED',
      nextSteps: [],
      history: {
        edges: [{ node: { status: 'WAITLISTED', note: null } }, { node: { status: 'CANCELLED', note: null } }],
      },
    });

    const facts = await fed.services.connection
      .collection('outbox')
      .find({ 'envelope.type': 'care.booking.promoted' })
      .toArray();
    expect(facts.map((fact) => fact.envelope.payload.bookingId)).toEqual([before[0]]);
  });

  it("frees a moved-out child's place for the next in line, when organization says they left", async () => {
    const { bookings } = await session();
    const next = line(bookings)[0];
    const leaving = children.find((child) =>
      bookings.edges.some((edge: Row) => edge.node.id === booked[child] && edge.node.status === 'CONFIRMED'),
    )!;
    const resident = (await fed.services.connection
      .collection<Row>('directory_residents')
      .findOne({ _id: new Types.ObjectId(leaving) }))!;
    // Organization's move-out of that child, as it would publish it.
    const payload = {
      residentId: leaving,
      householdId: String(resident.householdId),
      buildingId: String(resident.buildingId),
      compoundId: String(resident.compoundId),
      communityId: id.淞源社区,
    };
    const envelope = {
      id: randomUUID(),
      type: 'org.resident.moved-out',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'organization',
      payload,
    };
    const nats = await connect({ servers: testNatsUrl() });
    await jetstream(nats).publish(eventSubject(testEventsNamespace(), envelope.type), JSON.stringify(envelope), {
      msgID: envelope.id,
    });
    await nats.close();
    const bookingsCollection = fed.services.connection.collection<Row>('session_bookings');
    await waitFor(
      async () =>
        (await bookingsCollection.findOne({ _id: new Types.ObjectId(booked[leaving]) }))?.status === 'CANCELLED',
      "the child's place to free up",
    );
    expect(
      (await bookingsCollection.findOne({ _id: new Types.ObjectId(booked[leaving]) }))!.cancellation,
    ).toMatchObject({ cause: 'RESIDENT_MOVED_OUT' });
    expect((await bookingsCollection.findOne({ _id: new Types.ObjectId(next) }))!.status).toBe('CONFIRMED');
    expect(await session()).toMatchObject({ confirmedCount: 30, waitlistedCount: 17 });
  });

  it('refuses a second booking of the same child and a child without a guardian consent, writing nothing', async () => {
    const before = await fed.services.connection.collection('session_bookings').countDocuments();
    const stillBooked = String(
      (await fed.services.connection
        .collection('session_bookings')
        .findOne({ sessionId: new Types.ObjectId(id.class), status: 'CONFIRMED' }))!.residentId,
    );
    expect(errorCodes((await fed.gateways.post(BOOK, { s: id.class, r: stillBooked }, gridWorker)).body)).toEqual([
      'SESSION_BOOKING.ALREADY_EXISTS',
    ]);
    // A consent to 助餐 does not book a place in a 托育 class: the refusal names the purpose not covered.
    const notCovered = (await fed.gateways.post(BOOK, { s: id.class, r: id.noConsent }, gridWorker)).body;
    expect(notCovered.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'CARE_ITEM.GUARDIAN_CONSENT_REQUIRED',
          purpose: 'HOLIDAY_DAY_CLASS',
          kind: 'GUARDIAN',
        }),
      }),
    ]);
    expect(await fed.services.connection.collection('session_bookings').countDocuments()).toBe(before);
  });

  it("audits every read of a child's booking, with the purpose the grid worker stated", async () => {
    const reads = await fed.services.connection
      .collection('outbox')
      .find({ 'envelope.type': 'access.sensitive-record.read', 'envelope.payload.subjectId': booked[children[0]] })
      .toArray();
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads[0].envelope).toMatchObject({
      actor: { kind: 'person', id: 'demo:grid-worker' },
      payload: {
        subjectType: 'SessionBooking',
        residentId: children[0],
        category: 'CHILD_UNDER_14',
        purpose: '暑托班报名',
        fields: expect.arrayContaining(['status']),
      },
    });
  });
});

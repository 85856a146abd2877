import { codesOf, databaseOperations, expectData, ManualClock } from './facilities.harness';
import { type Federation, startFederation } from './federation.harness';

/**
 * Rooms end to end through two gateway replicas: neighbours race for the same evening in 淞泽家园七区's activity room
 * and exactly one gets it; cancelling frees it; who booked is for the booker and the room's managers.
 */
describe('rooms through the gateway', () => {
  // Monday 23 November 2026, 09:00 in Suzhou.
  const clock = new ManualClock(new Date('2026-11-23T09:00:00+08:00'));
  let fed: Federation;
  let roomId: string;
  let communityId: string;

  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, replica = 0) =>
    fed.gateways.post(query, variables, headers, replica).then((answer) => answer.body);
  const neighbour = (n: number) => fed.gateways.asPerson(`test:qiqu-neighbour-${n}`, `七区邻居${n}`);
  const BOOK = `mutation($input: BookRoomInput!) { bookRoom(input: $input) { roomBooking { id status startsAt endsAt } } }`;
  const evening = (from: string, to: string, purpose = '楼道微党课', attendees = 12) => ({
    input: { roomId, startsAt: `2026-11-24T${from}:00+08:00`, endsAt: `2026-11-24T${to}:00+08:00`, purpose, attendees },
  });
  const AVAILABILITY = `query($id: ID!) { room(id: $id) { availability(date: "2026-11-24") { startsAt free } } }`;
  const isFree = async (time: string) =>
    expectData(await post(AVAILABILITY, { id: roomId })).room.availability.find(
      (slot: { startsAt: string }) =>
        new Date(slot.startsAt).getTime() === new Date(`2026-11-24T${time}:00+08:00`).getTime(),
    ).free;

  beforeAll(async () => {
    fed = await startFederation(clock);
    const room = (await fed.facilities.connection
      .collection('rooms')
      .findOne({ name: '淞泽家园七区 党群服务站活动室' }))!;
    roomId = String(room._id);
    communityId = String(room.communityId);
  });
  afterAll(() => fed?.stop());

  it("shows a community's rooms beside organization's fields, with their free slots, to anyone", async () => {
    const { community } = expectData(
      await post(
        `query($id: ID!) { community(id: $id) { name rooms { edges { node { id name capacity openingHours { weekday opens closes } } } } } }`,
        { id: communityId },
      ),
    );
    expect(community.name).toBe('淞源社区');
    expect(community.rooms.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([roomId]);
    const slots = expectData(await post(AVAILABILITY, { id: roomId })).room.availability;
    expect(slots).toHaveLength(13); // 08:00 to 21:00 in hours
    expect(slots.every((slot: { free: boolean }) => slot.free)).toBe(true);
  });

  it('gives one slot to one of 20 neighbours booking it at the same moment through both gateways', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, (_, n) => neighbour(n)));
    const answers = await Promise.all(
      people.map((person, n) => post(BOOK, evening('19:00', '20:00', `邻居${n}的活动`), person, n % 2)),
    );
    const booked = answers.filter((answer) => answer.data?.bookRoom);
    expect(booked).toHaveLength(1);
    expect(answers.filter((answer) => codesOf(answer).join() === 'ROOM_BOOKING.SLOT_TAKEN')).toHaveLength(19);
    const stored = await fed.facilities.connection.collection('room_bookings').find({ status: 'CONFIRMED' }).toArray();
    expect(stored).toHaveLength(1);
    expect(
      await fed.facilities.connection
        .collection('outbox')
        .countDocuments({ 'envelope.type': 'facilities.room.booked' }),
    ).toBe(1);
    expect(await isFree('19:00')).toBe(false);
    expect(await isFree('18:00')).toBe(true);
  });

  it('refuses an overlapping booking, allows the adjacent one, and frees the slot on cancellation', async () => {
    const [winner] = await fed.facilities.connection
      .collection('room_bookings')
      .find({ status: 'CONFIRMED' })
      .toArray();
    const owner = await fed.gateways.asPerson(winner.bookedBy);
    expect(codesOf(await post(BOOK, evening('18:00', '20:00'), await neighbour(30)))).toEqual([
      'ROOM_BOOKING.SLOT_TAKEN',
    ]);
    expectData(await post(BOOK, evening('20:00', '21:00', '象棋友谊赛'), await neighbour(31)));

    const CANCEL = `mutation($id: ID!) { cancelRoomBooking(input: { bookingId: $id }) { roomBooking { status cancelledAt history { totalCount edges { node { status at } } } nextSteps } } }`;
    const NEXT = `query($id: ID!) { room(id: $id) { bookings(from: "2026-11-24T00:00:00+08:00") { edges { node { id nextSteps } } } } }`;
    const nextStepsOf = async (headers: Record<string, string>) =>
      expectData(await post(NEXT, { id: roomId }, headers)).room.bookings.edges.find(
        (edge: { node: { id: string } }) => edge.node.id === String(winner._id),
      ).node.nextSteps;
    expect(await nextStepsOf(await fed.gateways.asPerson('demo:community-secretary'))).toEqual(['CANCEL']);
    expect(codesOf(await post(CANCEL, { id: String(winner._id) }, await neighbour(31)))).toEqual(['FORBIDDEN']);
    const { roomBooking } = expectData(await post(CANCEL, { id: String(winner._id) }, owner)).cancelRoomBooking;
    expect(roomBooking).toEqual({
      status: 'CANCELLED',
      cancelledAt: clock.now().toISOString(),
      history: {
        totalCount: 2,
        edges: [
          { node: { status: 'CONFIRMED', at: expect.any(String) } },
          { node: { status: 'CANCELLED', at: clock.now().toISOString() } },
        ],
      },
      nextSteps: [],
    });
    expect(await nextStepsOf(await fed.gateways.asPerson('demo:community-secretary'))).toEqual([]);
    expect(codesOf(await post(CANCEL, { id: String(winner._id) }, owner))).toEqual(['ROOM_BOOKING.ILLEGAL_STEP']);
    expect(codesOf(await post(CANCEL, { id: '64b7f0c2a1b2c3d4e5f60718' }, owner))).toEqual(['ROOM_BOOKING.NOT_FOUND']);
    expect(await isFree('19:00')).toBe(true);
    expectData(await post(BOOK, evening('18:00', '20:00', '议事会'), await neighbour(30)));
    expect(await isFree('19:00')).toBe(false);
  });

  it("shows who booked to the room's managers and to the booker, not to other residents", async () => {
    const BOOKINGS = `query($id: ID!) { room(id: $id) { name bookings(from: "2026-11-24T00:00:00+08:00") { edges { node { purpose bookedByName status startsAt } } } } }`;
    const managed = expectData(
      await post(BOOKINGS, { id: roomId }, await fed.gateways.asPerson('demo:community-secretary')),
    ).room.bookings.edges;
    // In time order, the cancelled booking of the race's winner among them.
    expect(managed.map((edge: any) => [edge.node.status, edge.node.bookedByName])).toEqual([
      ['CONFIRMED', '七区邻居30'],
      ['CANCELLED', expect.stringMatching(/^七区邻居\d+$/)],
      ['CONFIRMED', '七区邻居31'],
    ]);
    const resident = await post(BOOKINGS, { id: roomId }, await fed.gateways.asPerson('demo:resident'));
    expect(resident.data.room).toEqual({ name: '淞泽家园七区 党群服务站活动室', bookings: null });
    expect(codesOf(resident)).toEqual(['FORBIDDEN']);
    const mine = expectData(
      await post(`{ myRoomBookings { edges { node { purpose room { name } } } } }`, {}, await neighbour(31)),
    ).myRoomBookings.edges;
    expect(mine).toEqual([{ node: { purpose: '象棋友谊赛', room: { name: '淞泽家园七区 党群服务站活动室' } } }]);
  });

  it.each([
    [
      'in the past',
      () => ({
        input: {
          ...evening('10:00', '11:00').input,
          startsAt: '2026-11-23T08:00:00+08:00',
          endsAt: '2026-11-23T09:00:00+08:00',
        },
      }),
      'ROOM_BOOKING.IN_THE_PAST',
    ],
    ['after closing time', () => evening('21:00', '22:00'), 'ROOM_BOOKING.OUTSIDE_OPENING_HOURS'],
    ['off the hour steps', () => evening('10:30', '11:30'), 'ROOM_BOOKING.NOT_ON_SLOTS'],
    [
      'for more people than the room holds',
      () => evening('10:00', '11:00', '居民大会', 200),
      'ROOM_BOOKING.OVER_CAPACITY',
    ],
    ['with no purpose', () => evening('10:00', '11:00', ''), 'BAD_USER_INPUT'],
    [
      'in the year 9999',
      () => ({
        input: {
          ...evening('10:00', '11:00').input,
          startsAt: '9999-11-24T10:00:00+08:00',
          endsAt: '9999-11-24T11:00:00+08:00',
        },
      }),
      'BAD_USER_INPUT',
    ],
    [
      'whose purpose hides a right-to-left override',
      () => evening('10:00', '11:00', '象棋\u202E赛友谊'),
      'BAD_USER_INPUT',
    ],
  ])('refuses a booking %s and writes nothing', async (_case, variables, code) => {
    const before = await fed.facilities.connection.collection('room_bookings').countDocuments();
    expect(codesOf(await post(BOOK, variables(), await neighbour(40)))).toEqual([code]);
    expect(await fed.facilities.connection.collection('room_bookings').countDocuments()).toBe(before);
  });

  it('answers the availability of days within two years only: a day in 9999 or one that does not exist is refused', async () => {
    const availability = (date: string) =>
      post(`query($id: ID!, $date: String!) { room(id: $id) { availability(date: $date) { free } } }`, {
        id: roomId,
        date,
      });
    for (const date of ['9999-11-24', '1999-11-24', '2026-02-30']) {
      const refused = await availability(date);
      expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors?.[0]?.message).toContain('date');
    }
  });

  it('lets the managers of a place register rooms there, and nowhere else', async () => {
    const REGISTER = `mutation($input: RegisterRoomInput!) { registerRoom(input: $input) { room { name slotMinutes } } }`;
    const input = (placeId: string, opens = '08:00') => ({
      input: { placeId, name: '淞源社区 图书室', capacity: 15, openingHours: [{ weekday: 6, opens, closes: '17:00' }] },
    });
    const secretary = await fed.gateways.asPerson('demo:community-secretary');
    const meisong = String(
      (await fed.organization.connection.collection('communities').findOne({ name: '梅淞社区' }))!._id,
    );
    expect(codesOf(await post(REGISTER, input(meisong), secretary))).toEqual(['FORBIDDEN']);
    expect(codesOf(await post(REGISTER, input(communityId), await fed.gateways.asPerson('demo:resident')))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codesOf(await post(REGISTER, input(communityId, '08:30'), secretary))).toEqual([
      'ROOM.INVALID_OPENING_HOURS',
    ]);
    expect(expectData(await post(REGISTER, input(communityId), secretary)).registerRoom.room).toEqual({
      name: '淞源社区 图书室',
      slotMinutes: 60,
    });
    expect(codesOf(await post(REGISTER, input(communityId), secretary))).toEqual(['ROOM.ALREADY_EXISTS']);
  });

  it('answers a list of rooms with their day and bookings in a bounded number of database queries', async () => {
    let answer: any;
    const operations = await databaseOperations(async () => {
      answer = await fed.facilities.callSubgraph(
        `{ rooms(first: 20) { edges { node { name availability(date: "2026-11-24") { free } bookings(first: 5) { totalCount edges { node { purpose room { name } } } } } } } }`,
      );
    });
    expect(expectData<any>(answer).rooms.edges.length).toBeGreaterThanOrEqual(6);
    // The rooms; every room's day in one find; every room's bookings in one aggregate and their counts in another; the
    // bookings' rooms in one find.
    expect(operations).toEqual([
      'room_bookings.aggregate',
      'room_bookings.aggregate',
      'room_bookings.find',
      'rooms.find',
      'rooms.find',
    ]);
  });
});

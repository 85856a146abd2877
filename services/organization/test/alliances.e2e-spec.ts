import {
  connectTestDatabase,
  errorCodes,
  type GatewaysInFront,
  type GraphQLResult,
  type OrganizationProcess,
  startGatewaysInFront,
  startOrganizationProcess,
  startSubgraphProcess,
  type SubgraphProcess,
  waitFor,
} from '@gongzhi/testing';
import { type Connection, Types } from 'mongoose';

/**
 * Community alliances (社区联盟, issue 15) end to end: organization, facilities and services from their builds with the
 * demo loaded, behind the gateway. 大龙景社区联盟 (龙景、龙昌、龙康, led by 东渚街道) shares 龙景社区's 乐邻驿站 象棋室 and one
 * of its care sessions (载体配套共用、活动方案共办): a 龙昌社区 resident books both, a 龙惠社区 resident (same street, not a
 * member) is refused with the documented codes, withdrawing a share stops new bookings while made ones stand, a change
 * of members reaches facilities by organization's event, and only the street's staff form and dissolve alliances.
 */
describe('community alliances through the gateway', () => {
  let organization: OrganizationProcess;
  const others: SubgraphProcess[] = [];
  let gw: GatewaysInFront;
  let facilitiesDb: Connection;
  let ids: Record<'longjing' | 'longchang' | 'longkang' | 'longhui' | 'qingshan' | 'songyuan' | 'dongzhu', string>;
  let allianceId: string;
  let roomId: string;
  let sessionId: string;

  const STAFF = 'test:东渚街道-顾晓东';
  const SECRETARY = 'test:龙景社区-顾玉婷';
  const LONGCHANG = ['test:龙昌社区-居民甲', 'test:龙昌社区-居民乙'];
  const LONGHUI = 'test:龙惠社区-居民';

  const ask = async (subject: string | null, query: string, variables: Record<string, unknown> = {}) =>
    (await gw.post(query, variables, subject ? await gw.asPerson(subject) : {})).body;
  const data = (answer: GraphQLResult) => {
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  };

  const FORM = `mutation($input: FormAllianceInput!) { formAlliance(input: $input) { alliance { id name leadingUnit { name } communities { edges { node { name } } } } } }`;
  const CHANGE = `mutation($input: ChangeAllianceInput!) { changeAlliance(input: $input) { alliance { id communities { totalCount } } } }`;
  const BOOK_ROOM = `mutation($input: BookRoomInput!) { bookRoom(input: $input) { roomBooking { id status } } }`;
  const BOOK_SESSION = `mutation($input: BookCareSessionInput!) { bookCareSession(input: $input) { sessionBooking { id status } } }`;
  // Half an hour from 09:00 a week from now, an hour later for each later booking (the room opens 08:30 every day).
  const hour = (n: number) => {
    const day = new Date(Date.now() + 7 * 24 * 3600_000).toISOString().slice(0, 10);
    return {
      startsAt: `${day}T${String(9 + n).padStart(2, '0')}:00:00+08:00`,
      endsAt: `${day}T${String(9 + n).padStart(2, '0')}:30:00+08:00`,
    };
  };
  const bookRoom = (subject: string, n: number) =>
    ask(subject, BOOK_ROOM, { input: { roomId, ...hour(n), purpose: '象棋友谊赛', attendees: 4 } });

  /** A role over a unit, as the street's role management would grant it (inserted before the person's first request). */
  const bind = (subject: string, role: string, orgUnitId: Types.ObjectId, residentId: Types.ObjectId | null = null) =>
    organization.connection.collection('role_bindings').insertOne({
      subject,
      name: subject.split('-').pop(),
      role,
      orgUnitId,
      residentId,
      grantedAt: new Date(),
      grantedBy: 'test',
    });

  /** Adult residents of a community of the given age bands, each with the building party group of their building. */
  async function residentsOf(communityId: string, ageBands: string[], count: number) {
    const residents = await organization.connection
      .collection('residents')
      .find({ communityId: objectId(communityId), ageBand: { $in: ageBands }, movedOutAt: null })
      .limit(count)
      .toArray();
    expect(residents).toHaveLength(count);
    return Promise.all(
      residents.map(async (resident) => {
        const unit = await organization.connection
          .collection('org_units')
          .findOne({ territory: { $elemMatch: { kind: 'BUILDING', id: resident.buildingId } } });
        return { residentId: resident._id, unitId: unit!._id };
      }),
    );
  }
  const objectId = (id: string) => new Types.ObjectId(id);
  let longjingCommittee: Types.ObjectId;

  beforeAll(async () => {
    organization = await startOrganizationProcess({ demoData: true });
    for (const name of ['facilities', 'services'] as const) {
      others.push(
        await startSubgraphProcess(name, { organizationDatabase: organization.databaseName, demoData: true }),
      );
    }
    gw = await startGatewaysInFront(
      organization,
      others.map(({ name, sdl, url }) => ({ name, sdl, url })),
    );
    facilitiesDb = await connectTestDatabase('facilities');

    const org = organization.connection;
    const communityId = async (name: string) => String((await org.collection('communities').findOne({ name }))!._id);
    ids = {
      longjing: await communityId('龙景社区'),
      longchang: await communityId('龙昌社区'),
      longkang: await communityId('龙康社区'),
      longhui: await communityId('龙惠社区'),
      qingshan: await communityId('青山绿庭社区'),
      songyuan: await communityId('淞源社区'),
      dongzhu: String((await org.collection('org_units').findOne({ tier: 1, name: '东渚街道大工委' }))!._id),
    };
    allianceId = String((await org.collection('community_alliances').findOne({ name: '大龙景社区联盟' }))!._id);
    roomId = String((await facilitiesDb.collection('rooms').findOne({ name: '乐邻驿站 象棋室' }))!._id);

    await bind(STAFF, 'STREET_STAFF', objectId(ids.dongzhu));
    longjingCommittee = (await org.collection('org_units').findOne({ name: '龙景社区党委' }))!._id;
    await bind(SECRETARY, 'COMMUNITY_SECRETARY', longjingCommittee);
    // The shared session's item says who may have a place: residents of those age bands.
    const shared = data(
      await ask(
        null,
        `query($id: ID!) { alliance(id: $id) { sharedCareSessions(first: 5) { edges { node { id item { eligibility { ageBands } } } } } } }`,
        { id: allianceId },
      ),
    ).alliance.sharedCareSessions.edges;
    expect(shared).toHaveLength(1);
    const ageBands: string[] = shared[0].node.item.eligibility.ageBands.filter((band: string) =>
      ['AGE_18_TO_59', 'AGE_60_TO_79', 'AGE_80_PLUS'].includes(band),
    );
    const longchang = await residentsOf(ids.longchang, ageBands, 2);
    for (const [index, subject] of LONGCHANG.entries())
      await bind(subject, 'RESIDENT', longchang[index].unitId, longchang[index].residentId);
    const [longhui] = await residentsOf(ids.longhui, ageBands, 1);
    await bind(LONGHUI, 'RESIDENT', longhui.unitId, longhui.residentId);
  });
  afterAll(async () => {
    await facilitiesDb?.close();
    await gw?.stop();
    for (const subgraph of others) await subgraph.stop();
    await organization?.stop();
  });

  it('shows 大龙景社区联盟 with its street, members, shared room and shared session, and on each member community', async () => {
    const { alliance, community } = data(
      await ask(
        null,
        `query($id: ID!, $c: ID!) {
          alliance(id: $id) {
            name leadingUnit { name } communities { totalCount edges { node { name } } }
            sharedRooms { edges { node { name sharedWith { name } } } }
            sharedCareSessions { totalCount }
          }
          community(id: $c) { alliances { edges { node { name } } } }
        }`,
        { id: allianceId, c: ids.longchang },
      ),
    );
    expect(alliance).toEqual({
      name: '大龙景社区联盟',
      leadingUnit: { name: '东渚街道大工委' },
      communities: {
        totalCount: 3,
        edges: ['龙康社区', '龙昌社区', '龙景社区'].sort().map((name) => ({ node: { name } })),
      },
      sharedRooms: { edges: [{ node: { name: '乐邻驿站 象棋室', sharedWith: { name: '大龙景社区联盟' } } }] },
      sharedCareSessions: { totalCount: 1 },
    });
    expect(community.alliances.edges).toEqual([{ node: { name: '大龙景社区联盟' } }]);
    const byPlace = data(
      await ask(null, `query($p: ID!) { alliances(placeId: $p) { edges { node { name } } } }`, { p: ids.longhui }),
    );
    expect(byPlace.alliances.edges).toEqual([]);
  });

  it('lets the street staff form an alliance under their street, and no one else', async () => {
    const input = { name: '太湖科学城社区联盟', leadingUnitId: ids.dongzhu, communityIds: [ids.longhui, ids.qingshan] };
    // A resident, and the staff of another street (斜塘), may not.
    expect(errorCodes(await ask(LONGCHANG[0], FORM, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await ask('demo:street-staff', FORM, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await ask(null, FORM, { input }))).toEqual(['UNAUTHENTICATED']);
    // The rules of membership: two communities at least, all under the leading street (淞源社区 is 斜塘街道's).
    expect(
      errorCodes(await ask(STAFF, FORM, { input: { ...input, communityIds: [ids.longhui, ids.longhui] } })),
    ).toEqual(['ALLIANCE.TOO_FEW_MEMBERS']);
    expect(
      errorCodes(await ask(STAFF, FORM, { input: { ...input, communityIds: [ids.longhui, ids.songyuan] } })),
    ).toEqual(['ALLIANCE.INVALID_MEMBER']);
    // A community committee leads no alliance: a street does.
    expect(
      errorCodes(await ask(STAFF, FORM, { input: { ...input, leadingUnitId: String(longjingCommittee) } })),
    ).toEqual(['ALLIANCE.INVALID_LEADING_UNIT']);
    const formed = data(await ask(STAFF, FORM, { input })).formAlliance.alliance;
    expect(formed).toMatchObject({
      name: '太湖科学城社区联盟',
      leadingUnit: { name: '东渚街道大工委' },
      communities: { edges: [{ node: { name: '青山绿庭社区' } }, { node: { name: '龙惠社区' } }] },
    });
    expect(errorCodes(await ask(STAFF, FORM, { input }))).toEqual(['ALLIANCE.ALREADY_EXISTS']);
    // Facilities and services keep a copy from organization's event.
    await waitFor(
      async () => (await facilitiesDb.collection('known_alliances').countDocuments({ _id: objectId(formed.id) })) === 1,
      'org.alliance.formed to reach facilities',
    );
  });

  it("lets a 龙昌社区 resident book 龙景社区's shared room, refuses a 龙惠社区 resident, and stops new bookings once withdrawn", async () => {
    const booked = data(await bookRoom(LONGCHANG[0], 0)).bookRoom.roomBooking;
    expect(booked.status).toBe('CONFIRMED');
    expect(errorCodes(await bookRoom(LONGHUI, 1))).toEqual(['ROOM_BOOKING.NOT_OPEN_TO_YOUR_COMMUNITY']);

    // Only the room's managers share or withdraw it.
    const WITHDRAW = `mutation($input: WithdrawRoomSharingInput!) { withdrawRoomSharing(input: $input) { room { sharedWith { name } } } }`;
    expect(errorCodes(await ask(LONGCHANG[0], WITHDRAW, { input: { roomId } }))).toEqual(['FORBIDDEN']);
    expect(data(await ask(SECRETARY, WITHDRAW, { input: { roomId } })).withdrawRoomSharing.room.sharedWith).toBeNull();
    expect(errorCodes(await bookRoom(LONGCHANG[1], 2))).toEqual(['ROOM_BOOKING.NOT_OPEN_TO_YOUR_COMMUNITY']);
    // The booking made while it was shared stands.
    const mine = data(await ask(LONGCHANG[0], `{ myRoomBookings { edges { node { id status room { name } } } } }`))
      .myRoomBookings.edges;
    expect(mine).toEqual([{ node: { id: booked.id, status: 'CONFIRMED', room: { name: '乐邻驿站 象棋室' } } }]);

    // Shared again; then 龙惠社区 joins the alliance, and facilities learns of it from organization's event.
    const SHARE = `mutation($input: ShareRoomWithAllianceInput!) { shareRoomWithAlliance(input: $input) { room { sharedWith { name } } } }`;
    expect(data(await ask(SECRETARY, SHARE, { input: { roomId, allianceId } })).shareRoomWithAlliance.room).toEqual({
      sharedWith: { name: '大龙景社区联盟' },
    });
    expect(data(await bookRoom(LONGCHANG[1], 2)).bookRoom.roomBooking.status).toBe('CONFIRMED');
    const members = [ids.longjing, ids.longchang, ids.longkang, ids.longhui];
    expect(
      data(await ask(STAFF, CHANGE, { input: { allianceId, communityIds: members } })).changeAlliance.alliance,
    ).toEqual({ id: allianceId, communities: { totalCount: 4 } });
    await waitFor(
      async () =>
        (await facilitiesDb.collection('known_alliances').findOne({ _id: objectId(allianceId) }))?.revision === 2,
      'org.alliance.changed to reach facilities',
    );
    expect(data(await bookRoom(LONGHUI, 3)).bookRoom.roomBooking.status).toBe('CONFIRMED');
    // And leaves it again: the rule follows the latest membership.
    await ask(STAFF, CHANGE, { input: { allianceId, communityIds: members.slice(0, 3) } });
    await waitFor(
      async () =>
        (await facilitiesDb.collection('known_alliances').findOne({ _id: objectId(allianceId) }))?.revision === 3,
      'the second org.alliance.changed to reach facilities',
    );
    expect(errorCodes(await bookRoom(LONGHUI, 4))).toEqual(['ROOM_BOOKING.NOT_OPEN_TO_YOUR_COMMUNITY']);
  });

  it("lets a 龙昌社区 resident book 龙景社区's shared care session, refuses a 龙惠社区 resident, and stops new places once withdrawn", async () => {
    sessionId = data(
      await ask(null, `query($id: ID!) { alliance(id: $id) { sharedCareSessions { edges { node { id } } } } }`, {
        id: allianceId,
      }),
    ).alliance.sharedCareSessions.edges[0].node.id;
    const book = async (subject: string) => {
      const residentId = (await organization.connection
        .collection('role_bindings')
        .findOne({ subject }))!.residentId.toHexString();
      return ask(subject, BOOK_SESSION, { input: { sessionId, residentId } });
    };
    const placed = data(await book(LONGCHANG[0])).bookCareSession.sessionBooking;
    expect(['CONFIRMED', 'WAITLISTED']).toContain(placed.status);
    const refused = await book(LONGHUI);
    expect(errorCodes(refused)).toEqual(['CARE_ITEM.NOT_ELIGIBLE']);
    expect(refused.errors![0].extensions).toMatchObject({ reason: 'LIVES_ELSEWHERE' });

    const WITHDRAW = `mutation($input: WithdrawCareSessionSharingInput!) { withdrawCareSessionSharing(input: $input) { careSession { sharedWith { name } } } }`;
    expect(errorCodes(await ask(LONGCHANG[0], WITHDRAW, { input: { sessionId } }))).toEqual(['FORBIDDEN']);
    expect(
      data(await ask(SECRETARY, WITHDRAW, { input: { sessionId } })).withdrawCareSessionSharing.careSession,
    ).toEqual({ sharedWith: null });
    expect(errorCodes(await book(LONGCHANG[1]))).toEqual(['CARE_ITEM.NOT_ELIGIBLE']);
    // The place taken while it was shared stands.
    const stands = data(
      await ask(LONGCHANG[0], `query($id: ID!) { sessionBooking(id: $id) { status } }`, { id: placed.id }),
    );
    expect(stands.sessionBooking.status).toBe(placed.status);
  });

  it('lets the street staff dissolve an alliance: its room and session are shared no more, with their events, and bookings made stand', async () => {
    const DISSOLVE = `mutation($input: DissolveAllianceInput!) { dissolveAlliance(input: $input) { alliance { id name dissolvedAt } } }`;
    const servicesDb = await connectTestDatabase('services');
    const outbox = (db: Connection, type: string) =>
      db
        .collection('outbox')
        .find({ 'envelope.type': type })
        .toArray()
        .then((records) => records.map((record) => record.envelope.payload));
    try {
      // The session is opened to the alliance again (its sharing was withdrawn above).
      const SHARE = `mutation($input: ShareCareSessionWithAllianceInput!) { shareCareSessionWithAlliance(input: $input) { careSession { sharedWith { name } } } }`;
      data(await ask(SECRETARY, SHARE, { input: { sessionId, allianceId } }));
      const roomBookingBefore = data(
        await ask(LONGCHANG[1], `{ myRoomBookings { edges { node { status room { name } } } } }`),
      ).myRoomBookings.edges;
      expect(roomBookingBefore).toEqual([{ node: { status: 'CONFIRMED', room: { name: '乐邻驿站 象棋室' } } }]);

      // The same authority as forming it: a resident and another street's staff may not.
      expect(errorCodes(await ask(LONGCHANG[0], DISSOLVE, { input: { allianceId } }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await ask('demo:street-staff', DISSOLVE, { input: { allianceId } }))).toEqual(['FORBIDDEN']);
      const dissolved = data(await ask(STAFF, DISSOLVE, { input: { allianceId } })).dissolveAlliance.alliance;
      expect(dissolved).toEqual({ id: allianceId, name: '大龙景社区联盟', dissolvedAt: expect.any(String) });
      expect(errorCodes(await ask(STAFF, DISSOLVE, { input: { allianceId } }))).toEqual(['ALLIANCE.DISSOLVED']);
      expect(
        errorCodes(await ask(STAFF, CHANGE, { input: { allianceId, communityIds: [ids.longjing, ids.longchang] } })),
      ).toEqual(['ALLIANCE.DISSOLVED']);
      // Found by its id, no longer among its communities' alliances.
      const after = data(
        await ask(
          null,
          `query($id: ID!, $c: ID!) { alliance(id: $id) { dissolvedAt } community(id: $c) { alliances { edges { node { name } } } } }`,
          {
            id: allianceId,
            c: ids.longchang,
          },
        ),
      );
      expect(after).toEqual({
        alliance: { dissolvedAt: dissolved.dissolvedAt },
        community: { alliances: { edges: [] } },
      });
      expect(await outbox(organization.connection, 'org.alliance.dissolved')).toEqual([
        {
          allianceId,
          name: '大龙景社区联盟',
          leadingUnitId: ids.dongzhu,
          communityIds: [ids.longjing, ids.longchang, ids.longkang],
          revision: 4,
          dissolvedAt: dissolved.dissolvedAt,
        },
      ]);

      // Facilities and services end what they shared with it, each saying so.
      await waitFor(
        async () =>
          (await facilitiesDb.collection('rooms').findOne({ _id: objectId(roomId) }))?.sharedWithAllianceId === null,
        "the room's sharing to end in facilities",
      );
      await waitFor(
        async () =>
          (await servicesDb.collection('care_sessions').findOne({ _id: objectId(sessionId) }))?.sharedWithAllianceId ===
          null,
        "the session's opening to end in services",
      );
      const room = { roomId, communityId: ids.longjing, allianceId };
      expect(await outbox(facilitiesDb, 'facilities.room.shared-with-alliance')).toEqual([room]);
      expect(await outbox(facilitiesDb, 'facilities.room.sharing-ended')).toEqual([
        { ...room, cause: 'WITHDRAWN' },
        { ...room, cause: 'ALLIANCE_DISSOLVED' },
      ]);
      const session = { sessionId, communityId: ids.longjing, allianceId };
      expect(await outbox(servicesDb, 'care.session.shared-with-alliance')).toEqual([session]);
      expect(await outbox(servicesDb, 'care.session.sharing-ended')).toEqual([
        { ...session, cause: 'WITHDRAWN' },
        { ...session, cause: 'ALLIANCE_DISSOLVED' },
      ]);
      expect(
        data(
          await ask(
            null,
            `query($id: ID!) { alliance(id: $id) { sharedRooms { totalCount } sharedCareSessions { totalCount } } }`,
            { id: allianceId },
          ),
        ).alliance,
      ).toEqual({ sharedRooms: { totalCount: 0 }, sharedCareSessions: { totalCount: 0 } });

      // No new bookings from 龙昌社区; the one made while it was shared stands.
      expect(errorCodes(await bookRoom(LONGCHANG[1], 5))).toEqual(['ROOM_BOOKING.NOT_OPEN_TO_YOUR_COMMUNITY']);
      expect(
        data(await ask(LONGCHANG[1], `{ myRoomBookings { edges { node { status room { name } } } } }`)).myRoomBookings
          .edges,
      ).toEqual(roomBookingBefore);
    } finally {
      await servicesDb.close();
    }
  });
});

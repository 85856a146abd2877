import type { Actor } from '@gongzhi/contracts';
import { personActor, within } from '@gongzhi/testing';
import mongoose, { Types } from 'mongoose';
import { TerritoryService } from '../src/territory/territory.service';
import { OrganizationUnderTest, dataOf, errorCodes, startOrganizationBehindGateway } from './organization.harness';

describe('territory and residents through the gateway', () => {
  let org: OrganizationUnderTest;
  let communityId: string;
  let compoundId: string;
  let buildingId: string;
  /** 淞源社区's secretary: sees the whole community. */
  let secretary: Actor;

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    communityId = dataOf(
      await org.callSubgraph(
        `mutation { createCommunity(input: { name: "淞源社区", street: "斜塘街道", city: "苏州市 苏州工业园区", profile: RELOCATION }) { community { id } } }`,
      ),
    ).createCommunity.community.id;
    compoundId = dataOf(
      await org.callSubgraph(
        `mutation($c: ID!) { createCompound(input: { communityId: $c, name: "淞泽家园七区" }) { compound { id } } }`,
        { c: communityId },
      ),
    ).createCompound.compound.id;
    buildingId = dataOf(
      await org.callSubgraph(
        `mutation($c: ID!) { createBuilding(input: { compoundId: $c, name: "40幢", floors: 6 }) { building { id } } }`,
        { c: compoundId },
      ),
    ).createBuilding.building.id;
    secretary = personActor('idp|li-shuji', 'COMMUNITY_SECRETARY', within({ communityIds: [communityId] }));
  });

  afterAll(() => org?.stop());

  const REGISTER = `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { household { id unitNumber floorArea owners { name share } } } }`;
  const MOVE_IN = `mutation($input: MoveResidentInInput!) { moveResidentIn(input: $input) { resident { id name phoneMasked ageBand } } }`;

  it('registers a household with its owners, moves a resident in and out, and records each fact as an event', async () => {
    const household = dataOf(
      await org.callSubgraph(REGISTER, {
        input: {
          buildingId,
          unitNumber: '502室',
          floorArea: 89.5,
          owners: [
            { name: '居伟锋', share: 0.5 },
            { name: '沈雪珍', share: 0.5 },
          ],
        },
      }),
    ).registerHousehold.household;
    expect(household).toMatchObject({ unitNumber: '502室', floorArea: 89.5 });

    const resident = dataOf(
      await org.callSubgraph(MOVE_IN, {
        input: {
          householdId: household.id,
          name: '居伟锋',
          phone: '13912345678',
          ageBand: 'AGE_60_TO_79',
          relation: 'OWNER',
        },
      }),
    ).moveResidentIn.resident;
    expect(resident).toMatchObject({ name: '居伟锋', phoneMasked: '139****5678', ageBand: 'AGE_60_TO_79' });

    const { community } = dataOf(
      await org.graphql(
        `query($id: ID!) { community(id: $id) { name compounds { totalCount edges { node { name buildings { edges { node { id name } } } } } } } }`,
        {
          id: communityId,
        },
      ),
    );
    expect(community.compounds.edges[0].node.buildings.edges[0].node).toEqual({ id: buildingId, name: '40幢' });
    const { building } = dataOf(
      await org.callSubgraph(
        `query($id: ID!) { building(id: $id) { households { edges { node { unitNumber residents { totalCount edges { node { name } } } } } } } }`,
        { id: buildingId },
        secretary,
      ),
    );
    expect(building.households.edges[0].node.residents.edges[0].node.name).toBe('居伟锋');

    dataOf(
      await org.callSubgraph(
        `mutation($id: ID!) { moveResidentOut(input: { residentId: $id }) { resident { movedOutAt } } }`,
        { id: resident.id },
      ),
    );
    expect(
      errorCodes(
        await org.callSubgraph(
          `mutation($id: ID!) { moveResidentOut(input: { residentId: $id }) { resident { id } } }`,
          { id: resident.id },
        ),
      ),
    ).toEqual(['RESIDENT.ALREADY_MOVED_OUT']);
    const types = (await org.connection.collection('outbox').find().sort({ _id: 1 }).toArray()).map(
      (record) => record.envelope.type,
    );
    expect(types).toEqual([
      'org.community.registered',
      'org.compound.registered',
      'org.building.registered',
      'org.household.registered',
      'org.resident.moved-in',
      // 居伟锋 moved in as owner under the register's name: the owner is linked to the resident, and it is announced.
      'org.household.ownership-changed',
      'org.resident.moved-out',
    ]);
    const linked = await org.connection
      .collection('outbox')
      .findOne({ 'envelope.type': 'org.household.ownership-changed' });
    expect(linked?.envelope.payload).toEqual({
      householdId: household.id,
      buildingId,
      compoundId,
      communityId,
      owners: [
        { residentId: resident.id, share: 0.5 },
        { residentId: null, share: 0.5 },
      ],
      cause: 'OWNER_MOVED_IN',
    });
    const movedOut = await org.connection.collection('outbox').findOne({ 'envelope.type': 'org.resident.moved-out' });
    expect(movedOut?.envelope.payload).toEqual({
      residentId: resident.id,
      householdId: household.id,
      buildingId,
      compoundId,
      communityId,
    });
  });

  it.each([
    [
      "owners' shares that do not add up to 1",
      REGISTER,
      () => ({ input: { buildingId, unitNumber: '601室', floorArea: 90, owners: [{ name: '王建国', share: 0.6 }] } }),
      'HOUSEHOLD.INVALID_OWNER_SHARES',
    ],
    [
      'a building that does not exist',
      REGISTER,
      () => ({ input: { buildingId: '65f000000000000000000000', unitNumber: '601室', floorArea: 90, owners: [] } }),
      'BUILDING.NOT_FOUND',
    ],
    [
      'a floor area of zero',
      REGISTER,
      () => ({ input: { buildingId, unitNumber: '601室', floorArea: 0, owners: [] } }),
      'BAD_USER_INPUT',
    ],
    [
      'a household registered twice',
      REGISTER,
      () => ({ input: { buildingId, unitNumber: '502室', floorArea: 89.5, owners: [] } }),
      'HOUSEHOLD.ALREADY_EXISTS',
    ],
    [
      'a phone that is not a mobile number',
      MOVE_IN,
      () => ({
        input: {
          householdId: '65f000000000000000000000',
          name: '李秀英',
          phone: '12345',
          ageBand: 'AGE_18_TO_59',
          relation: 'TENANT',
        },
      }),
      'BAD_USER_INPUT',
    ],
    [
      'a move into a household that does not exist',
      MOVE_IN,
      () => ({
        input: { householdId: '65f000000000000000000000', name: '李秀英', ageBand: 'AGE_18_TO_59', relation: 'TENANT' },
      }),
      'HOUSEHOLD.NOT_FOUND',
    ],
  ])('refuses %s and writes nothing', async (_case, mutation, variables, code) => {
    const before = [
      await org.connection.collection('households').countDocuments(),
      await org.connection.collection('residents').countDocuments(),
      await org.connection.collection('outbox').countDocuments(),
    ];
    expect(errorCodes(await org.callSubgraph(mutation, variables()))).toEqual([code]);
    const after = [
      await org.connection.collection('households').countDocuments(),
      await org.connection.collection('residents').countDocuments(),
      await org.connection.collection('outbox').countDocuments(),
    ];
    expect(after).toEqual(before);
  });

  it('lets the street build the territory and the community office register people, each only where they serve', async () => {
    const streetStaff = personActor('idp|xietang-gongzuozhan', 'STREET_STAFF', within({ communityIds: [communityId] }));
    const otherStreet = personActor(
      'idp|dongzhu-gongzuozhan',
      'STREET_STAFF',
      within({ communityIds: [new Types.ObjectId().toString()] }),
    );
    const CREATE_COMPOUND = `mutation($c: ID!) { createCompound(input: { communityId: $c, name: "淞泽家园八区" }) { compound { id } } }`;
    expect(errorCodes(await org.graphql(CREATE_COMPOUND, { c: communityId }))).toEqual(['UNAUTHENTICATED']);
    for (const refused of [otherStreet, secretary])
      expect(errorCodes(await org.callSubgraph(CREATE_COMPOUND, { c: communityId }, refused))).toEqual(['FORBIDDEN']);
    const bayu = dataOf(await org.callSubgraph(CREATE_COMPOUND, { c: communityId }, streetStaff)).createCompound
      .compound.id;
    const building = dataOf(
      await org.callSubgraph(
        `mutation($c: ID!) { createBuilding(input: { compoundId: $c, name: "3幢" }) { building { id } } }`,
        { c: bayu },
        streetStaff,
      ),
    ).createBuilding.building.id;

    const gridWorker = personActor('idp|lu-wanggeyuan', 'GRID_WORKER', within({ buildingIds: [building] }));
    const leader = personActor('idp|zhang-wei', 'BUILDING_GROUP_LEADER', within({ buildingIds: [building] }));
    const input = { buildingId: building, unitNumber: '702室', floorArea: 76, owners: [] };
    for (const refused of [leader, streetStaff])
      expect(errorCodes(await org.callSubgraph(REGISTER, { input }, refused))).toEqual(['FORBIDDEN']);
    const household = dataOf(await org.callSubgraph(REGISTER, { input }, gridWorker)).registerHousehold.household.id;
    const moveIn = { input: { householdId: household, name: '陆小红', ageBand: 'AGE_18_TO_59', relation: 'TENANT' } };
    expect(errorCodes(await org.callSubgraph(MOVE_IN, moveIn, leader))).toEqual(['FORBIDDEN']);
    const tenant = dataOf(await org.callSubgraph(MOVE_IN, moveIn, gridWorker)).moveResidentIn.resident.id;
    const MOVE_OUT = `mutation($id: ID!) { moveResidentOut(input: { residentId: $id }) { resident { movedOutAt } } }`;
    expect(errorCodes(await org.callSubgraph(MOVE_OUT, { id: tenant }, leader))).toEqual(['FORBIDDEN']);
    expect(
      dataOf(await org.callSubgraph(MOVE_OUT, { id: tenant }, gridWorker)).moveResidentOut.resident.movedOutAt,
    ).toEqual(expect.any(String));
  });

  describe('query cost (no N+1)', () => {
    beforeAll(async () => {
      // 5 buildings × 20 households × 1 resident, written directly: this part is about reads.
      const compound = new Types.ObjectId(compoundId);
      const community = new Types.ObjectId(communityId);
      const buildings = Array.from({ length: 5 }, (_, i) => ({
        _id: new Types.ObjectId(),
        name: `${i + 1}幢`,
        compoundId: compound,
        communityId: community,
      }));
      const households = buildings.flatMap((b) =>
        Array.from({ length: 20 }, (_, i) => ({
          _id: new Types.ObjectId(),
          unitNumber: `${Math.floor(i / 2) + 1}0${(i % 2) + 1}室`,
          floorArea: 80 + i,
          owners: [],
          buildingId: b._id,
          compoundId: compound,
          communityId: community,
        })),
      );
      const residents = households.map((h, i) => ({
        name: `居民${String(i).padStart(3, '0')}`,
        ageBand: 'AGE_18_TO_59',
        relation: 'OWNER',
        householdId: h._id,
        buildingId: h.buildingId,
        compoundId: compound,
        communityId: community,
        movedInAt: new Date(),
        movedOutAt: null,
      }));
      await org.connection.collection('buildings').insertMany(buildings);
      await org.connection.collection('households').insertMany(households);
      await org.connection.collection('residents').insertMany(residents);
    });

    /**
     * Database operations the subgraph issues while answering one request. These queries go to the subgraph itself:
     * the gateway plans each as one subgraph fetch, so what can multiply per item is the subgraph's database work —
     * and 100 items four levels deep is more than the gateway's default cost limit lets a client ask for at once.
     * Asked as the community secretary, so every access check is in the count.
     */
    const subgraphGraphql = (query: string, variables: Record<string, unknown>) =>
      org.callSubgraph(query, variables, secretary);

    /**
     * The outbox relay polls on its own timer in the same process (taking its lease, reading unsent events); on a
     * busy machine a poll can fall inside the window. It is not the request's work, so it is not counted.
     */
    // Work the service does on its own clock while a request runs: the outbox relay's polls, and the API-key
    // registry's heartbeat asking whether a key's change still waits for the bucket (every 500 ms), and the webhook
    // sender looking for due deliveries (every second).
    const isBackgroundWork = (collection: string, method: string) =>
      collection === 'outbox_leases' ||
      (collection === 'outbox' && !method.startsWith('insert')) ||
      collection === 'api_keys' ||
      collection === 'webhook_deliveries';

    async function countQueries(run: () => Promise<unknown>): Promise<{ count: number; operations: string[] }> {
      const operations: string[] = [];
      mongoose.set('debug', (collection: string, method: string) => {
        if (!isBackgroundWork(collection, method)) operations.push(`${collection}.${method}`);
      });
      try {
        await run();
      } finally {
        mongoose.set('debug', false);
      }
      return { count: operations.length, operations };
    }

    it('answers 100 residents of a community with their households, buildings and compounds in 5 queries', async () => {
      let result: any;
      const { count, operations } = await countQueries(async () => {
        result = await subgraphGraphql(
          `query($c: ID!) { residents(placeId: $c, first: 100) { edges { node { name household { unitNumber building { name compound { name } } } } } } }`,
          { c: communityId },
        );
      });
      const edges = dataOf<any>(result).residents.edges;
      expect(edges).toHaveLength(100);
      expect(edges[99].node.household.building.compound.name).toBe('淞泽家园七区');
      // The placeId looked up once, then residents + households + buildings + compounds: one each, however many items.
      expect(operations).toEqual([
        'communities.find',
        'residents.find',
        'households.find',
        'buildings.find',
        'compounds.find',
      ]);
      expect(count).toBe(5);
    });

    it('answers nested connections (buildings → households → residents, with counts) in a bounded number of queries', async () => {
      let result: any;
      const { count } = await countQueries(async () => {
        result = await subgraphGraphql(
          `query($c: ID!) { compound(id: $c) { buildings(first: 10) { totalCount edges { node { name households(first: 30) { totalCount edges { node { unitNumber residents { edges { node { name } } } } } } } } } } }`,
          { c: compoundId },
        );
      });
      const buildings = dataOf<any>(result).compound.buildings;
      expect(buildings.totalCount).toBe(6);
      expect(buildings.edges.map((edge: any) => edge.node.households.edges.length).sort()).toEqual([
        1, 20, 20, 20, 20, 20,
      ]);
      // compound + buildings page + buildings count + households page + households count + residents page.
      expect(count).toBeLessThanOrEqual(6);
    });
  });

  it('links owners recorded by name only to the residents living there as owner (the start-up back-fill), losing nothing', async () => {
    // A unit as organization kept it before owners were linked: two owners by name, the wife moved in as owner.
    const householdId = new Types.ObjectId();
    const place = {
      buildingId: new Types.ObjectId(buildingId),
      compoundId: new Types.ObjectId(compoundId),
      communityId: new Types.ObjectId(communityId),
    };
    await org.connection.collection('households').insertOne({
      _id: householdId,
      unitNumber: '601室',
      floorArea: 96.3,
      owners: [
        { name: '顾丽娟', share: 0.5 },
        { name: '顾建平', share: 0.5 },
      ],
      ...place,
    });
    const { insertedId: wifeId } = await org.connection.collection('residents').insertOne({
      name: '顾丽娟',
      ageBand: 'AGE_60_TO_79',
      relation: 'OWNER',
      householdId,
      ...place,
      movedInAt: new Date('2019-05-01T00:00:00Z'),
      movedOutAt: null,
      consents: [],
    });

    const territory = org.app.get(TerritoryService);
    expect(await territory.linkOwnersKnownByName()).toBe(1);
    const household = await org.connection.collection('households').findOne({ _id: householdId });
    expect(household!.owners).toEqual([
      { name: '顾丽娟', share: 0.5, residentId: wifeId },
      { name: '顾建平', share: 0.5 },
    ]);
    const announced = await org.connection.collection('outbox').findOne({
      'envelope.type': 'org.household.ownership-changed',
      'envelope.payload.householdId': String(householdId),
    });
    expect(announced!.envelope.payload).toMatchObject({
      owners: [
        { residentId: String(wifeId), share: 0.5 },
        { residentId: null, share: 0.5 },
      ],
      cause: 'LINKED',
    });
    // Run again (every start runs it): nothing left to link, nothing announced twice.
    expect(await territory.linkOwnersKnownByName()).toBe(0);
  });

  describe('community profiles (把脉画像): types the street defines, a type per community, indicators', () => {
    const DEFINE = `mutation($input: DefineCommunityProfileTypeInput!) { defineCommunityProfileType(input: $input) { communityProfileType { id code name city street } } }`;
    const SET = `mutation($c: ID!, $t: ID!) { setCommunityProfileType(input: { communityId: $c, profileTypeId: $t }) { community { id profileType { code name } profile } } }`;
    const RECORD = `mutation($c: ID!, $name: String!, $value: Float!, $unit: String!) { recordCommunityIndicator(input: { communityId: $c, name: $name, value: $value, unit: $unit }) { indicator { name value unit recordedBy } } }`;
    const INDICATORS = `query($c: ID!) { community(id: $c) { profileIndicators { households residents elderlyShare renterShare floorArea recorded { name value unit recordedBy recordedAt } } } }`;
    /** 斜塘街道's staff, named as they signed in: they cover 淞源社区 (苏州市 苏州工业园区). */
    let xietang: Actor;
    let hetangId: string;

    beforeAll(async () => {
      xietang = {
        ...personActor('idp|gu-jianguo', 'STREET_STAFF', within({ communityIds: [communityId] })),
        name: '顾建国',
      };
      hetangId = dataOf(
        await org.callSubgraph(
          `mutation { createCommunity(input: { name: "荷塘社区", street: "娄东街道", city: "苏州市 太仓市" }) { community { id } } }`,
        ),
      ).createCommunity.community.id;
    });

    it('lets street staff define types where they serve and classify their communities; lists filter by type through the gateway', async () => {
      // Street staff define types for a city (or a prefix of it) where a community of theirs lies, never elsewhere and
      // never for every city; operators (a service) define the types every city shares.
      const oldTown = dataOf(
        await org.callSubgraph(DEFINE, { input: { code: 'OLD_TOWN', name: '老旧小区型', city: '苏州市' } }, xietang),
      ).defineCommunityProfileType.communityProfileType;
      expect(oldTown).toMatchObject({ code: 'OLD_TOWN', name: '老旧小区型', city: '苏州市', street: null });
      for (const input of [
        { code: 'VILLAGE_TO_RESIDENCE', name: '村改居型', city: '苏州市 太仓市' },
        { code: 'PARK_BASED', name: '产业园区型' },
      ])
        expect(errorCodes(await org.callSubgraph(DEFINE, { input }, xietang))).toEqual(['FORBIDDEN']);
      expect(
        errorCodes(
          await org.callSubgraph(DEFINE, { input: { code: 'OLD_TOWN', name: '老旧小区型', city: '苏州市' } }, xietang),
        ),
      ).toEqual(['COMMUNITY_PROFILE_TYPE.ALREADY_EXISTS']);
      expect(
        errorCodes(
          await org.callSubgraph(DEFINE, { input: { code: 'old town', name: '老旧小区型', city: '苏州市' } }, xietang),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      const commercial = dataOf(
        await org.callSubgraph(DEFINE, { input: { code: 'COMMERCIAL_HOUSING', name: '商品房型' } }),
      ).defineCommunityProfileType.communityProfileType;
      const loudong = dataOf(
        await org.callSubgraph(DEFINE, {
          input: { code: 'VILLAGE_TO_RESIDENCE', name: '村改居型', city: '苏州市 太仓市', street: '娄东街道' },
        }),
      ).defineCommunityProfileType.communityProfileType;

      // The types that apply to a community: every city's, its city's (by prefix) and its street's.
      const APPLY = `query($c: ID!) { communityProfileTypes(placeId: $c) { edges { node { code } } } }`;
      const codes = async (c: string) =>
        dataOf(await org.graphql(APPLY, { c })).communityProfileTypes.edges.map((edge: any) => edge.node.code);
      expect(await codes(communityId)).toEqual(['COMMERCIAL_HOUSING', 'OLD_TOWN']);
      expect(await codes(compoundId)).toEqual(['COMMERCIAL_HOUSING', 'OLD_TOWN']); // a compound: its community's
      expect(await codes(hetangId)).toEqual(['COMMERCIAL_HOUSING', 'OLD_TOWN', 'VILLAGE_TO_RESIDENCE']);

      // Only street staff covering the community set its type, and only to a type that applies to it.
      const secretaryOfSongyuan = secretary;
      const dongzhu = personActor('idp|dongzhu', 'STREET_STAFF', within({ communityIds: [hetangId] }));
      for (const refused of [secretaryOfSongyuan, dongzhu])
        expect(errorCodes(await org.callSubgraph(SET, { c: communityId, t: oldTown.id }, refused))).toEqual([
          'FORBIDDEN',
        ]);
      expect(errorCodes(await org.callSubgraph(SET, { c: communityId, t: loudong.id }, xietang))).toEqual([
        'COMMUNITY_PROFILE_TYPE.ELSEWHERE',
      ]);
      expect(
        dataOf(await org.callSubgraph(SET, { c: communityId, t: oldTown.id }, xietang)).setCommunityProfileType
          .community,
      ).toEqual({
        id: communityId,
        profileType: { code: 'OLD_TOWN', name: '老旧小区型' },
        profile: 'OLD_TOWN', // the deprecated enum follows the type while its code is one of the enum's
      });
      await org.callSubgraph(SET, { c: hetangId, t: loudong.id });
      const stored = await org.connection.collection('communities').findOne({ _id: new Types.ObjectId(communityId) });
      expect(stored!.profileTypeSet).toMatchObject({ byName: '顾建国', byId: 'idp|gu-jianguo' });

      // Anyone lists communities of one type through the gateway, and reads a community's type.
      const LIST = `query($t: ID) { communities(profileTypeId: $t) { edges { node { name profileType { name } } } } }`;
      const names = async (t: string) =>
        dataOf(await org.graphql(LIST, { t })).communities.edges.map((edge: any) => [
          edge.node.name,
          edge.node.profileType?.name,
        ]);
      expect(await names(oldTown.id)).toEqual([['淞源社区', '老旧小区型']]);
      expect(await names(loudong.id)).toEqual([['荷塘社区', '村改居型']]);
      expect(await names(commercial.id)).toEqual([]);
      expect(errorCodes(await org.graphql(LIST, { t: 'not-an-id' }))).toEqual(['BAD_USER_INPUT']);
      // Reclassified: the list follows, and the deprecated enum empties for a code it does not know.
      const mixedHere = dataOf(
        await org.callSubgraph(DEFINE, {
          input: { code: 'INDUSTRY_AND_HOMES', name: '厂居混合型', city: '苏州市 太仓市' },
        }),
      ).defineCommunityProfileType.communityProfileType;
      expect(
        dataOf(await org.callSubgraph(SET, { c: hetangId, t: mixedHere.id })).setCommunityProfileType.community,
      ).toMatchObject({
        profile: null,
      });
      expect(await names(loudong.id)).toEqual([]);
    });

    it('computes the indicators the register holds, keeps those staff record with when and by whom, and shows them to the street and the community office only', async () => {
      const compound = dataOf(
        await org.callSubgraph(
          `mutation($c: ID!) { createCompound(input: { communityId: $c, name: "荷塘花苑" }) { compound { id } } }`,
          { c: hetangId },
        ),
      ).createCompound.compound.id;
      const building = dataOf(
        await org.callSubgraph(
          `mutation($c: ID!) { createBuilding(input: { compoundId: $c, name: "5幢" }) { building { id } } }`,
          { c: compound },
        ),
      ).createBuilding.building.id;
      const unit = async (unitNumber: string, floorArea: number) =>
        dataOf(await org.callSubgraph(REGISTER, { input: { buildingId: building, unitNumber, floorArea, owners: [] } }))
          .registerHousehold.household.id;
      const [first, second] = [await unit('101室', 80.4), await unit('102室', 95)];
      const moveIn = async (householdId: string, name: string, ageBand: string, relation: string) =>
        dataOf(await org.callSubgraph(MOVE_IN, { input: { householdId, name, ageBand, relation } })).moveResidentIn
          .resident.id;
      await moveIn(first, '沈雪珍', 'AGE_60_TO_79', 'OWNER');
      await moveIn(first, '沈阿婆', 'AGE_80_PLUS', 'FAMILY');
      await moveIn(second, '王小清', 'AGE_18_TO_59', 'TENANT');
      const gone = await moveIn(second, '朱兴兴', 'AGE_18_TO_59', 'TENANT');
      await org.callSubgraph(`mutation($id: ID!) { moveResidentOut(input: { residentId: $id }) { resident { id } } }`, {
        id: gone,
      });

      const hetangSecretary = {
        ...personActor('idp|wang-xiaoqing', 'COMMUNITY_SECRETARY', within({ communityIds: [hetangId] })),
        name: '王书记',
      };
      await org.callSubgraph(RECORD, { c: hetangId, name: '辖区面积', value: 3.6, unit: '平方公里' }, hetangSecretary);
      const recorded = dataOf(
        await org.callSubgraph(
          RECORD,
          { c: hetangId, name: '辖区面积', value: 3.8, unit: '平方公里' },
          hetangSecretary,
        ),
      ).recordCommunityIndicator.indicator;
      expect(recorded).toEqual({ name: '辖区面积', value: 3.8, unit: '平方公里', recordedBy: '王书记' });
      for (const refused of [
        secretary,
        personActor('idp|hetang-wgy', 'GRID_WORKER', within({ buildingIds: [building] })),
      ])
        expect(
          errorCodes(
            await org.callSubgraph(RECORD, { c: hetangId, name: '辖区面积', value: 1, unit: '平方公里' }, refused),
          ),
        ).toEqual(['FORBIDDEN']);

      // 2 units of 80.4 + 95 = 175.4 m²; 3 living there (the one who moved out is not counted): 2 of them 60 or older,
      // 1 of them renting.
      const indicators = dataOf(await org.callSubgraph(INDICATORS, { c: hetangId }, hetangSecretary)).community
        .profileIndicators;
      expect(indicators).toEqual({
        households: 2,
        residents: 3,
        elderlyShare: 2 / 3,
        renterShare: 1 / 3,
        floorArea: 175.4,
        recorded: [
          { name: '辖区面积', value: 3.8, unit: '平方公里', recordedBy: '王书记', recordedAt: expect.any(String) },
        ],
      });
      // Not for everyone: anonymous through the gateway, or the other community's secretary, reads the community but not its indicators.
      const anonymous = await org.graphql(INDICATORS, { c: hetangId });
      expect(anonymous.data?.community).toEqual({ profileIndicators: null });
      expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await org.callSubgraph(INDICATORS, { c: hetangId }, secretary))).toEqual(['FORBIDDEN']);
    });

    it('answers every community with its type and indicators in a fixed number of queries', async () => {
      const operations: string[] = [];
      mongoose.set('debug', (collection: string, method: string) => {
        if (['communities', 'community_profile_types', 'residents', 'households'].includes(collection))
          operations.push(`${collection}.${method}`);
      });
      let result: any;
      try {
        result = await org.callSubgraph(
          `{ communities(first: 20) { edges { node { name profileType { name } profileIndicators { households residents } } } } }`,
        );
      } finally {
        mongoose.set('debug', false);
      }
      expect(dataOf<any>(result).communities.edges).toHaveLength(2);
      // The page, the types, and one aggregate each over residents and households, however many communities.
      expect(operations.sort()).toEqual([
        'communities.find',
        'community_profile_types.find',
        'households.aggregate',
        'residents.aggregate',
      ]);
    });
  });
});

import { personActor, waitFor, within } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { organizationFixtures } from './organization.fixtures';
import { dataOf, errorCodes, type Federation, startFederation } from './services.harness';

/**
 * The catalogue and its providers, on places, people and partners created in organization: services learns them
 * from organization's events, and anyone can read what a community offers through the gateway.
 */
describe('the care catalogue', () => {
  let fed: Federation;
  const id: Record<string, string> = {};
  const actors = {} as Record<'secretary' | 'otherSecretary' | 'gridWorker' | 'leader', ReturnType<typeof personActor>>;

  beforeAll(async () => {
    fed = await startFederation({ demoData: false });
    const org = organizationFixtures(fed);
    const songyuan = await org.community('淞源社区', '淞泽家园七区', ['3幢']);
    const meisong = await org.community('梅淞社区', '梅淞苑', ['1幢']);
    const { residentIds } = await org.household(songyuan.buildingIds[0], '502室', [
      { name: '沈雪珍', ageBand: 'AGE_60_TO_79' },
    ]);
    const elsewhere = await org.household(meisong.buildingIds[0], '101室', [
      { name: '陆文斌', ageBand: 'AGE_18_TO_59' },
    ]);
    Object.assign(id, {
      淞源社区: songyuan.communityId,
      梅淞社区: meisong.communityId,
      七区3幢: songyuan.buildingIds[0],
      沈雪珍: residentIds[0],
      陆文斌: elsewhere.residentIds[0],
      利群: await org.partner('太仓市利群社区发展促进中心', 'SOCIAL_ORGANISATION', [songyuan.communityId]),
      高博: await org.partner('苏州高博软件技术职业学院', 'SCHOOL', [meisong.communityId]),
    });
    Object.assign(actors, {
      secretary: personActor('idp|shen-xiuying', 'COMMUNITY_SECRETARY', within({ communityIds: [id.淞源社区] })),
      otherSecretary: personActor('idp|meisong-shuji', 'COMMUNITY_SECRETARY', within({ communityIds: [id.梅淞社区] })),
      gridWorker: personActor('idp|zhou-haiyan', 'GRID_WORKER', within({ communityIds: [id.淞源社区] })),
      leader: personActor('idp|zhang-wei', 'BUILDING_GROUP_LEADER', within({ buildingIds: [id.七区3幢] })),
    });
    await waitFor(
      async () => (await fed.services.connection.collection('directory_residents').countDocuments()) === 2,
      "organization's residents to reach the directory",
    );
  });
  afterAll(() => fed?.stop());

  const REGISTER_PARTNER = `mutation($input: RegisterPartnerCareProviderInput!) { registerPartnerCareProvider(input: $input) { careProvider { id kind name } } }`;
  const REGISTER_VOLUNTEER = `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { careProvider { id kind coordinator { name } } } }`;
  const CREATE_ITEM = `mutation($input: CreateCareItemInput!) { createCareItem(input: $input) { careItem { id name domain eligibility { ageBands guardianConsentRequired } cost { kind priceFen fullPriceFen unit } providers { totalCount edges { node { name } } } } } }`;

  it("keeps a copy of organization's places, residents (with their age band, not their name) and partners' agreements", async () => {
    const db = fed.services.connection;
    const shen = await db.collection('directory_residents').findOne({ _id: new Types.ObjectId(id.沈雪珍) });
    expect(shen).toMatchObject({
      communityId: new Types.ObjectId(id.淞源社区),
      buildingId: new Types.ObjectId(id.七区3幢),
      ageBand: 'AGE_60_TO_79',
      movedOutAt: null,
    });
    expect(JSON.stringify(shen)).not.toContain('沈雪珍');
    expect(await db.collection('directory_places').countDocuments({ kind: 'BUILDING' })).toBe(2);
    expect(await db.collection('directory_partners').findOne({ _id: new Types.ObjectId(id.利群) })).toMatchObject({
      agreementCommunityIds: [new Types.ObjectId(id.淞源社区)],
    });
  });

  it('signs up a partner provider and the volunteers it sends, where the community office serves', async () => {
    const partner = { partnerUnitId: id.利群, communityId: id.淞源社区, name: '利群社工服务站' };
    expect(errorCodes(await fed.services.call(REGISTER_PARTNER, { input: partner }, actors.otherSecretary))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await fed.services.call(REGISTER_PARTNER, { input: partner }, actors.gridWorker))).toEqual([
      'FORBIDDEN',
    ]);
    const registered = dataOf(await fed.services.call(REGISTER_PARTNER, { input: partner }, actors.secretary))
      .registerPartnerCareProvider.careProvider;
    expect(registered).toMatchObject({ kind: 'PARTNER_UNIT', name: '利群社工服务站' });
    id.利群服务站 = registered.id;

    const volunteer = { residentId: id.沈雪珍, name: '东方达人 沈雪珍', coordinatorId: id.利群服务站 };
    expect(errorCodes(await fed.services.call(REGISTER_VOLUNTEER, { input: volunteer }, actors.leader))).toEqual([
      'FORBIDDEN',
    ]);
    const shen = dataOf(await fed.services.call(REGISTER_VOLUNTEER, { input: volunteer }, actors.gridWorker))
      .registerVolunteer.careProvider;
    expect(shen).toMatchObject({ kind: 'VOLUNTEER', coordinator: { name: '利群社工服务站' } });
    id.东方达人 = shen.id;
    const gaobo = { partnerUnitId: id.高博, communityId: id.梅淞社区, name: '高博志愿服务队' };
    id.高博服务队 = dataOf(
      await fed.services.call(REGISTER_PARTNER, { input: gaobo }, actors.otherSecretary),
    ).registerPartnerCareProvider.careProvider.id;
  });

  it.each([
    [
      'a partner without an agreement with the community',
      REGISTER_PARTNER,
      () => ({ partnerUnitId: id.高博, communityId: id.淞源社区, name: '高博志愿服务队' }),
      'CARE_PROVIDER.NO_AGREEMENT',
    ],
    [
      'a partner signed up twice in one community',
      REGISTER_PARTNER,
      () => ({ partnerUnitId: id.利群, communityId: id.淞源社区, name: '利群二站' }),
      'CARE_PROVIDER.ALREADY_EXISTS',
    ],
    [
      'a partner unit organization does not know',
      REGISTER_PARTNER,
      () => ({ partnerUnitId: new Types.ObjectId().toString(), communityId: id.淞源社区, name: '无名' }),
      'PARTNER_UNIT.NOT_FOUND',
    ],
    [
      'a volunteer who is no resident',
      REGISTER_VOLUNTEER,
      () => ({ residentId: new Types.ObjectId().toString(), name: '无名' }),
      'RESIDENT.NOT_FOUND',
    ],
    [
      'a coordinator from another community',
      REGISTER_VOLUNTEER,
      () => ({ residentId: id.陆文斌, name: '陆文斌', coordinatorId: id.利群服务站 }),
      'CARE_PROVIDER.INVALID_COORDINATOR',
    ],
  ])('refuses %s and writes nothing', async (_case, mutation, input, code) => {
    const before = await fed.services.connection.collection('care_providers').countDocuments();
    expect(errorCodes(await fed.services.call(mutation, { input: input() }))).toEqual([code]);
    expect(await fed.services.connection.collection('care_providers').countDocuments()).toBe(before);
  });

  const mealDelivery = () => ({
    communityId: id.淞源社区,
    name: '助餐上门',
    description: '长者食堂午餐送餐到家',
    category: 'MEAL_AND_SHOPPING_HELP',
    delivery: 'ON_REQUEST',
    eligibility: { ageBands: ['AGE_60_TO_79', 'AGE_80_PLUS'] },
    cost: { kind: 'SUBSIDISED', priceFen: 800, fullPriceFen: 1500, unit: '餐' },
    providerIds: [id.利群服务站, id.东方达人],
  });

  it('publishes an item with its eligibility, cost and providers, for the community office only', async () => {
    expect(errorCodes(await fed.services.call(CREATE_ITEM, { input: mealDelivery() }, actors.gridWorker))).toEqual([
      'FORBIDDEN',
    ]);
    const item = dataOf(await fed.services.call(CREATE_ITEM, { input: mealDelivery() }, actors.secretary))
      .createCareItem.careItem;
    expect(item).toMatchObject({
      domain: 'ELDER_CARE',
      eligibility: { ageBands: ['AGE_60_TO_79', 'AGE_80_PLUS'], guardianConsentRequired: false },
      cost: { kind: 'SUBSIDISED', priceFen: 800, fullPriceFen: 1500, unit: '餐' },
      providers: {
        totalCount: 2,
        edges: [{ node: { name: '利群社工服务站' } }, { node: { name: '东方达人 沈雪珍' } }],
      },
    });
    const holidayClass = {
      ...mealDelivery(),
      name: '暑期白天托管班',
      category: 'HOLIDAY_DAY_CLASS',
      delivery: 'IN_SESSIONS',
      sessionCapacity: 30,
      scheduleNote: '7月–8月 周一至周五 8:30–17:00',
      eligibility: { ageBands: ['AGE_6_TO_13'] },
      cost: { kind: 'FREE', priceFen: 0, unit: '天' },
      providerIds: [id.利群服务站],
    };
    expect(
      dataOf(await fed.services.call(CREATE_ITEM, { input: holidayClass }, actors.secretary)).createCareItem.careItem,
    ).toMatchObject({
      domain: 'CHILDCARE',
      eligibility: { guardianConsentRequired: true },
    });
    const types = (await fed.services.connection.collection('outbox').find().sort({ _id: 1 }).toArray()).map(
      (record) => record.envelope.type,
    );
    expect(types).toEqual([...Array(3).fill('care.provider.registered'), 'care.item.published', 'care.item.published']);
  });

  it.each([
    [
      'a free item with a price',
      () => ({ cost: { kind: 'FREE', priceFen: 500, unit: '次' } }),
      'CARE_ITEM.INVALID_COST',
    ],
    [
      'a subsidy above the full price',
      () => ({ cost: { kind: 'SUBSIDISED', priceFen: 2000, fullPriceFen: 1500, unit: '餐' } }),
      'CARE_ITEM.INVALID_COST',
    ],
    ['sessions without a capacity', () => ({ delivery: 'IN_SESSIONS' }), 'CARE_ITEM.INVALID_CAPACITY'],
    [
      'a provider of another community',
      () => ({ name: '心理关怀', providerIds: [id.高博服务队] }),
      'CARE_ITEM.INVALID_PROVIDER',
    ],
    ['no age band', () => ({ eligibility: { ageBands: [] } }), 'BAD_USER_INPUT'],
    ['a name the community already uses', () => ({}), 'CARE_ITEM.ALREADY_EXISTS'],
    [
      'a community organization does not know',
      () => ({ communityId: new Types.ObjectId().toString() }),
      'COMMUNITY.NOT_FOUND',
    ],
  ])('refuses an item with %s and writes nothing', async (_case, change, code) => {
    const input = { ...mealDelivery(), ...change() };
    const before = await fed.services.connection.collection('care_items').countDocuments();
    expect(errorCodes(await fed.services.call(CREATE_ITEM, { input }))).toEqual([code]);
    expect(await fed.services.connection.collection('care_items').countDocuments()).toBe(before);
  });

  it("shows anyone a community's catalogue through the gateway, with organization's names beside services' fields", async () => {
    const { body } = await fed.gateways.post(
      `query($c: ID!, $p: ID!) {
        community(id: $c) { name careItems(domain: ELDER_CARE) { totalCount edges { node { name providers { edges { node { name partnerUnit { name } } } } } } } }
        partnerUnit(id: $p) { name careItems { edges { node { name } } } careProviders { edges { node { community { name } volunteers { edges { node { name items { totalCount } } } } } } } }
      }`,
      { c: id.淞源社区, p: id.利群 },
    );
    expect(body).toEqual({
      data: {
        community: {
          name: '淞源社区',
          careItems: {
            totalCount: 1,
            edges: [
              {
                node: {
                  name: '助餐上门',
                  providers: {
                    edges: [
                      { node: { name: '利群社工服务站', partnerUnit: { name: '太仓市利群社区发展促进中心' } } },
                      { node: { name: '东方达人 沈雪珍', partnerUnit: null } },
                    ],
                  },
                },
              },
            ],
          },
        },
        partnerUnit: {
          name: '太仓市利群社区发展促进中心',
          careItems: { edges: [{ node: { name: '助餐上门' } }, { node: { name: '暑期白天托管班' } }] },
          careProviders: {
            edges: [
              {
                node: {
                  community: { name: '淞源社区' },
                  volunteers: { edges: [{ node: { name: '东方达人 沈雪珍', items: { totalCount: 1 } } }] },
                },
              },
            ],
          },
        },
      },
      extensions: { cost: expect.objectContaining({ requestedQueryCost: expect.any(Number) }) },
    });
  });

  it('lists the catalogue and providers of the community a placeId names or lies in, paging an item’s providers', async () => {
    const QUERY = `query($place: ID!, $after: String) {
      careItems(placeId: $place, domain: ELDER_CARE) { edges { node { name providers(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } } } }
      careProviders(placeId: $place, kind: PARTNER_UNIT) { edges { node { name } } }
    }`;
    for (const place of [id.淞源社区, id.七区3幢]) {
      const { careItems, careProviders } = dataOf(await fed.services.call(QUERY, { place }));
      expect(careItems.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(['助餐上门']);
      expect(careItems.edges[0].node.providers).toMatchObject({
        totalCount: 2,
        pageInfo: { hasNextPage: true },
        edges: [{ node: { name: '利群社工服务站' } }],
      });
      expect(careProviders.edges).toEqual([{ node: { name: '利群社工服务站' } }]);
    }
    const firstPage = dataOf(await fed.services.call(QUERY, { place: id.淞源社区 })).careItems.edges[0].node.providers;
    const nextPage = dataOf(await fed.services.call(QUERY, { place: id.淞源社区, after: firstPage.pageInfo.endCursor }))
      .careItems.edges[0].node.providers;
    expect(nextPage).toMatchObject({
      pageInfo: { hasNextPage: false },
      edges: [{ node: { name: '东方达人 沈雪珍' } }],
    });

    const nowhere = { place: new Types.ObjectId().toString() };
    for (const list of ['careItems', 'careProviders'])
      expect(
        errorCodes(await fed.services.call(`query($place: ID!) { ${list}(placeId: $place) { totalCount } }`, nowhere)),
      ).toEqual(['PLACE.NOT_FOUND']);
  });
});

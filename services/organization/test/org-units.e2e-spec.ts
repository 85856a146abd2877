import { partnerActor, personActor, within } from '@gongzhi/testing';
import {
  OrganizationUnderTest,
  TEST_SERVICE_ACTOR,
  dataOf,
  errorCodes,
  startOrganizationBehindGateway,
} from './organization.harness';

const CREATE = `mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id tier tierName name } } }`;
const MOVE = `mutation Move($id: ID!, $newParentId: ID!) { moveOrgUnit(input: { orgUnitId: $id, newParentId: $newParentId }) { orgUnit { id } } }`;

describe('the five-tier tree through the gateway', () => {
  let org: OrganizationUnderTest;
  const ids: Record<string, string> = {};

  async function create(name: string, tier: number, parent?: string): Promise<string> {
    const {
      createOrgUnit: { orgUnit: created },
    } = dataOf(await org.callSubgraph(CREATE, { input: { name, tier, parentId: parent ? ids[parent] : undefined } }));
    ids[name] = created.id;
    return created.id;
  }

  /** What a refused change must leave untouched: every unit's place in the tree, and the outbox. */
  async function snapshot() {
    const units = await org.connection
      .collection('org_units')
      .find({}, { projection: { name: 1, parentId: 1, ancestorIds: 1 } })
      .sort({ _id: 1 })
      .toArray();
    return { units: JSON.stringify(units), outbox: await org.connection.collection('outbox').countDocuments() };
  }

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    await create('斜塘街道大工委', 1);
    await create('淞泽邻里大党委', 2, '斜塘街道大工委');
    await create('淞源社区党委', 3, '淞泽邻里大党委');
    await create('梅淞社区党委', 3, '淞泽邻里大党委');
    await create('淞泽家园七区党支部', 4, '淞源社区党委');
    for (const building of ['40幢', '41幢', '42幢', '43幢', '44幢'])
      await create(`${building}楼道党小组`, 5, '淞泽家园七区党支部');
  });

  afterAll(() => org?.stop());

  it('builds a hierarchy five deep and names each tier with the party scheme', async () => {
    const { orgUnit } = dataOf(
      await org.graphql(`query($id: ID!) { orgUnit(id: $id) { tier tierName parent { name tierName } } }`, {
        id: ids['40幢楼道党小组'],
      }),
    );
    expect(orgUnit).toEqual({
      tier: 5,
      tierName: '楼道党小组',
      parent: { name: '淞泽家园七区党支部', tierName: '小区党支部' },
    });
  });

  it("reads a building group's ancestors up to the street", async () => {
    const { orgUnit } = dataOf(
      await org.graphql(`query($id: ID!) { orgUnit(id: $id) { ancestors { name tier } } }`, {
        id: ids['42幢楼道党小组'],
      }),
    );
    expect(orgUnit.ancestors).toEqual([
      { name: '斜塘街道大工委', tier: 1 },
      { name: '淞泽邻里大党委', tier: 2 },
      { name: '淞源社区党委', tier: 3 },
      { name: '淞泽家园七区党支部', tier: 4 },
    ]);
  });

  it('pages through descendants by tier', async () => {
    const query = `query($id: ID!, $after: String) { orgUnit(id: $id) {
      descendants(tier: 5, first: 2, after: $after) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } }
      descendantCount(tier: 5) all: descendantCount } }`;
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { orgUnit }: { orgUnit: any } = dataOf(await org.graphql(query, { id: ids['斜塘街道大工委'], after }));
      expect(orgUnit.descendants.totalCount).toBe(5);
      expect(orgUnit.descendantCount).toBe(5);
      expect(orgUnit.all).toBe(9);
      names.push(...orgUnit.descendants.edges.map((edge: { node: { name: string } }) => edge.node.name));
      after = orgUnit.descendants.pageInfo.hasNextPage ? orgUnit.descendants.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(names).toEqual(['40幢楼道党小组', '41幢楼道党小组', '42幢楼道党小组', '43幢楼道党小组', '44幢楼道党小组']);
  });

  it('finds units by tier and part of their name', async () => {
    const { orgUnits } = dataOf(
      await org.graphql(`{ orgUnits(tier: 3, search: "淞") { totalCount edges { node { name } } } }`),
    );
    expect(orgUnits.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual([
      '梅淞社区党委',
      '淞源社区党委',
    ]);
  });

  it.each([
    [
      'a building group under a community (two tiers down)',
      () => ({ input: { name: '45幢楼道党小组', tier: 5, parentId: ids['淞源社区党委'] } }),
      'ORG_UNIT.TIER_MISMATCH',
    ],
    [
      'an unknown parent',
      () => ({ input: { name: '45幢楼道党小组', tier: 5, parentId: '65f000000000000000000000' } }),
      'ORG_UNIT.NOT_FOUND',
    ],
    ['a tier below 1 with no parent', () => ({ input: { name: '彩莲社区党委', tier: 3 } }), 'ORG_UNIT.PARENT_REQUIRED'],
    [
      'a parent for a street committee',
      () => ({ input: { name: '第二街道大工委', tier: 1, parentId: ids['斜塘街道大工委'] } }),
      'ORG_UNIT.TOP_TIER_HAS_NO_PARENT',
    ],
    [
      'a sixth tier',
      () => ({ input: { name: '40幢1单元', tier: 6, parentId: ids['40幢楼道党小组'] } }),
      'BAD_USER_INPUT',
    ],
    ['a blank name', () => ({ input: { name: '', tier: 2, parentId: ids['斜塘街道大工委'] } }), 'BAD_USER_INPUT'],
    [
      'a sibling with the same name',
      () => ({ input: { name: '41幢楼道党小组', tier: 5, parentId: ids['淞泽家园七区党支部'] } }),
      'ORG_UNIT.ALREADY_EXISTS',
    ],
  ])('refuses %s with its code and writes nothing', async (_case, variables, code) => {
    const before = await snapshot();
    const result = await org.callSubgraph(CREATE, variables());
    expect(errorCodes(result)).toEqual([code]);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    [
      'a community under its own building group (a cycle)',
      () => ({ id: ids['淞源社区党委'], newParentId: ids['40幢楼道党小组'] }),
      'ORG_UNIT.CYCLE',
    ],
    ['a unit under itself', () => ({ id: ids['淞源社区党委'], newParentId: ids['淞源社区党委'] }), 'ORG_UNIT.CYCLE'],
    [
      'a compound branch under a street committee',
      () => ({ id: ids['淞泽家园七区党支部'], newParentId: ids['斜塘街道大工委'] }),
      'ORG_UNIT.TIER_MISMATCH',
    ],
    [
      'the street committee',
      () => ({ id: ids['斜塘街道大工委'], newParentId: ids['淞泽邻里大党委'] }),
      'ORG_UNIT.TOP_TIER_HAS_NO_PARENT',
    ],
    [
      'a unit that does not exist',
      () => ({ id: '65f000000000000000000000', newParentId: ids['梅淞社区党委'] }),
      'ORG_UNIT.NOT_FOUND',
    ],
    [
      'a unit to an unknown parent',
      () => ({ id: ids['淞泽家园七区党支部'], newParentId: '65f000000000000000000000' }),
      'ORG_UNIT.NOT_FOUND',
    ],
    ['a malformed id', () => ({ id: 'not-an-id', newParentId: ids['梅淞社区党委'] }), 'BAD_USER_INPUT'],
  ])('refuses to move %s and changes nothing', async (_case, variables, code) => {
    const before = await snapshot();
    expect(errorCodes(await org.callSubgraph(MOVE, variables()))).toEqual([code]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses more than 100 per page and a cursor it did not hand out', async () => {
    expect(errorCodes(await org.graphql(`{ orgUnits(first: 101) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await org.graphql(`{ orgUnits(after: "bm90IGEgY3Vyc29y") { totalCount } }`))).toEqual([
      'PAGINATION.INVALID_CURSOR',
    ]);
  });

  it('moves a compound branch with all its building groups to another community at once', async () => {
    dataOf(await org.callSubgraph(MOVE, { id: ids['淞泽家园七区党支部'], newParentId: ids['梅淞社区党委'] }));
    const { orgUnit } = dataOf(
      await org.graphql(
        `query($id: ID!) { orgUnit(id: $id) { descendants(tier: 5) { edges { node { name ancestors { name } } } } } }`,
        {
          id: ids['梅淞社区党委'],
        },
      ),
    );
    expect(orgUnit.descendants.edges).toHaveLength(5);
    for (const { node } of orgUnit.descendants.edges) {
      expect(node.ancestors.map((a: { name: string }) => a.name)).toEqual([
        '斜塘街道大工委',
        '淞泽邻里大党委',
        '梅淞社区党委',
        '淞泽家园七区党支部',
      ]);
    }
    const { old } = dataOf(
      await org.graphql(`query($id: ID!) { old: orgUnit(id: $id) { descendantCount } }`, { id: ids['淞源社区党委'] }),
    );
    expect(old.descendantCount).toBe(0);
    const moved = await org.connection.collection('outbox').findOne({ 'envelope.type': 'org.unit.moved' });
    expect(moved?.envelope.payload).toMatchObject({ unitId: ids['淞泽家园七区党支部'], movedDescendantCount: 5 });
  });

  it('carries the request id the gateway sent into the event the change records', async () => {
    const requestId = 'xietang-2026-11-21-0001';
    const created = dataOf(
      await org.callSubgraph(
        CREATE,
        { input: { name: '彩莲社区党委', tier: 3, parentId: ids['淞泽邻里大党委'] } },
        TEST_SERVICE_ACTOR,
        { requestId },
      ),
    );
    const event = await org.connection
      .collection('outbox')
      .findOne({ 'envelope.payload.unitId': created.createOrgUnit.orgUnit.id });
    expect(event?.envelope).toMatchObject({
      type: 'org.unit.created',
      source: 'organization',
      requestId,
      payload: { tier: 3, name: '彩莲社区党委' },
    });
  });

  it.each([
    ['a right-to-left override', '淞泽\u202E区社'],
    ['a left-to-right isolate', '淞泽\u2066社区\u2069'],
    ['a control character', '淞泽\u0007社区'],
    ['a zero-width space', '淞\u200B泽社区'],
  ])('refuses a name with %s and creates nothing', async (_case, name) => {
    const result = await org.callSubgraph(CREATE, { input: { name, tier: 1 } });
    expect(result.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'name', problem: 'must not contain control or bidirectional-override characters' }],
        }),
      }),
    ]);
    expect(await org.connection.collection('org_units').countDocuments({ name })).toBe(0);
  });

  it('names tiers by territory in a tree that uses the territorial scheme (seed 004)', async () => {
    const district = dataOf(
      await org.callSubgraph(CREATE, { input: { name: '市中区', tier: 1, tierScheme: 'territorial' } }),
    ).createOrgUnit.orgUnit;
    expect(district.tierName).toBe('区');
    const street = dataOf(
      await org.callSubgraph(CREATE, { input: { name: '通江街道', tier: 2, parentId: district.id } }),
    ).createOrgUnit.orgUnit;
    expect(street.tierName).toBe('街道');
  });

  it('applies the scheme chosen for a tree to every unit created in it, and refuses a unit naming another', async () => {
    const WITH_SCHEME = `mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id tier tierName tierScheme { id } } } }`;
    const district = dataOf(
      await org.callSubgraph(WITH_SCHEME, { input: { name: '沙湾区', tier: 1, tierScheme: 'territorial' } }),
    ).createOrgUnit.orgUnit;
    // Naming the tree's own scheme below tier 1 is the same as leaving it out.
    const street = dataOf(
      await org.callSubgraph(WITH_SCHEME, {
        input: { name: '嘉农镇', tier: 2, parentId: district.id, tierScheme: 'territorial' },
      }),
    ).createOrgUnit.orgUnit;
    expect(street).toMatchObject({ tierName: '街道', tierScheme: { id: 'territorial' } });
    // Another scheme below tier 1 was silently ignored (the unit created under the tree's naming): now refused.
    const before = await snapshot();
    const mixed = await org.callSubgraph(WITH_SCHEME, {
      input: { name: '嘉农社区', tier: 3, parentId: street.id, tierScheme: 'party' },
    });
    expect(errorCodes(mixed)).toEqual(['ORG_UNIT.INVALID_TIER_SCHEME']);
    expect(await snapshot()).toEqual(before);
    const community = dataOf(
      await org.callSubgraph(WITH_SCHEME, { input: { name: '嘉农社区', tier: 3, parentId: street.id } }),
    ).createOrgUnit.orgUnit;
    expect(community).toMatchObject({ tierName: '社区', tierScheme: { id: 'territorial' } });
  });

  it('lets a street or community office change only its own branch of the tree, and only services start a new tree', async () => {
    const RENAME = `mutation($id: ID!, $name: String!) { renameOrgUnit(input: { orgUnitId: $id, name: $name }) { orgUnit { name } } }`;
    const boundTo = (unit: string, role: 'STREET_STAFF' | 'COMMUNITY_SECRETARY') =>
      personActor(`idp|${unit}`, role, within({}), { orgUnitId: ids[unit] });
    const meisong = boundTo('梅淞社区党委', 'COMMUNITY_SECRETARY');
    const songyuan = boundTo('淞源社区党委', 'COMMUNITY_SECRETARY');
    const street = boundTo('斜塘街道大工委', 'STREET_STAFF');
    // 淞泽家园七区党支部 sits under 梅淞社区党委 since the move above.
    const under七区 = { input: { name: '45幢楼道党小组', tier: 5, parentId: ids['淞泽家园七区党支部'] } };
    expect(errorCodes(await org.graphql(CREATE, under七区))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await org.callSubgraph(CREATE, under七区, songyuan))).toEqual(['FORBIDDEN']);
    expect(dataOf(await org.callSubgraph(CREATE, under七区, meisong)).createOrgUnit.orgUnit.tierName).toBe(
      '楼道党小组',
    );
    expect(
      errorCodes(await org.callSubgraph(RENAME, { id: ids['梅淞社区党委'], name: '梅淞社区党委员会' }, songyuan)),
    ).toEqual(['FORBIDDEN']);
    expect(
      dataOf(await org.callSubgraph(RENAME, { id: ids['梅淞社区党委'], name: '梅淞社区党委员会' }, meisong))
        .renameOrgUnit.orgUnit.name,
    ).toBe('梅淞社区党委员会');

    // Moving needs a say over both places: 梅淞 may not hand its branch to 淞源, the street may.
    const back = { id: ids['淞泽家园七区党支部'], newParentId: ids['淞源社区党委'] };
    for (const refused of [meisong, songyuan])
      expect(errorCodes(await org.callSubgraph(MOVE, back, refused))).toEqual(['FORBIDDEN']);
    dataOf(await org.callSubgraph(MOVE, back, street));

    expect(errorCodes(await org.callSubgraph(CREATE, { input: { name: '娄东街道大工委', tier: 1 } }, street))).toEqual([
      'FORBIDDEN',
    ]);
    const SCHEME = `mutation { defineTierScheme(input: { key: "village", tierNames: ["镇", "片区", "村", "组", "户"] }) { tierScheme { id tierNames } } }`;
    expect(errorCodes(await org.callSubgraph(SCHEME, {}, meisong))).toEqual(['FORBIDDEN']);
    const { tierScheme } = dataOf(await org.callSubgraph(SCHEME, {}, street)).defineTierScheme;
    expect(tierScheme).toEqual({ id: 'village', tierNames: ['镇', '片区', '村', '组', '户'] });
    const { tierSchemes } = dataOf(await org.graphql('{ tierSchemes { id } }'));
    expect(tierSchemes).toContainEqual({ id: 'village' });
  });

  it('shows who sits in a unit to signed-in people only, and the rest of the unit to everyone', async () => {
    const {
      createOrgUnit: { orgUnit: created },
    } = dataOf(
      await org.callSubgraph(CREATE, {
        input: {
          name: '46幢楼道党小组',
          tier: 5,
          parentId: ids['淞泽家园七区党支部'],
          leader: { name: '张伟', post: '组长' },
          members: [{ name: '沈雪珍', post: '党员' }],
        },
      }),
    );
    const UNIT = `query($id: ID!) { orgUnit(id: $id) { name leader { name } members { name post } } }`;
    const anonymous = await org.graphql(UNIT, { id: created.id });
    expect(anonymous.data).toEqual({ orgUnit: { name: '46幢楼道党小组', leader: { name: '张伟' }, members: null } });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const resident = personActor('idp|ju-weifeng', 'RESIDENT', within({}));
    expect(dataOf(await org.callSubgraph(UNIT, { id: created.id }, resident)).orgUnit.members).toEqual([
      { name: '沈雪珍', post: '党员' },
    ]);
    const partner = await org.callSubgraph(
      UNIT,
      { id: created.id },
      partnerActor('pu-中海物业', ['organization:households:read'], []),
    );
    expect(partner.data?.orgUnit.members).toBeNull();
    expect(errorCodes(partner)).toEqual(['FORBIDDEN']);
  });
});

import { personActor, within } from '@gongzhi/testing';
import { OrganizationUnderTest, dataOf, errorCodes, startOrganizationBehindGateway } from './organization.harness';

describe('grid cells and partner units through the gateway', () => {
  let org: OrganizationUnderTest;
  let communityId: string;
  let otherCommunityId: string;
  const buildingIds: string[] = [];

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    const community = (name: string) =>
      org.callSubgraph(
        `mutation($n: String!) { createCommunity(input: { name: $n, street: "浏河镇", city: "苏州市 太仓市" }) { community { id } } }`,
        { n: name },
      );
    communityId = dataOf(await community('东方社区')).createCommunity.community.id;
    otherCommunityId = dataOf(await community('荷塘社区')).createCommunity.community.id;
    const compoundId = dataOf(
      await org.callSubgraph(
        `mutation($c: ID!) { createCompound(input: { communityId: $c, name: "东方花苑" }) { compound { id } } }`,
        { c: communityId },
      ),
    ).createCompound.compound.id;
    for (const name of ['1幢', '2幢', '3幢']) {
      buildingIds.push(
        dataOf(
          await org.callSubgraph(
            `mutation($c: ID!, $n: String!) { createBuilding(input: { compoundId: $c, name: $n }) { building { id } } }`,
            { c: compoundId, n: name },
          ),
        ).createBuilding.building.id,
      );
    }
  });
  afterAll(() => org?.stop());

  it('staffs a grid cell with the six roles (一格六员) and shows it under its community', async () => {
    const CREATE = `mutation($input: CreateGridCellInput!) { createGridCell(input: $input) { gridCell { id name } } }`;
    const cell = dataOf(
      await org.callSubgraph(CREATE, { input: { communityId, name: '东方社区第1网格', buildingIds } }),
    ).createGridCell.gridCell;
    dataOf(
      await org.callSubgraph(
        `mutation($id: ID!) { assignGridRole(input: { gridCellId: $id, role: GRID_WORKER, holderName: "沈雪珍" }) { gridCell { id } } }`,
        { id: cell.id },
      ),
    );
    const { assignGridRole } = dataOf(
      await org.callSubgraph(
        `mutation($id: ID!) { assignGridRole(input: { gridCellId: $id, role: GRID_WORKER, holderName: "陆文斌" }) { gridCell { roles { totalCount edges { node { role holderName } } } } } }`,
        { id: cell.id },
      ),
    );
    // The role changed hands: one holder, the latest.
    expect(assignGridRole.gridCell.roles).toEqual({
      totalCount: 1,
      edges: [{ node: { role: 'GRID_WORKER', holderName: '陆文斌' } }],
    });

    // The holders page in the order of the six roles (一格六员).
    dataOf(
      await org.callSubgraph(
        `mutation($id: ID!) { assignGridRole(input: { gridCellId: $id, role: PARTY_MEMBER, holderName: "顾建华" }) { gridCell { id } } }`,
        { id: cell.id },
      ),
    );
    const ROLES = `query($id: ID!, $after: String) { community(id: $id) { gridCells { edges { node { roles(first: 1, after: $after) { totalCount edges { node { role holderName } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } } } }`;
    const rolesPage = async (after?: string) =>
      dataOf(await org.graphql(ROLES, { id: communityId, after })).community.gridCells.edges[0].node.roles;
    const firstPage = await rolesPage();
    expect(firstPage).toMatchObject({
      totalCount: 2,
      edges: [{ node: { role: 'PARTY_MEMBER', holderName: '顾建华' } }],
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
    });
    expect(await rolesPage(firstPage.pageInfo.endCursor)).toMatchObject({
      edges: [{ node: { role: 'GRID_WORKER', holderName: '陆文斌' } }],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });

    const { community } = dataOf(
      await org.graphql(
        `query($id: ID!) { community(id: $id) { gridCells { totalCount edges { node { name buildingIds } } } } }`,
        { id: communityId },
      ),
    );
    expect(community.gridCells.totalCount).toBe(1);
    expect(community.gridCells.edges[0].node.buildingIds).toEqual(buildingIds);

    expect(
      errorCodes(
        await org.callSubgraph(CREATE, {
          input: { communityId: otherCommunityId, name: '荷塘社区第1网格', buildingIds },
        }),
      ),
    ).toEqual(['GRID_CELL.BUILDING_OUTSIDE_COMMUNITY']);
    expect(
      errorCodes(
        await org.callSubgraph(
          `mutation { assignGridRole(input: { gridCellId: "65f000000000000000000000", role: VOLUNTEER, holderName: "王建国" }) { gridCell { id } } }`,
        ),
      ),
    ).toEqual(['GRID_CELL.NOT_FOUND']);
  });

  it('registers a partner unit, signs a co-building agreement and finds it by community', async () => {
    const { registerPartnerUnit } = dataOf(
      await org.callSubgraph(
        `mutation { registerPartnerUnit(input: { name: "太仓市利群社区发展促进中心", kind: SOCIAL_ORGANISATION, resourcesOffered: [{ title: "邻里互助一对一结对" }] }) { partnerUnit { id } } }`,
      ),
    );
    const SIGN = `mutation($input: SignCoBuildingAgreementInput!) { signCoBuildingAgreement(input: $input) { partnerUnit { agreements { totalCount edges { node { scope community { name } } } } } coBuildingAgreement { id scope } } }`;
    const signed = dataOf(
      await org.callSubgraph(SIGN, {
        input: {
          partnerUnitId: registerPartnerUnit.partnerUnit.id,
          communityId,
          validFrom: '2024-01-01',
          validUntil: '2026-12-31',
          scope: '“东方达人”邻里互助项目',
        },
      }),
    );
    expect(signed.signCoBuildingAgreement.partnerUnit.agreements).toEqual({
      totalCount: 1,
      edges: [{ node: { scope: '“东方达人”邻里互助项目', community: { name: '东方社区' } } }],
    });
    expect(signed.signCoBuildingAgreement.coBuildingAgreement).toEqual({
      id: expect.any(String),
      scope: '“东方达人”邻里互助项目',
    });

    const { partnerUnits } = dataOf(
      await org.graphql(`query($c: ID!) { partnerUnits(placeId: $c) { totalCount edges { node { name kind } } } }`, {
        c: communityId,
      }),
    );
    expect(partnerUnits.edges).toEqual([{ node: { name: '太仓市利群社区发展促进中心', kind: 'SOCIAL_ORGANISATION' } }]);
    const PARTNERS_IN = `query($c: ID!) { partnerUnits(placeId: $c) { totalCount } }`;
    expect(dataOf(await org.graphql(PARTNERS_IN, { c: otherCommunityId })).partnerUnits.totalCount).toBe(0);
    // A building stands for the community it lies in: the agreement is with the community.
    expect(dataOf(await org.graphql(PARTNERS_IN, { c: buildingIds[0] })).partnerUnits.totalCount).toBe(1);
    expect(errorCodes(await org.graphql(PARTNERS_IN, { c: '65f000000000000000000000' }))).toEqual(['PLACE.NOT_FOUND']);

    expect(
      errorCodes(
        await org.callSubgraph(SIGN, {
          input: {
            partnerUnitId: registerPartnerUnit.partnerUnit.id,
            communityId,
            validFrom: '2026-01-01',
            validUntil: '2025-01-01',
            scope: '倒签',
          },
        }),
      ),
    ).toEqual(['PARTNER_AGREEMENT.INVALID_PERIOD']);
    expect(
      errorCodes(
        await org.callSubgraph(
          `mutation { registerPartnerUnit(input: { name: "太仓市利群社区发展促进中心", kind: SOCIAL_ORGANISATION }) { partnerUnit { id } } }`,
        ),
      ),
    ).toEqual(['PARTNER_UNIT.ALREADY_EXISTS']);
    const types = (
      await org.connection
        .collection('outbox')
        .find({ 'envelope.type': /^org\.(grid|partner)/ })
        .sort({ _id: 1 })
        .toArray()
    ).map((r) => r.envelope.type);
    // Three assignments in the first test: the grid worker twice, then the party member.
    expect(types).toEqual([
      'org.grid-cell.created',
      'org.grid-role.assigned',
      'org.grid-role.assigned',
      'org.grid-role.assigned',
      'org.partner-unit.registered',
      'org.partner-agreement.signed',
    ]);
  });

  it('leaves grid cells to the community secretary, partner units to the street, and agreements to the community they are with', async () => {
    const secretary = personActor('idp|dongfang-shuji', 'COMMUNITY_SECRETARY', within({ communityIds: [communityId] }));
    const hetangSecretary = personActor(
      'idp|hetang-shuji',
      'COMMUNITY_SECRETARY',
      within({ communityIds: [otherCommunityId] }),
    );
    const gridWorker = personActor('idp|lu-wanggeyuan', 'GRID_WORKER', within({ communityIds: [communityId] }));
    const streetStaff = personActor(
      'idp|liuhe-gongzuozhan',
      'STREET_STAFF',
      within({ communityIds: [communityId, otherCommunityId] }),
    );

    const CREATE = `mutation($input: CreateGridCellInput!) { createGridCell(input: $input) { gridCell { id } } }`;
    const input = { communityId, name: '东方社区第2网格', buildingIds: buildingIds.slice(0, 1) };
    expect(errorCodes(await org.graphql(CREATE, { input }))).toEqual(['UNAUTHENTICATED']);
    for (const refused of [hetangSecretary, gridWorker])
      expect(errorCodes(await org.callSubgraph(CREATE, { input }, refused))).toEqual(['FORBIDDEN']);
    const cell = dataOf(await org.callSubgraph(CREATE, { input }, secretary)).createGridCell.gridCell;
    const ASSIGN = `mutation($id: ID!, $r: ID) { assignGridRole(input: { gridCellId: $id, role: OWNER, holderName: "居伟锋", residentId: $r }) { gridCell { id } } }`;
    const assign = { id: cell.id, r: '65f0000000000000000000a1' };
    expect(errorCodes(await org.callSubgraph(ASSIGN, assign, gridWorker))).toEqual(['FORBIDDEN']);
    dataOf(await org.callSubgraph(ASSIGN, assign, secretary));

    // 网格公示: the holders' names are public, the link to their resident record is not.
    const notice = await org.graphql(
      `query($id: ID!) { community(id: $id) { gridCells { edges { node { name roles { edges { node { holderName residentId } } } } } } } }`,
      { id: communityId },
    );
    expect(notice.data?.community.gridCells.edges[1].node).toEqual({
      name: '东方社区第2网格',
      roles: { edges: [{ node: { holderName: '居伟锋', residentId: null } }] },
    });
    // One refusal per holder: 第1网格's party member and grid worker, and 第2网格's owner.
    expect(errorCodes(notice)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);

    const REGISTER = `mutation { registerPartnerUnit(input: { name: "太仓市第一人民医院", kind: HOSPITAL }) { partnerUnit { id } } }`;
    expect(errorCodes(await org.callSubgraph(REGISTER, {}, secretary))).toEqual(['FORBIDDEN']);
    const hospital = dataOf(await org.callSubgraph(REGISTER, {}, streetStaff)).registerPartnerUnit.partnerUnit.id;
    const SIGN = `mutation($input: SignCoBuildingAgreementInput!) { signCoBuildingAgreement(input: $input) { partnerUnit { id } } }`;
    const agreement = {
      partnerUnitId: hospital,
      communityId,
      validFrom: '2025-01-01',
      validUntil: '2027-12-31',
      scope: '家庭医生工作室每周二、五坐诊',
    };
    for (const refused of [hetangSecretary, gridWorker])
      expect(errorCodes(await org.callSubgraph(SIGN, { input: agreement }, refused))).toEqual(['FORBIDDEN']);
    dataOf(await org.callSubgraph(SIGN, { input: agreement }, secretary));
    dataOf(await org.callSubgraph(SIGN, { input: { ...agreement, communityId: otherCommunityId } }, streetStaff));
  });
});

import { OrganizationUnderTest, dataOf, errorCodes, startOrganizationBehindGateway } from './organization.harness';

describe('grid cells and partner units through the gateway', () => {
  let org: OrganizationUnderTest;
  let communityId: string;
  let otherCommunityId: string;
  const buildingIds: string[] = [];

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    const community = (name: string) =>
      org.graphql(`mutation($n: String!) { createCommunity(input: { name: $n, street: "浏河镇", city: "苏州市 太仓市" }) { id } }`, { n: name });
    communityId = dataOf(await community('东方社区')).createCommunity.id;
    otherCommunityId = dataOf(await community('荷塘社区')).createCommunity.id;
    const compoundId = dataOf(await org.graphql(`mutation($c: ID!) { createCompound(input: { communityId: $c, name: "东方花苑" }) { id } }`, { c: communityId }))
      .createCompound.id;
    for (const name of ['1幢', '2幢', '3幢']) {
      buildingIds.push(dataOf(await org.graphql(`mutation($c: ID!, $n: String!) { createBuilding(input: { compoundId: $c, name: $n }) { id } }`, { c: compoundId, n: name })).createBuilding.id);
    }
  });
  afterAll(() => org?.stop());

  it('staffs a grid cell with the six roles (一格六员) and shows it under its community', async () => {
    const CREATE = `mutation($input: CreateGridCellInput!) { createGridCell(input: $input) { id name } }`;
    const cell = dataOf(await org.graphql(CREATE, { input: { communityId, name: '东方社区第1网格', buildingIds } })).createGridCell;
    dataOf(await org.graphql(`mutation($id: ID!) { assignGridRole(gridCellId: $id, role: GRID_WORKER, holderName: "沈雪珍") { id } }`, { id: cell.id }));
    const { assignGridRole } = dataOf(
      await org.graphql(`mutation($id: ID!) { assignGridRole(gridCellId: $id, role: GRID_WORKER, holderName: "陆文斌") { roles { role holderName } } }`, { id: cell.id }),
    );
    // The role changed hands: one holder, the latest.
    expect(assignGridRole.roles).toEqual([{ role: 'GRID_WORKER', holderName: '陆文斌' }]);

    const { community } = dataOf(await org.graphql(`query($id: ID!) { community(id: $id) { gridCells { totalCount edges { node { name buildingIds } } } } }`, { id: communityId }));
    expect(community.gridCells.totalCount).toBe(1);
    expect(community.gridCells.edges[0].node.buildingIds).toEqual(buildingIds);

    expect(errorCodes(await org.graphql(CREATE, { input: { communityId: otherCommunityId, name: '荷塘社区第1网格', buildingIds } }))).toEqual([
      'GRID_CELL.BUILDING_OUTSIDE_COMMUNITY',
    ]);
    expect(errorCodes(await org.graphql(`mutation { assignGridRole(gridCellId: "65f000000000000000000000", role: VOLUNTEER, holderName: "王建国") { id } }`))).toEqual([
      'GRID_CELL.NOT_FOUND',
    ]);
  });

  it('registers a partner unit, signs a co-building agreement and finds it by community', async () => {
    const { registerPartnerUnit } = dataOf(
      await org.graphql(`mutation { registerPartnerUnit(input: { name: "太仓市利群社区发展促进中心", kind: SOCIAL_ORGANISATION, resourcesOffered: [{ title: "邻里互助一对一结对" }] }) { id } }`),
    );
    const SIGN = `mutation($input: SignCoBuildingAgreementInput!) { signCoBuildingAgreement(input: $input) { agreements { scope community { name } } } }`;
    const signed = dataOf(
      await org.graphql(SIGN, { input: { partnerUnitId: registerPartnerUnit.id, communityId, validFrom: '2024-01-01', validUntil: '2026-12-31', scope: '“东方达人”邻里互助项目' } }),
    );
    expect(signed.signCoBuildingAgreement.agreements).toEqual([{ scope: '“东方达人”邻里互助项目', community: { name: '东方社区' } }]);

    const { partnerUnits } = dataOf(await org.graphql(`query($c: ID!) { partnerUnits(communityId: $c) { totalCount edges { node { name kind } } } }`, { c: communityId }));
    expect(partnerUnits.edges).toEqual([{ node: { name: '太仓市利群社区发展促进中心', kind: 'SOCIAL_ORGANISATION' } }]);
    expect(dataOf(await org.graphql(`query($c: ID!) { partnerUnits(communityId: $c) { totalCount } }`, { c: otherCommunityId })).partnerUnits.totalCount).toBe(0);

    expect(
      errorCodes(await org.graphql(SIGN, { input: { partnerUnitId: registerPartnerUnit.id, communityId, validFrom: '2026-01-01', validUntil: '2025-01-01', scope: '倒签' } })),
    ).toEqual(['PARTNER_AGREEMENT.INVALID_PERIOD']);
    expect(errorCodes(await org.graphql(`mutation { registerPartnerUnit(input: { name: "太仓市利群社区发展促进中心", kind: SOCIAL_ORGANISATION }) { id } }`))).toEqual([
      'PARTNER_UNIT.ALREADY_EXISTS',
    ]);
    const types = (await org.connection.collection('outbox').find({ 'envelope.type': /^org\.(grid|partner)/ }).sort({ _id: 1 }).toArray()).map((r) => r.envelope.type);
    expect(types).toEqual(['org.grid-cell.created', 'org.grid-role.assigned', 'org.grid-role.assigned', 'org.partner-unit.registered', 'org.partner-agreement.signed']);
  });
});

import { ANONYMOUS, type Actor } from '@gongzhi/contracts';
import { answerOf, NO_SUCH_ID, notFound, partnerActor, personActor, within } from '@gongzhi/testing';
import {
  dataOf,
  errorCodes,
  type GraphQLResult,
  type OrganizationUnderTest,
  startOrganizationBehindGateway,
} from './organization.harness';
import { territoryFixtures } from './territory.fixtures';

/** Who sees which households and residents, asked the way each caller would: through the gateway, or signed as them. */
describe('jurisdiction over households and residents', () => {
  let org: OrganizationUnderTest;
  /** 淞源社区 with 淞泽家园七区's 3幢 and 4幢; 梅淞社区 next door. */
  const place: Record<string, string> = {};
  const resident: Record<string, string> = {};
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    const make = territoryFixtures(org);
    place.songyuan = await make.community('淞源社区');
    place.meisong = await make.community('梅淞社区');
    place.qiqu = await make.compound(place.songyuan, '淞泽家园七区');
    place.building3 = await make.building(place.qiqu, '3幢');
    place.building4 = await make.building(place.qiqu, '4幢');
    const meihua = await make.building(await make.compound(place.meisong, '梅花新村'), '1幢');
    place.room301 = await make.household(place.building3, '301室');
    place.room302 = await make.household(place.building3, '302室');
    place.room401 = await make.household(place.building4, '401室');
    place.meisong101 = await make.household(meihua, '101室');
    resident.juWeifeng = await make.resident(place.room301, {
      name: '居伟锋',
      ageBand: 'AGE_18_TO_59',
      relation: 'OWNER',
      phone: '13912345678',
      idNumber: '320571198005120022',
    });
    resident.juXiaoming = await make.resident(place.room301, { name: '居小明', ageBand: 'AGE_6_TO_13' });
    resident.shenXuezhen = await make.resident(place.room302, {
      name: '沈雪珍',
      ageBand: 'AGE_60_TO_79',
      relation: 'OWNER',
      phone: '13800001111',
    });
    resident.luWenbin = await make.resident(place.room401, {
      name: '陆文斌',
      ageBand: 'AGE_18_TO_59',
      relation: 'TENANT',
    });
    resident.wangJianguo = await make.resident(place.meisong101, {
      name: '王建国',
      ageBand: 'AGE_60_TO_79',
      relation: 'OWNER',
    });

    const songyuan = within({ communityIds: [place.songyuan] });
    actors.buildingLeader = personActor(
      'idp|zhang-wei',
      'BUILDING_GROUP_LEADER',
      within({ buildingIds: [place.building3] }),
    );
    actors.secretary = personActor('idp|li-shuji', 'COMMUNITY_SECRETARY', songyuan);
    actors.gridWorker = personActor('idp|lu-wanggeyuan', 'GRID_WORKER', songyuan);
    actors.streetStaff = personActor('idp|xietang-gongzuozhan', 'STREET_STAFF', songyuan);
    actors.ownersCommittee = personActor('idp|yeweihui', 'OWNERS_COMMITTEE_MEMBER', songyuan);
    actors.juWeifeng = personActor('idp|ju-weifeng', 'RESIDENT', within({}), {
      residentId: resident.juWeifeng,
      householdId: place.room301,
    });
    actors.residentsPartner = partnerActor('pu-星海实验中学', ['organization:residents:read'], [place.songyuan]);
    actors.householdsPartner = partnerActor('pu-中海物业', ['organization:households:read'], [place.songyuan]);
    actors.meisongPartner = partnerActor('pu-梅淞卫生站', ['organization:residents:read'], [place.meisong]);
  });
  afterAll(() => org?.stop());

  const as = (actor: string, query: string, variables: Record<string, unknown> = {}) =>
    org.callSubgraph(query, variables, actors[actor]);
  const names = (result: GraphQLResult, field = 'residents') =>
    (result.data?.[field]?.edges ?? []).map((edge: any) => edge.node.name).sort();
  /** [path, code] of each error, in path order. */
  const refusals = (result: GraphQLResult) =>
    (result.errors ?? [])
      .map((error) => [error.path?.join('.'), error.extensions?.code])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  const RESIDENTS = `query($p: ID) { residents(placeId: $p, first: 50) { edges { node { name } } } }`;
  const RESIDENT = `query($id: ID!) { resident(id: $id) { name } }`;
  const HOUSEHOLD = `query($id: ID!) { household(id: $id) { unitNumber residents { edges { node { name } } } } }`;
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { name } ... on Household { unitNumber } } }`;

  it('shows anonymous callers the public territory and refuses residents on that field alone', async () => {
    const result = await org.graphql(
      `query($c: ID!, $b: ID!) {
        community(id: $c) { name compounds { edges { node { name buildings { edges { node { name } } } } } } }
        building(id: $b) { name households { totalCount } }
        residents(placeId: $c) { totalCount }
      }`,
      { c: place.songyuan, b: place.building3 },
    );
    expect(result.data).toEqual({
      community: {
        name: '淞源社区',
        compounds: {
          edges: [
            {
              node: {
                name: '淞泽家园七区',
                buildings: { edges: [{ node: { name: '3幢' } }, { node: { name: '4幢' } }] },
              },
            },
          ],
        },
      },
      building: { name: '3幢', households: null },
      residents: null,
    });
    expect(refusals(result)).toEqual([
      ['building.households', 'UNAUTHENTICATED'],
      ['residents', 'UNAUTHENTICATED'],
    ]);
  });

  it("shows a building group leader their building's residents and not the next building's", async () => {
    expect(names(await as('buildingLeader', RESIDENTS, { p: place.building3 }))).toEqual([
      '居伟锋',
      '居小明',
      '沈雪珍',
    ]);
    expect(names(await as('buildingLeader', RESIDENTS, {}))).toEqual(['居伟锋', '居小明', '沈雪珍']);
    // 3幢 lies in 淞源社区, so asking for the community answers with the part in reach.
    expect(names(await as('buildingLeader', RESIDENTS, { p: place.songyuan }))).toEqual(['居伟锋', '居小明', '沈雪珍']);
    // So does its compound, 淞泽家园七区; an id that names no place is refused as such.
    expect(names(await as('buildingLeader', RESIDENTS, { p: place.qiqu }))).toEqual(['居伟锋', '居小明', '沈雪珍']);
    expect(errorCodes(await as('buildingLeader', RESIDENTS, { p: place.room301 }))).toEqual(['PLACE.NOT_FOUND']);
    expect(errorCodes(await as('buildingLeader', RESIDENTS, { p: place.building4 }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await as('buildingLeader', RESIDENTS, { p: place.meisong }))).toEqual(['FORBIDDEN']);

    const next = await as(
      'buildingLeader',
      `query($own: ID!, $next: ID!, $b: ID!) { own: resident(id: $own) { name } next: resident(id: $next) { name } building(id: $b) { households { totalCount } } }`,
      {
        own: resident.shenXuezhen,
        next: resident.luWenbin,
        b: place.building4,
      },
    );
    expect(next.data).toEqual({ own: { name: '沈雪珍' }, next: null, building: { households: null } });
    // The next building's resident is none of the leader's business, not even that they exist: null, as for no one.
    expect(refusals(next)).toEqual([['building.households', 'FORBIDDEN']]);
  });

  it('checks the _entities path as strictly, for every representation on its own', async () => {
    const result = await as('buildingLeader', ENTITIES, {
      r: [
        { __typename: 'Resident', id: resident.juWeifeng },
        { __typename: 'Resident', id: resident.luWenbin },
        { __typename: 'Household', id: place.room302 },
        { __typename: 'Household', id: place.room401 },
      ],
    });
    expect(result.data?._entities).toEqual([{ name: '居伟锋' }, null, { unitNumber: '302室' }, null]);
    expect(refusals(result)).toEqual([
      ['_entities.1', 'FORBIDDEN'],
      ['_entities.3', 'FORBIDDEN'],
    ]);
    expect(
      errorCodes(
        await org.callSubgraph(ENTITIES, { r: [{ __typename: 'Resident', id: resident.juWeifeng }] }, ANONYMOUS),
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });

  it('shows a community secretary the whole community and nothing of another', async () => {
    expect(names(await as('secretary', RESIDENTS, { p: place.songyuan }))).toEqual([
      '居伟锋',
      '居小明',
      '沈雪珍',
      '陆文斌',
    ]);
    expect(errorCodes(await as('secretary', RESIDENTS, { p: place.meisong }))).toEqual(['FORBIDDEN']);
    expect(answerOf(await as('secretary', RESIDENT, { id: resident.wangJianguo }))).toEqual(notFound('resident'));
    expect(answerOf(await as('secretary', RESIDENT, { id: NO_SUCH_ID }))).toEqual(notFound('resident'));
    expect(answerOf(await as('secretary', HOUSEHOLD, { id: NO_SUCH_ID }))).toEqual(notFound('household'));
    expect(answerOf(await as('secretary', HOUSEHOLD, { id: place.meisong101 }))).toEqual(notFound('household'));
  });

  it("shows the owners' committee households but not the people in them", async () => {
    const result = await as('ownersCommittee', HOUSEHOLD, { id: place.room301 });
    expect(result.data).toEqual({ household: { unitNumber: '301室', residents: null } });
    expect(refusals(result)).toEqual([['household.residents', 'FORBIDDEN']]);
  });

  it('shows a resident themself and their household, and not the neighbours', async () => {
    expect(
      dataOf(await as('juWeifeng', HOUSEHOLD, { id: place.room301 }))
        .household.residents.edges.map((e: any) => e.node.name)
        .sort(),
    ).toEqual(['居伟锋', '居小明']);
    expect(dataOf(await as('juWeifeng', RESIDENT, { id: resident.juXiaoming })).resident.name).toBe('居小明');
    expect(names(await as('juWeifeng', RESIDENTS))).toEqual(['居伟锋', '居小明']);
    expect(answerOf(await as('juWeifeng', RESIDENT, { id: resident.shenXuezhen }))).toEqual(notFound('resident'));
    expect(answerOf(await as('juWeifeng', HOUSEHOLD, { id: place.room302 }))).toEqual(notFound('household'));
    expect(errorCodes(await as('juWeifeng', RESIDENTS, { p: place.building4 }))).toEqual(['FORBIDDEN']);
    const building = dataOf(
      await as('juWeifeng', `query($b: ID!) { building(id: $b) { households { edges { node { unitNumber } } } } }`, {
        b: place.building3,
      }),
    );
    expect(building.building.households.edges).toEqual([{ node: { unitNumber: '301室' } }]);
  });

  it('lets a partner read only with the scope its key carries, inside its communities, and never children', async () => {
    expect(names(await as('residentsPartner', RESIDENTS, { p: place.songyuan }))).toEqual([
      '居伟锋',
      '沈雪珍',
      '陆文斌',
    ]);
    expect(answerOf(await as('residentsPartner', RESIDENT, { id: resident.juXiaoming }))).toEqual(notFound('resident'));
    expect(answerOf(await as('residentsPartner', HOUSEHOLD, { id: place.room301 }))).toEqual(notFound('household'));

    const household = await as('householdsPartner', HOUSEHOLD, { id: place.room301 });
    expect(household.data).toEqual({ household: { unitNumber: '301室', residents: null } });
    expect(refusals(household)).toEqual([['household.residents', 'FORBIDDEN']]);
    expect(errorCodes(await as('householdsPartner', RESIDENTS, { p: place.songyuan }))).toEqual(['FORBIDDEN']);

    expect(names(await as('meisongPartner', RESIDENTS))).toEqual(['王建国']);
    expect(errorCodes(await as('meisongPartner', RESIDENTS, { p: place.songyuan }))).toEqual(['FORBIDDEN']);
    expect(answerOf(await as('meisongPartner', RESIDENT, { id: resident.juWeifeng }))).toEqual(notFound('resident'));
  });

  it('shows whole phone and ID numbers only to the roles that need them, masked to the others who see the resident', async () => {
    const CONTACT = `query($id: ID!) { resident(id: $id) { phone phoneMasked idNumber idNumberMasked } }`;
    const masked = { phoneMasked: '139****5678', idNumberMasked: '3205**********0022' };
    const whole = { phone: '13912345678', idNumber: '320571198005120022' };
    const seenBy = async (actor: string) => {
      const result = await as(actor, CONTACT, { id: resident.juWeifeng });
      return { ...result.data?.resident, refused: refusals(result).map(([path]) => path) };
    };
    expect(await seenBy('secretary')).toEqual({ ...whole, ...masked, refused: [] });
    expect(await seenBy('juWeifeng')).toEqual({ ...whole, ...masked, refused: [] });
    expect(await seenBy('gridWorker')).toEqual({
      phone: whole.phone,
      idNumber: null,
      ...masked,
      refused: ['resident.idNumber'],
    });
    expect(await seenBy('buildingLeader')).toEqual({
      phone: whole.phone,
      idNumber: null,
      ...masked,
      refused: ['resident.idNumber'],
    });
    for (const actor of ['streetStaff', 'residentsPartner']) {
      expect(await seenBy(actor)).toEqual({
        phone: null,
        idNumber: null,
        ...masked,
        refused: ['resident.idNumber', 'resident.phone'],
      });
    }
  });

  it('refuses an ID number that fails its checksum', async () => {
    const result = await org.callSubgraph(
      `mutation($input: MoveResidentInInput!) { moveResidentIn(input: $input) { resident { id } } }`,
      {
        input: {
          householdId: place.room302,
          name: '沈小燕',
          ageBand: 'AGE_18_TO_59',
          relation: 'FAMILY',
          idNumber: '320571198005120023',
        },
      },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'idNumber' }] });
  });
});

import { type Actor, PERSON_ACCESS_PATH, type PersonAccess, personAccessSchema } from '@gongzhi/contracts';
import {
  internalAuthorization,
  personActor,
  testDatabaseName,
  testEventsNamespace,
  testMongoUri,
  within,
} from '@gongzhi/testing';
import request from 'supertest';
import { grantRole } from '../src/access/grant-role';
import { loadDemoData } from '../src/demo/load-demo-data';
import { PersonalDataCipher } from '../src/personal-data/personal-data-cipher';
import {
  OrganizationUnderTest,
  TEST_SERVICE_ACTOR,
  dataOf,
  errorCodes,
  startOrganizationBehindGateway,
} from './organization.harness';

const GATEWAY: Actor = { kind: 'service', id: 'gateway', roles: [], scopes: [] };

/** People's roles over the demo tree of 斜塘街道, as the gateway reads them and as staff grant them. */
describe('role bindings and person access', () => {
  let org: OrganizationUnderTest;
  const place: Record<string, string> = {};
  const unit: Record<string, string> = {};

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    await loadDemoData(org.connection, org.app.get(PersonalDataCipher), () => undefined);
    const find = (collection: string, filter: Record<string, unknown>) =>
      org.connection
        .collection(collection)
        .findOne(filter)
        .then((doc) => doc!);
    const qiqu = await find('compounds', { name: '淞泽家园七区' });
    const building3 = await find('buildings', { compoundId: qiqu._id, name: '3幢' });
    const resident = await find('residents', { buildingId: building3._id, name: '罗淑芬' });
    const qiquBranch = await find('org_units', { name: '淞泽家园七区党支部' });
    Object.assign(place, {
      淞源社区: String((await find('communities', { name: '淞源社区' }))._id),
      淞泽家园七区: String(qiqu._id),
      七区3幢: String(building3._id),
      罗淑芬: String(resident._id),
      罗淑芬家: String(resident.householdId),
    });
    Object.assign(unit, {
      七区党支部: String(qiquBranch._id),
      七区4幢: String((await find('org_units', { parentId: qiquBranch._id, name: '4幢楼道党小组' }))._id),
      梅淞社区党委: String((await find('org_units', { name: '梅淞社区党委' }))._id),
    });
  });
  afterAll(() => org?.stop());

  const personAccess = (subject: string, actor: Actor = GATEWAY) =>
    internalAuthorization(actor, 'organization').then((auth) =>
      request(org.app.getHttpServer())
        .get(`${PERSON_ACCESS_PATH}/${encodeURIComponent(subject)}`)
        .set(auth),
    );

  /** The actor the gateway would build from a person's access. */
  const actorOf = async (subject: string): Promise<Actor> => {
    const access = personAccessSchema.parse((await personAccess(subject)).body);
    return { kind: 'person', id: access.subject, roles: access.roles, scopes: [] };
  };

  it("gives the gateway each demo user's roles with the jurisdiction of their unit's subtree", async () => {
    const xietang = (await org.connection.collection('communities').find({ street: '斜塘街道' }).toArray())
      .map((c) => String(c._id))
      .sort();
    const only = (subject: string) =>
      personAccess(subject).then((res) => {
        expect(res.status).toBe(200);
        const access: PersonAccess = personAccessSchema.parse(res.body);
        expect(access.roles).toHaveLength(1);
        return access;
      });

    const street = await only('demo:street-staff');
    expect(street).toMatchObject({
      name: '顾建国',
      residentId: null,
      householdId: null,
      roles: [{ role: 'STREET_STAFF' }],
    });
    expect(street.roles[0].jurisdiction).toEqual({ communityIds: expect.any(Array), compoundIds: [], buildingIds: [] });
    expect([...street.roles[0].jurisdiction.communityIds].sort()).toEqual(xietang);
    expect(xietang).toHaveLength(5);
    expect((await only('demo:auditor')).roles[0].jurisdiction).toEqual(street.roles[0].jurisdiction);

    expect((await only('demo:community-secretary')).roles[0].jurisdiction).toEqual(
      within({ communityIds: [place.淞源社区] }),
    );
    expect((await only('demo:grid-worker')).roles[0].jurisdiction).toEqual(within({ communityIds: [place.淞源社区] }));
    expect((await only('demo:compound-secretary')).roles[0].jurisdiction).toEqual(
      within({ compoundIds: [place.淞泽家园七区] }),
    );
    expect((await only('demo:owners-committee')).roles[0].jurisdiction).toEqual(
      within({ compoundIds: [place.淞泽家园七区] }),
    );
    expect((await only('demo:building-leader')).roles[0].jurisdiction).toEqual(
      within({ buildingIds: [place.七区3幢] }),
    );

    expect(await only('demo:resident')).toEqual({
      subject: 'demo:resident',
      name: '罗淑芬',
      residentId: place.罗淑芬,
      householdId: place.罗淑芬家,
      roles: [{ role: 'RESIDENT', orgUnitId: expect.any(String), jurisdiction: within({}) }],
    });
  });

  it('answers the gateway only, and 404 for a subject without roles', async () => {
    const refused = await personAccess('demo:street-staff', TEST_SERVICE_ACTOR);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(
      (await personAccess('demo:street-staff', personActor('demo:street-staff', 'STREET_STAFF', within({})))).status,
    ).toBe(403);

    const unknown = await personAccess('oidc|没有角色的人');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions.code).toBe('PERSON_ACCESS.NOT_FOUND');
  });

  it('resolves five roles in as many queries as one', async () => {
    const units = await org.connection
      .collection('org_units')
      .find({
        name: { $in: ['斜塘街道大工委', '淞源社区党委', '梅淞社区党委', '淞泽家园七区党支部', '淞泽家园八区党支部'] },
      })
      .toArray();
    await org.connection.collection('role_bindings').insertMany(
      units.map((u, i) => ({
        subject: 'oidc|身兼数职',
        name: '陆文斌',
        role: i % 2 ? 'GRID_WORKER' : 'AUDITOR',
        orgUnitId: u._id,
        residentId: null,
        grantedAt: new Date(),
        grantedBy: 'test',
      })),
    );
    const queriesFor = async (subject: string) => {
      const queries: string[] = [];
      org.connection.set('debug', (collection: string, method: string) => {
        if (['role_bindings', 'org_units', 'residents'].includes(collection)) queries.push(`${collection}.${method}`);
      });
      const res = await personAccess(subject);
      org.connection.set('debug', false);
      expect(res.status).toBe(200);
      return { queries, roles: res.body.roles.length };
    };
    const one = await queriesFor('demo:building-leader');
    const five = await queriesFor('oidc|身兼数职');
    expect(five.roles).toBe(5);
    expect(one.queries).toEqual(['role_bindings.find', 'org_units.find']);
    expect(five.queries).toEqual(one.queries);
  });

  const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { roleBinding { id subject role residentId grantedBy orgUnit { name } } } }`;
  const grantAt4幢 = (role = 'BUILDING_GROUP_LEADER', residentId?: string) => ({
    subject: 'oidc|七区4幢',
    name: '汤春燕',
    role,
    orgUnitId: unit.七区4幢,
    residentId,
  });

  it('lets staff above a unit grant, list and revoke its roles, and records each change with its event', async () => {
    const secretary = await actorOf('demo:community-secretary');
    const granted = dataOf(await org.callSubgraph(GRANT, { input: grantAt4幢() }, secretary)).grantRole.roleBinding;
    expect(granted).toMatchObject({
      subject: 'oidc|七区4幢',
      role: 'BUILDING_GROUP_LEADER',
      grantedBy: 'demo:community-secretary',
      orgUnit: { name: '4幢楼道党小组' },
    });
    expect(errorCodes(await org.callSubgraph(GRANT, { input: grantAt4幢() }, secretary))).toEqual([
      'ROLE_BINDING.ALREADY_EXISTS',
    ]);

    const street = await actorOf('demo:street-staff');
    const LIST = `query($unit: ID!) { roleBindings(orgUnitId: $unit) { totalCount edges { node { id name } } } }`;
    expect(dataOf(await org.callSubgraph(LIST, { unit: unit.七区4幢 }, street)).roleBindings).toEqual({
      totalCount: 1,
      edges: [{ node: { id: granted.id, name: '汤春燕' } }],
    });
    const REVOKE = `mutation($id: ID!) { revokeRole(input: { bindingId: $id }) { roleBinding { id role } } }`;
    expect(dataOf(await org.callSubgraph(REVOKE, { id: granted.id }, street)).revokeRole.roleBinding).toEqual({
      id: granted.id,
      role: 'BUILDING_GROUP_LEADER',
    });
    expect(errorCodes(await org.callSubgraph(REVOKE, { id: granted.id }, street))).toEqual(['ROLE_BINDING.NOT_FOUND']);

    const events = await org.connection
      .collection('outbox')
      .find({ 'envelope.payload.bindingId': granted.id })
      .sort({ _id: 1 })
      .toArray();
    expect(events.map((e) => [e.envelope.type, e.envelope.actor.id])).toEqual([
      ['access.role.granted', 'demo:community-secretary'],
      ['access.role.revoked', 'demo:street-staff'],
    ]);
  });

  it('refuses whoever is not staff above the unit, and a RESIDENT without a resident of the unit', async () => {
    const secretary = await actorOf('demo:community-secretary');
    expect(
      errorCodes(
        await org.callSubgraph(GRANT, { input: { ...grantAt4幢(), orgUnitId: unit.梅淞社区党委 } }, secretary),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await org.callSubgraph(GRANT, { input: grantAt4幢() }, await actorOf('demo:compound-secretary'))),
    ).toEqual(['FORBIDDEN']);
    const LIST = `query($unit: ID!) { roleBindings(orgUnitId: $unit) { totalCount } }`;
    expect(
      errorCodes(await org.callSubgraph(LIST, { unit: unit.七区党支部 }, await actorOf('demo:grid-worker'))),
    ).toEqual(['FORBIDDEN']);
    expect(errorCodes(await org.graphql(GRANT, { input: grantAt4幢() }))).toEqual(['UNAUTHENTICATED']);

    expect(errorCodes(await org.callSubgraph(GRANT, { input: grantAt4幢('RESIDENT') }, secretary))).toEqual([
      'BAD_USER_INPUT',
    ]);
    // 罗淑芬 lives in 3幢, not 4幢.
    expect(
      errorCodes(await org.callSubgraph(GRANT, { input: grantAt4幢('RESIDENT', place.罗淑芬) }, secretary)),
    ).toEqual(['ROLE_BINDING.RESIDENT_OUTSIDE_UNIT']);
    expect(await org.connection.collection('role_bindings').countDocuments({ subject: 'oidc|七区4幢' })).toBe(0);
  });

  describe('the grant-role ops command', () => {
    const env = {
      MONGODB_URI: testMongoUri(),
      MONGODB_DB: testDatabaseName('org'),
      EVENTS_NAMESPACE: testEventsNamespace(),
    };
    const run = async (...argv: string[]) => {
      const lines: string[] = [];
      const code = await grantRole(argv, env, { log: (line) => lines.push(line), error: (line) => lines.push(line) });
      return { code, output: lines.join('\n') };
    };

    it('explains bad input in a line and the usage, never with a stack trace', async () => {
      const badRole = await run(
        '--subject',
        'oidc|顾',
        '--name',
        '顾建国',
        '--role',
        'STREET_BOSS',
        '--unit',
        '东渚街道大工委',
      );
      expect(badRole.code).toBe(2);
      expect(badRole.output).toMatch(/^grant-role: role must be one of the following values: STREET_STAFF, /);
      expect(badRole.output).toContain('usage: node services/organization/dist/access/grant-role.js');
      expect((await run('--subject', 'oidc|顾')).output).toMatch(/^grant-role: missing --name, --role, --unit/);

      const ambiguous = await run(
        '--subject',
        'oidc|顾',
        '--name',
        '顾建国',
        '--role',
        'STREET_STAFF',
        '--unit',
        '3幢楼道党小组',
      );
      expect(ambiguous).toMatchObject({
        code: 1,
        output: expect.stringMatching(
          /^grant-role: more than 5 org units are called 3幢楼道党小组; pass one id instead: [0-9a-f]{24}, /,
        ),
      });
      for (const { output } of [badRole, ambiguous]) expect(output).not.toMatch(/\n\s+at /);
    });

    it('grants the first street staff role by unit name, with its event', async () => {
      const { code, output } = await run(
        '--subject',
        'oidc|东渚-顾',
        '--name',
        '顾建国',
        '--role',
        'STREET_STAFF',
        '--unit',
        '东渚街道大工委',
      );
      expect(output).toMatch(
        /^granted STREET_STAFF of 东渚街道大工委 to 顾建国 \(oidc\|东渚-顾\): role binding [0-9a-f]{24}$/,
      );
      expect(code).toBe(0);
      const event = await org.connection
        .collection('outbox')
        .findOne({ 'envelope.type': 'access.role.granted', 'envelope.payload.subject': 'oidc|东渚-顾' });
      expect(event!.envelope.actor).toEqual({ kind: 'service', id: 'ops:grant-role' });
    });
  });
});

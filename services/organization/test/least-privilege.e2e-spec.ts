import { type Actor, PERSON_ACCESS_PATH, personAccessSchema } from '@gongzhi/contracts';
import {
  internalAuthorization,
  partnerActor,
  testDatabaseName,
  testEventsNamespace,
  testMongoUri,
  waitFor,
} from '@gongzhi/testing';
import { Types } from 'mongoose';
import request from 'supertest';
import { grantRole } from '../src/access/grant-role';
import { loadDemoData } from '../src/demo/load-demo-data';
import { PersonalDataCipher } from '../src/personal-data/personal-data-cipher';
import {
  dataOf,
  errorCodes,
  type GraphQLResult,
  type OrganizationUnderTest,
  startOrganizationBehindGateway,
} from './organization.harness';

const GATEWAY: Actor = { kind: 'service', id: 'gateway', roles: [], scopes: [] };

/**
 * Who may grant what, on the demo tree of 斜塘街道: nobody grants themself a role; a role comes only from staff whose
 * own role outranks it above the unit, AUDITOR from street staff alone; a role fits the tier of its unit; every grant
 * and revocation is in the audit trail; and a refusal says nothing about what exists.
 */
describe('least privilege in granting roles', () => {
  let org: OrganizationUnderTest;
  const unit: Record<string, string> = {};
  const resident: Record<string, string> = {};
  const actor: Record<string, Actor> = {};

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    await loadDemoData(org.connection, org.app.get(PersonalDataCipher), () => undefined);
    const find = (collection: string, filter: Record<string, unknown>) =>
      org.connection
        .collection(collection)
        .findOne(filter)
        .then((doc) => doc!);
    const qiquBranch = await find('org_units', { name: '淞泽家园七区党支部' });
    Object.assign(unit, {
      斜塘街道大工委: String((await find('org_units', { name: '斜塘街道大工委' }))._id),
      淞源社区党委: String((await find('org_units', { name: '淞源社区党委' }))._id),
      梅淞社区党委: String((await find('org_units', { name: '梅淞社区党委' }))._id),
      七区党支部: String(qiquBranch._id),
      七区4幢: String((await find('org_units', { parentId: qiquBranch._id, name: '4幢楼道党小组' }))._id),
    });
    const meisong = await find('communities', { name: '梅淞社区' });
    resident.梅淞 = String((await find('residents', { communityId: meisong._id }))._id);
    resident.罗淑芬 = String((await find('residents', { name: '罗淑芬' }))._id);
    for (const subject of [
      'demo:street-staff',
      'demo:community-secretary',
      'demo:compound-secretary',
      'demo:resident',
      'demo:auditor',
    ]) {
      const auth = await internalAuthorization(GATEWAY, 'organization');
      const access = personAccessSchema.parse(
        (
          await request(org.app.getHttpServer())
            .get(`${PERSON_ACCESS_PATH}/${encodeURIComponent(subject)}`)
            .set(auth)
        ).body,
      );
      actor[subject.slice('demo:'.length)] = { kind: 'person', id: access.subject, roles: access.roles, scopes: [] };
    }
    actor.partner = partnerActor('pu-中海物业', ['organization:households:read', 'organization:residents:read'], []);
  });
  afterAll(() => org?.stop());

  const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { roleBinding { id role grantedBy } } }`;
  const REVOKE = `mutation($id: ID!) { revokeRole(input: { bindingId: $id }) { roleBinding { id } } }`;
  const grant = (
    as: string,
    input: { subject: string; role: string; orgUnitId: string; residentId?: string; name?: string },
  ) => org.callSubgraph(GRANT, { input: { name: '测试人员', ...input } }, actor[as]);
  const refusal = (result: GraphQLResult) => [result.errors?.[0]?.extensions?.code, result.errors?.[0]?.message];
  const bindingsOf = (subject: string) => org.connection.collection('role_bindings').countDocuments({ subject });

  it('lets nobody grant a role to themself: the community secretary cannot make itself AUDITOR, nor a grid worker', async () => {
    const secretary = actor['community-secretary'];
    expect(
      errorCodes(
        await grant('community-secretary', { subject: secretary.id, role: 'AUDITOR', orgUnitId: unit.淞源社区党委 }),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await grant('community-secretary', {
          subject: secretary.id,
          role: 'GRID_WORKER',
          orgUnitId: unit.淞源社区党委,
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await grant('street-staff', {
          subject: actor['street-staff'].id,
          role: 'AUDITOR',
          orgUnitId: unit.斜塘街道大工委,
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    // Nor can it read the trail with a role it does not have.
    expect((await org.callSubgraph(`{ auditTrail { totalCount } }`, {}, secretary)).data).toEqual({ auditTrail: null });
    expect(await bindingsOf(secretary.id)).toBe(1);
  });

  it('grants only what the granter outranks, above the unit; AUDITOR only from street staff; peers and street staff only from ops', async () => {
    // The community secretary: roles below its own, inside its community.
    expect(
      dataOf(
        await grant('community-secretary', {
          subject: 'oidc|淞源-网格员',
          role: 'GRID_WORKER',
          orgUnitId: unit.淞源社区党委,
        }),
      ).grantRole.roleBinding,
    ).toMatchObject({ role: 'GRID_WORKER', grantedBy: 'demo:community-secretary' });
    for (const role of ['AUDITOR', 'COMMUNITY_SECRETARY', 'STREET_STAFF']) {
      expect(
        errorCodes(
          await grant('community-secretary', { subject: 'oidc|淞源-某人', role, orgUnitId: unit.淞源社区党委 }),
        ),
      ).toEqual(['FORBIDDEN']);
    }
    expect(
      errorCodes(
        await grant('community-secretary', {
          subject: 'oidc|梅淞-网格员',
          role: 'GRID_WORKER',
          orgUnitId: unit.梅淞社区党委,
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    // Street staff: a community secretary and an auditor for the street, but no peer.
    expect(
      dataOf(
        await grant('street-staff', {
          subject: 'oidc|梅淞-书记',
          role: 'COMMUNITY_SECRETARY',
          orgUnitId: unit.梅淞社区党委,
        }),
      ).grantRole.roleBinding.role,
    ).toBe('COMMUNITY_SECRETARY');
    expect(
      dataOf(
        await grant('street-staff', { subject: 'oidc|斜塘-审计', role: 'AUDITOR', orgUnitId: unit.斜塘街道大工委 }),
      ).grantRole.roleBinding.role,
    ).toBe('AUDITOR');
    expect(
      errorCodes(
        await grant('street-staff', {
          subject: 'oidc|斜塘-新同事',
          role: 'STREET_STAFF',
          orgUnitId: unit.斜塘街道大工委,
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    // Neither a compound secretary, a resident, an auditor nor a partner grants anything.
    for (const as of ['compound-secretary', 'resident', 'auditor', 'partner']) {
      expect(
        errorCodes(
          await grant(as, {
            subject: 'oidc|七区4幢',
            role: 'RESIDENT',
            orgUnitId: unit.七区4幢,
            residentId: resident.罗淑芬,
          }),
        ),
      ).toEqual(['FORBIDDEN']);
    }
    expect(await bindingsOf('oidc|淞源-某人')).toBe(0);
  });

  it('binds a role only to a unit of its tier: no street staff or secretary on a building group', async () => {
    const mismatch = await grant('street-staff', {
      subject: 'oidc|4幢-书记',
      role: 'COMMUNITY_SECRETARY',
      orgUnitId: unit.七区4幢,
    });
    expect(mismatch.errors?.[0]).toMatchObject({
      extensions: { code: 'ROLE_BINDING.TIER_MISMATCH', role: 'COMMUNITY_SECRETARY', tier: 5, allowedTiers: [3] },
    });
    expect(
      errorCodes(
        await grant('street-staff', { subject: 'oidc|七区-审计', role: 'AUDITOR', orgUnitId: unit.七区党支部 }),
      ),
    ).toEqual(['ROLE_BINDING.TIER_MISMATCH']);
    expect(
      errorCodes(
        await grant('community-secretary', {
          subject: 'oidc|七区-楼道长',
          role: 'BUILDING_GROUP_LEADER',
          orgUnitId: unit.七区党支部,
        }),
      ),
    ).toEqual(['ROLE_BINDING.TIER_MISMATCH']);
    expect(
      errorCodes(
        await org.callSubgraph(GRANT, {
          input: { subject: 'svc|x', name: '测试', role: 'STREET_STAFF', orgUnitId: unit.七区4幢 },
        }),
      ),
    ).toEqual(['ROLE_BINDING.TIER_MISMATCH']);

    // The ops command keeps working for the first street staff, and keeps to the same fit.
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
    expect(
      await run('--subject', 'oidc|斜塘-钱', '--name', '钱志强', '--role', 'STREET_STAFF', '--unit', unit.七区4幢),
    ).toEqual({
      code: 1,
      output: 'grant-role: STREET_STAFF is bound to an org unit of tier 1 or 2, not tier 5',
    });
    expect(
      await run('--subject', 'oidc|斜塘-钱', '--name', '钱志强', '--role', 'STREET_STAFF', '--unit', '斜塘街道大工委'),
    ).toMatchObject({ code: 0 });
  });

  it('revokes by the same rule, and a binding the caller may not revoke answers as one that does not exist', async () => {
    const auditorBinding = await org.connection.collection('role_bindings').findOne({ subject: 'oidc|斜塘-审计' });
    const ownBinding = await org.connection
      .collection('role_bindings')
      .findOne({ subject: 'demo:community-secretary' });
    const nothing = String(new Types.ObjectId());
    const asSecretary = await Promise.all(
      [auditorBinding!._id, ownBinding!._id, nothing].map((id) =>
        org.callSubgraph(REVOKE, { id: String(id) }, actor['community-secretary']),
      ),
    );
    expect(asSecretary.map((result) => result.errors?.[0]?.extensions?.code)).toEqual([
      'ROLE_BINDING.NOT_FOUND',
      'ROLE_BINDING.NOT_FOUND',
      'ROLE_BINDING.NOT_FOUND',
    ]);
    expect(errorCodes(await org.callSubgraph(REVOKE, { id: nothing }, actor.partner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await org.callSubgraph(REVOKE, { id: String(auditorBinding!._id) }, actor.partner))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      dataOf(await org.callSubgraph(REVOKE, { id: String(auditorBinding!._id) }, actor['street-staff'])).revokeRole
        .roleBinding.id,
    ).toBe(String(auditorBinding!._id));
  });

  it('keeps every grant and revocation in the audit trail, with who did it', async () => {
    const auditorBinding = String(
      (await org.connection
        .collection('outbox')
        .findOne({ 'envelope.type': 'access.role.granted', 'envelope.payload.subject': 'oidc|斜塘-审计' }))!.envelope
        .payload.bindingId,
    );
    const TRAIL = `query($id: ID) { auditTrail(subjectId: $id) { edges { node { kind actor { id } summary } } } }`;
    const trail = async () =>
      (await org.callSubgraph(TRAIL, { id: auditorBinding }, actor.auditor)).data?.auditTrail.edges.map(
        (edge: any) => edge.node,
      ) ?? [];
    await waitFor(
      async () => (await trail()).length === 2,
      'the grant and the revocation of the auditor role to reach the audit trail',
    );
    expect(await trail()).toEqual([
      {
        kind: 'access.role.revoked',
        actor: { id: 'demo:street-staff' },
        summary: expect.stringContaining('Revoked AUDITOR'),
      },
      {
        kind: 'access.role.granted',
        actor: { id: 'demo:street-staff' },
        summary: expect.stringContaining('Granted AUDITOR'),
      },
    ]);
  });

  it("shows an auditor the trail of their own street only: a grant in 东渚街道 is not 斜塘街道's auditor's to read", async () => {
    const longjing = await org.connection.collection('communities').findOne({ name: '龙景社区' });
    const longjingCommittee = await org.connection.collection('org_units').findOne({ name: '龙景社区党委' });
    const granted = dataOf(
      await org.callSubgraph(
        GRANT,
        {
          input: {
            subject: 'oidc|龙景-网格员',
            name: '网格员',
            role: 'GRID_WORKER',
            orgUnitId: String(longjingCommittee!._id),
          },
        },
        GATEWAY,
      ),
    ).grantRole.roleBinding;
    const TRAIL = `query($id: ID) { auditTrail(subjectId: $id) { totalCount edges { node { kind summary } } } }`;
    const trailFor = async (caller: Actor) =>
      (await org.callSubgraph(TRAIL, { id: granted.id }, caller)).data?.auditTrail;
    await waitFor(async () => (await trailFor(GATEWAY))?.totalCount === 1, 'the grant in 龙景社区 to reach the trail');
    // 东渚街道's auditor (bound over its communities) reads it; 斜塘街道's, whose street it is not, does not.
    const dongzhuAuditor: Actor = {
      kind: 'person',
      id: 'oidc|东渚-审计',
      scopes: [],
      roles: [
        {
          role: 'AUDITOR',
          orgUnitId: 'unit-of-东渚街道大工委',
          jurisdiction: { communityIds: [String(longjing!._id)], compoundIds: [], buildingIds: [] },
        },
      ],
    };
    expect((await trailFor(dongzhuAuditor)).edges).toEqual([
      { node: { kind: 'access.role.granted', summary: expect.stringContaining('Granted GRID_WORKER') } },
    ]);
    expect(await trailFor(actor.auditor)).toEqual({ totalCount: 0, edges: [] });
    // The whole trail as 斜塘街道's auditor reads it holds none of 东渚街道's entries, and still its own.
    const whole = dataOf(
      await org.callSubgraph(`{ auditTrail(first: 100) { edges { node { summary } } } }`, {}, actor.auditor),
    ).auditTrail.edges.map((edge: { node: { summary: string } }) => edge.node.summary);
    expect(whole.some((summary: string) => summary.includes(String(longjingCommittee!._id)))).toBe(false);
    expect(whole.some((summary: string) => summary.includes(unit.斜塘街道大工委))).toBe(true);
  });

  describe('refusals that say nothing about what exists', () => {
    it('answers a partner key alike for a unit that exists and one that does not', async () => {
      const answers = await Promise.all(
        [unit.淞源社区党委, String(new Types.ObjectId())].map((orgUnitId) =>
          grant('partner', { subject: 'oidc|物业-经理', role: 'GRID_WORKER', orgUnitId }),
        ),
      );
      expect(refusal(answers[0])[0]).toBe('FORBIDDEN');
      expect(refusal(answers[1])).toEqual(refusal(answers[0]));
    });

    it('answers staff alike for a resident outside what they look after and one that does not exist', async () => {
      const answers = await Promise.all(
        [resident.梅淞, String(new Types.ObjectId())].map((residentId) =>
          grant('community-secretary', {
            subject: 'oidc|淞源-网格员2',
            role: 'GRID_WORKER',
            orgUnitId: unit.淞源社区党委,
            residentId,
          }),
        ),
      );
      expect(refusal(answers[0])[0]).toBe('RESIDENT.NOT_FOUND');
      expect(refusal(answers[1])[0]).toBe('RESIDENT.NOT_FOUND');
      expect(await bindingsOf('oidc|淞源-网格员2')).toBe(0);
    });
  });
});

import type { Actor } from '@gongzhi/contracts';
import { personActor, waitFor, within } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { ConsentService } from '../src/consent/consent.service';
import { dataOf, errorCodes, type OrganizationUnderTest, startOrganizationBehindGateway } from './organization.harness';
import { territoryFixtures } from './territory.fixtures';

/** PIPL at 淞源社区: residents' consents (a guardian's for a child under 14), and the audit trail of sensitive reads. */
describe('consents and the access-audit trail', () => {
  let org: OrganizationUnderTest;
  const resident: Record<string, string> = {};
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    const make = territoryFixtures(org);
    const songyuan = await make.community('淞源社区');
    const building3 = await make.building(await make.compound(songyuan, '淞泽家园七区'), '3幢');
    const [room301, room302] = [await make.household(building3, '301室'), await make.household(building3, '302室')];
    resident.father = await make.resident(room301, { name: '居伟锋', ageBand: 'AGE_18_TO_59', relation: 'OWNER' });
    resident.grandmother = await make.resident(room301, { name: '沈雪珍', ageBand: 'AGE_60_TO_79' });
    resident.child = await make.resident(room301, { name: '居小明', ageBand: 'AGE_6_TO_13' });
    resident.teen = await make.resident(room301, { name: '居小雨', ageBand: 'AGE_14_TO_17' });
    resident.neighbour = await make.resident(room302, { name: '陆文斌', ageBand: 'AGE_18_TO_59', relation: 'OWNER' });

    const community = within({ communityIds: [songyuan] });
    actors.secretary = personActor('idp|li-shuji', 'COMMUNITY_SECRETARY', community);
    actors.gridWorker = personActor('idp|lu-wanggeyuan', 'GRID_WORKER', community);
    actors.buildingLeader = personActor('idp|zhang-wei', 'BUILDING_GROUP_LEADER', within({ buildingIds: [building3] }));
    // 斜塘街道's auditor, bound over the street's communities (here: 淞源社区); the trail is theirs to read, no one else's.
    actors.auditor = personActor('idp|xietang-auditor', 'AUDITOR', community);
    actors.father = personActor('idp|ju-weifeng', 'RESIDENT', within({}), {
      residentId: resident.father,
      householdId: room301,
    });
    actors.teen = personActor('idp|ju-xiaoyu', 'RESIDENT', within({}), {
      residentId: resident.teen,
      householdId: room301,
    });
    actors.neighbour = personActor('idp|lu-wenbin', 'RESIDENT', within({}), {
      residentId: resident.neighbour,
      householdId: room302,
    });
  });
  afterAll(() => org?.stop());

  const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id kind purpose purposes purposesUnmatched guardianResidentId withdrawnAt } } }`;
  const WITHDRAW = `mutation($id: ID!) { withdrawConsent(input: { consentId: $id }) { consent { id withdrawnAt } } }`;
  const record = (actor: string, input: Record<string, unknown>) => org.callSubgraph(RECORD, { input }, actors[actor]);
  const consentEvents = async (type: string) =>
    (await org.connection.collection('outbox').find({ 'envelope.type': type }).sort({ _id: 1 }).toArray()).map(
      (event) => event.envelope,
    );

  it("takes a child's consent from a guardian: an adult of the same household", async () => {
    const guardian = {
      residentId: resident.child,
      kind: 'GUARDIAN',
      purposes: ['WEEKEND_CHILD_STATION', 'FAMILY_DOCTOR'],
      purpose: '周末儿童驿站托管及家庭医生',
      guardianResidentId: resident.father,
    };
    const consent = dataOf(await record('father', guardian)).recordConsent.consent;
    expect(consent).toMatchObject({
      kind: 'GUARDIAN',
      purposes: ['WEEKEND_CHILD_STATION', 'FAMILY_DOCTOR'],
      purposesUnmatched: false,
      purpose: '周末儿童驿站托管及家庭医生',
      guardianResidentId: resident.father,
      withdrawnAt: null,
    });
    const [event] = await consentEvents('org.resident.consent-recorded');
    expect(event).toMatchObject({
      actor: { kind: 'person', id: 'idp|ju-weifeng' },
      payload: {
        consentId: consent.id,
        residentId: resident.child,
        kind: 'GUARDIAN',
        purposes: ['WEEKEND_CHILD_STATION', 'FAMILY_DOCTOR'],
        guardianResidentId: resident.father,
      },
    });

    // What it covers is named from services' offer, at least one, each once; nothing is recorded otherwise.
    for (const purposes of [[], ['WEEKEND_CHILD_STATION', 'WEEKEND_CHILD_STATION']]) {
      const refused = await record('father', { ...guardian, purposes });
      expect(refused.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'BAD_USER_INPUT',
            fields: [expect.objectContaining({ field: 'purposes' })],
          }),
        }),
      ]);
    }
    expect(errorCodes(await record('father', { ...guardian, purposes: ['托育'] }))).toEqual(['BAD_USER_INPUT']);

    expect(
      errorCodes(await record('secretary', { ...guardian, kind: 'SENSITIVE_DATA', guardianResidentId: undefined })),
    ).toEqual(['CONSENT.GUARDIAN_REQUIRED']);
    expect(errorCodes(await record('secretary', { ...guardian, guardianResidentId: resident.teen }))).toEqual([
      'CONSENT.INVALID_GUARDIAN',
    ]);
    expect(errorCodes(await record('secretary', { ...guardian, guardianResidentId: resident.neighbour }))).toEqual([
      'CONSENT.INVALID_GUARDIAN',
    ]);
    expect(errorCodes(await record('neighbour', { ...guardian, guardianResidentId: resident.neighbour }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await record('neighbour', guardian))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await record('buildingLeader', guardian))).toEqual(['FORBIDDEN']);
    expect(await consentEvents('org.resident.consent-recorded')).toHaveLength(1);
  });

  it('takes consent to sensitive data from 14 from the resident, or from a signed form through staff covering them; either may withdraw it', async () => {
    const teens = dataOf(
      await record('teen', {
        residentId: resident.teen,
        kind: 'SENSITIVE_DATA',
        purposes: ['PSYCHOLOGICAL_CARE'],
        purpose: '心理关爱服务',
      }),
    ).recordConsent.consent;
    expect(
      errorCodes(
        await record('secretary', {
          residentId: resident.teen,
          kind: 'GUARDIAN',
          purposes: ['PSYCHOLOGICAL_CARE'],
          purpose: '心理关爱服务',
          guardianResidentId: resident.father,
        }),
      ),
    ).toEqual(['CONSENT.GUARDIAN_ONLY_FOR_CHILDREN']);
    expect(
      errorCodes(
        await record('father', {
          residentId: resident.grandmother,
          kind: 'SENSITIVE_DATA',
          purposes: ['MEAL_AND_SHOPPING_HELP'],
          purpose: '居家养老助餐服务',
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    const grandmothers = dataOf(
      await record('gridWorker', {
        residentId: resident.grandmother,
        kind: 'SENSITIVE_DATA',
        purposes: ['MEAL_AND_SHOPPING_HELP'],
        purpose: '居家养老助餐服务',
      }),
    ).recordConsent.consent;

    expect(errorCodes(await org.callSubgraph(WITHDRAW, { id: grandmothers.id }, actors.neighbour))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      dataOf(await org.callSubgraph(WITHDRAW, { id: teens.id }, actors.teen)).withdrawConsent.consent.withdrawnAt,
    ).toEqual(expect.any(String));
    expect(errorCodes(await org.callSubgraph(WITHDRAW, { id: teens.id }, actors.secretary))).toEqual([
      'CONSENT.ALREADY_WITHDRAWN',
    ]);
    expect(errorCodes(await org.callSubgraph(WITHDRAW, { id: '65f000000000000000000000' }))).toEqual([
      'CONSENT.NOT_FOUND',
    ]);
    expect((await consentEvents('org.resident.consent-withdrawn')).map((event) => event.payload)).toEqual([
      { consentId: teens.id, residentId: resident.teen, kind: 'SENSITIVE_DATA', withdrawnAt: expect.any(String) },
    ]);
  });

  it('shows consents to the community office and grid workers covering the resident, and to the household', async () => {
    const CONSENTS = `query($id: ID!) { resident(id: $id) { name consents { kind purposes purpose withdrawnAt } } }`;
    for (const actor of ['gridWorker', 'father']) {
      expect(dataOf(await org.callSubgraph(CONSENTS, { id: resident.teen }, actors[actor])).resident.consents).toEqual([
        {
          kind: 'SENSITIVE_DATA',
          purposes: ['PSYCHOLOGICAL_CARE'],
          purpose: '心理关爱服务',
          withdrawnAt: expect.any(String),
        },
      ]);
    }
    const leader = await org.callSubgraph(CONSENTS, { id: resident.teen }, actors.buildingLeader);
    expect(leader.data).toEqual({ resident: { name: '居小雨', consents: null } });
    expect(errorCodes(leader)).toEqual(['FORBIDDEN']);
  });

  it("audits every read of a child's record with who, which fields and why, and shows the trail to auditors alone", async () => {
    const TRAIL = `query($subject: ID, $kind: String) { auditTrail(subjectId: $subject, kind: $kind) { totalCount edges { node {
      kind actor { kind id } subjectType subjectId residentId fields purpose source requestId summary } } } }`;
    await org.callSubgraph(
      `query($id: ID!) { resident(id: $id) { name ageBand household { unitNumber } } }`,
      { id: resident.child },
      actors.secretary,
      {
        requestId: 'req-tuoyu-0001',
        purpose: '托育补贴资格核对',
      },
    );
    // A list read: one event per child's record, none for the adults beside them.
    await org.callSubgraph(
      `{ residents(first: 10) { edges { node { name phoneMasked } } } }`,
      {},
      actors.buildingLeader,
    );

    const trail = async (variables: { subject?: string; kind: string }) =>
      (await org.callSubgraph(TRAIL, variables, actors.auditor)).data?.auditTrail;
    const childReads = { subject: resident.child, kind: 'access.sensitive-record.read' };
    // Three reads: these two, and moving 居小明 in (the mutation's answer is a read too).
    await waitFor(
      async () => (await trail(childReads))?.totalCount === 3,
      "the audit trail to show the reads of 居小明's record",
    );
    expect((await trail(childReads)).edges.map((edge: any) => edge.node)).toEqual([
      {
        kind: 'access.sensitive-record.read',
        actor: { kind: 'person', id: 'idp|zhang-wei' },
        subjectType: 'Resident',
        subjectId: resident.child,
        residentId: null,
        fields: ['name', 'phoneMasked'],
        purpose: 'not stated',
        source: 'organization',
        requestId: 'test-request',
        summary: `Read name, phoneMasked of Resident ${resident.child} (CHILD_UNDER_14)`,
      },
      {
        kind: 'access.sensitive-record.read',
        actor: { kind: 'person', id: 'idp|li-shuji' },
        subjectType: 'Resident',
        subjectId: resident.child,
        residentId: null,
        fields: ['name', 'ageBand', 'household'],
        purpose: '托育补贴资格核对',
        source: 'organization',
        requestId: 'req-tuoyu-0001',
        summary: `Read name, ageBand, household of Resident ${resident.child} (CHILD_UNDER_14)`,
      },
      expect.objectContaining({ actor: { kind: 'service', id: 'organization-tests' }, fields: ['id'] }),
    ]);
    expect(
      await org.connection.collection('outbox').countDocuments({ 'envelope.type': 'access.sensitive-record.read' }),
    ).toBe(3);

    const consentsGiven = { kind: 'org.resident.consent-recorded' };
    await waitFor(
      async () => (await trail(consentsGiven))?.totalCount === 3,
      'the three consents given to reach the trail',
    );
    // Newest first: the guardian's consent, given first, comes last.
    expect((await trail(consentsGiven)).edges.at(-1).node).toMatchObject({
      subjectType: 'Consent',
      residentId: resident.child,
      purpose: '周末儿童驿站托管及家庭医生',
      summary: `GUARDIAN consent for 周末儿童驿站托管及家庭医生 covering WEEKEND_CHILD_STATION, FAMILY_DOCTOR given by guardian ${resident.father}`,
    });

    const refused = await org.callSubgraph(`{ auditTrail { totalCount } }`, {}, actors.secretary);
    expect(refused.data).toEqual({ auditTrail: null });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await org.graphql(`{ auditTrail { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
  });
  it('names the purposes of consents recorded before purposes were named, once, from their words; unknown words are flagged', async () => {
    // Two consents as they were kept before: words only. One says what it is for; the other names nothing known.
    const earlier = (purpose: string) => ({
      _id: new Types.ObjectId(),
      kind: 'SENSITIVE_DATA',
      purpose,
      guardianResidentId: null,
      givenAt: new Date('2024-03-01T09:00:00+08:00'),
      withdrawnAt: null,
    });
    const [meals, unknown] = [earlier('居家养老助餐服务'), earlier('社区活动报名')];
    await org.connection.collection('residents').updateOne({ _id: new Types.ObjectId(resident.grandmother) }, {
      $push: { consents: { $each: [meals, unknown] } },
    } as never);

    const consents = org.app.get(ConsentService);
    expect(await consents.mapPurposesOfEarlierConsents()).toBe(2);
    expect(await consents.mapPurposesOfEarlierConsents()).toBe(0);

    const CONSENTS = `query($id: ID!) { resident(id: $id) { consents { id purposes purposesUnmatched purpose } } }`;
    const shown = dataOf(await org.callSubgraph(CONSENTS, { id: resident.grandmother }, actors.secretary)).resident
      .consents;
    expect(
      shown.filter((consent: { id: string }) => [String(meals._id), String(unknown._id)].includes(consent.id)),
    ).toEqual([
      {
        id: String(meals._id),
        purposes: ['MEAL_AND_SHOPPING_HELP'],
        purposesUnmatched: false,
        purpose: '居家养老助餐服务',
      },
      { id: String(unknown._id), purposes: [], purposesUnmatched: true, purpose: '社区活动报名' },
    ]);
    // Consents recorded with their purposes are left as they were.
    expect(shown.filter((consent: { purposesUnmatched: boolean }) => !consent.purposesUnmatched)).toHaveLength(2);
    expect((await consentEvents('org.resident.consent-purposes-mapped')).map((event) => event.payload)).toEqual([
      {
        consentId: String(meals._id),
        residentId: resident.grandmother,
        kind: 'SENSITIVE_DATA',
        purposes: ['MEAL_AND_SHOPPING_HELP'],
        unmatched: false,
      },
      {
        consentId: String(unknown._id),
        residentId: resident.grandmother,
        kind: 'SENSITIVE_DATA',
        purposes: [],
        unmatched: true,
      },
    ]);
    // Auditors see which consents were mapped, and which cover nothing until given again.
    const TRAIL = `query($subject: ID) { auditTrail(subjectId: $subject, kind: "org.resident.consent-purposes-mapped") { edges { node { residentId summary } } } }`;
    const mapped = async (consentId: string) =>
      (await org.callSubgraph(TRAIL, { subject: consentId }, actors.auditor)).data?.auditTrail?.edges ?? [];
    await waitFor(async () => (await mapped(String(unknown._id))).length === 1, 'the mapping to reach the trail');
    expect((await mapped(String(unknown._id)))[0].node).toEqual({
      residentId: resident.grandmother,
      summary:
        'SENSITIVE_DATA consent recorded before purposes were named: its words matched none, it covers nothing until given again',
    });
  });
});

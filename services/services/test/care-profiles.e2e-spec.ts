import { waitFor } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { copyOrganizationDirectory } from '../src/demo/organization-copy';
import { dataOf, errorCodes, type Federation, startFederation } from './services.harness';

type Row = Record<string, any>;

/**
 * Care recipients' profiles rest on the consents residents gave in organization (PIPL): a child's profile on a
 * guardian's consent, health notes on the separate consent to sensitive data. Through the gateway, on the demo of
 * 斜塘街道: 罗淑芬 for her daughter, the grid worker for an elder of 淞泽家园七区.
 */
describe('care profiles', () => {
  let fed: Federation;
  const id: Record<string, string> = {};
  const as: Record<string, Record<string, string>> = {};
  const post = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    (await fed.gateways.post(query, variables, headers)).body;
  const directoryHas = (residentId: string, filter: Row = {}) =>
    waitFor(
      async () =>
        (await fed.services.connection
          .collection('directory_residents')
          .countDocuments({ _id: new Types.ObjectId(residentId), ...filter })) === 1,
      "organization's event to reach services",
    );

  beforeAll(async () => {
    fed = await startFederation();
    await copyOrganizationDirectory(fed.services.connection, fed.org.connection);
    const residents = fed.org.connection.collection<Row>('residents');
    const luo = (await residents.findOne({ name: '罗淑芬' }))!;
    const qiqu = (await fed.org.connection.collection<Row>('compounds').findOne({ name: '淞泽家园七区' }))!;
    const elder = (await residents.findOne({
      compoundId: qiqu._id,
      ageBand: { $in: ['AGE_60_TO_79', 'AGE_80_PLUS'] },
      movedOutAt: null,
    }))!;
    Object.assign(id, { 罗淑芬: String(luo._id), 老人: String(elder._id) });
    id.罗小雨 = dataOf(
      await fed.org.call(
        `mutation($h: ID!) { moveResidentIn(input: { householdId: $h, name: "罗小雨", ageBand: AGE_6_TO_13, relation: FAMILY }) { resident { id } } }`,
        { h: String(luo.householdId) },
      ),
    ).moveResidentIn.resident.id;
    await directoryHas(id.罗小雨);
    for (const subject of ['resident', 'grid-worker', 'compound-secretary', 'building-leader'])
      as[subject] = await fed.gateways.asPerson(`demo:${subject}`);
    as.gridWorkerWithPurpose = { ...as['grid-worker'], 'x-purpose': encodeURIComponent('独居老人走访') };
  });
  afterAll(() => fed?.stop());

  const RECORD = `mutation($input: RecordCareProfileInput!) { recordCareProfile(input: $input) { careProfile { kind needs livesAlone } } }`;
  const PROFILE = `query($id: ID!) { resident(id: $id) { name careProfile { kind needs livesAlone health { conditions allergies mobility } } } }`;
  const CONSENT = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } } }`;

  it("refuses a child's profile without a guardian's consent, and keeps it once the guardian gave one", async () => {
    const daughter = { residentId: id.罗小雨, kind: 'CHILD', needs: ['放学接送'], health: { allergies: ['花生'] } };
    expect(errorCodes(await post(RECORD, { input: daughter }, as.resident))).toEqual([
      'CARE_PROFILE.GUARDIAN_CONSENT_REQUIRED',
    ]);
    expect(await fed.services.connection.collection('care_profiles').countDocuments()).toBe(0);

    const consent = await post(
      CONSENT,
      {
        input: {
          residentId: id.罗小雨,
          kind: 'GUARDIAN',
          purposes: ['WEEKEND_CHILD_STATION'],
          purpose: '托育',
          guardianResidentId: id.罗淑芬,
        },
      },
      as.resident,
    );
    expect(consent.errors).toBeUndefined();
    id.监护同意 = consent.data.recordConsent.consent.id;
    await directoryHas(id.罗小雨, { 'consents.kind': 'GUARDIAN' });
    expect((await post(RECORD, { input: daughter }, as.resident)).data).toEqual({
      recordCareProfile: { careProfile: { kind: 'CHILD', needs: ['放学接送'], livesAlone: false } },
    });
    expect(errorCodes(await post(RECORD, { input: { ...daughter, kind: 'ELDER' } }, as.resident))).toEqual([
      'CARE_PROFILE.KIND_MISMATCH',
    ]);

    expect(await post(PROFILE, { id: id.罗小雨 }, as.resident)).toEqual({
      data: {
        resident: {
          name: '罗小雨',
          careProfile: {
            kind: 'CHILD',
            needs: ['放学接送'],
            livesAlone: false,
            health: { conditions: [], allergies: ['花生'], mobility: null },
          },
        },
      },
      extensions: { cost: expect.objectContaining({ requestedQueryCost: expect.any(Number) }) },
    });
    const audited = await fed.services.connection
      .collection('outbox')
      .find({ 'envelope.type': 'access.sensitive-record.read', 'envelope.payload.residentId': id.罗小雨 })
      .toArray();
    expect(audited.map((read) => [read.envelope.payload.category, read.envelope.payload.fields])).toEqual(
      expect.arrayContaining([
        ['CHILD_UNDER_14', expect.arrayContaining(['kind', 'needs', 'health'])],
        ['HEALTH', ['health.conditions', 'health.allergies', 'health.mobility']],
      ]),
    );
  });

  it("keeps an elder's health notes only with their separate consent, shows them to few and audits each read", async () => {
    const elder = { residentId: id.老人, kind: 'ELDER', livesAlone: true, needs: ['助餐', '助浴'] };
    const withHealth = {
      ...elder,
      health: { conditions: ['高血压'], mobility: 'NEEDS_SUPPORT', medication: '每日早晚服降压药' },
    };
    expect(errorCodes(await post(RECORD, { input: withHealth }, as['grid-worker']))).toEqual([
      'CARE_PROFILE.HEALTH_CONSENT_REQUIRED',
    ]);
    expect((await post(RECORD, { input: elder }, as['grid-worker'])).data.recordCareProfile.careProfile).toEqual({
      kind: 'ELDER',
      needs: ['助餐', '助浴'],
      livesAlone: true,
    });

    const consent = await post(
      CONSENT,
      {
        input: {
          residentId: id.老人,
          kind: 'SENSITIVE_DATA',
          purposes: ['HEALTH_CONSULTATION'],
          purpose: '居家养老健康管理',
        },
      },
      as['grid-worker'],
    );
    expect(consent.errors).toBeUndefined();
    id.健康同意 = consent.data.recordConsent.consent.id;
    await directoryHas(id.老人, { 'consents.kind': 'SENSITIVE_DATA' });
    expect((await post(RECORD, { input: withHealth }, as['grid-worker'])).errors).toBeUndefined();

    const forSecretary = await post(PROFILE, { id: id.老人 }, as['compound-secretary']);
    expect(forSecretary.data.resident.careProfile).toEqual({
      kind: 'ELDER',
      needs: ['助餐', '助浴'],
      livesAlone: true,
      health: null,
    });
    expect(forSecretary.errors).toEqual([
      expect.objectContaining({
        path: ['resident', 'careProfile', 'health'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
    const readsBefore = await healthReads(id.老人);
    // Twice at once, as a double-click would: the gateway never folds audited reads into one (every read its entry).
    const forGridWorker = await Promise.all([1, 2].map(() => post(PROFILE, { id: id.老人 }, as.gridWorkerWithPurpose)));
    for (const answer of forGridWorker)
      expect(answer.data.resident.careProfile.health).toEqual({
        conditions: ['高血压'],
        allergies: [],
        mobility: 'NEEDS_SUPPORT',
      });
    const reads = await healthReads(id.老人);
    expect(reads).toHaveLength(readsBefore.length + 2);
    expect(reads.at(-1)).toMatchObject({
      actor: { id: 'demo:grid-worker' },
      payload: { subjectType: 'CareProfile', category: 'HEALTH', purpose: '独居老人走访' },
    });
  });

  it('erases what rested on a consent when it is withdrawn: the health notes, or a child’s whole profile', async () => {
    const WITHDRAW = `mutation($id: ID!) { withdrawConsent(input: { consentId: $id }) { consent { withdrawnAt } } }`;
    expect((await post(WITHDRAW, { id: id.监护同意 }, as.resident)).errors).toBeUndefined();
    expect((await post(WITHDRAW, { id: id.健康同意 }, as['grid-worker'])).errors).toBeUndefined();
    const profiles = fed.services.connection.collection('care_profiles');
    await waitFor(
      async () => (await profiles.countDocuments({ residentId: new Types.ObjectId(id.罗小雨) })) === 0,
      "the child's profile to go",
    );
    await waitFor(
      async () => (await profiles.findOne({ residentId: new Types.ObjectId(id.老人) }))?.health === null,
      "the elder's health notes to go",
    );
    expect((await post(PROFILE, { id: id.罗小雨 }, as.resident)).data.resident.careProfile).toBeNull();
    const erased = await fed.services.connection
      .collection('outbox')
      .find({ 'envelope.type': 'care.profile.erased' })
      .toArray();
    expect(erased.map((event) => event.envelope.payload).sort((a, b) => a.erased.localeCompare(b.erased))).toEqual([
      { residentId: id.老人, erased: 'HEALTH_NOTES' },
      { residentId: id.罗小雨, erased: 'PROFILE' },
    ]);
  });

  async function healthReads(residentId: string) {
    const reads = await fed.services.connection
      .collection('outbox')
      .find({ 'envelope.type': 'access.sensitive-record.read', 'envelope.payload.residentId': residentId })
      .sort({ _id: 1 })
      .toArray();
    return reads.map((read) => read.envelope);
  }
});

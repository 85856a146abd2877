import type { Actor } from '@gongzhi/contracts';
import { partnerActor, personActor, testPersonalDataKeyEnv, within } from '@gongzhi/testing';
import { randomBytes } from 'node:crypto';
import { verifyKeyRing } from '../src/personal-data/key-check';
import { PersonalDataCipher } from '../src/personal-data/personal-data-cipher';
import { loadPersonalDataKeyRing } from '../src/personal-data/personal-data-keys';
import { resealResidents } from '../src/personal-data/reseal-personal-data';
import {
  dataOf,
  errorCodes,
  type GraphQLResult,
  type OrganizationUnderTest,
  startOrganizationBehindGateway,
} from './organization.harness';
import { territoryFixtures } from './territory.fixtures';

/**
 * PIPL: residents' phone and 居民身份证 numbers are sealed at rest. Read with the plain driver, nothing organization
 * stores — residents, the outbox its events leave from, the audit trail, any other collection — holds a number in
 * clear; the roles that may still see them whole, masked or look people up by them; keys rotate without losing a
 * lookup; a wrong key is refused with a message that says so.
 */
describe('personal data at rest', () => {
  let org: OrganizationUnderTest;
  const place: Record<string, string> = {};
  const resident: Record<string, string> = {};
  const actors: Record<string, Actor> = {};
  const PHONE = '13912345678';
  const ID_NUMBER = '320571198005120022';
  const OTHER_PHONE = '13800001111';

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    const make = territoryFixtures(org);
    place.songyuan = await make.community('淞源社区');
    place.meisong = await make.community('梅淞社区');
    const qiqu = await make.compound(place.songyuan, '淞泽家园七区');
    place.building3 = await make.building(qiqu, '3幢');
    const room301 = await make.household(place.building3, '301室');
    const meisong101 = await make.household(
      await make.building(await make.compound(place.meisong, '梅花新村'), '1幢'),
      '101室',
    );
    resident.juWeifeng = await make.resident(room301, {
      name: '居伟锋',
      ageBand: 'AGE_18_TO_59',
      relation: 'OWNER',
      phone: PHONE,
      idNumber: ID_NUMBER,
    });
    resident.wangJianguo = await make.resident(meisong101, {
      name: '王建国',
      ageBand: 'AGE_60_TO_79',
      relation: 'OWNER',
      phone: OTHER_PHONE,
    });
    const songyuan = within({ communityIds: [place.songyuan] });
    actors.secretary = personActor('idp|li-shuji', 'COMMUNITY_SECRETARY', songyuan);
    actors.gridWorker = personActor('idp|lu-wanggeyuan', 'GRID_WORKER', songyuan);
    actors.streetStaff = personActor('idp|xietang-gongzuozhan', 'STREET_STAFF', songyuan);
    actors.juWeifeng = personActor('idp|ju-weifeng', 'RESIDENT', within({}), {
      residentId: resident.juWeifeng,
      householdId: room301,
    });
    actors.partner = partnerActor('pu-星海实验中学', ['organization:residents:read'], [place.songyuan]);
  });
  afterAll(() => org?.stop());

  /** Every document of every collection of organization's database, as the plain driver (or a backup) sees it. */
  const everythingStored = async () => {
    const db = org.connection.db!;
    const collections = await db.listCollections().toArray();
    const dumps = await Promise.all(
      collections.map(async ({ name }) => JSON.stringify(await db.collection(name).find().toArray())),
    );
    return dumps.join('\n');
  };
  /** The number, and the parts of it long enough to name someone (masking shows 3 + 4 digits). */
  const tracesOf = (value: string) => [value, value.slice(0, 8), value.slice(-8)];

  it('stores no phone or ID number in clear: not in the residents, the outbox of its events, the audit trail, anywhere', async () => {
    const raw = await org.connection.collection('residents').findOne({ name: '居伟锋' });
    expect(raw).not.toHaveProperty('phone');
    expect(raw).not.toHaveProperty('idNumber');
    expect(raw!.phoneSealed).toEqual({ keyId: 'test-1', data: expect.any(String), lookup: expect.any(String) });
    expect(raw!.idNumberSealed).toEqual({ keyId: 'test-1', data: expect.any(String), lookup: expect.any(String) });
    // The residents' events went out through the outbox: they are there, and carry no number.
    expect(await org.connection.collection('outbox').countDocuments({ 'envelope.type': 'org.resident.moved-in' })).toBe(
      2,
    );
    const stored = await everythingStored();
    for (const value of [PHONE, ID_NUMBER, OTHER_PHONE])
      for (const trace of tracesOf(value)) expect(stored).not.toContain(trace);
  });

  it('shows the numbers whole to the roles that need them and masked to the others, as before', async () => {
    const CONTACT = `query($id: ID!) { resident(id: $id) { phone phoneMasked idNumber idNumberMasked } }`;
    expect(dataOf(await org.callSubgraph(CONTACT, { id: resident.juWeifeng }, actors.secretary)).resident).toEqual({
      phone: PHONE,
      phoneMasked: '139****5678',
      idNumber: ID_NUMBER,
      idNumberMasked: '3205**********0022',
    });
    const seenByStaff = await org.callSubgraph(CONTACT, { id: resident.juWeifeng }, actors.streetStaff);
    expect(seenByStaff.data?.resident).toEqual({
      phone: null,
      phoneMasked: '139****5678',
      idNumber: null,
      idNumberMasked: '3205**********0022',
    });
  });

  describe('finding a resident by number', () => {
    const BY_NUMBER = `query($phone: String, $idNumber: String) { residents(phone: $phone, idNumber: $idNumber, first: 10) { edges { node { name } } } }`;
    const names = (result: GraphQLResult<any>) => dataOf(result).residents.edges.map((edge: any) => edge.node.name);

    it('finds them by phone and by ID number, inside the caller’s jurisdiction', async () => {
      expect(names(await org.callSubgraph(BY_NUMBER, { phone: PHONE }, actors.secretary))).toEqual(['居伟锋']);
      expect(names(await org.callSubgraph(BY_NUMBER, { idNumber: ID_NUMBER }, actors.secretary))).toEqual(['居伟锋']);
      expect(names(await org.callSubgraph(BY_NUMBER, { phone: PHONE }, actors.gridWorker))).toEqual(['居伟锋']);
      // 王建国 lives in 梅淞社区, outside the secretary's community.
      expect(names(await org.callSubgraph(BY_NUMBER, { phone: OTHER_PHONE }, actors.secretary))).toEqual([]);
      expect(names(await org.callSubgraph(BY_NUMBER, { phone: '13900000000' }, actors.secretary))).toEqual([]);
    });

    it('is only for those who may see the whole number', async () => {
      expect(errorCodes(await org.callSubgraph(BY_NUMBER, { idNumber: ID_NUMBER }, actors.gridWorker))).toEqual([
        'FORBIDDEN',
      ]);
      expect(errorCodes(await org.callSubgraph(BY_NUMBER, { phone: PHONE }, actors.streetStaff))).toEqual([
        'FORBIDDEN',
      ]);
      expect(errorCodes(await org.callSubgraph(BY_NUMBER, { phone: PHONE }, actors.partner))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await org.callSubgraph(BY_NUMBER, { phone: PHONE }, actors.juWeifeng))).toEqual(['FORBIDDEN']);
    });

    it('refuses a number that is not one, as bad input', async () => {
      expect(errorCodes(await org.callSubgraph(BY_NUMBER, { phone: '12345' }, actors.secretary))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(
        errorCodes(await org.callSubgraph(BY_NUMBER, { idNumber: '320571198005120023' }, actors.secretary)),
      ).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('keys', () => {
    const ring = (activeKeyId: string, keys: Record<string, string>) =>
      new PersonalDataCipher(
        loadPersonalDataKeyRing({
          PERSONAL_DATA_KEYS: JSON.stringify({
            activeKeyId,
            keys: Object.entries(keys).map(([id, secret]) => ({ id, secret })),
          }),
        }),
      );
    const testKey = () => JSON.parse(testPersonalDataKeyEnv().PERSONAL_DATA_KEYS).keys[0].secret as string;

    it('refuses a different secret under a key id the database knows, and a ring that lacks a key in use, saying which', async () => {
      const wrong = ring('test-1', { 'test-1': randomBytes(32).toString('base64') });
      await expect(verifyKeyRing(org.connection, wrong)).rejects.toThrow(
        'key "test-1" is not the key this database knows under that id',
      );
      const lacking = ring('2027-01', { '2027-01': randomBytes(32).toString('base64') });
      await expect(verifyKeyRing(org.connection, lacking)).rejects.toThrow(
        'lacks key(s) "test-1" that residents\' numbers are sealed with',
      );
      const raw = await org.connection.collection('residents').findOne({ name: '居伟锋' });
      expect(() => lacking.open('phone', raw!._id, raw!.phoneSealed)).toThrow(
        'sealed with key "test-1", which is not in the key ring',
      );
    });

    it('rotates: the reseal command moves every number to the new key, resumably, and lookups keep working throughout', async () => {
      const rotated = ring('2027-01', { 'test-1': testKey(), '2027-01': randomBytes(32).toString('base64') });
      // A resident registered before numbers were sealed at rest: the same command seals them.
      const legacy = await org.connection.collection('residents').findOne({ name: '王建国' });
      await org.connection.collection('residents').insertOne({
        ...legacy!,
        _id: undefined,
        name: '王小红',
        phoneSealed: undefined,
        phone: '13700002222',
        idNumber: '320571198005120030',
      });

      expect(await resealResidents(org.connection, rotated, { batchSize: 1 })).toEqual({ resealed: 3, remaining: 0 });
      expect(await resealResidents(org.connection, rotated)).toEqual({ resealed: 0, remaining: 0 });
      const raw = await org.connection
        .collection('residents')
        .find({}, { sort: { name: 1 } })
        .toArray();
      expect(raw.map((doc) => [doc.phoneSealed?.keyId, doc.phone, doc.idNumber])).toEqual(
        raw.map(() => ['2027-01', undefined, undefined]),
      );
      const stored = await everythingStored();
      for (const value of ['13700002222', '320571198005120030'])
        for (const trace of tracesOf(value)) expect(stored).not.toContain(trace);

      const juWeifeng = raw.find((doc) => doc.name === '居伟锋')!;
      expect(rotated.open('idNumber', juWeifeng._id, juWeifeng.idNumberSealed)).toBe(ID_NUMBER);
      // The old key alone no longer opens them; the rotated ring does, and finds by number under either key.
      expect(() => ring('test-1', { 'test-1': testKey() }).open('phone', juWeifeng._id, juWeifeng.phoneSealed)).toThrow(
        'sealed with key "2027-01"',
      );
      expect(
        await org.connection
          .collection('residents')
          .countDocuments({ 'phoneSealed.lookup': { $in: rotated.lookups('phone', '13700002222') } }),
      ).toBe(1);
      // A ciphertext moved to another record does not open there.
      const wang = raw.find((doc) => doc.name === '王建国')!;
      expect(() => rotated.open('phone', wang._id, juWeifeng.phoneSealed)).toThrow('does not open with key "2027-01"');
    });
  });
});

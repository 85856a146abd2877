import { testDatabaseName, testMongoUri, testPersonalDataKeyEnv } from '@gongzhi/testing';
import mongoose, { Connection } from 'mongoose';
import { DEMO_USERS } from '../src/demo/demo-users';
import { loadDemoData } from '../src/demo/load-demo-data';
import { PersonalDataCipher } from '../src/personal-data/personal-data-cipher';
import { loadPersonalDataKeyRing } from '../src/personal-data/personal-data-keys';

describe('demo data', () => {
  let connection: Connection;
  const lines: string[] = [];
  const cipher = new PersonalDataCipher(loadPersonalDataKeyRing(testPersonalDataKeyEnv()));

  beforeAll(async () => {
    connection = await mongoose.createConnection(testMongoUri(), { dbName: testDatabaseName('demo') }).asPromise();
    await loadDemoData(connection, cipher, (line) => lines.push(line));
  });
  afterAll(() => connection?.close());

  it('echoes the field reports: Xietang has 105 building party groups', async () => {
    const xietang = await connection.collection('org_units').findOne({ tier: 1, name: '斜塘街道大工委' });
    expect(await connection.collection('org_units').countDocuments({ ancestorIds: xietang!._id, tier: 5 })).toBe(105);
  });

  it('names the places of the reports, with a few hundred residents in households with floor areas', async () => {
    const communities = await connection.collection('communities').distinct('name');
    expect(communities).toEqual(
      expect.arrayContaining([
        '淞源社区',
        '龙惠社区',
        '青山绿庭社区',
        '华盛社区',
        '荷塘社区',
        '牛咡桥社区',
        '府街社区',
      ]),
    );
    expect(await connection.collection('compounds').findOne({ name: '九龙巷62号' })).toMatchObject({
      hasPropertyCompany: false,
    });
    const residents = await connection.collection('residents').countDocuments();
    expect(residents).toBeGreaterThan(200);
    expect(residents).toBeLessThan(1000);
    expect(await connection.collection('households').countDocuments({ floorArea: { $not: { $gt: 0 } } })).toBe(0);
    const partner = await connection.collection('partner_units').findOne({ name: '苏州高博软件技术职业学院' });
    expect(partner?.agreements).toHaveLength(1);
  });

  it("classifies every community by one of eight types defined for every city, as Taicang's 把脉画像 does", async () => {
    const types = await connection.collection('community_profile_types').find({ city: null }).toArray();
    expect(types.map((type) => type.name).sort()).toEqual(
      ['动迁安置型', '商品房型', '老旧小区型', '村改居型', '产业园区型', '高校园区型', '混合型', '涉农型'].sort(),
    );
    const communities = await connection.collection('communities').find().toArray();
    const typeIds = new Set(types.map((type) => String(type._id)));
    expect(communities.filter((community) => !typeIds.has(String(community.profileTypeId)))).toEqual([]);
    const songyuan = communities.find((community) => community.name === '淞源社区');
    expect(types.find((type) => String(type._id) === String(songyuan!.profileTypeId))).toMatchObject({
      code: songyuan!.profile,
      name: '动迁安置型',
    });
  });

  it("keeps 淞源社区's three lists (三份清单), with its lift need taken up by a project in progress", async () => {
    const songyuan = await connection.collection('communities').findOne({ name: '淞源社区' });
    const items = await connection.collection('community_list_items').find({ communityId: songyuan!._id }).toArray();
    expect(
      items
        .filter((item) => item.list === 'RESPONSIBILITY')
        .map((item) => item.duty)
        .sort(),
    ).toEqual(['ASSIST', 'ASSIST', 'PERFORM', 'PERFORM']);
    expect(items.filter((item) => item.list === 'NEED').map((item) => item.title)).toContain('老旧小区加装电梯');
    const partner = await connection.collection('partner_units').findOne({ name: '斜塘淞泽物业服务有限公司' });
    expect(
      items.filter((item) => item.list === 'RESOURCE').every((item) => item.partnerUnitId.equals(partner!._id)),
    ).toBe(true);
    const project = await connection.collection('co_building_projects').findOne({ communityId: songyuan!._id });
    expect(project).toMatchObject({ status: 'IN_PROGRESS', partnerUnitId: partner!._id });
    expect(project!.history.map((step: { status: string }) => step.status)).toEqual([
      'PROPOSED',
      'APPROVED',
      'IN_PROGRESS',
    ]);
  });

  it('uses the territorial tier names of seed 004 for Shizhong district', async () => {
    expect(await connection.collection('org_units').findOne({ tier: 1, name: '市中区' })).toMatchObject({
      tierScheme: 'territorial',
    });
  });

  it('binds a demo user for each role but PARTNER, without events', async () => {
    const bindings = await connection.collection('role_bindings').find().toArray();
    expect(bindings.map((binding) => binding.subject).sort()).toEqual(DEMO_USERS.map((user) => user.subject).sort());
    expect(new Set(bindings.map((binding) => binding.role)).size).toBe(8);
    // The demo resident's binding points at her own record: 罗淑芬 of 淞泽家园七区 3幢.
    const residentOf = async (subject: string, compound: string, building: string) => {
      const binding = bindings.find((candidate) => candidate.subject === subject);
      const place = await connection.collection('compounds').findOne({ name: compound });
      const inBuilding = await connection.collection('buildings').findOne({ compoundId: place?._id, name: building });
      const resident = await connection.collection('residents').findOne({ _id: binding?.residentId });
      expect(binding?.role).toBe('RESIDENT');
      expect(String(resident?.buildingId)).toBe(String(inBuilding?._id));
      return resident!;
    };
    expect((await residentOf('demo:resident', '淞泽家园七区', '3幢')).name).toBe('罗淑芬');
    // Those who can see the demo's votes: an owner of 麓谷小镇, whose owners voted, who owns a second unit there (one
    // head, both areas); an adult of 九龙巷62号, whose residents named it by ranked choice.
    const luMin = await residentOf('demo:lugu-owner', '麓谷小镇', '1幢');
    expect([luMin.name, luMin.relation]).toEqual(['陆敏', 'OWNER']);
    expect(await connection.collection('households').countDocuments({ 'owners.residentId': luMin._id })).toBe(2);
    const guoMin = await residentOf('demo:jiulong-resident', '九龙巷62号', '1幢');
    expect([guoMin.name, guoMin.ageBand]).toEqual(['郭敏', 'AGE_18_TO_59']);
    expect(await connection.collection('outbox').countDocuments()).toBe(0);
  });

  it('loads idempotently: a second run adds nothing', async () => {
    const before = await connection.collection('org_units').countDocuments();
    const secondRun: string[] = [];
    await loadDemoData(connection, cipher, (line) => secondRun.push(line));
    expect(await connection.collection('org_units').countDocuments()).toBe(before);
    expect(secondRun.filter((line) => line.includes('already loaded'))).toHaveLength(5);
    expect(secondRun).toContain(`demo data: 0 demo users added, ${DEMO_USERS.length} already there`);
  });

  it('seals every phone number it writes, and seals numbers an older load left in clear', async () => {
    const residents = connection.collection('residents');
    expect(await residents.countDocuments({ phone: { $exists: true } })).toBe(0);
    const withPhones = await residents.find({ phoneSealed: { $exists: true } }).toArray();
    expect(withPhones.length).toBeGreaterThan(100);
    expect(
      withPhones.every((resident) => /^139\d{8}$/.test(cipher.open('phone', resident._id, resident.phoneSealed))),
    ).toBe(true);

    // A database loaded before numbers were sealed at rest: the next load (npm start runs it every time) seals them.
    const older = withPhones[0];
    await residents.updateOne({ _id: older._id }, { $set: { phone: '13912340000' }, $unset: { phoneSealed: '' } });
    const thirdRun: string[] = [];
    await loadDemoData(connection, cipher, (line) => thirdRun.push(line));
    expect(thirdRun).toContain('demo data: 1 residents\' numbers sealed with key "test-1"');
    const sealed = await residents.findOne({ _id: older._id });
    expect(sealed).not.toHaveProperty('phone');
    expect(cipher.open('phone', older._id, sealed!.phoneSealed)).toBe('13912340000');
  });
});

import { type GatewaysInFront, startGatewaysInFront, waitFor } from '@gongzhi/testing';
import { loadDemoData } from '../src/demo/load-demo-data';
import { PersonalDataCipher } from '../src/personal-data/personal-data-cipher';
import { dataOf, errorCodes, type OrganizationUnderTest, startOrganizationBehindGateway } from './organization.harness';

/**
 * The three lists (三份清单) of Taicang's report (003), end to end through two gateway replicas on the demo of 斜塘街道:
 * a partner unit under agreement with 淞源社区 shows a resource with its own key (亮资源), the community office posts
 * a need (提需求) and drafts resources against it (拟清单), and a project takes both up (设项目) and moves through
 * its steps; a partner without an agreement is refused, the lists filter and page, and a resident reads but cannot edit.
 */
describe('the three lists and their projects', () => {
  let org: OrganizationUnderTest;
  let gw: GatewaysInFront;
  const id: Record<string, string> = {};
  const key: Record<string, Record<string, string>> = {};
  let secretary: Record<string, string>;
  let resident: Record<string, string>;

  const ITEM = `id list title duty partnerUnit { name } community { name } matchedResources { title }`;
  const PROJECT = `id title status partnerUnit { name } need { title } resources { title } nextSteps
    history { edges { node { status note } } }`;
  const OFFER = `mutation($input: OfferResourceInput!) { offerResource(input: $input) { communityListItem { ${ITEM} } } }`;
  const POST_NEED = `mutation($input: PostNeedInput!) { postNeed(input: $input) { communityListItem { ${ITEM} } } }`;
  const MATCH = `mutation($input: MatchResourcesToNeedInput!) { matchResourcesToNeed(input: $input) { communityListItem { ${ITEM} } } }`;
  const SET_UP = `mutation($input: SetUpCoBuildingProjectInput!) { setUpCoBuildingProject(input: $input) { coBuildingProject { ${PROJECT} } } }`;
  const step = (mutation: string) =>
    `mutation($input: CoBuildingProjectStepInput!) { ${mutation}(input: $input) { coBuildingProject { ${PROJECT} } } }`;
  const CANCEL = `mutation($input: CancelCoBuildingProjectInput!) { cancelCoBuildingProject(input: $input) { coBuildingProject { ${PROJECT} } } }`;
  const ITEMS = `query($placeId: ID, $list: CommunityList, $partnerUnitId: ID, $first: Int, $after: String) {
    communityListItems(placeId: $placeId, list: $list, partnerUnitId: $partnerUnitId, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ${ITEM} } } } }`;
  const PROJECTS = `query($placeId: ID, $status: CoBuildingProjectStatus, $partnerUnitId: ID) {
    coBuildingProjects(placeId: $placeId, status: $status, partnerUnitId: $partnerUnitId) {
      totalCount edges { node { ${PROJECT} } } } }`;
  const titles = (connection: { edges: { node: { title: string } }[] }) => connection.edges.map((e) => e.node.title);
  const outboxOf = (projectId: string) =>
    org.connection.collection('outbox').find({ 'envelope.payload.projectId': projectId }).sort({ _id: 1 }).toArray();

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    await loadDemoData(org.connection, org.app.get(PersonalDataCipher), () => undefined);
    const find = (collection: string, filter: Record<string, unknown>) =>
      org.connection
        .collection(collection)
        .findOne(filter)
        .then((doc) => String(doc!._id));
    Object.assign(id, {
      淞源社区: await find('communities', { name: '淞源社区' }),
      梅淞社区: await find('communities', { name: '梅淞社区' }),
      淞泽家园七区: await find('compounds', { name: '淞泽家园七区' }),
      淞泽物业: await find('partner_units', { name: '斜塘淞泽物业服务有限公司' }),
    });
    gw = await startGatewaysInFront(org);
    secretary = await gw.asPerson('demo:community-secretary');
    resident = await gw.asPerson('demo:resident');

    // 苏州大学附属第一医院 signs with 淞源社区; 星海实验中学 is registered but has signed with no community.
    for (const [name, kind] of [
      ['苏州大学附属第一医院', 'HOSPITAL'],
      ['星海实验中学', 'SCHOOL'],
    ]) {
      id[name] = dataOf(
        await org.callSubgraph(
          `mutation($name: String!, $kind: PartnerUnitKind!) { registerPartnerUnit(input: { name: $name, kind: $kind }) { partnerUnit { id } } }`,
          { name, kind },
        ),
      ).registerPartnerUnit.partnerUnit.id;
    }
    const signed = await gw.post(
      `mutation($p: ID!, $c: ID!) { signCoBuildingAgreement(input: { partnerUnitId: $p, communityId: $c, validFrom: "2026-01-01T00:00:00Z", validUntil: "2028-12-31T00:00:00Z", scope: "医疗卫生进社区" }) { partnerUnit { id } } }`,
      { p: id.苏州大学附属第一医院, c: id.淞源社区 },
      secretary,
    );
    expect(signed.body.errors).toBeUndefined();
    for (const name of ['苏州大学附属第一医院', '星海实验中学']) {
      const issued = await org.callSubgraph(
        `mutation($p: ID!) { issueApiKey(input: { partnerUnitId: $p, scopes: ["organization:resources:write"] }) { secret } }`,
        { p: id[name] },
      );
      key[name] = gw.asPartner(dataOf(issued).issueApiKey.secret);
    }
    // The hospital's second key moves on the projects it is responsible for.
    const projectsKey = await org.callSubgraph(
      `mutation($p: ID!) { issueApiKey(input: { partnerUnitId: $p, scopes: ["organization:projects:write"] }) { secret } }`,
      { p: id.苏州大学附属第一医院 },
    );
    key.医院项目 = gw.asPartner(dataOf(projectsKey).issueApiKey.secret);
    for (const name of ['苏州大学附属第一医院', '星海实验中学', '医院项目'])
      await waitFor(
        async () => (await gw.post('{ communityListItems(first: 1) { totalCount } }', {}, key[name])).status === 200,
        `${name}'s key to reach the gateways`,
      );
  });
  afterAll(async () => {
    await gw?.stop();
    await org?.stop();
  });

  it("lets a partner's key show a resource in its co-building community, for its own unit only (亮资源)", async () => {
    const shown = await gw.post(
      OFFER,
      { input: { communityId: id.淞源社区, title: '周末义诊', description: '每月第二个周六上午，社区卫生服务站' } },
      key.苏州大学附属第一医院,
    );
    expect(shown.body.errors).toBeUndefined();
    const item = shown.body.data.offerResource.communityListItem;
    expect(item).toMatchObject({
      list: 'RESOURCE',
      title: '周末义诊',
      duty: null,
      partnerUnit: { name: '苏州大学附属第一医院' },
      community: { name: '淞源社区' },
    });
    id.义诊 = item.id;
    // Not on another unit's behalf, and not where it has no agreement.
    const asOther = await gw.post(
      OFFER,
      { input: { communityId: id.淞源社区, title: '维修工', partnerUnitId: id.淞泽物业 } },
      key.苏州大学附属第一医院,
    );
    expect(errorCodes(asOther.body)).toEqual(['FORBIDDEN']);
    const elsewhere = await gw.post(
      OFFER,
      { input: { communityId: id.梅淞社区, title: '周末义诊' } },
      key.苏州大学附属第一医院,
    );
    expect(errorCodes(elsewhere.body)).toEqual(['FORBIDDEN']);
  });

  it('refuses a partner without an agreement in force, by its key or through staff, and writes nothing', async () => {
    const before = await org.connection.collection('community_list_items').countDocuments();
    const byKey = await gw.post(
      OFFER,
      { input: { communityId: id.淞源社区, title: '校园场地开放' } },
      key.星海实验中学,
    );
    expect(errorCodes(byKey.body)).toEqual(['FORBIDDEN']);
    const onItsBehalf = await gw.post(
      OFFER,
      { input: { communityId: id.淞源社区, title: '校园场地开放', partnerUnitId: id.星海实验中学 } },
      secretary,
    );
    expect(errorCodes(onItsBehalf.body)).toEqual(['PARTNER_AGREEMENT.NOT_IN_FORCE']);
    // Staff must say whose resource it is.
    const nobody = await gw.post(OFFER, { input: { communityId: id.淞源社区, title: '校园场地开放' } }, secretary);
    expect(errorCodes(nobody.body)).toEqual(['COMMUNITY_LIST_ITEM.INVALID_PARTNER_UNIT']);
    expect(await org.connection.collection('community_list_items').countDocuments()).toBe(before);
  });

  it('lets the community office post a need and draft resources against it (提需求、拟清单), in its own community only', async () => {
    const posted = await gw.post(
      POST_NEED,
      { input: { communityId: id.淞源社区, title: '高龄老人慢病随访', description: '七区独居高龄老人 12 户' } },
      secretary,
    );
    expect(posted.body.errors).toBeUndefined();
    id.随访 = posted.body.data.postNeed.communityListItem.id;
    expect(posted.body.data.postNeed.communityListItem).toMatchObject({ list: 'NEED', partnerUnit: null });

    const drafted = await gw.post(MATCH, { input: { needId: id.随访, resourceIds: [id.义诊] } }, secretary);
    expect(drafted.body.errors).toBeUndefined();
    expect(drafted.body.data.matchResourcesToNeed.communityListItem.matchedResources).toEqual([{ title: '周末义诊' }]);
    // A need is not a resource.
    const wrong = await gw.post(MATCH, { input: { needId: id.随访, resourceIds: [id.随访] } }, secretary);
    expect(errorCodes(wrong.body)).toEqual(['COMMUNITY_LIST_ITEM.INVALID_ITEM']);
    const inMeisong = await gw.post(POST_NEED, { input: { communityId: id.梅淞社区, title: '停车难' } }, secretary);
    expect(errorCodes(inMeisong.body)).toEqual(['FORBIDDEN']);
  });

  it('sets up a project that takes the need and the resource up, and moves it proposed → approved → in progress → completed', async () => {
    const setUp = await gw.post(
      SET_UP,
      {
        input: {
          needId: id.随访,
          resourceIds: [id.义诊],
          partnerUnitId: id.苏州大学附属第一医院,
          title: '七区高龄老人上门随访',
        },
      },
      secretary,
    );
    expect(setUp.body.errors).toBeUndefined();
    const project = setUp.body.data.setUpCoBuildingProject.coBuildingProject;
    expect(project).toMatchObject({
      status: 'PROPOSED',
      partnerUnit: { name: '苏州大学附属第一医院' },
      need: { title: '高龄老人慢病随访' },
      resources: [{ title: '周末义诊' }],
      nextSteps: ['APPROVE', 'CANCEL'],
    });
    id.随访项目 = project.id;
    // One open project per need.
    const again = await gw.post(
      SET_UP,
      { input: { needId: id.随访, resourceIds: [id.义诊], partnerUnitId: id.苏州大学附属第一医院, title: '重复' } },
      secretary,
    );
    expect(errorCodes(again.body)).toEqual(['COMMUNITY_LIST_ITEM.ALREADY_TAKEN_UP']);
    // The partner responsible must have an agreement in force with the community.
    const unsigned = await gw.post(
      SET_UP,
      { input: { needId: id.随访, resourceIds: [id.义诊], partnerUnitId: id.星海实验中学, title: '无协议' } },
      secretary,
    );
    expect(errorCodes(unsigned.body)).toEqual(['PARTNER_AGREEMENT.NOT_IN_FORCE']);

    // The community approves it; the hospital, responsible for it, starts and completes it with its projects key.
    const stepsOf = async (headers: Record<string, string>) =>
      dataOf(
        (await gw.post(`query($id: ID!) { coBuildingProject(id: $id) { nextSteps } }`, { id: id.随访项目 }, headers))
          .body,
      ).coBuildingProject.nextSteps;
    expect(await stepsOf(key.医院项目)).toEqual([]);
    expect(
      errorCodes(
        (await gw.post(step('approveCoBuildingProject'), { input: { projectId: id.随访项目 } }, key.医院项目)).body,
      ),
    ).toEqual(['FORBIDDEN']);
    let last;
    for (const [mutation, note, by] of [
      ['approveCoBuildingProject', '社区两委会议通过', secretary],
      ['startCoBuildingProject', null, key.医院项目],
      ['completeCoBuildingProject', '随访 12 户完成', key.医院项目],
    ] as const) {
      if (by === key.医院项目) {
        // Not with its other key, which only shows resources.
        expect(
          errorCodes(
            (await gw.post(step(mutation), { input: { projectId: id.随访项目 } }, key.苏州大学附属第一医院)).body,
          ),
        ).toEqual(['FORBIDDEN']);
        expect(await stepsOf(key.医院项目)).toEqual([mutation === 'startCoBuildingProject' ? 'START' : 'COMPLETE']);
      }
      const moved = await gw.post(step(mutation), { input: { projectId: id.随访项目, note } }, by);
      expect(moved.body.errors).toBeUndefined();
      last = moved.body.data[mutation].coBuildingProject;
    }
    expect(last.status).toBe('COMPLETED');
    expect(last.nextSteps).toEqual([]);
    expect(last.history.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { status: 'PROPOSED', note: null },
      { status: 'APPROVED', note: '社区两委会议通过' },
      { status: 'IN_PROGRESS', note: null },
      { status: 'COMPLETED', note: '随访 12 户完成' },
    ]);
    const late = await gw.post(CANCEL, { input: { projectId: id.随访项目, reason: '重复立项' } }, secretary);
    expect(errorCodes(late.body)).toEqual(['CO_BUILDING_PROJECT.ILLEGAL_STEP']);

    const events = await outboxOf(id.随访项目);
    expect(events.map((record) => record.envelope.type)).toEqual([
      'org.project.set-up',
      'org.project.approved',
      'org.project.started',
      'org.project.completed',
    ]);
    expect(events[3].envelope.payload).toEqual({
      projectId: id.随访项目,
      communityId: id.淞源社区,
      partnerUnitId: id.苏州大学附属第一医院,
      needId: id.随访,
      resourceIds: [id.义诊],
      status: 'COMPLETED',
    });
  });

  it('cancels a project with its reason in the history, and the need is free to be taken up again', async () => {
    const needs = dataOf(await gw.post(ITEMS, { placeId: id.淞源社区, list: 'NEED' }, secretary).then((r) => r.body));
    const childcare = needs.communityListItems.edges.find(
      (e: { node: { title: string } }) => e.node.title === '3岁以下婴幼儿托育',
    ).node;
    const resources = dataOf(
      await gw
        .post(ITEMS, { placeId: id.淞源社区, list: 'RESOURCE', partnerUnitId: id.淞泽物业 }, secretary)
        .then((r) => r.body),
    );
    const room = resources.communityListItems.edges.find(
      (e: { node: { title: string } }) => e.node.title === '物业用房作托育点',
    ).node;
    const input = { needId: childcare.id, resourceIds: [room.id], partnerUnitId: id.淞泽物业, title: '七区托育点' };
    const setUp = await gw.post(SET_UP, { input }, secretary);
    const projectId = setUp.body.data.setUpCoBuildingProject.coBuildingProject.id;
    const cancelled = await gw.post(CANCEL, { input: { projectId, reason: '物业用房消防验收未通过' } }, secretary);
    expect(cancelled.body.errors).toBeUndefined();
    const project = cancelled.body.data.cancelCoBuildingProject.coBuildingProject;
    expect(project.status).toBe('CANCELLED');
    expect(project.history.edges.at(-1).node).toEqual({ status: 'CANCELLED', note: '物业用房消防验收未通过' });
    // The reason is what people typed: it stays out of the event.
    const [, cancelledEvent] = await outboxOf(projectId);
    expect(cancelledEvent.envelope.type).toBe('org.project.cancelled');
    expect(JSON.stringify(cancelledEvent.envelope)).not.toContain('消防');
    // Free again — and two staff setting it up at the same moment get one project between them.
    const [a, b] = await Promise.all(
      ['七区托育点（另选场地）', '七区托育点（社区用房）'].map((title) =>
        gw.post(SET_UP, { input: { ...input, title } }, secretary),
      ),
    );
    expect(
      [a, b].map((r) => r.body.data?.setUpCoBuildingProject?.coBuildingProject.status ?? errorCodes(r.body)[0]).sort(),
    ).toEqual(['COMMUNITY_LIST_ITEM.ALREADY_TAKEN_UP', 'PROPOSED']);
  });

  it('filters and pages the lists and the projects by place, list, status and partner', async () => {
    // A compound stands for its community.
    const needs = dataOf(
      await gw.post(ITEMS, { placeId: id.淞泽家园七区, list: 'NEED' }, secretary).then((r) => r.body),
    ).communityListItems;
    expect(needs.edges.every((e: { node: { list: string } }) => e.node.list === 'NEED')).toBe(true);
    expect(titles(needs)).toEqual(
      expect.arrayContaining(['老旧小区加装电梯', '3岁以下婴幼儿托育', '楼道杂物清理', '高龄老人慢病随访']),
    );
    const hospital = dataOf(
      await gw
        .post(ITEMS, { placeId: id.淞源社区, partnerUnitId: id.苏州大学附属第一医院 }, secretary)
        .then((r) => r.body),
    ).communityListItems;
    expect(titles(hospital)).toEqual(['周末义诊']);
    const duties = dataOf(
      await gw.post(ITEMS, { placeId: id.淞源社区, list: 'RESPONSIBILITY' }, secretary).then((r) => r.body),
    ).communityListItems;
    expect(duties.edges.map((e: { node: { duty: string } }) => e.node.duty).sort()).toEqual([
      'ASSIST',
      'ASSIST',
      'PERFORM',
      'PERFORM',
    ]);

    const first = dataOf(
      await gw.post(ITEMS, { placeId: id.淞源社区, list: 'NEED', first: 2 }, secretary).then((r) => r.body),
    ).communityListItems;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = dataOf(
      await gw
        .post(ITEMS, { placeId: id.淞源社区, list: 'NEED', first: 2, after: first.pageInfo.endCursor }, secretary)
        .then((r) => r.body),
    ).communityListItems;
    expect([...titles(first), ...titles(next)].sort()).toEqual(titles(needs).sort());

    const inProgress = dataOf(
      await gw.post(PROJECTS, { placeId: id.淞源社区, status: 'IN_PROGRESS' }, secretary).then((r) => r.body),
    ).coBuildingProjects;
    expect(inProgress.edges.map((e: { node: unknown }) => e.node)).toEqual([
      expect.objectContaining({
        title: '淞泽家园七区3幢加装电梯协调',
        partnerUnit: { name: '斜塘淞泽物业服务有限公司' },
        need: { title: '老旧小区加装电梯' },
      }),
    ]);
    const byPartner = dataOf(
      await gw.post(PROJECTS, { partnerUnitId: id.淞泽物业 }, secretary).then((r) => r.body),
    ).coBuildingProjects;
    expect(byPartner.edges.map((e: { node: { status: string } }) => e.node.status).sort()).toEqual([
      'CANCELLED',
      'IN_PROGRESS',
      'PROPOSED',
    ]);
    // A partner reads the projects of its co-building community.
    const asHospital = dataOf(
      await gw
        .post(PROJECTS, { placeId: id.淞源社区, status: 'COMPLETED' }, key.苏州大学附属第一医院)
        .then((r) => r.body),
    ).coBuildingProjects;
    expect(titles(asHospital)).toEqual(['七区高龄老人上门随访']);
  });

  it("lets a resident read her community's needs and projects but not edit them, nor read another community's", async () => {
    const needs = await gw.post(ITEMS, { placeId: id.淞源社区, list: 'NEED' }, resident);
    expect(needs.body.errors).toBeUndefined();
    expect(titles(needs.body.data.communityListItems)).toContain('老旧小区加装电梯');
    const projects = await gw.post(PROJECTS, { placeId: id.淞源社区, status: 'IN_PROGRESS' }, resident);
    expect(projects.body.data.coBuildingProjects.edges[0].node).toMatchObject({
      title: '淞泽家园七区3幢加装电梯协调',
      nextSteps: [],
    });
    const projectId = projects.body.data.coBuildingProjects.edges[0].node.id;
    expect(
      errorCodes((await gw.post(POST_NEED, { input: { communityId: id.淞源社区, title: '加装电梯' } }, resident)).body),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes((await gw.post(step('completeCoBuildingProject'), { input: { projectId } }, resident)).body),
    ).toEqual(['FORBIDDEN']);
    expect(
      (await org.connection.collection('co_building_projects').findOne({ title: '淞泽家园七区3幢加装电梯协调' }))!
        .status,
    ).toBe('IN_PROGRESS');
    expect(errorCodes((await gw.post(ITEMS, { placeId: id.梅淞社区, list: 'NEED' }, resident)).body)).toEqual([
      'FORBIDDEN',
    ]);
    // The 权责清单 is public; needs are not.
    const publicDuties = await gw.post(ITEMS, { placeId: id.淞源社区, list: 'RESPONSIBILITY' });
    expect(publicDuties.body.data.communityListItems.totalCount).toBe(4);
    expect(errorCodes((await gw.post(ITEMS, { placeId: id.淞源社区, list: 'NEED' })).body)).toEqual([
      'UNAUTHENTICATED',
    ]);
    const anonymousAll = await gw.post(ITEMS, {});
    expect(
      anonymousAll.body.data.communityListItems.edges.every(
        (e: { node: { list: string } }) => e.node.list === 'RESPONSIBILITY',
      ),
    ).toBe(true);
  });
});

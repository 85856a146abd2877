import { eventsStreamName, eventSubject, motionPassed } from '@gongzhi/contracts';
import { NatsConnectionProvider, OutboxPublisher, OutboxRelay, withTransaction } from '@gongzhi/platform';
import { connectTestDatabase, testEventsNamespace, testNatsUrl, waitFor } from '@gongzhi/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Types } from 'mongoose';
import pino from 'pino';
import { FaultEscalationService } from '../src/lighting/fault-escalation.service';
import { codesOf, databaseOperations, expectData, ManualClock, startFacilities } from './facilities.harness';
import { type Federation, partnerInCommunity, startFederation } from './federation.harness';

/**
 * Street lighting end to end, through two gateways in front of organization (with the demo of 斜塘街道) and facilities:
 * a resident of 淞泽家园七区 reports a dark lamp, the community gives it to a maintenance partner, which closes it with
 * its API key; a fault left past its SLA escalates 社区呼叫 → 街道吹哨 → 部门报到 on a clock the test moves.
 */
describe('street lighting through the gateway', () => {
  const clock = new ManualClock(new Date('2026-11-23T01:00:00Z'));
  let fed: Federation;
  const id: Record<string, string> = {};
  let writeKey: Record<string, string>;
  let readKey: Record<string, string>;

  const as = (subject: string) => fed.gateways.asPerson(subject);
  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fed.gateways.post(query, variables, headers).then((answer) => answer.body);
  const outboxTypes = async () =>
    (await fed.facilities.connection.collection('outbox').find().sort({ _id: 1 }).toArray()).map(
      (record) => record.envelope.type,
    );

  beforeAll(async () => {
    fed = await startFederation(clock);
    const org = fed.organization.connection;
    const qiqu = (await org.collection('compounds').findOne({ name: '淞泽家园七区' }))!;
    const lamp = (number: string) =>
      fed.facilities.connection
        .collection('lamps')
        .findOne({ assetNumber: `XT-SZ7-${number}` })
        .then((found) => String(found!._id));
    Object.assign(id, {
      淞源社区: String(qiqu.communityId),
      七区: String(qiqu._id),
      lamp3: await lamp('003'),
      lamp5: await lamp('005'),
      lamp6: await lamp('006'),
    });

    // A maintenance company with an agreement in 淞源社区 and two keys: one that may work on lamps, one that may only read.
    const partner = await partnerInCommunity(fed, {
      name: '苏州园区照明维护有限公司',
      communityId: id.淞源社区,
      scope: '路灯维护',
    });
    id.partner = partner.id;
    writeKey = fed.gateways.asPartner(await partner.issueKey(['facilities:lamps:write', 'facilities:lamps:read']));
    readKey = fed.gateways.asPartner(await partner.issueKey(['facilities:lamps:read']));
  });
  afterAll(() => fed?.stop());

  const REPORT = `mutation($input: ReportLampFaultInput!) { reportLampFault(input: $input) { lampFault { id status requestedAt expectedAt agencyResponsible lamp { status } } } }`;
  const FAULT = `query($id: ID!) { lampFault(id: $id) { status nextSteps history { totalCount edges { node { status note actorKind } } } lamp { status } reporter { name } workOrder { status nextSteps } } }`;
  const CLOSE = `mutation($id: ID!) { closeLampWorkOrder(input: { workOrderId: $id, note: "更换镇流器和灯泡" }) { lampWorkOrder { status closedAt nextSteps fault { status } history(first: 2) { totalCount edges { node { status note actorKind } } pageInfo { hasNextPage } } } } }`;

  it('a resident reports a dark lamp, the community assigns a work order and the maintenance partner closes it with its key', async () => {
    const resident = await as('demo:resident');
    const reported = expectData(
      await post(
        REPORT,
        {
          input: {
            lampId: id.lamp3,
            serviceCode: 'LAMP_OUT',
            description: '3幢旁的路灯晚上不亮',
            mediaUrl: 'https://img.example.cn/lamp-3.jpg',
          },
        },
        resident,
      ),
    ).reportLampFault.lampFault;
    expect(reported).toMatchObject({
      status: 'OPEN',
      agencyResponsible: '苏州工业园区城市管理局路灯管理所',
      lamp: { status: 'FAULTY' },
    });
    expect(new Date(reported.expectedAt).getTime() - new Date(reported.requestedAt).getTime()).toBe(72 * 3600 * 1000);

    // Public as an Open311 request; who reported it is for the reporter and the managers of the place.
    const anonymous = await post(FAULT, { id: reported.id });
    expect(anonymous.data.lampFault).toMatchObject({ status: 'OPEN', nextSteps: [], reporter: null, workOrder: null });
    expect(anonymous.errors!.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['lampFault', 'reporter'], 'UNAUTHENTICATED'],
      [['lampFault', 'workOrder'], 'UNAUTHENTICATED'],
    ]);
    // organization resolves the reporter, by the reference facilities hands the gateway.
    const seenByReporter = expectData(await post(FAULT, { id: reported.id }, resident)).lampFault;
    expect(seenByReporter).toMatchObject({ reporter: { name: '罗淑芬' }, nextSteps: [] });
    const gridWorker = await as('demo:grid-worker');
    expect(expectData(await post(FAULT, { id: reported.id }, gridWorker)).lampFault.nextSteps).toEqual([
      'ASSIGN_WORK_ORDER',
    ]);

    const assigned = expectData(
      await post(
        `mutation($f: ID!, $p: ID!) { assignLampWorkOrder(input: { faultId: $f, partnerUnitId: $p, note: "请两日内处理" }) { lampWorkOrder { id status nextSteps partnerUnit { name } fault { status nextSteps } } } }`,
        { f: reported.id, p: id.partner },
        gridWorker,
      ),
    ).assignLampWorkOrder.lampWorkOrder;
    // The grid worker follows the order and may give it to another partner; the work on it is the partner's.
    expect(assigned).toMatchObject({
      status: 'ASSIGNED',
      nextSteps: ['REASSIGN'],
      partnerUnit: { name: '苏州园区照明维护有限公司' },
      fault: { status: 'ASSIGNED', nextSteps: [] },
    });
    const ORDER_STEPS = `query { lampWorkOrders { edges { node { id nextSteps } } } }`;
    expect(expectData(await post(ORDER_STEPS, {}, writeKey)).lampWorkOrders.edges).toEqual([
      { node: { id: assigned.id, nextSteps: ['REPORT_PROGRESS', 'CLOSE'] } },
    ]);
    expect(expectData(await post(ORDER_STEPS, {}, readKey)).lampWorkOrders.edges).toEqual([
      { node: { id: assigned.id, nextSteps: [] } },
    ]);

    expect(codesOf(await post(CLOSE, { id: assigned.id }, readKey))).toEqual(['FORBIDDEN']);
    expect(codesOf(await post(CLOSE, { id: assigned.id }, resident))).toEqual(['FORBIDDEN']);
    const progress = await post(
      `mutation($id: ID!) { reportLampWorkProgress(input: { workOrderId: $id, note: "已到现场" }) { lampWorkOrder { status } } }`,
      { id: assigned.id },
      writeKey,
    );
    expect(expectData(progress).reportLampWorkProgress.lampWorkOrder.status).toBe('IN_PROGRESS');
    const closed = expectData(await post(CLOSE, { id: assigned.id }, writeKey)).closeLampWorkOrder.lampWorkOrder;
    expect(closed).toMatchObject({
      status: 'CLOSED',
      nextSteps: [],
      fault: { status: 'CLOSED' },
      history: {
        totalCount: 3,
        edges: [
          { node: { status: 'ASSIGNED', note: '请两日内处理', actorKind: 'PERSON' } },
          { node: { status: 'IN_PROGRESS', note: '已到现场', actorKind: 'PARTNER' } },
        ],
        pageInfo: { hasNextPage: true },
      },
    });
    // Closed is closed: a second closing is a step the order no longer takes.
    expect(codesOf(await post(CLOSE, { id: assigned.id }, writeKey))).toEqual(['LAMP_WORK_ORDER.ILLEGAL_STEP']);

    const after = expectData(await post(FAULT, { id: reported.id }, await as('demo:community-secretary'))).lampFault;
    expect(after).toMatchObject({
      status: 'CLOSED',
      nextSteps: [],
      lamp: { status: 'WORKING' },
      workOrder: { status: 'CLOSED', nextSteps: [] },
    });
    expect(after.history).toEqual({
      totalCount: 4,
      edges: [
        { node: { status: 'OPEN', note: null, actorKind: 'PERSON' } },
        { node: { status: 'ASSIGNED', note: '请两日内处理', actorKind: 'PERSON' } },
        { node: { status: 'IN_PROGRESS', note: '已到现场', actorKind: 'PARTNER' } },
        { node: { status: 'CLOSED', note: '更换镇流器和灯泡', actorKind: 'PARTNER' } },
      ],
    });
    const own = expectData(
      await post('{ lampWorkOrders { edges { node { id status } } } }', {}, readKey),
    ).lampWorkOrders;
    expect(own.edges).toEqual([{ node: { id: assigned.id, status: 'CLOSED' } }]);
    expect(await outboxTypes()).toEqual([
      'facilities.lamp.fault-reported',
      'facilities.lamp.work-order-assigned',
      'facilities.lamp.fault-closed',
    ]);
    const closing = await fed.facilities.connection
      .collection('outbox')
      .findOne({ 'envelope.type': 'facilities.lamp.fault-closed' });
    expect(closing!.envelope).toMatchObject({
      actor: { kind: 'partner', id: id.partner },
      payload: { faultId: reported.id, withinSla: true },
    });
  });

  it.each([
    [
      'anonymous callers',
      () => ({ lampId: id.lamp5, serviceCode: 'LAMP_OUT', description: '不亮' }),
      () => Promise.resolve({}),
      'UNAUTHENTICATED',
    ],
    [
      'a photo that is no URL',
      () => ({ lampId: id.lamp5, serviceCode: 'LAMP_OUT', description: '不亮', mediaUrl: 'lamp.jpg' }),
      () => as('demo:resident'),
      'BAD_USER_INPUT',
    ],
    [
      'a lamp that does not exist',
      () => ({ lampId: String(new Types.ObjectId()), serviceCode: 'LAMP_OUT', description: '不亮' }),
      () => as('demo:resident'),
      'LAMP.NOT_FOUND',
    ],
  ])('refuses a report by %s and writes nothing', async (_case, input, headers, code) => {
    const before = await fed.facilities.connection.collection('lamp_faults').countDocuments();
    expect(codesOf(await post(REPORT, { input: input() }, await headers()))).toEqual([code]);
    expect(await fed.facilities.connection.collection('lamp_faults').countDocuments()).toBe(before);
  });

  it('finds the open fault when the same fault is reported twice, and assigns work only to a partner of the community', async () => {
    const input = { lampId: id.lamp5, serviceCode: 'LAMP_FLICKERING', description: '5幢旁路灯闪烁' };
    const first = expectData(await post(REPORT, { input }, await as('demo:resident'))).reportLampFault.lampFault;
    const again = await post(REPORT, { input }, await as('demo:building-leader'));
    expect(again.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'LAMP_FAULT.ALREADY_EXISTS', faultId: first.id }),
      }),
    ]);

    const ASSIGN = `mutation($f: ID!, $p: ID!) { assignLampWorkOrder(input: { faultId: $f, partnerUnitId: $p }) { lampWorkOrder { id } } }`;
    expect(codesOf(await post(ASSIGN, { f: first.id, p: id.partner }, await as('demo:building-leader')))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      codesOf(
        await post(ASSIGN, { f: first.id, p: String(new Types.ObjectId()) }, await as('demo:community-secretary')),
      ),
    ).toEqual(['LAMP_WORK_ORDER.INVALID_PARTNER']);
    expect(
      await fed.facilities.connection
        .collection('lamp_work_orders')
        .countDocuments({ faultId: new Types.ObjectId(first.id) }),
    ).toBe(0);
  });

  it('escalates a fault left past its SLA step by step: the community calls, the street blows the whistle, the department reports in', async () => {
    const escalation = fed.facilities.app.get(FaultEscalationService);
    const fault = expectData(
      await post(
        REPORT,
        { input: { lampId: id.lamp6, serviceCode: 'POLE_DAMAGED', description: '6幢旁灯杆底座锈蚀严重' } },
        await as('demo:resident'),
      ),
    ).reportLampFault.lampFault;
    const ESCALATIONS = `query($id: ID!) { lampFault(id: $id) { escalations { step department note } } }`;
    const steps = async () =>
      expectData(await post(ESCALATIONS, { id: fault.id })).lampFault.escalations.map((e: { step: string }) => e.step);
    const REPORT_IN = `mutation($f: ID!) { recordDepartmentReport(input: { faultId: $f, note: "路灯所明日上午到场更换灯杆" }) { lampFault { escalations { step } } } }`;
    const NEXT_STEPS = `query($id: ID!) { lampFault(id: $id) { nextSteps } }`;
    const street = await as('demo:street-staff');
    const nextSteps = async (headers: Record<string, string>) =>
      expectData(await post(NEXT_STEPS, { id: fault.id }, headers)).lampFault.nextSteps;

    expect(await escalation.sweep()).toBe(0);
    clock.advance(25); // the 24-hour SLA of a damaged pole has passed
    expect(await escalation.sweep()).toBe(1);
    expect(await escalation.sweep()).toBe(0);
    expect(await steps()).toEqual(['COMMUNITY_CALL']);
    expect(await nextSteps(street)).toEqual(['ASSIGN_WORK_ORDER']);
    expect(codesOf(await post(REPORT_IN, { f: fault.id }, street))).toEqual(['LAMP_FAULT.ILLEGAL_STEP']);

    clock.advance(23);
    expect(await escalation.sweep()).toBe(0);
    clock.advance(2); // 24 hours after the call, still open
    expect(await escalation.sweep()).toBe(1);
    expect(await steps()).toEqual(['COMMUNITY_CALL', 'STREET_WHISTLE']);
    // The whistle is the street's: only street staff are offered, and may take, the department's reporting in.
    const secretary = await as('demo:community-secretary');
    expect(await nextSteps(street)).toEqual(['ASSIGN_WORK_ORDER', 'RECORD_DEPARTMENT_REPORT']);
    expect(await nextSteps(secretary)).toEqual(['ASSIGN_WORK_ORDER']);
    expect(codesOf(await post(REPORT_IN, { f: fault.id }, secretary))).toEqual(['FORBIDDEN']);
    expect(
      expectData(await post(REPORT_IN, { f: fault.id }, street)).recordDepartmentReport.lampFault.escalations,
    ).toHaveLength(3);
    expect(await nextSteps(street)).toEqual(['ASSIGN_WORK_ORDER']);
    expect(codesOf(await post(REPORT_IN, { f: fault.id }, street))).toEqual(['LAMP_FAULT.ILLEGAL_STEP']);
    expect(expectData(await post(ESCALATIONS, { id: fault.id })).lampFault.escalations).toEqual([
      { step: 'COMMUNITY_CALL', department: '苏州工业园区城市管理局路灯管理所', note: null },
      { step: 'STREET_WHISTLE', department: '苏州工业园区城市管理局路灯管理所', note: null },
      { step: 'DEPARTMENT_REPORT', department: '苏州工业园区城市管理局路灯管理所', note: '路灯所明日上午到场更换灯杆' },
    ]);
    clock.advance(100);
    await escalation.sweep();
    expect(await steps()).toHaveLength(3);
    const escalated = await fed.facilities.connection
      .collection('outbox')
      .find({ 'envelope.type': 'facilities.lamp.fault-escalated', 'envelope.payload.faultId': fault.id })
      .sort({ _id: 1 })
      .toArray();
    expect(escalated.map((record) => record.envelope.payload.step)).toEqual([
      'COMMUNITY_CALL',
      'STREET_WHISTLE',
      'DEPARTMENT_REPORT',
    ]);
  });

  it('turns a passed lighting motion into exactly one renewal project, however often it arrives', async () => {
    // deliberation is not built yet: a stand-in publishes its event as the platform does, from an outbox through NATS.
    const namespace = testEventsNamespace();
    const logger = pino({ level: 'silent' });
    const deliberationDb = await connectTestDatabase('deliberation');
    const nats = new NatsConnectionProvider({ servers: testNatsUrl(), name: 'deliberation-stand-in', logger });
    nats.start();
    const outbox = new OutboxPublisher(deliberationDb, { serviceName: 'deliberation', namespace });
    const relay = new OutboxRelay(deliberationDb, nats, { serviceName: 'deliberation', namespace, logger });
    await relay.start();
    try {
      const motion = {
        motionId: 'motion-淞泽家园七区-2026-路灯更新',
        title: '2026年淞泽家园七区路灯更新',
        matterKind: 'FACILITIES_LIGHTING' as const,
        communityId: id.淞源社区,
        compoundId: id.七区,
        lampIds: [id.lamp5, id.lamp6, 'lamp-that-is-not-here'],
        description: '更换5幢、6幢旁底座锈蚀的路灯',
        passedAt: '2026-11-20T20:00:00+08:00',
      };
      const passed = await withTransaction(deliberationDb, (session) =>
        outbox.record(motionPassed, motion, { session }),
      );
      await waitFor(
        async () =>
          (await fed.facilities.connection
            .collection('lamp_renewal_projects')
            .countDocuments({ motionId: motion.motionId })) === 1,
        'the renewal project',
      );
      // The same event delivered again (as after a lost ack), the same decision recorded again, and a motion on another matter.
      await jetstream(await nats.connection()).publish(
        eventSubject(namespace, motionPassed.type),
        JSON.stringify(passed),
        { msgID: `redelivered-${passed.id}` },
      );
      await withTransaction(deliberationDb, (session) => outbox.record(motionPassed, motion, { session }));
      await withTransaction(deliberationDb, (session) =>
        outbox.record(
          motionPassed,
          { ...motion, motionId: 'motion-name', matterKind: 'OTHER', lampIds: [], title: '小区命名' },
          { session },
        ),
      );
      const manager = await jetstreamManager(await nats.connection());
      await waitFor(async () => {
        const consumer = await manager.consumers.info(eventsStreamName(namespace), 'facilities-lighting-motions');
        return consumer.delivered.consumer_seq >= 4 && consumer.num_pending === 0 && consumer.num_ack_pending === 0;
      }, 'facilities to take all four deliveries');
      // Three events handled (the copy skipped as already handled), of which the repeated decision created nothing.
      expect(
        await fed.facilities.connection
          .collection('processed_events')
          .countDocuments({ consumer: 'facilities-lighting-motions' }),
      ).toBe(3);

      const { community } = expectData(
        await post(
          `query($id: ID!) { community(id: $id) { name lampRenewalProjects { totalCount edges { node { title motionId lamps(first: 1) { totalCount edges { node { assetNumber } } pageInfo { hasNextPage endCursor } } unknownLampIds compound { name } } } } } }`,
          { id: id.淞源社区 },
        ),
      );
      expect(community).toEqual({
        name: '淞源社区',
        lampRenewalProjects: {
          totalCount: 1,
          edges: [
            {
              node: {
                title: '2026年淞泽家园七区路灯更新',
                motionId: motion.motionId,
                lamps: {
                  totalCount: 2,
                  edges: [{ node: { assetNumber: 'XT-SZ7-005' } }],
                  pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
                },
                unknownLampIds: ['lamp-that-is-not-here'],
                compound: { name: '淞泽家园七区' },
              },
            },
          ],
        },
      });
      // The next page of its lamps, by the cursor the first page handed out.
      const after = community.lampRenewalProjects.edges[0].node.lamps.pageInfo.endCursor;
      const nextPage = expectData(
        await post(
          `query($p: ID!, $after: String) { lampRenewalProjects(placeId: $p) { edges { node { lamps(first: 1, after: $after) { edges { node { assetNumber } } pageInfo { hasNextPage } } } } } }`,
          { p: id.七区, after },
        ),
      ).lampRenewalProjects.edges[0].node.lamps;
      expect(nextPage).toEqual({ edges: [{ node: { assetNumber: 'XT-SZ7-006' } }], pageInfo: { hasNextPage: false } });
      expect(
        await fed.facilities.connection
          .collection('outbox')
          .countDocuments({ 'envelope.type': 'facilities.lighting.renewal-project-created' }),
      ).toBe(1);
    } finally {
      await relay.stop();
      await nats.close();
      await deliberationDb.close();
    }
  });

  it('answers lists with their nested fields in a bounded number of database queries', async () => {
    const reps = (await fed.organization.connection.collection('communities').find().limit(10).toArray()).map((c) => ({
      __typename: 'Community',
      id: String(c._id),
    }));
    let lamps: any;
    let communities: any;
    const operations = await databaseOperations(async () => {
      lamps = await fed.facilities.callSubgraph(
        `{ lamps(first: 50) { totalCount edges { node { assetNumber faults(first: 3) { edges { node { status lamp { assetNumber } workOrder { status } } } } } } } }`,
      );
      communities = await fed.facilities.callSubgraph(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Community { lamps(first: 5) { totalCount edges { node { assetNumber } } } } } }`,
        { reps },
      );
    });
    expect(expectData<any>(lamps).lamps.edges).toHaveLength(23);
    expect(expectData<any>(communities)._entities.filter((c: any) => c.lamps.totalCount > 0)).not.toHaveLength(0);
    // lamps page + count; faults of all lamps (one aggregate); their lamps; their work orders — then communities' lamps + counts.
    expect(operations).toEqual(
      [
        'lamps.find',
        'lamps.countDocuments',
        'lamp_faults.aggregate',
        'lamps.find',
        'lamp_work_orders.find',
        'lamps.aggregate',
        'lamps.aggregate',
      ].sort(),
    );
  });

  it('announces each lamp once: those registered before facilities.lamp.registered existed at start, new ones as registered', async () => {
    const lamps = fed.facilities.connection.collection('lamps');
    const announcements = () =>
      fed.facilities.connection
        .collection('outbox')
        .find({ 'envelope.type': 'facilities.lamp.registered' })
        .toArray()
        .then((records) => records.map((record) => record.envelope.payload));
    // The demo lamps were loaded into the database as lamps from before the event were: never announced.
    const before = await lamps.countDocuments({ announcedAt: null });
    expect(before).toBe(await lamps.countDocuments());
    expect(await announcements()).toEqual([]);

    // A facilities replica starting (an upgrade rolling out) announces every one of them, once; the next finds none.
    for (const _start of [1, 2]) {
      const replica = await startFacilities(clock);
      await replica.stop();
    }
    const announced = await announcements();
    expect(announced).toHaveLength(before);
    expect(new Set(announced.map((payload) => payload.lampId)).size).toBe(before);
    expect(announced).toContainEqual(
      expect.objectContaining({
        lampId: id.lamp3,
        assetNumber: 'XT-SZ7-003',
        communityId: id.淞源社区,
        compoundId: id.七区,
      }),
    );
    expect(await lamps.countDocuments({ announcedAt: null })).toBe(0);

    // A lamp registered now is announced in the registration's own transaction.
    const registered = expectData(
      await post(
        `mutation($input: RegisterLampInput!) { registerLamp(input: $input) { lamp { id } } }`,
        {
          input: {
            placeId: id.七区,
            assetNumber: 'XT-SZ7-101',
            location: { latitude: 31.3139, longitude: 120.7321 },
            placeDescription: '七区北门河边步道',
            responsibleDepartment: '园区城市管理局路灯管理所',
          },
        },
        await as('demo:community-secretary'),
      ),
    ).registerLamp.lamp;
    expect((await announcements()).filter((payload) => payload.lampId === registered.id)).toEqual([
      {
        lampId: registered.id,
        assetNumber: 'XT-SZ7-101',
        communityId: id.淞源社区,
        compoundId: id.七区,
        buildingId: null,
      },
    ]);
  });

  it('reassigns a work order whose partner did not come: the old partner is shut out, both histories and the outbox show it', async () => {
    const secretary = await as('demo:community-secretary');
    const fault = expectData(
      await post(
        REPORT,
        { input: { lampId: id.lamp3, serviceCode: 'LAMP_ON_BY_DAY', description: '3幢旁路灯白天也亮着' } },
        await as('demo:resident'),
      ),
    ).reportLampFault.lampFault;
    const order = expectData(
      await post(
        `mutation($f: ID!, $p: ID!) { assignLampWorkOrder(input: { faultId: $f, partnerUnitId: $p, note: "请两日内处理" }) { lampWorkOrder { id } } }`,
        { f: fault.id, p: id.partner },
        secretary,
      ),
    ).assignLampWorkOrder.lampWorkOrder;
    const PROGRESS = `mutation($id: ID!) { reportLampWorkProgress(input: { workOrderId: $id, note: "已到现场" }) { lampWorkOrder { status } } }`;
    expect(
      expectData(await post(PROGRESS, { id: order.id }, writeKey)).reportLampWorkProgress.lampWorkOrder.status,
    ).toBe('IN_PROGRESS');

    const second = await partnerInCommunity(fed, {
      name: '苏州工业园区明亮照明工程有限公司',
      communityId: id.淞源社区,
      scope: '路灯维护',
    });
    const secondKey = fed.gateways.asPartner(await second.issueKey(['facilities:lamps:write']));
    const REASSIGN = `mutation($id: ID!, $p: ID!, $reason: String!) { reassignLampWorkOrder(input: { workOrderId: $id, partnerUnitId: $p, reason: $reason }) { lampWorkOrder { status nextSteps partnerUnit { name } history { edges { node { status note actorKind } } } fault { status history { edges { node { status note } } } } } } }`;
    const reason = '维修单位两日未到场';
    const count = () => fed.facilities.connection.collection('outbox').countDocuments();
    const before = await count();
    // Who may assign may reassign; a partner cannot give its order away, nor a resident; to the holder or to a partner
    // without an agreement in the community is refused.
    expect(codesOf(await post(REASSIGN, { id: order.id, p: second.id, reason }, writeKey))).toEqual(['FORBIDDEN']);
    expect(
      codesOf(await post(REASSIGN, { id: order.id, p: second.id, reason }, await as('demo:building-leader'))),
    ).toEqual(['FORBIDDEN']);
    expect(codesOf(await post(REASSIGN, { id: order.id, p: id.partner, reason }, secretary))).toEqual([
      'LAMP_WORK_ORDER.INVALID_PARTNER',
    ]);
    expect(codesOf(await post(REASSIGN, { id: order.id, p: String(new Types.ObjectId()), reason }, secretary))).toEqual(
      ['LAMP_WORK_ORDER.INVALID_PARTNER'],
    );
    expect(codesOf(await post(REASSIGN, { id: order.id, p: second.id, reason: '' }, secretary))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      codesOf(await post(REASSIGN, { id: String(new Types.ObjectId()), p: second.id, reason }, secretary)),
    ).toEqual(['LAMP_WORK_ORDER.NOT_FOUND']);
    expect(await count()).toBe(before);

    const reassigned = expectData(await post(REASSIGN, { id: order.id, p: second.id, reason }, secretary))
      .reassignLampWorkOrder.lampWorkOrder;
    expect(reassigned).toEqual({
      status: 'REASSIGNED',
      nextSteps: ['REASSIGN'],
      partnerUnit: { name: '苏州工业园区明亮照明工程有限公司' },
      history: {
        edges: [
          { node: { status: 'ASSIGNED', note: '请两日内处理', actorKind: 'PERSON' } },
          { node: { status: 'IN_PROGRESS', note: '已到现场', actorKind: 'PARTNER' } },
          { node: { status: 'REASSIGNED', note: reason, actorKind: 'PERSON' } },
        ],
      },
      fault: {
        status: 'ASSIGNED',
        history: {
          edges: [
            { node: { status: 'OPEN', note: null } },
            { node: { status: 'ASSIGNED', note: '请两日内处理' } },
            { node: { status: 'IN_PROGRESS', note: '已到现场' } },
            { node: { status: 'ASSIGNED', note: reason } },
          ],
        },
      },
    });
    const recorded = await fed.facilities.connection
      .collection('outbox')
      .find({ 'envelope.type': 'facilities.lamp.work-order-reassigned' })
      .toArray();
    expect(recorded.map((record) => record.envelope.payload)).toEqual([
      {
        workOrderId: order.id,
        faultId: fault.id,
        lampId: id.lamp3,
        communityId: id.淞源社区,
        partnerUnitId: second.id,
        previousPartnerUnitId: id.partner,
        reason,
      },
    ]);

    // The old partner no longer sees the order's steps nor may take them; the new one does.
    const CLOSE_ORDER = `mutation($id: ID!) { closeLampWorkOrder(input: { workOrderId: $id, note: "已修复" }) { lampWorkOrder { status } } }`;
    expect(codesOf(await post(PROGRESS, { id: order.id }, writeKey))).toEqual(['FORBIDDEN']);
    expect(codesOf(await post(CLOSE_ORDER, { id: order.id }, writeKey))).toEqual(['FORBIDDEN']);
    expect(
      expectData(await post(CLOSE_ORDER, { id: order.id }, secondKey)).closeLampWorkOrder.lampWorkOrder.status,
    ).toBe('CLOSED');
    // A closed order stays with whoever closed it.
    expect(codesOf(await post(REASSIGN, { id: order.id, p: id.partner, reason }, secretary))).toEqual([
      'LAMP_WORK_ORDER.ILLEGAL_STEP',
    ]);
  });

  it('carries a renewal project from its tender to its acceptance (验收), refusing it while a lamp is still faulty unless overridden', async () => {
    const secretary = await as('demo:community-secretary');
    const outboxOf = async (type: string) =>
      (
        await fed.facilities.connection.collection('outbox').find({ 'envelope.type': type }).sort({ _id: 1 }).toArray()
      ).map((record) => record.envelope.payload);
    // Two projects of 淞源社区 as deliberation's passed motions make them (that path is the motion spec above's): one
    // renewing 7幢's lamp, one renewing 8幢's, whose demo fault is still open.
    const lamp = async (assetNumber: string) =>
      (await fed.facilities.connection.collection('lamps').findOne({ assetNumber }))!._id;
    const projectOf = async (motionId: string, assetNumber: string) =>
      String(
        (
          await fed.facilities.connection.collection('lamp_renewal_projects').insertOne({
            motionId,
            title: `2026年${assetNumber}路灯整杆更换`,
            lampsDescription: null,
            lampIds: [await lamp(assetNumber)],
            unknownLampIds: [],
            motionPassedAt: clock.now(),
            communityId: new Types.ObjectId(id.淞源社区),
            compoundId: new Types.ObjectId(id.七区),
            buildingId: null,
          })
        ).insertedId,
      );
    const seventhLamp = String(await lamp('XT-SZ7-007'));
    const seventh = await projectOf('motion-renewal-007', 'XT-SZ7-007');
    const eighth = await projectOf('motion-renewal-008', 'XT-SZ7-008');

    const PROJECT = `status tenderAmountFen residentsRepresentative contractor { name } nextSteps history { edges { node { status note actorKind } } }`;
    const TENDER = `mutation($input: TenderLampRenewalProjectInput!) { tenderLampRenewalProject(input: $input) { lampRenewalProject { ${PROJECT} } } }`;
    const START = `mutation($id: ID!) { startLampRenewalProject(input: { projectId: $id, note: "11月25日起分段施工" }) { lampRenewalProject { status nextSteps } } }`;
    const ACCEPT = `mutation($input: AcceptLampRenewalProjectInput!) { acceptLampRenewalProject(input: $input) { lampRenewalProject { ${PROJECT} } } }`;
    const CANCEL = `mutation($input: CancelLampRenewalProjectInput!) { cancelLampRenewalProject(input: $input) { lampRenewalProject { status nextSteps history { edges { node { status note } } } } } }`;
    const tender = (projectId: string, partnerUnitId = id.partner) => ({
      input: { projectId, partnerUnitId, amountFen: 2_150_000, note: '三家比选，业主代表参与评标' },
    });

    // The steps are the street's and the community office's; the contractor must work in the community.
    expect(codesOf(await post(TENDER, tender(seventh), await as('demo:grid-worker')))).toEqual(['FORBIDDEN']);
    expect(codesOf(await post(TENDER, tender(seventh), writeKey))).toEqual(['FORBIDDEN']);
    expect(codesOf(await post(TENDER, tender(seventh, String(new Types.ObjectId())), secretary))).toEqual([
      'LAMP_RENEWAL_PROJECT.INVALID_PARTNER',
    ]);
    expect(codesOf(await post(TENDER, { input: { ...tender(seventh).input, amountFen: 0 } }, secretary))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codesOf(await post(TENDER, tender(String(new Types.ObjectId())), secretary))).toEqual([
      'LAMP_RENEWAL_PROJECT.NOT_FOUND',
    ]);
    expect(codesOf(await post(START, { id: seventh }, secretary))).toEqual(['LAMP_RENEWAL_PROJECT.ILLEGAL_STEP']);

    clock.advance(24);
    const tendered = expectData(await post(TENDER, tender(seventh), secretary)).tenderLampRenewalProject
      .lampRenewalProject;
    expect(tendered).toEqual({
      status: 'TENDERED',
      tenderAmountFen: 2_150_000,
      residentsRepresentative: null,
      contractor: { name: '苏州园区照明维护有限公司' },
      nextSteps: ['START', 'CANCEL'],
      history: {
        edges: [
          { node: { status: 'PLANNED', note: null, actorKind: 'SERVICE' } },
          { node: { status: 'TENDERED', note: '三家比选，业主代表参与评标', actorKind: 'PERSON' } },
        ],
      },
    });
    // Residents follow it without signing in, and see no buttons.
    expect(
      expectData(await post(`query($id: ID!) { lampRenewalProject(id: $id) { status nextSteps } }`, { id: seventh }))
        .lampRenewalProject,
    ).toEqual({ status: 'TENDERED', nextSteps: [] });
    expect(codesOf(await post(TENDER, tender(seventh), secretary))).toEqual(['LAMP_RENEWAL_PROJECT.ILLEGAL_STEP']);
    clock.advance(24);
    expect(
      expectData(await post(START, { id: seventh }, secretary)).startLampRenewalProject.lampRenewalProject,
    ).toEqual({
      status: 'IN_PROGRESS',
      nextSteps: ['ACCEPT', 'CANCEL'],
    });

    // 7幢's lamp goes dark during the works: the acceptance waits for its fault to close.
    const fault = expectData(
      await post(
        REPORT,
        { input: { lampId: seventhLamp, serviceCode: 'LAMP_OUT', description: '7幢旁新换的路灯不亮' } },
        await as('demo:resident'),
      ),
    ).reportLampFault.lampFault;
    const acceptance = {
      projectId: seventh,
      note: '路灯全部点亮，灯杆壁厚抽检合格',
      residentsRepresentative: '业主代表 罗淑芬',
    };
    expect(codesOf(await post(ACCEPT, { input: acceptance }, secretary))).toEqual([
      'LAMP_RENEWAL_PROJECT.LAMPS_STILL_FAULTY',
    ]);
    const order = expectData(
      await post(
        `mutation($f: ID!, $p: ID!) { assignLampWorkOrder(input: { faultId: $f, partnerUnitId: $p }) { lampWorkOrder { id } } }`,
        { f: fault.id, p: id.partner },
        secretary,
      ),
    ).assignLampWorkOrder.lampWorkOrder;
    expectData(await post(CLOSE, { id: order.id }, writeKey));
    clock.advance(24);
    const accepted = expectData(await post(ACCEPT, { input: acceptance }, secretary)).acceptLampRenewalProject
      .lampRenewalProject;
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      residentsRepresentative: '业主代表 罗淑芬',
      nextSteps: [],
    });
    expect(accepted.history.edges.map(({ node }: { node: { status: string } }) => node.status)).toEqual([
      'PLANNED',
      'TENDERED',
      'IN_PROGRESS',
      'ACCEPTED',
    ]);
    expect(codesOf(await post(CANCEL, { input: { projectId: seventh, reason: '重复立项' } }, secretary))).toEqual([
      'LAMP_RENEWAL_PROJECT.ILLEGAL_STEP',
    ]);

    // 8幢's lamp still waits for its cable: the street accepts the rest anyway, on purpose and on the record.
    // Its contractor records the start of work itself, with its key that may work on lamps; no other step is its.
    expectData(await post(TENDER, tender(eighth), secretary));
    const seenBy = async (headers: Record<string, string>) =>
      expectData(
        await post(`query($id: ID!) { lampRenewalProject(id: $id) { status nextSteps } }`, { id: eighth }, headers),
      ).lampRenewalProject;
    expect(await seenBy(writeKey)).toEqual({ status: 'TENDERED', nextSteps: ['START'] });
    expect(codesOf(await post(START, { id: eighth }, readKey))).toEqual(['FORBIDDEN']);
    expect(codesOf(await post(CANCEL, { input: { projectId: eighth, reason: '施工队另有安排' } }, writeKey))).toEqual([
      'FORBIDDEN',
    ]);
    expect(expectData(await post(START, { id: eighth }, writeKey)).startLampRenewalProject.lampRenewalProject).toEqual({
      status: 'IN_PROGRESS',
      nextSteps: [],
    });
    expect(await seenBy(secretary)).toEqual({ status: 'IN_PROGRESS', nextSteps: ['ACCEPT', 'CANCEL'] });
    expect(codesOf(await post(ACCEPT, { input: { projectId: eighth, note: '自验合格' } }, writeKey))).toEqual([
      'FORBIDDEN',
    ]);
    const overridden = {
      projectId: eighth,
      note: '灯杆已更换',
      override: { reason: '电缆由路灯所另行敷设，不影响本项目验收' },
    };
    expect(codesOf(await post(ACCEPT, { input: { projectId: eighth, note: '灯杆已更换' } }, secretary))).toEqual([
      'LAMP_RENEWAL_PROJECT.LAMPS_STILL_FAULTY',
    ]);
    expect(codesOf(await post(ACCEPT, { input: overridden }, await as('demo:grid-worker')))).toEqual(['FORBIDDEN']);
    const acceptedAnyway = expectData(await post(ACCEPT, { input: overridden }, await as('demo:street-staff')))
      .acceptLampRenewalProject.lampRenewalProject;
    expect(acceptedAnyway.history.edges.at(-1).node).toEqual({
      status: 'ACCEPTED',
      note: '灯杆已更换\n[override LAMP_RENEWAL_PROJECT.LAMPS_STILL_FAULTY] 电缆由路灯所另行敷设，不影响本项目验收',
      actorKind: 'PERSON',
    });

    // A third, called off while PLANNED; a cancelled project takes no more steps.
    const third = await projectOf('motion-renewal-003', 'XT-SZ7-003');
    const reason = '纳入街道背街小巷整体改造，本项目撤销';
    expect(
      expectData(await post(CANCEL, { input: { projectId: third, reason } }, secretary)).cancelLampRenewalProject
        .lampRenewalProject,
    ).toEqual({
      status: 'CANCELLED',
      nextSteps: [],
      history: {
        edges: [{ node: { status: 'PLANNED', note: null } }, { node: { status: 'CANCELLED', note: reason } }],
      },
    });
    expect(codesOf(await post(TENDER, tender(third), secretary))).toEqual(['LAMP_RENEWAL_PROJECT.ILLEGAL_STEP']);

    // Each step announced once, for deliberation's record of the motion's execution; the override for the audit trail.
    const eighthLamp = String(await lamp('XT-SZ7-008'));
    const subject = (projectId: string, motionId: string) => ({ projectId, motionId, communityId: id.淞源社区 });
    expect(await outboxOf('facilities.lighting.renewal-project-tendered')).toEqual([
      { ...subject(seventh, 'motion-renewal-007'), partnerUnitId: id.partner, amountFen: 2_150_000 },
      { ...subject(eighth, 'motion-renewal-008'), partnerUnitId: id.partner, amountFen: 2_150_000 },
    ]);
    expect(await outboxOf('facilities.lighting.renewal-project-started')).toHaveLength(2);
    expect(await outboxOf('facilities.lighting.renewal-project-accepted')).toEqual([
      {
        ...subject(seventh, 'motion-renewal-007'),
        partnerUnitId: id.partner,
        lampIds: [seventhLamp],
        faultyLampIds: [],
      },
      {
        ...subject(eighth, 'motion-renewal-008'),
        partnerUnitId: id.partner,
        lampIds: [eighthLamp],
        faultyLampIds: [eighthLamp],
      },
    ]);
    expect(await outboxOf('facilities.lighting.renewal-project-cancelled')).toEqual([
      { ...subject(third, 'motion-renewal-003'), reason },
    ]);
    expect(await outboxOf('governance.rule.overridden')).toEqual([
      {
        rule: 'LAMP_RENEWAL_PROJECT.LAMPS_STILL_FAULTY',
        subjectType: 'LampRenewalProject',
        subjectId: eighth,
        communityId: id.淞源社区,
        reason: '电缆由路灯所另行敷设，不影响本项目验收',
      },
    ]);
  });
});

import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { testNatsUrl, waitFor } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { copyOrganizationDirectory } from '../src/demo/organization-copy';
import { organizationFixtures } from './organization.fixtures';
import { dataOf, errorCodes, type Federation, startFederation } from './services.harness';

type Row = Record<string, any>;

/**
 * The 点单 loop end to end through two gateway replicas, on the demo of 斜塘街道: 罗淑芬 orders a home visit, the
 * social organisation that provides it accepts with its API key and sends a volunteer, completes it with a visit log,
 * she rates it and the volunteer's hours reach the time bank. Around it: who sees which orders, the state machine's
 * refusals, a moved-out resident's orders closing once, and a page of 100 orders costing a fixed number of queries.
 */
describe('care orders through the gateway', () => {
  let fed: Federation;
  const id: Record<string, string> = {};
  const key: Record<'accept' | 'readOnly' | 'otherPartner', Record<string, string>> = {} as never;
  const as: Record<string, Record<string, string>> = {};

  const post = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    (await fed.gateways.post(query, variables, headers)).body;
  const orgCollection = (name: string) => fed.org.connection.collection<Row>(name);

  beforeAll(async () => {
    fed = await startFederation();
    const find = (collection: string, filter: Row) =>
      orgCollection(collection)
        .findOne(filter)
        .then((row) => row!);
    const songyuan = await find('communities', { name: '淞源社区' });
    const qiqu = await find('compounds', { name: '淞泽家园七区' });
    const building3 = await find('buildings', { compoundId: qiqu._id, name: '3幢' });
    const building4 = await find('buildings', { compoundId: qiqu._id, name: '4幢' });
    const adult = { $in: ['AGE_18_TO_59', 'AGE_60_TO_79', 'AGE_80_PLUS'] };
    const luo = await find('residents', { buildingId: building3._id, name: '罗淑芬' });
    const neighbour4 = await find('residents', { buildingId: building4._id, ageBand: adult });
    const volunteer = await find('residents', {
      communityId: songyuan._id,
      buildingId: { $nin: [building3._id, building4._id] },
      ageBand: adult,
    });
    Object.assign(id, {
      淞源社区: String(songyuan._id),
      七区: String(qiqu._id),
      七区3幢: String(building3._id),
      七区4幢: String(building4._id),
      罗淑芬: String(luo._id),
      四幢居民: String(neighbour4._id),
      志愿者: String(volunteer._id),
      物业: String((await find('partner_units', { name: '斜塘淞泽物业服务有限公司' }))._id),
    });
    // Organization's demo records no events: services starts from a copy of it, as its own demo loader makes.
    await copyOrganizationDirectory(fed.services.connection, fed.org.connection);

    // A social organisation signs an agreement with 淞源社区 (with its events, which services learns from) and gets keys.
    const org = fed.org.call;
    id.友邻 = await organizationFixtures(fed).partner('斜塘友邻社工服务中心', 'SOCIAL_ORGANISATION', [id.淞源社区]);
    const issue = async (partnerUnitId: string, scopes: string[]) =>
      fed.gateways.asPartner(
        dataOf(
          await org(
            `mutation($p: ID!, $s: [String!]!) { issueApiKey(input: { partnerUnitId: $p, scopes: $s }) { secret } }`,
            { p: partnerUnitId, s: scopes },
          ),
        ).issueApiKey.secret,
      );
    key.accept = await issue(id.友邻, ['services:orders:read', 'services:orders:accept']);
    key.readOnly = await issue(id.友邻, ['services:orders:read']);
    key.otherPartner = await issue(id.物业, ['services:orders:read', 'services:orders:accept']);
    for (const subject of ['resident', 'building-leader', 'grid-worker', 'community-secretary'])
      as[subject] = await fed.gateways.asPerson(`demo:${subject}`);
    await waitFor(
      async () =>
        (await fed.gateways.post('{ careItems(first: 1) { totalCount } }', {}, key.otherPartner)).status === 200,
      'the keys to reach the gateways',
    );

    const call = fed.services.call;
    id.友邻服务站 = dataOf(
      await call(
        `mutation($p: ID!, $c: ID!) { registerPartnerCareProvider(input: { partnerUnitId: $p, communityId: $c, name: "友邻社工上门服务" }) { careProvider { id } } }`,
        { p: id.友邻, c: id.淞源社区 },
      ),
    ).registerPartnerCareProvider.careProvider.id;
    id.志愿者服务 = dataOf(
      await call(
        `mutation($r: ID!, $c: ID!) { registerVolunteer(input: { residentId: $r, name: "友邻先锋 志愿者", coordinatorId: $c }) { careProvider { id } } }`,
        { r: id.志愿者, c: id.友邻服务站 },
      ),
    ).registerVolunteer.careProvider.id;
    id.上门探访 = dataOf(
      await call(
        `mutation($c: ID!, $p: [ID!]!) { createCareItem(input: { communityId: $c, name: "上门探访", category: HOME_CARE, delivery: ON_REQUEST, eligibility: { ageBands: [AGE_18_TO_59, AGE_60_TO_79, AGE_80_PLUS] }, cost: { kind: FREE, priceFen: 0, unit: "次" }, providerIds: $p }) { careItem { id } } }`,
        { c: id.淞源社区, p: [id.友邻服务站] },
      ),
    ).createCareItem.careItem.id;
  });
  afterAll(() => fed?.stop());

  const ORDER_FIELDS =
    'id status onBehalf nextSteps provider { name } volunteer { name } visit { minutes } rating { stars }';
  const PLACE = `mutation($item: ID!, $resident: ID!) { placeCareOrder(input: { itemId: $item, residentId: $resident, note: "想有人陪着聊聊天" }) { careOrder { ${ORDER_FIELDS} } } }`;
  const STEP = (mutation: string, input: string) =>
    `mutation($id: ID!) { ${mutation}(input: { orderId: $id ${input} }) { careOrder { ${ORDER_FIELDS} } } }`;

  it.each([['1999-06-01T09:00:00+08:00'], ['9999-06-01T09:00:00+08:00']])(
    'refuses a care order wished for %s and places nothing',
    async (wishedFor) => {
      const before = await fed.services.connection.collection('care_orders').countDocuments();
      const refused = await post(
        `mutation($item: ID!, $resident: ID!, $when: DateTime!) { placeCareOrder(input: { itemId: $item, residentId: $resident, wishedFor: $when }) { careOrder { id } } }`,
        { item: id.上门探访, resident: id.罗淑芬, when: wishedFor },
        as.resident,
      );
      expect(refused.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'BAD_USER_INPUT',
            fields: [
              {
                field: 'wishedFor',
                problem: expect.stringMatching(/^must be between \d{4}-\d\d-\d\d and \d{4}-\d\d-\d\d$/),
              },
            ],
          }),
        }),
      ]);
      expect(await fed.services.connection.collection('care_orders').countDocuments()).toBe(before);
    },
  );

  it('order → accepted with the partner key → completed → rated, with the volunteer hours credited', async () => {
    const placed = await post(PLACE, { item: id.上门探访, resident: id.罗淑芬 }, as.resident);
    expect(placed.errors).toBeUndefined();
    const order = placed.data.placeCareOrder.careOrder;
    expect(order).toMatchObject({
      status: 'PLACED',
      onBehalf: false,
      provider: { name: '友邻社工上门服务' },
      nextSteps: ['ACCEPT', 'DECLINE', 'CANCEL'],
    });
    id.罗淑芬的订单 = order.id;

    const ACCEPT = `mutation($id: ID!, $v: ID) { acceptCareOrder(input: { orderId: $id, volunteerId: $v }) { careOrder { ${ORDER_FIELDS} } } }`;
    for (const refused of [key.readOnly, key.otherPartner, as['building-leader'], as.resident]) {
      expect(errorCodes(await post(ACCEPT, { id: order.id, v: id.志愿者服务 }, refused))).toEqual(['FORBIDDEN']);
    }
    const accepted = await post(ACCEPT, { id: order.id, v: id.志愿者服务 }, key.accept);
    expect(accepted.data?.acceptCareOrder.careOrder).toMatchObject({
      status: 'ACCEPTED',
      volunteer: { name: '友邻先锋 志愿者' },
    });

    expect(await post(STEP('rateCareOrder', 'stars: 5'), { id: order.id }, as.resident)).toMatchObject({
      data: null,
      errors: [{ extensions: { code: 'CARE_ORDER.ILLEGAL_STEP', status: 'ACCEPTED', action: 'RATE' } }],
    });
    const COMPLETE = STEP(
      'completeCareOrder',
      'visit: { startedAt: "2025-11-18T09:00:00+08:00", minutes: 90, note: "陪同聊天，整理房间" }',
    );
    expect((await post(COMPLETE, { id: order.id }, key.accept)).data?.completeCareOrder.careOrder).toMatchObject({
      status: 'COMPLETED',
      visit: { minutes: 90 },
    });
    expect(errorCodes(await post(COMPLETE, { id: order.id }, key.accept))).toEqual(['CARE_ORDER.ILLEGAL_STEP']);
    const rated = await post(STEP('rateCareOrder', 'stars: 5, comment: "小伙子很耐心"'), { id: order.id }, as.resident);
    expect(rated.data?.rateCareOrder.careOrder).toMatchObject({ status: 'RATED', rating: { stars: 5 }, nextSteps: [] });

    // Its history: every status it went through, oldest first, a page at a time.
    const HISTORY = `query($id: ID!, $after: String) { careOrder(id: $id) { history(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { status at note } } } } }`;
    const firstPage = (await post(HISTORY, { id: order.id }, as.resident)).data.careOrder.history;
    expect(firstPage).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const lastPage = (await post(HISTORY, { id: order.id, after: firstPage.pageInfo.endCursor }, as.resident)).data
      .careOrder.history;
    expect([...firstPage.edges, ...lastPage.edges].map((edge: Row) => edge.node.status)).toEqual([
      'PLACED',
      'ACCEPTED',
      'COMPLETED',
      'RATED',
    ]);
    expect(lastPage.pageInfo.hasNextPage).toBe(false);
    expect(firstPage.edges[0].node).toEqual({ status: 'PLACED', at: expect.any(String), note: null });

    const BALANCES = `query($p: ID!, $r: ID!) { careProvider(id: $p) { timeBank { hoursGiven visitsGiven } } resident(id: $r) { name timeBank { hoursReceived } } }`;
    expect(await post(BALANCES, { p: id.志愿者服务, r: id.罗淑芬 }, as['community-secretary'])).toEqual({
      data: {
        careProvider: { timeBank: { hoursGiven: 1.5, visitsGiven: 1 } },
        resident: { name: '罗淑芬', timeBank: { hoursReceived: 1.5 } },
      },
      extensions: { cost: expect.objectContaining({ requestedQueryCost: expect.any(Number) }) },
    });
    const events = await fed.services.connection
      .collection('outbox')
      .find({ 'envelope.payload.orderId': order.id })
      .sort({ _id: 1 })
      .toArray();
    expect(events.map((event) => event.envelope.type)).toEqual([
      'care.order.placed',
      'care.order.accepted',
      'care.order.completed',
      'care.order.rated',
    ]);
    expect(events[0].envelope.actor).toEqual({ kind: 'person', id: 'demo:resident' });
    expect(events[1].envelope.actor).toMatchObject({ kind: 'partner', id: id.友邻 });
  });

  const RECORD_CONSENT = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } } }`;
  const WITHDRAW_CONSENT = `mutation($id: ID!) { withdrawConsent(input: { consentId: $id }) { consent { withdrawnAt } } }`;
  /** Records a consent through the gateway and waits for services' copy to hold it. */
  const consentOf = async (caller: Record<string, string>, input: Row) => {
    const consentId = dataOf(await post(RECORD_CONSENT, { input }, caller)).recordConsent.consent.id;
    await waitFor(
      async () =>
        (await fed.services.connection
          .collection('directory_residents')
          .countDocuments({ 'consents.consentId': consentId })) === 1,
      'the consent to reach services',
    );
    return consentId;
  };

  it("a building group leader sees their building's orders and not the next building's", async () => {
    // A grid worker orders for a resident on the resident's consent covering the item's category, and not without it.
    const refused = await post(PLACE, { item: id.上门探访, resident: id.四幢居民 }, as['grid-worker']);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'CARE_ITEM.CONSENT_REQUIRED',
          residentId: id.四幢居民,
          purpose: 'HOME_CARE',
          kind: 'SENSITIVE_DATA',
        }),
      }),
    ]);
    await consentOf(as['grid-worker'], {
      residentId: id.四幢居民,
      kind: 'SENSITIVE_DATA',
      purposes: ['HOME_CARE'],
      purpose: '独居老人上门探访（纸质同意书）',
    });
    const onBehalf = await post(PLACE, { item: id.上门探访, resident: id.四幢居民 }, as['grid-worker']);
    expect(onBehalf.data?.placeCareOrder.careOrder).toMatchObject({ status: 'PLACED', onBehalf: true });
    id.四幢订单 = onBehalf.data.placeCareOrder.careOrder.id;

    const LIST = `query($b: ID) { careOrders(placeId: $b, first: 100) { edges { node { id resident { name } } } } }`;
    const own = await post(LIST, { b: id.七区3幢 }, as['building-leader']);
    expect(own.data.careOrders.edges).toEqual([{ node: { id: id.罗淑芬的订单, resident: { name: '罗淑芬' } } }]);
    expect(errorCodes(await post(LIST, { b: id.七区4幢 }, as['building-leader']))).toEqual(['FORBIDDEN']);
    // Their compound, reached through the building their role lists: what of it they may see, their building's.
    const compound = await post(LIST, { b: id.七区 }, as['building-leader']);
    expect(compound.data.careOrders.edges.map((edge: Row) => edge.node.id)).toEqual([id.罗淑芬的订单]);
    const secretaryView = await post(LIST, { b: id.七区 }, as['community-secretary']);
    expect(secretaryView.data.careOrders.edges.map((edge: Row) => edge.node.id).sort()).toEqual(
      [id.罗淑芬的订单, id.四幢订单].sort(),
    );
    expect(errorCodes(await post(LIST, { b: String(new Types.ObjectId()) }, as['building-leader']))).toEqual([
      'PLACE.NOT_FOUND',
    ]);
    const everything = await post(LIST, {}, as['building-leader']);
    expect(everything.data.careOrders.edges.map((edge: Row) => edge.node.id)).toEqual([id.罗淑芬的订单]);
    const ORDER = `query($id: ID!) { careOrder(id: $id) { id } }`;
    // Another's order and one that does not exist look alike: null, with no error to tell them apart.
    for (const caller of [as['building-leader'], as.resident])
      for (const orderId of [id.四幢订单, String(new Types.ObjectId())])
        expect(await post(ORDER, { id: orderId }, caller)).toEqual({
          data: { careOrder: null },
          extensions: expect.anything(),
        });
    expect((await post(ORDER, { id: id.四幢订单 }, as['community-secretary'])).data.careOrder).toEqual({
      id: id.四幢订单,
    });
  });

  it('a provider sees only the orders addressed to it, in its communities', async () => {
    const LIST = `query($c: ID) { careOrders(placeId: $c, first: 100) { edges { node { id provider { name } } } } }`;
    const ours = await post(LIST, { c: id.淞源社区 }, key.readOnly);
    expect(ours.data.careOrders.edges.map((edge: Row) => edge.node.id).sort()).toEqual(
      [id.罗淑芬的订单, id.四幢订单].sort(),
    );
    expect((await post(LIST, { c: id.淞源社区 }, key.otherPartner)).data.careOrders.edges).toEqual([]);
    const meisong = await orgCollection('communities').findOne({ name: '梅淞社区' });
    expect(errorCodes(await post(LIST, { c: String(meisong!._id) }, key.readOnly))).toEqual(['FORBIDDEN']);
  });

  it("closes a moved-out resident's open orders, once even when the event is delivered again", async () => {
    const moved = await post(
      `mutation($id: ID!) { moveResidentOut(input: { residentId: $id }) { resident { movedOutAt } } }`,
      { id: id.四幢居民 },
      as['community-secretary'],
    );
    expect(moved.errors).toBeUndefined();
    const orders = fed.services.connection.collection('care_orders');
    await waitFor(
      async () => (await orders.findOne({ _id: new Types.ObjectId(id.四幢订单) }))?.status === 'CANCELLED',
      'the open order to close',
    );
    expect((await orders.findOne({ _id: new Types.ObjectId(id.四幢订单) }))!.cancellation).toMatchObject({
      cause: 'RESIDENT_MOVED_OUT',
    });
    expect(errorCodes(await post(PLACE, { item: id.上门探访, resident: id.四幢居民 }, as['grid-worker']))).toEqual([
      'RESIDENT.MOVED_OUT',
    ]);

    // JetStream hands the same event over again (a new message id gets past the stream's de-duplication)...
    const movedOut = await orgCollection('outbox').findOne({ 'envelope.type': 'org.resident.moved-out' });
    const nats = await connect({ servers: testNatsUrl() });
    await jetstream(nats).publish(movedOut!.subject, JSON.stringify(movedOut!.envelope), {
      msgID: `again-${movedOut!.eventId}`,
    });
    await nats.close();
    // ...then a later event, handled after it by the same consumer: once that is in, the repeat has been dealt with.
    const householdId = String(
      (await orgCollection('residents').findOne({ _id: new Types.ObjectId(id.罗淑芬) }))!.householdId,
    );
    const newcomer = dataOf(
      await fed.org.call(
        `mutation($h: ID!) { moveResidentIn(input: { householdId: $h, name: "罗小明", ageBand: AGE_18_TO_59, relation: FAMILY }) { resident { id } } }`,
        { h: householdId },
      ),
    ).moveResidentIn.resident.id;
    await waitFor(
      async () =>
        Boolean(
          await fed.services.connection
            .collection('directory_residents')
            .findOne({ _id: new Types.ObjectId(newcomer) }),
        ),
      'the later event',
    );
    const cancelled = await fed.services.connection
      .collection('outbox')
      .find({ 'envelope.type': 'care.order.cancelled', 'envelope.payload.orderId': id.四幢订单 })
      .toArray();
    expect(cancelled.map((event) => event.envelope.payload)).toEqual([
      { orderId: id.四幢订单, cause: 'RESIDENT_MOVED_OUT' },
    ]);
  });

  it('completes a visit only from its scheduled time, unless the community office overrides with the reason', async () => {
    const order = dataOf(await post(PLACE, { item: id.上门探访, resident: id.罗淑芬 }, as.resident)).placeCareOrder
      .careOrder;
    dataOf(await post(STEP('acceptCareOrder', ''), { id: order.id }, key.accept));
    const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();
    dataOf(await post(STEP('scheduleCareOrder', `scheduledFor: "${inDays(2)}"`), { id: order.id }, key.accept));
    // Logged as made yesterday, for a visit scheduled the day after tomorrow.
    const early = `visit: { startedAt: "${inDays(-1)}", minutes: 60, note: "老人临时要求提前上门" }`;
    const reason = '老人临时住院前要求提前探访，社区已电话核实';
    const COMPLETE = (input: string) =>
      `mutation($id: ID!) { completeCareOrder(input: { orderId: $id ${input} }) { careOrder { status history(first: 10) { edges { node { status note } } } } } }`;
    expect(errorCodes(await post(COMPLETE(early), { id: order.id }, key.accept))).toEqual(['CARE_ORDER.NOT_YET_DUE']);
    // The provider may not excuse its own visit; the community office may.
    const overridden = `${early}, override: { reason: "${reason}" }`;
    expect(errorCodes(await post(COMPLETE(overridden), { id: order.id }, key.accept))).toEqual(['FORBIDDEN']);
    const completed = dataOf(await post(COMPLETE(overridden), { id: order.id }, as['community-secretary']))
      .completeCareOrder.careOrder;
    expect(completed.status).toBe('COMPLETED');
    expect(completed.history.edges.at(-1).node).toEqual({
      status: 'COMPLETED',
      note: `[override CARE_ORDER.NOT_YET_DUE] ${reason}`,
    });
    const recorded = await fed.services.connection
      .collection('outbox')
      .find({ 'envelope.type': 'governance.rule.overridden', 'envelope.payload.subjectId': order.id })
      .toArray();
    expect(recorded.map((row) => row.envelope)).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ kind: 'person', id: 'demo:community-secretary' }),
        payload: {
          rule: 'CARE_ORDER.NOT_YET_DUE',
          subjectType: 'CareOrder',
          subjectId: order.id,
          communityId: id.淞源社区,
          reason,
        },
      }),
    ]);
  });

  it('a consent covers the purposes it names: withdrawn, it cancels the orders and appointments it covered, not others', async () => {
    const item = async (name: string, category: string, ageBands: string) =>
      dataOf(
        await fed.services.call(
          `mutation($c: ID!, $p: [ID!]!) { createCareItem(input: { communityId: $c, name: "${name}", category: ${category}, delivery: ON_REQUEST, eligibility: { ageBands: [${ageBands}] }, cost: { kind: FREE, priceFen: 0, unit: "次" }, providerIds: $p }) { careItem { id } } }`,
          { c: id.淞源社区, p: [id.友邻服务站] },
        ),
      ).createCareItem.careItem.id;
    id.星儿陪伴 = await item('星儿上门陪伴', 'SPECIAL_NEEDS_CLASS', 'UNDER_6, AGE_6_TO_13');
    id.儿童助餐 = await item('放学后助餐', 'MEAL_AND_SHOPPING_HELP', 'AGE_6_TO_13');
    const householdId = String(
      (await orgCollection('residents').findOne({ _id: new Types.ObjectId(id.罗淑芬) }))!.householdId,
    );
    const child = dataOf(
      await fed.org.call(
        `mutation($h: ID!) { moveResidentIn(input: { householdId: $h, name: "罗小乐", ageBand: AGE_6_TO_13, relation: FAMILY }) { resident { id } } }`,
        { h: householdId },
      ),
    ).moveResidentIn.resident.id;
    const guardian = { residentId: child, kind: 'GUARDIAN', guardianResidentId: id.罗淑芬 };
    const forMeals = await consentOf(as.resident, {
      ...guardian,
      purposes: ['MEAL_AND_SHOPPING_HELP'],
      purpose: '放学后助餐',
    });

    // A guardian's consent to 助餐 does not let anyone order 托育 (星儿课堂) for the child: the refusal names the purpose.
    const refused = await post(PLACE, { item: id.星儿陪伴, resident: child }, as.resident);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'CARE_ITEM.GUARDIAN_CONSENT_REQUIRED',
          residentId: child,
          purpose: 'SPECIAL_NEEDS_CLASS',
          kind: 'GUARDIAN',
        }),
      }),
    ]);
    const meals = dataOf(await post(PLACE, { item: id.儿童助餐, resident: child }, as.resident)).placeCareOrder
      .careOrder;

    // The family doctor's rota at 淞源社区, every day: the child's appointment needs the guardian's consent to it too.
    const rota = dataOf(
      await fed.services.call(
        `mutation($p: ID!, $from: String!) { setDoctorRota(input: { providerId: $p, doctorName: "全科 陈医生", location: "淞源社区卫生服务站", weekdays: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY], startTime: "08:00", endTime: "20:00", slotMinutes: 30, validFrom: $from }) { doctorRota { id } } }`,
        { p: id.友邻服务站, from: new Date().toISOString().slice(0, 10) },
      ),
    ).setDoctorRota.doctorRota.id;
    const slots = dataOf(
      await post(
        `query($r: ID!, $from: DateTime!) { doctorRota(id: $r) { slots(first: 2, from: $from) { edges { node { startsAt } } } } }`,
        { r: rota, from: new Date(Date.now() + 24 * 3600_000).toISOString() },
        as['community-secretary'],
      ),
    ).doctorRota.slots.edges.map((edge: Row) => edge.node.startsAt);
    const BOOK = `mutation($r: ID!, $at: DateTime!, $who: ID!) { bookDoctorSlot(input: { rotaId: $r, startsAt: $at, residentId: $who }) { doctorAppointment { id status } } }`;
    expect(errorCodes(await post(BOOK, { r: rota, at: slots[0], who: child }, as.resident))).toEqual([
      'DOCTOR_APPOINTMENT.GUARDIAN_CONSENT_REQUIRED',
    ]);

    const forCare = await consentOf(as.resident, {
      ...guardian,
      purposes: ['SPECIAL_NEEDS_CLASS', 'FAMILY_DOCTOR'],
      purpose: '星儿上门陪伴及家庭医生',
    });
    const placed = dataOf(await post(PLACE, { item: id.星儿陪伴, resident: child }, as.resident)).placeCareOrder
      .careOrder;
    const accepted = dataOf(await post(PLACE, { item: id.星儿陪伴, resident: child }, as.resident)).placeCareOrder
      .careOrder;
    dataOf(await post(STEP('acceptCareOrder', ''), { id: accepted.id }, key.accept));
    const childsAppointment = dataOf(await post(BOOK, { r: rota, at: slots[0], who: child }, as.resident))
      .bookDoctorSlot.doctorAppointment;
    // The mother's own order and appointment rest on no consent: she arranges them for herself.
    const mothers = dataOf(await post(PLACE, { item: id.上门探访, resident: id.罗淑芬 }, as.resident)).placeCareOrder
      .careOrder;
    const mothersAppointment = dataOf(await post(BOOK, { r: rota, at: slots[1], who: id.罗淑芬 }, as.resident))
      .bookDoctorSlot.doctorAppointment;

    dataOf(await post(WITHDRAW_CONSENT, { id: forCare }, as.resident));
    const ORDER = `query($id: ID!) { careOrder(id: $id) { status cancellation { cause } history(first: 10) { edges { node { status note } } } } }`;
    const read = async (orderId: string) => dataOf(await post(ORDER, { id: orderId }, as.resident)).careOrder;
    const APPOINTMENT = `query($id: ID!) { doctorAppointment(id: $id) { status cancellation { cause } } }`;
    const appointment = async (appointmentId: string) =>
      dataOf(await post(APPOINTMENT, { id: appointmentId }, as.resident)).doctorAppointment;
    await waitFor(
      async () => (await appointment(childsAppointment.id)).status === 'CANCELLED',
      "the child's appointment to close",
    );
    for (const orderId of [placed.id, accepted.id]) {
      const order = await read(orderId);
      expect(order).toMatchObject({ status: 'CANCELLED', cancellation: { cause: 'GUARDIAN_CONSENT_WITHDRAWN' } });
      expect(order.history.edges.at(-1).node).toEqual({ status: 'CANCELLED', note: '监护人已撤回同意' });
    }
    expect(await appointment(childsAppointment.id)).toEqual({
      status: 'CANCELLED',
      cancellation: { cause: 'GUARDIAN_CONSENT_WITHDRAWN' },
    });
    // What the withdrawn consent did not cover stays: the 助餐 order on the other consent, the mother's own care.
    expect((await read(meals.id)).status).toBe('PLACED');
    expect((await read(mothers.id)).status).toBe('PLACED');
    expect((await appointment(mothersAppointment.id)).status).toBe('BOOKED');
    const outbox = fed.services.connection.collection('outbox');
    const cancelled = await outbox
      .find({ 'envelope.type': 'care.order.cancelled', 'envelope.payload.cause': 'GUARDIAN_CONSENT_WITHDRAWN' })
      .toArray();
    expect(cancelled.map((row) => row.envelope.payload.orderId).sort()).toEqual([placed.id, accepted.id].sort());
    const appointmentsCancelled = await outbox.find({ 'envelope.type': 'care.doctor-appointment.cancelled' }).toArray();
    expect(appointmentsCancelled.map((row) => row.envelope.payload)).toEqual([
      expect.objectContaining({ appointmentId: childsAppointment.id, cause: 'GUARDIAN_CONSENT_WITHDRAWN' }),
    ]);

    // The father consents to 助餐 as well (on a form the grid worker brings): when the mother withdraws hers, the order
    // rests on his; when he withdraws his, it closes.
    const father = dataOf(
      await fed.org.call(
        `mutation($h: ID!) { moveResidentIn(input: { householdId: $h, name: "罗建军", ageBand: AGE_18_TO_59, relation: FAMILY }) { resident { id } } }`,
        { h: householdId },
      ),
    ).moveResidentIn.resident.id;
    const fathers = await consentOf(as['grid-worker'], {
      ...guardian,
      guardianResidentId: father,
      purposes: ['MEAL_AND_SHOPPING_HELP'],
      purpose: '放学后助餐（父亲签字）',
    });
    dataOf(await post(WITHDRAW_CONSENT, { id: forMeals }, as.resident));
    const mealOrder = () =>
      fed.services.connection.collection('care_orders').findOne({ _id: new Types.ObjectId(meals.id) });
    await waitFor(
      async () => (await mealOrder())?.consentId === fathers,
      "the 助餐 order to rest on the father's consent",
    );
    expect((await read(meals.id)).status).toBe('PLACED');
    dataOf(await post(WITHDRAW_CONSENT, { id: fathers }, as['grid-worker']));
    await waitFor(async () => (await read(meals.id)).status === 'CANCELLED', 'the 助餐 order to close');
    expect((await read(mothers.id)).status).toBe('PLACED');
  });

  it('closes what a grid worker arranged for an adult when the adult withdraws the consent it rested on, and nothing they arranged themself', async () => {
    const consent = await consentOf(as['grid-worker'], {
      residentId: id.罗淑芬,
      kind: 'SENSITIVE_DATA',
      purposes: ['HOME_CARE'],
      purpose: '居家养老上门探访',
    });
    const arranged = dataOf(await post(PLACE, { item: id.上门探访, resident: id.罗淑芬 }, as['grid-worker']))
      .placeCareOrder.careOrder;
    const own = dataOf(await post(PLACE, { item: id.上门探访, resident: id.罗淑芬 }, as.resident)).placeCareOrder
      .careOrder;
    dataOf(await post(WITHDRAW_CONSENT, { id: consent }, as.resident));
    const ORDER = `query($id: ID!) { careOrder(id: $id) { status cancellation { cause } history(first: 10) { edges { node { note } } } } }`;
    const read = async (orderId: string) => dataOf(await post(ORDER, { id: orderId }, as.resident)).careOrder;
    await waitFor(async () => (await read(arranged.id)).status === 'CANCELLED', 'the arranged order to close');
    const closed = await read(arranged.id);
    expect(closed.cancellation).toEqual({ cause: 'CONSENT_WITHDRAWN' });
    expect(closed.history.edges.at(-1).node).toEqual({ note: '居民已撤回同意' });
    expect((await read(own.id)).status).toBe('PLACED');
    expect(errorCodes(await post(PLACE, { item: id.上门探访, resident: id.罗淑芬 }, as['grid-worker']))).toEqual([
      'CARE_ITEM.CONSENT_REQUIRED',
    ]);
  });

  it('refuses orders the item or the resident does not allow, writing nothing', async () => {
    const child = await orgCollection('residents').findOne({
      communityId: new Types.ObjectId(id.淞源社区),
      ageBand: 'AGE_6_TO_13',
      movedOutAt: null,
    });
    const before = await fed.services.connection.collection('care_orders').countDocuments();
    const refusal = async (resident: string, caller: Record<string, string>) =>
      errorCodes(await post(PLACE, { item: id.上门探访, resident }, caller));
    expect(await refusal(String(child!._id), as['grid-worker'])).toEqual(['CARE_ITEM.NOT_ELIGIBLE']);
    expect(await refusal(id.四幢居民, as.resident)).toEqual(['FORBIDDEN']);
    expect(await refusal(id.罗淑芬, key.accept)).toEqual(['FORBIDDEN']);
    expect(await fed.services.connection.collection('care_orders').countDocuments()).toBe(before);
  });

  it('lists 100 orders with their residents and providers for a fixed number of database queries', async () => {
    const residents = await orgCollection('residents')
      .find({
        communityId: new Types.ObjectId(id.淞源社区),
        ageBand: { $in: ['AGE_18_TO_59', 'AGE_60_TO_79', 'AGE_80_PLUS'] },
        movedOutAt: null,
      })
      .limit(25)
      .toArray();
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        residents.slice(0, 10).map((resident, index) =>
          fed.services.call(PLACE, {
            item: id.上门探访,
            resident: String(residents[(batch + index * 3) % residents.length]._id),
          }),
        ),
      );
    }
    const QUERY = `query($n: Int!) { careOrders(placeId: "${id.淞源社区}", first: $n) { edges { node { status item { name } provider { name partnerUnit { name } } volunteer { name } resident { name ageBand } } } } }`;
    const queriesFor = async (first: number) => {
      // Warm: the gateway keeps who a person is for half a minute, and that lookup is not this query's.
      await fed.gateways.post('{ careItems(first: 1) { totalCount } }', {}, as['community-secretary']);
      const services: string[] = [];
      fed.services.connection.set('debug', (collection: string, method: string) =>
        services.push(`${collection}.${method}`),
      );
      const organization = await residentQueriesOfOrganization(async () => {
        const { body } = await fed.gateways.post(QUERY, { n: first }, as['community-secretary']);
        expect(body.errors).toBeUndefined();
        expect(body.data.careOrders.edges).toHaveLength(first);
        expect(
          body.data.careOrders.edges.every(
            (edge: Row) => edge.node.resident.name && edge.node.provider.partnerUnit.name === '斜塘友邻社工服务中心',
          ),
        ).toBe(true);
      });
      fed.services.connection.set('debug', false);
      // The outbox relay and the consumers poll on their own schedule: not the request's queries.
      return { services: services.filter((operation) => !/^(outbox|processed_events)/.test(operation)), organization };
    };
    const ten = await queriesFor(10);
    const hundred = await queriesFor(100);
    expect(hundred).toEqual(ten);
    // One query resolves the placeId in services' copy of organization's places; then one per kind of record.
    expect(hundred.services.sort()).toEqual([
      'care_items.find',
      'care_orders.find',
      'care_providers.find',
      'directory_places.find',
    ]);
    expect(hundred.organization).toBe(1);
  });

  /** How many queries organization ran on its residents while `work` ran (MongoDB's profiler; organization is another process). */
  async function residentQueriesOfOrganization(work: () => Promise<void>): Promise<number> {
    const db = fed.org.connection.db!;
    await db.command({ profile: 2 });
    const since = new Date();
    await work();
    await db.command({ profile: 0 });
    return db.collection('system.profile').countDocuments({ ts: { $gte: since }, ns: `${db.databaseName}.residents` });
  }
});

import { randomUUID } from 'node:crypto';
import { eventSubject } from '@gongzhi/contracts';
import { testEventsNamespace, testNatsUrl, waitFor } from '@gongzhi/testing';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Types } from 'mongoose';
import { copyOrganizationDirectory } from '../src/demo/organization-copy';
import { organizationFixtures } from './organization.fixtures';
import { dataOf, errorCodes, type Federation, startFederation } from './services.harness';

type Row = Record<string, any>;

/**
 * The order a provider can act on, through two gateway replicas on the demo of 斜塘街道: 罗淑芬 orders a home visit
 * from a social organisation whose API key may not read residents. Its key reads the order whole, with who it is for
 * (name, address, her number masked until she consents to share it) — each read audited — and nothing of an order
 * addressed to another provider, nor of hers once it is closed.
 */
describe('the recipient of a care order, as its provider sees them', () => {
  let fed: Federation;
  const id: Record<string, string> = {};
  const key: Record<'youlin' | 'wuye', Record<string, string>> = {} as never;
  const as: Record<string, Record<string, string>> = {};
  const post = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    (await fed.gateways.post(query, variables, headers)).body;
  const ORDER = `query($id: ID!) { careOrder(id: $id) { status item { name } resident { name } recipient { name address phone phoneShared } } }`;
  const PLACE = `mutation($item: ID!, $resident: ID!, $provider: ID!) { placeCareOrder(input: { itemId: $item, residentId: $resident, providerId: $provider, note: "下午三点后在家" }) { careOrder { id } } }`;

  beforeAll(async () => {
    fed = await startFederation();
    const find = (collection: string, filter: Row) =>
      fed.org.connection
        .collection<Row>(collection)
        .findOne(filter)
        .then((row) => row!);
    const songyuan = await find('communities', { name: '淞源社区' });
    const qiqu = await find('compounds', { name: '淞泽家园七区' });
    const building3 = await find('buildings', { compoundId: qiqu._id, name: '3幢' });
    const luo = await find('residents', { buildingId: building3._id, name: '罗淑芬' });
    Object.assign(id, {
      淞源社区: String(songyuan._id),
      罗淑芬: String(luo._id),
      物业: String((await find('partner_units', { name: '斜塘淞泽物业服务有限公司' }))._id),
    });
    await copyOrganizationDirectory(fed.services.connection, fed.org.connection);

    // Two providers in 淞源社区, each a partner unit whose key may handle orders but not read residents.
    id.友邻 = await organizationFixtures(fed).partner('斜塘友邻社工服务中心', 'SOCIAL_ORGANISATION', [id.淞源社区]);
    const issue = async (partnerUnitId: string) =>
      fed.gateways.asPartner(
        dataOf(
          await fed.org.call(
            `mutation($p: ID!, $s: [String!]!) { issueApiKey(input: { partnerUnitId: $p, scopes: $s }) { secret } }`,
            { p: partnerUnitId, s: ['services:orders:read', 'services:orders:accept'] },
          ),
        ).issueApiKey.secret,
      );
    key.youlin = await issue(id.友邻);
    key.wuye = await issue(id.物业);
    for (const subject of ['resident', 'community-secretary', 'auditor'])
      as[subject] = await fed.gateways.asPerson(`demo:${subject}`);
    await waitFor(
      async () => (await fed.gateways.post('{ careItems(first: 1) { totalCount } }', {}, key.wuye)).status === 200,
      'the keys to reach the gateways',
    );
    const provider = async (partnerUnitId: string, name: string) =>
      dataOf(
        await fed.services.call(
          `mutation($p: ID!, $c: ID!, $n: String!) { registerPartnerCareProvider(input: { partnerUnitId: $p, communityId: $c, name: $n }) { careProvider { id } } }`,
          { p: partnerUnitId, c: id.淞源社区, n: name },
        ),
      ).registerPartnerCareProvider.careProvider.id;
    id.友邻服务站 = await provider(id.友邻, '友邻社工上门服务');
    id.物业服务站 = await provider(id.物业, '淞泽物业 居家帮办');
    id.上门探访 = dataOf(
      await fed.services.call(
        `mutation($c: ID!, $p: [ID!]!) { createCareItem(input: { communityId: $c, name: "上门探访", category: HOME_CARE, delivery: ON_REQUEST, eligibility: { ageBands: [AGE_18_TO_59, AGE_60_TO_79, AGE_80_PLUS] }, cost: { kind: FREE, priceFen: 0, unit: "次" }, providerIds: $p }) { careItem { id } } }`,
        { c: id.淞源社区, p: [id.友邻服务站, id.物业服务站] },
      ),
    ).createCareItem.careItem.id;
    const place = async (provider: string) =>
      dataOf(await post(PLACE, { item: id.上门探访, resident: id.罗淑芬, provider }, as.resident)).placeCareOrder
        .careOrder.id;
    id.友邻的订单 = await place(id.友邻服务站);
    id.物业的订单 = await place(id.物业服务站);
    // organization learns who delivers each order from services' events.
    await waitFor(
      async () => (await fed.org.connection.collection('care_deliveries').countDocuments()) === 2,
      'organization to learn of the orders',
    );
  });
  afterAll(() => fed?.stop());

  it('hands the assigned provider the order whole, with her name, address and masked number, and audits the read', async () => {
    const answer = await post(ORDER, { id: id.友邻的订单 }, key.youlin);
    // The resident's own record stays closed to the key; the order no longer goes with it.
    expect(answer.errors!.map((error: Row) => [error.path, error.extensions.code])).toEqual([
      [['careOrder', 'resident'], 'FORBIDDEN'],
    ]);
    const own = dataOf(
      await post(`query($id: ID!) { resident(id: $id) { phone } }`, { id: id.罗淑芬 }, as.resident),
    ).resident;
    expect(answer.data.careOrder).toEqual({
      status: 'PLACED',
      item: { name: '上门探访' },
      resident: null,
      recipient: {
        name: '罗淑芬',
        address: expect.stringMatching(/^淞泽家园七区 3幢 \d+室$/),
        phone: `${own.phone.slice(0, 3)}****${own.phone.slice(-4)}`,
        phoneShared: false,
      },
    });

    // Audited as organization audits sensitive reads: who (the partner's key), whose record, which fields.
    const ENTRIES = `query($order: ID!) { auditTrail(subjectId: $order, first: 10) { edges { node { kind subjectType fields actor { kind id } } } } }`;
    let entries: Row[] = [];
    await waitFor(async () => {
      entries = dataOf(await post(ENTRIES, { order: id.友邻的订单 }, as.auditor)).auditTrail.edges;
      return entries.length > 0;
    }, 'the read to reach the audit trail');
    expect(entries.map((edge) => edge.node)).toEqual([
      {
        kind: 'access.sensitive-record.read',
        subjectType: 'CareRecipient',
        fields: ['name', 'address', 'phone', 'phoneShared'],
        actor: { kind: 'partner', id: id.友邻 },
      },
    ]);
    const [read] = await fed.org.connection
      .collection('outbox')
      .find({ 'envelope.type': 'access.sensitive-record.read', 'envelope.payload.subjectId': id.友邻的订单 })
      .toArray();
    expect(read.envelope.payload).toMatchObject({ residentId: id.罗淑芬, category: 'PERSONAL_CONTACT' });

    // She consents to share her number with the providers of her meal help (助餐): not this home visit's provider.
    const SHARE = `mutation($r: ID!, $p: [ConsentPurpose!]!, $words: String!) { recordConsent(input: { residentId: $r, kind: SHARE_WITH_PROVIDERS, purposes: $p, purpose: $words }) { consent { id } } }`;
    dataOf(await post(SHARE, { r: id.罗淑芬, p: ['MEAL_AND_SHOPPING_HELP'], words: '助餐送餐联系' }, as.resident));
    expect((await post(ORDER, { id: id.友邻的订单 }, key.youlin)).data.careOrder.recipient).toMatchObject({
      phone: `${own.phone.slice(0, 3)}****${own.phone.slice(-4)}`,
      phoneShared: false,
    });
    // Then with the providers of her home care: the provider now reads it whole.
    dataOf(await post(SHARE, { r: id.罗淑芬, p: ['HOME_CARE'], words: '居家养老上门服务联系' }, as.resident));
    expect((await post(ORDER, { id: id.友邻的订单 }, key.youlin)).data.careOrder.recipient).toMatchObject({
      phone: own.phone,
      phoneShared: true,
    });
  });

  it('shows nothing of an order addressed to another provider, nor the recipient to anyone but its provider', async () => {
    // Each key sees its own order only: another's answers null, as an unknown one does.
    expect(await post(ORDER, { id: id.物业的订单 }, key.youlin)).toMatchObject({ data: { careOrder: null } });
    expect(await post(ORDER, { id: id.友邻的订单 }, key.wuye)).toMatchObject({ data: { careOrder: null } });
    const LIST = `{ careOrders(first: 10) { edges { node { id recipient { name } } } } }`;
    expect(dataOf(await post(LIST, {}, key.wuye)).careOrders.edges).toEqual([
      { node: { id: id.物业的订单, recipient: { name: '罗淑芬' } } },
    ]);
    // The community office reads the resident's own record; the recipient is the provider's.
    const seenByOffice = await post(ORDER, { id: id.友邻的订单 }, as['community-secretary']);
    expect(seenByOffice.data.careOrder.resident).toEqual({ name: '罗淑芬' });
    expect(errorCodes(seenByOffice)).toEqual(['FORBIDDEN']);
    expect(seenByOffice.errors![0].path).toEqual(['careOrder', 'recipient']);
  });

  it('closes the recipient to the provider once the order is closed', async () => {
    dataOf(
      await post(
        `mutation($id: ID!) { cancelCareOrder(input: { orderId: $id, reason: "家人已安排" }) { careOrder { status } } }`,
        { id: id.物业的订单 },
        as.resident,
      ),
    );
    await waitFor(
      async () =>
        (await fed.org.connection.collection('care_deliveries').findOne({ _id: id.物业的订单 as never }))?.open ===
        false,
      'organization to learn of the cancellation',
    );
    const answer = await post(ORDER, { id: id.物业的订单 }, key.wuye);
    expect(answer.data.careOrder).toMatchObject({ status: 'CANCELLED', recipient: null });
    expect(errorCodes(answer)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('keeps every step of an order whatever order its events arrive in, redeliveries included', async () => {
    // Steps of orders of 罗淑芬 that services never sent: published straight to NATS, each order's in another order.
    const volunteer = new Types.ObjectId().toHexString();
    const steps = (orderId: string) => ({
      placed: {
        type: 'care.order.placed',
        payload: {
          orderId,
          itemId: id.上门探访,
          providerId: id.友邻服务站,
          partnerUnitId: id.友邻,
          residentId: id.罗淑芬,
          communityId: id.淞源社区,
          onBehalf: false,
          category: 'HOME_CARE',
        },
      },
      accepted: {
        type: 'care.order.accepted',
        payload: { orderId, providerId: id.友邻服务站, volunteerId: volunteer },
      },
      completed: { type: 'care.order.completed', payload: { orderId, minutes: 45, volunteerId: volunteer } },
    });
    type Step = keyof ReturnType<typeof steps>;
    const orders: { orderId: string; arrival: Step[] }[] = [
      ['placed', 'accepted', 'completed'],
      ['completed', 'accepted', 'placed'],
      ['accepted', 'placed', 'completed', 'accepted'],
      ['completed', 'placed', 'placed', 'accepted'],
      ['accepted', 'completed', 'completed', 'placed'],
    ].map((arrival) => ({ orderId: new Types.ObjectId().toHexString(), arrival: arrival as Step[] }));

    const nats = await connect({ servers: testNatsUrl() });
    const eventIds = new Set<string>();
    try {
      for (const { orderId, arrival } of orders) {
        const sent = new Map<Step, Row>();
        for (const step of arrival) {
          // A step that comes twice is the same event delivered again (one id), as a redelivery is.
          const envelope = sent.get(step) ?? {
            id: randomUUID(),
            version: 1,
            occurredAt: new Date().toISOString(),
            source: 'services',
            ...steps(orderId)[step],
          };
          sent.set(step, envelope);
          eventIds.add(envelope.id);
          // No Nats-Msg-Id: the stream would drop the second copy, and the consumer is what must skip it.
          await jetstream(nats).publish(eventSubject(testEventsNamespace(), envelope.type), JSON.stringify(envelope));
        }
      }
    } finally {
      await nats.close();
    }
    const processed = fed.org.connection.collection('processed_events');
    await waitFor(
      async () =>
        (await processed.countDocuments({
          consumer: 'organization-care-deliveries',
          eventId: { $in: [...eventIds] },
        })) === eventIds.size,
      'organization to apply every step',
    );
    const deliveries = await fed.org.connection
      .collection<Row>('care_deliveries')
      .find({ _id: { $in: orders.map((order) => order.orderId) } as never })
      .toArray();
    const byId = new Map(deliveries.map((delivery) => [String(delivery._id), delivery]));
    for (const { orderId, arrival } of orders) {
      const delivery = byId.get(orderId);
      // The same record whatever the order: who it is for, both providers, closed by its completion.
      expect({ arrival, ...delivery, providerIds: [...(delivery?.providerIds ?? [])].sort() }).toEqual({
        arrival,
        _id: orderId,
        residentId: new Types.ObjectId(id.罗淑芬),
        communityId: new Types.ObjectId(id.淞源社区),
        partnerUnitId: new Types.ObjectId(id.友邻),
        providerIds: [id.友邻服务站, volunteer].sort(),
        category: 'HOME_CARE',
        open: false,
      });
    }
  });
});

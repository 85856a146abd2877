import { connectTestDatabase, personActor, within } from '@gongzhi/testing';
import type { Connection } from 'mongoose';
import { loadDemoData } from '../src/demo/load-demo-data';
import { dataOf, loadOrganizationDemoData, type ServicesUnderTest, startServicesSubgraph } from './services.harness';

type Row = Record<string, any>;

/** Every demo community gets a believable catalogue and some history, on organization's demo, without events. */
describe('demo data', () => {
  let services: Connection;
  let organization: Connection;
  let communities: Row[];
  const collection = (name: string) => services.collection<Row>(name);

  beforeAll(async () => {
    await loadOrganizationDemoData();
    [services, organization] = await Promise.all([
      connectTestDatabase('services'),
      connectTestDatabase('organization'),
    ]);
    await loadDemoData(services, organization, () => undefined);
    communities = await organization.collection('communities').find().toArray();
  });
  afterAll(() => Promise.all([services?.close(), organization?.close()]));

  it('gives every demo community a catalogue of elder care and childcare, each item with providers of its own community', async () => {
    for (const community of communities) {
      const items = await collection('care_items').find({ communityId: community._id }).toArray();
      expect({ community: community.name, names: items.map((item) => item.name) }).toEqual({
        community: community.name,
        names: expect.arrayContaining(['上门探访', '助餐送餐', '周末儿童服务站']),
      });
      const providers = await collection('care_providers')
        .find({ _id: { $in: items.flatMap((item) => item.providerIds) } })
        .toArray();
      expect(providers.every((provider) => provider.communityId.equals(community._id))).toBe(true);
    }
    const gaobo = await organization.collection('partner_units').findOne({ name: '苏州高博软件技术职业学院' });
    expect(await collection('care_providers').findOne({ partnerUnitId: gaobo!._id })).toMatchObject({
      name: '苏州高博软件技术职业学院学生志愿服务队',
    });
    expect(await collection('care_providers').countDocuments({ kind: 'VOLUNTEER' })).toBeGreaterThanOrEqual(
      communities.length,
    );
  });

  it('gives each a history of orders: most rated, a few on their way, volunteers credited for their visits', async () => {
    for (const community of communities)
      expect(
        await collection('care_orders').countDocuments({ serviceCommunityId: community._id, status: 'RATED' }),
      ).toBeGreaterThan(0);
    expect(await collection('care_orders').distinct('status')).toEqual(
      expect.arrayContaining(['PLACED', 'ACCEPTED', 'SCHEDULED', 'COMPLETED', 'RATED', 'CANCELLED', 'DECLINED']),
    );
    expect(
      await collection('care_orders').countDocuments({ status: 'RATED', $or: [{ visit: null }, { rating: null }] }),
    ).toBe(0);
    const byVolunteers = await collection('care_orders').countDocuments({
      status: { $in: ['COMPLETED', 'RATED'] },
      volunteerResidentId: { $ne: null },
    });
    expect(byVolunteers).toBeGreaterThan(0);
    expect(await collection('time_bank_entries').countDocuments()).toBe(byVolunteers);
    const luo = await organization.collection('role_bindings').findOne({ subject: 'demo:resident' });
    expect(await collection('care_orders').countDocuments({ residentId: luo!.residentId })).toBeGreaterThan(0);
  });

  it("has 龙惠社区's family doctors on Tuesdays and Fridays, and sessions whose places add up", async () => {
    const longhui = communities.find((community) => community.name === '龙惠社区')!;
    const rota = await collection('doctor_rotas').findOne({ communityId: longhui._id });
    expect(rota).toMatchObject({ weekdays: ['TUESDAY', 'FRIDAY'], startTime: '08:30', slotMinutes: 20 });
    expect(
      await collection('doctor_appointments').countDocuments({ rotaId: rota!._id, startsAt: { $gt: new Date() } }),
    ).toBeGreaterThan(0);
    for (const session of await collection('care_sessions').find().toArray()) {
      expect(await collection('session_bookings').countDocuments({ sessionId: session._id, status: 'CONFIRMED' })).toBe(
        session.confirmedCount,
      );
    }
  });

  it('records no events and adds nothing when loaded again', async () => {
    expect(await collection('outbox').countDocuments()).toBe(0);
    const before = await collection('care_orders').countDocuments();
    const again: string[] = [];
    await loadDemoData(services, organization, (line) => again.push(line));
    expect(again.at(-1)).toBe(`demo data: care of 0 communities added, ${communities.length} already there`);
    expect(await collection('care_orders').countDocuments()).toBe(before);
  });

  it('reads back through the API: the community office of 淞源社区 sees its catalogue and orders', async () => {
    const subgraph: ServicesUnderTest = await startServicesSubgraph();
    try {
      const songyuan = String(communities.find((community) => community.name === '淞源社区')!._id);
      const secretary = personActor(
        'demo:community-secretary',
        'COMMUNITY_SECRETARY',
        within({ communityIds: [songyuan] }),
      );
      const data = dataOf(
        await subgraph.call(
          `query($c: ID!) {
            careItems(placeId: $c, first: 50) { edges { node { name cost { kind priceFen } providers { edges { node { name } } } sessions { edges { node { title placesLeft } } } } } }
            careOrders(placeId: $c, first: 100) { edges { node { status declineReason cancellation { reason } item { name } provider { name } volunteer { name } visit { minutes } rating { stars } nextSteps history { totalCount edges { node { status note } } } } } }
          }`,
          { c: songyuan },
          secretary,
        ),
      );
      expect(data.careItems.edges.length).toBeGreaterThanOrEqual(3);
      expect(data.careOrders.edges.length).toBeGreaterThan(5);
      // Each order's history ends in its status, with the reason of a decline or cancellation as that step's note.
      for (const { node: order } of data.careOrders.edges) {
        const last = order.history.edges.at(-1).node;
        expect(order.history.edges[0].node.status).toBe('PLACED');
        expect(last.status).toBe(order.status);
        expect(last.note).toBe(order.declineReason ?? order.cancellation?.reason ?? null);
      }
      // Each demo booking and appointment carries its one step so far.
      for (const name of ['session_bookings', 'doctor_appointments']) {
        const records = await collection(name).find().toArray();
        expect(records.length).toBeGreaterThan(0);
        for (const record of records) expect(record.history.map((step: Row) => step.status)).toEqual([record.status]);
      }
    } finally {
      await subgraph.stop();
    }
  });
});

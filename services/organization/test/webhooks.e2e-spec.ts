import {
  type AnyEventContract,
  careOrderAccepted,
  careOrderCancelled,
  careOrderCompleted,
  careOrderPlaced,
  eventSubject,
  lampFaultReported,
  lampWorkOrderAssigned,
  lampWorkOrderReassigned,
  motionPassed,
  type PayloadInputOf,
} from '@gongzhi/contracts';
import { checkMetrics } from '@gongzhi/infra';
import { NatsConnectionProvider } from '@gongzhi/platform';
import { partnerActor, personActor, sampleValue, testEventsNamespace, waitFor, within } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { OrganizationUnderTest, dataOf, errorCodes, startOrganizationBehindGateway } from './organization.harness';

/** What the local receiver got: one entry per request, whatever it answered. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

const REGISTER = `mutation($input: RegisterWebhookSubscriptionInput!) {
  registerWebhookSubscription(input: $input) { secret webhookSubscription { id url eventTypes status nextSteps } } }`;
const SUBSCRIPTION = `query($id: ID!) { webhookSubscription(id: $id) {
  id status disabledReason nextSteps previousSecretExpiresAt
  history { edges { node { status note } } }
  deliveries(first: 50) { totalCount edges { node { id eventId eventType status attempts responseStatus responseExcerpt error
    history { edges { node { status note responseStatus } } } } } } } }`;
const step = (name: string, extra = '') =>
  `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${extra} webhookSubscription { id status nextSteps } } }`;

describe('signed webhooks (Standard Webhooks) for partners and staff', () => {
  let org: OrganizationUnderTest;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  /** Per path: the status the receiver answers. */
  const answers = new Map<string, number>();
  /** Paths whose next request gets no answer at all (the attempt times out). */
  const hangOnce = new Set<string>();

  const id = {
    songyuan: new Types.ObjectId(), // 淞源社区: the property company's agreement is in force
    meisong: new Types.ObjectId(), // 梅淞社区: its agreement lapsed
    longhui: new Types.ObjectId(), // 龙惠社区: no agreement
    qiqu: new Types.ObjectId(), // 淞泽家园七区, a compound of 淞源社区
    property: new Types.ObjectId(), // 苏州园区物业服务有限公司
    lighting: new Types.ObjectId(), // 园区照明工程公司, another maintenance partner
    songyuanUnit: new Types.ObjectId(), // 淞源社区党委, the org unit
    municipal: new Types.ObjectId(), // 园区市政养护公司, a partner registering in a loop
  };
  const S = (value: Types.ObjectId) => String(value);
  const property = partnerActor(S(id.property), ['facilities:lamps:read'], [S(id.songyuan)]);
  const lighting = partnerActor(S(id.lighting), ['facilities:lamps:read'], [S(id.songyuan)]);
  const secretary = personActor('oidc|沈秀英', 'COMMUNITY_SECRETARY', within({ communityIds: [S(id.songyuan)] }), {
    orgUnitId: S(id.songyuanUnit),
  });

  /** Publishes an event as its producer's outbox relay would (the subject, the msgID, a valid envelope). */
  const emit = async <C extends AnyEventContract>(contract: C, payload: PayloadInputOf<C>) => {
    const envelope = contract.parseEnvelope({
      id: randomUUID(),
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      source: contract.type.split('.')[0],
      payload,
    });
    // A plain publish on the event's subject: the events stream captures it as it captures the relay's.
    const nc = await org.app.get(NatsConnectionProvider).connection();
    nc.publish(eventSubject(testEventsNamespace(), contract.type), JSON.stringify(envelope));
    await nc.flush();
    return envelope;
  };
  const fault = (communityId: Types.ObjectId, n: number) =>
    emit(lampFaultReported, {
      faultId: `fault-${n}`,
      lampId: `lamp-${n}`,
      assetNumber: `SY-LD-${String(n).padStart(3, '0')}`,
      communityId: S(communityId),
      compoundId: communityId === id.songyuan ? S(id.qiqu) : null,
      serviceCode: 'LAMP_OUT',
      slaDueAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
    });
  const register = async (actor: typeof property, input: Record<string, unknown>) =>
    dataOf(await org.callSubgraph(REGISTER, { input }, actor)).registerWebhookSubscription as {
      secret: string;
      webhookSubscription: { id: string; status: string; nextSteps: string[] };
    };
  const subscription = async (subscriptionId: string, actor = property) =>
    dataOf(await org.callSubgraph(SUBSCRIPTION, { id: subscriptionId }, actor)).webhookSubscription;
  const deleteSubscription = async (subscriptionId: string, actor = property) =>
    dataOf(
      await org.callSubgraph(
        step('deleteWebhookSubscription'),
        { input: { webhookSubscriptionId: subscriptionId } },
        actor,
      ),
    );
  const deliveredTo = (path: string) => received.filter((entry) => entry.path === path && entry.answered === 200);
  const eventIdsAt = (path: string) => deliveredTo(path).map((entry) => JSON.parse(entry.body).data.faultId);
  /** Organization's Prometheus exposition, as a scrape gets it. */
  const metrics = async () => {
    const response = await fetch(org.subgraphUrl.replace(/\/graphql$/, '/metrics'));
    expect(response.status).toBe(200);
    return response.text();
  };
  const metric = async (name: string, labels: Record<string, string> = {}) =>
    sampleValue(await metrics(), name, labels);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (hangOnce.delete(req.url ?? '')) return;
        const answered = answers.get(req.url ?? '') ?? 200;
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString(), answered });
        res.writeHead(answered, { 'content-type': 'text/plain' });
        res.end(answered === 200 ? `收到 ${'好'.repeat(400)}` : '维护中');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    org = await startOrganizationBehindGateway({
      API_KEY_REGISTRY_SWEEP_SECONDS: '3600',
      WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: 'true',
      WEBHOOK_SEND_INTERVAL_MS: '100',
      WEBHOOK_ATTEMPT_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_INITIAL_SECONDS: '0.1',
      WEBHOOK_RETRY_MAX_SECONDS: '0.4',
      WEBHOOK_RETRY_WINDOW_SECONDS: '6', // long enough for the outage below, short enough to see one given up
    });
    const days = (n: number) => new Date(Date.now() + n * 86_400_000);
    const agreement = (communityId: Types.ObjectId, validFrom: Date, validUntil: Date) => ({
      _id: new Types.ObjectId(),
      communityId,
      validFrom,
      validUntil,
      scope: '路灯维护与小区物业服务',
    });
    await org.connection.collection('partner_units').insertMany([
      {
        _id: id.property,
        name: '苏州园区物业服务有限公司',
        kind: 'PROPERTY_COMPANY',
        agreements: [agreement(id.songyuan, days(-400), days(300)), agreement(id.meisong, days(-900), days(-30))],
        resourcesOffered: [],
        needsRaised: [],
      },
      {
        _id: id.lighting,
        name: '园区照明工程公司',
        kind: 'ENTERPRISE',
        agreements: [agreement(id.songyuan, days(-10), days(300))],
        resourcesOffered: [],
        needsRaised: [],
      },
    ]);
    const key = (partnerUnitId: Types.ObjectId, n: number) => ({
      partnerUnitId,
      prefix: 'gz_live_',
      secretHash: `hash-${n}-${randomUUID()}`,
      lastFour: `000${n}`,
      scopes: ['facilities:lamps:read'],
      rateLimitPerMinute: null,
      createdBy: 'oidc|沈秀英',
      lastUsedAt: null,
      requestCount: 0,
      expiresAt: null,
      revokedAt: null,
      registryVersion: 0,
    });
    // The property company's key is issued in the first test; the lighting company's is here.
    await org.connection.collection('api_keys').insertOne(key(id.lighting, 2));
    await org.connection.collection('org_units').insertOne({
      _id: id.songyuanUnit,
      name: '淞源社区党委',
      ancestorIds: [],
      territory: [{ kind: 'COMMUNITY', id: id.songyuan }],
    });
    await org.connection.collection('role_bindings').insertOne({
      subject: 'oidc|沈秀英',
      name: '沈秀英',
      role: 'COMMUNITY_SECRETARY',
      orgUnitId: id.songyuanUnit,
      residentId: null,
      grantedAt: new Date(),
      grantedBy: 'demo-data',
    });
  });
  afterAll(async () => {
    await org?.stop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  let propertySub: { id: string; secret: string };
  let propertyKeyId: string;

  it('delivers a lamp fault signed so that standardwebhooks verifies it, and logs the delivery', async () => {
    // The property company registers through the gateway, with the API key its community secretary issued it.
    const ISSUE = `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { secret apiKey { id } } }`;
    const issued = dataOf(
      await org.callSubgraph(
        ISSUE,
        { input: { partnerUnitId: S(id.property), scopes: ['facilities:lamps:read'] } },
        secretary,
      ),
    ).issueApiKey;
    const apiKey = issued.secret as string;
    propertyKeyId = issued.apiKey.id as string;
    const input = {
      url: `${base}/property`,
      eventTypes: ['LAMP_FAULT_REPORTED', 'LAMP_WORK_ORDER_ASSIGNED'],
      description: '物业报修系统',
    };
    let viaGateway: any;
    await waitFor(async () => {
      viaGateway = await org.graphql(REGISTER, { input }, { 'x-api-key': apiKey });
      // Until the key reaches the gateway's registry, and the gateway trusts its copy (503 API_KEYS_UNAVAILABLE means
      // "retry shortly", as docs/partners.md tells partners).
      const codes = errorCodes(viaGateway);
      return !codes.includes('UNAUTHENTICATED') && !codes.includes('API_KEYS_UNAVAILABLE');
    }, 'the key to work at the gateway');
    const { secret, webhookSubscription } = dataOf<any>(viaGateway).registerWebhookSubscription;
    propertySub = { id: webhookSubscription.id, secret };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSubscription).toMatchObject({
      status: 'ACTIVE',
      nextSteps: ['PAUSE', 'ROTATE_SECRET', 'REPLAY', 'DELETE'],
    });

    const event = await fault(id.songyuan, 1);
    await waitFor(async () => deliveredTo('/property').length === 1, 'the delivery');
    const [delivery] = deliveredTo('/property');
    const verified = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>);
    expect(verified).toEqual({
      type: 'facilities.lamp.fault-reported',
      timestamp: event.occurredAt,
      data: event.payload,
    });
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // Another secret does not verify it.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(
        delivery.body,
        delivery.headers as Record<string, string>,
      ),
    ).toThrow(WebhookVerificationError);

    await waitFor(
      async () => (await subscription(propertySub.id)).deliveries.edges[0]?.node.status === 'SUCCEEDED',
      'the log to show it',
    );
    const logged = (await subscription(propertySub.id)).deliveries.edges[0].node;
    expect(logged).toMatchObject({
      id: delivery.headers['webhook-id'],
      eventId: event.id,
      eventType: 'LAMP_FAULT_REPORTED',
      status: 'SUCCEEDED',
      attempts: 1,
      responseStatus: 200,
      error: null,
    });
    // Only a short excerpt of the answer is kept.
    expect([...logged.responseExcerpt].length).toBe(256);
    expect(logged.history.edges.map((edge: any) => edge.node.status)).toEqual(['PENDING', 'SUCCEEDED']);
  });

  it('never delivers an event outside the subscriber’s jurisdiction, agreements in force or own work orders', async () => {
    const staff = await register(secretary, {
      url: `${base}/secretary`,
      eventTypes: ['LAMP_FAULT_REPORTED', 'LAMP_WORK_ORDER_ASSIGNED', 'MOTION_PASSED'],
      orgUnitId: S(id.songyuanUnit),
    });
    await fault(id.meisong, 2); // the property company's agreement with 梅淞社区 lapsed
    await fault(id.longhui, 3); // no agreement, not the secretary's community
    await emit(lampWorkOrderAssigned, {
      workOrderId: 'wo-lighting-1',
      faultId: 'fault-1',
      lampId: 'lamp-1',
      communityId: S(id.songyuan),
      partnerUnitId: S(id.lighting),
    });
    await emit(lampWorkOrderAssigned, {
      workOrderId: 'wo-property-1',
      faultId: 'fault-1',
      lampId: 'lamp-1',
      communityId: S(id.songyuan),
      partnerUnitId: S(id.property),
    });
    await emit(motionPassed, {
      motionId: 'motion-淞源-2026-路灯',
      title: '淞泽家园七区路灯更新',
      matterKind: 'FACILITIES_LIGHTING',
      communityId: S(id.songyuan),
      compoundId: S(id.qiqu),
      lampIds: ['lamp-1'],
      description: '更换底座锈蚀的路灯',
      passedAt: new Date().toISOString(),
    });
    await fault(id.songyuan, 4); // the last event: every earlier one has been handled once it is delivered
    await waitFor(async () => eventIdsAt('/property').includes('fault-4'), 'the property company’s last delivery');
    await waitFor(async () => eventIdsAt('/secretary').includes('fault-4'), 'the secretary’s last delivery');

    const typesAt = (path: string) =>
      deliveredTo(path).map((entry) => {
        const body = JSON.parse(entry.body);
        return `${body.type}:${body.data.workOrderId ?? body.data.motionId ?? body.data.faultId}`;
      });
    expect(typesAt('/property').sort()).toEqual(
      [
        'facilities.lamp.fault-reported:fault-1',
        'facilities.lamp.fault-reported:fault-4',
        'facilities.lamp.work-order-assigned:wo-property-1',
      ].sort(),
    );
    expect(typesAt('/secretary').sort()).toEqual(
      [
        'facilities.lamp.fault-reported:fault-4',
        'facilities.lamp.work-order-assigned:wo-lighting-1',
        'facilities.lamp.work-order-assigned:wo-property-1',
        'deliberation.motion.passed:motion-淞源-2026-路灯',
      ].sort(),
    );
    // The log holds nothing for them either: nothing was ever recorded to send.
    expect((await subscription(propertySub.id)).deliveries.totalCount).toBe(3);
    expect((await subscription(staff.webhookSubscription.id, secretary)).deliveries.totalCount).toBe(4);

    // A partner registers only events its key's scopes allow; another partner does not see or touch this one.
    expect(
      errorCodes(
        await org.callSubgraph(REGISTER, { input: { url: `${base}/x`, eventTypes: ['CARE_ORDER_PLACED'] } }, property),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      dataOf(await org.callSubgraph(SUBSCRIPTION, { id: propertySub.id }, lighting)).webhookSubscription,
    ).toBeNull();
    expect(
      errorCodes(
        await org.callSubgraph(
          step('pauseWebhookSubscription'),
          { input: { webhookSubscriptionId: propertySub.id } },
          lighting,
        ),
      ),
    ).toEqual(['WEBHOOK_SUBSCRIPTION.NOT_FOUND']);
  });

  it('strips the resident from a care order and sends it only to the partner the order is placed with', async () => {
    const careKeyScopes = ['services:orders:read'];
    await org.connection
      .collection('api_keys')
      .updateOne({ partnerUnitId: id.lighting }, { $set: { scopes: ['facilities:lamps:read', ...careKeyScopes] } });
    const careGiver = partnerActor(S(id.lighting), careKeyScopes, [S(id.songyuan)]);
    await register(careGiver, { url: `${base}/care`, eventTypes: ['CARE_ORDER_PLACED'] });
    const order = (n: number, partnerUnitId: Types.ObjectId | null) =>
      emit(careOrderPlaced, {
        orderId: `order-${n}`,
        itemId: 'item-日间照料',
        providerId: `provider-${n}`,
        partnerUnitId: partnerUnitId && S(partnerUnitId),
        residentId: `resident-${n}`,
        communityId: S(id.songyuan),
        onBehalf: false,
      });
    await order(1, id.property);
    await order(2, null); // a volunteer's
    await order(3, id.lighting);
    // The last one: the consumer handles events in order, so the others were handled before it was recorded.
    await waitFor(async () => deliveredTo('/care').length === 1, 'the care order');
    expect(
      await org.connection.collection('webhook_deliveries').countDocuments({ eventType: 'CARE_ORDER_PLACED' }),
    ).toBe(1);
    expect(deliveredTo('/care').map((entry) => JSON.parse(entry.body).data)).toEqual([
      {
        orderId: 'order-3',
        itemId: 'item-日间照料',
        providerId: 'provider-3',
        partnerUnitId: S(id.lighting),
        communityId: S(id.songyuan),
        onBehalf: false,
      },
    ]);
  });

  it('sends every later step of a care order to the partner it is placed with, and to no other partner', async () => {
    const careScopes = ['services:orders:read'];
    // Both partners may read care orders now; each subscribes to every step.
    await org.connection
      .collection('api_keys')
      .updateMany({ partnerUnitId: { $in: [id.property, id.lighting] } }, { $addToSet: { scopes: careScopes[0] } });
    const steps = [
      'CARE_ORDER_ACCEPTED',
      'CARE_ORDER_DECLINED',
      'CARE_ORDER_SCHEDULED',
      'CARE_ORDER_COMPLETED',
      'CARE_ORDER_CANCELLED',
      'CARE_ORDER_RATED',
    ];
    const lightingSteps = await register(partnerActor(S(id.lighting), careScopes, [S(id.songyuan)]), {
      url: `${base}/care-steps`,
      eventTypes: steps,
    });
    const propertySteps = await register(partnerActor(S(id.property), careScopes, [S(id.songyuan)]), {
      url: `${base}/property-care`,
      eventTypes: steps,
    });
    const placed = (orderId: string, partnerUnitId: Types.ObjectId | null) =>
      emit(careOrderPlaced, {
        orderId,
        itemId: 'item-助餐',
        providerId: `provider-${orderId}`,
        partnerUnitId: partnerUnitId && S(partnerUnitId),
        residentId: S(new Types.ObjectId()), // a 独居老人 of 淞源社区, whom organization knows by this id
        communityId: S(id.songyuan),
        onBehalf: true,
      });
    // Taken before organization knows whose order it is (as when the care-deliveries consumer is behind): the
    // webhooks consumer retries it until care_deliveries has the order, and then sends it to its partner only.
    const accepted = await emit(careOrderAccepted, {
      orderId: 'order-11',
      providerId: 'provider-order-11',
      volunteerId: null,
    });
    const events = [
      accepted,
      await placed('order-11', id.lighting),
      await placed('order-12', id.property),
      await placed('order-13', null), // a volunteer's: no partner gets its steps
      await emit(careOrderCompleted, { orderId: 'order-11', minutes: 45, volunteerId: null }),
      await emit(careOrderCompleted, { orderId: 'order-13', minutes: 30, volunteerId: 'provider-order-13' }),
      await emit(careOrderAccepted, { orderId: 'order-12', providerId: 'provider-order-12', volunteerId: null }),
      await emit(careOrderCancelled, { orderId: 'order-12', cause: 'RESIDENT_MOVED_OUT' }),
    ];
    // Every one handled by the webhooks consumer (retries included) before anything is counted.
    await waitFor(
      async () =>
        (await org.connection.collection('processed_events').countDocuments({
          consumer: 'organization-webhooks',
          eventId: { $in: events.map((event) => event.id) },
        })) === events.length,
      'the webhooks consumer to handle every step',
    );
    await waitFor(async () => deliveredTo('/care-steps').length >= 2, 'the lighting company’s two steps');
    await waitFor(async () => deliveredTo('/property-care').length >= 2, 'the property company’s two steps');

    const bodies = (path: string) =>
      deliveredTo(path).map((entry) => {
        const secret = path === '/care-steps' ? lightingSteps.secret : propertySteps.secret;
        return new Webhook(secret).verify(entry.body, entry.headers as Record<string, string>) as {
          type: string;
          timestamp: string;
          data: Record<string, unknown>;
        };
      });
    const lightingGot = bodies('/care-steps');
    expect(lightingGot.map((body) => `${body.type}:${String(body.data.orderId)}`).sort()).toEqual([
      'care.order.accepted:order-11',
      'care.order.completed:order-11',
    ]);
    expect(lightingGot.find((body) => body.type === 'care.order.accepted')).toEqual({
      type: 'care.order.accepted',
      timestamp: accepted.occurredAt,
      data: {
        orderId: 'order-11',
        providerId: 'provider-order-11',
        volunteerId: null,
        partnerUnitId: S(id.lighting),
        communityId: S(id.songyuan),
      },
    });
    const propertyGot = bodies('/property-care');
    expect(propertyGot.map((body) => `${body.type}:${String(body.data.orderId)}`).sort()).toEqual([
      'care.order.accepted:order-12',
      'care.order.cancelled:order-12',
    ]);
    // Why it was cancelled (here: the resident moved out) is about the resident: it stays out, like the resident.
    expect(propertyGot.find((body) => body.type === 'care.order.cancelled')!.data).toEqual({
      orderId: 'order-12',
      partnerUnitId: S(id.property),
      communityId: S(id.songyuan),
    });
    expect(JSON.stringify([...lightingGot, ...propertyGot])).not.toMatch(/resident|RESIDENT_MOVED_OUT/);
    // The log holds nothing else: the volunteer's order and the other partner's were never recorded for them.
    expect(
      await org.connection.collection('webhook_deliveries').countDocuments({
        subscriptionId: {
          $in: [lightingSteps, propertySteps].map((sub) => new Types.ObjectId(sub.webhookSubscription.id)),
        },
      }),
    ).toBe(4);
    for (const sub of [
      { actor: lighting, id: lightingSteps.webhookSubscription.id },
      { actor: property, id: propertySteps.webhookSubscription.id },
    ])
      await deleteSubscription(sub.id, sub.actor);
  });

  it('tells both partners of a reassigned work order, the one given it and the one it was taken from, and no other', async () => {
    const reassignedTo = async (actor: typeof property, path: string) =>
      register(actor, { url: `${base}${path}`, eventTypes: ['LAMP_WORK_ORDER_REASSIGNED'] });
    const subs = [
      { actor: property, sub: await reassignedTo(property, '/property-reassigned') },
      { actor: lighting, sub: await reassignedTo(lighting, '/lighting-reassigned') },
    ];
    const staff = await register(secretary, {
      url: `${base}/secretary-reassigned`,
      eventTypes: ['LAMP_WORK_ORDER_REASSIGNED'],
      orgUnitId: S(id.songyuanUnit),
    });
    // 物业 did not come twice: the community gives the order to the lighting company.
    const fromProperty = await emit(lampWorkOrderReassigned, {
      workOrderId: 'wo-property-1',
      faultId: 'fault-1',
      lampId: 'lamp-1',
      communityId: S(id.songyuan),
      partnerUnitId: S(id.lighting),
      previousPartnerUnitId: S(id.property),
      reason: '物业两次约定未到场，改派园区照明工程公司',
    });
    // Then from the lighting company to a third partner: not the property company's business.
    const third = S(new Types.ObjectId());
    const fromLighting = await emit(lampWorkOrderReassigned, {
      workOrderId: 'wo-property-1',
      faultId: 'fault-1',
      lampId: 'lamp-1',
      communityId: S(id.songyuan),
      partnerUnitId: third,
      previousPartnerUnitId: S(id.lighting),
      reason: '缺少高空作业车，改派市政养护单位',
    });
    await waitFor(
      async () => deliveredTo('/lighting-reassigned').length === 2,
      'both reassignments at the lighting company',
    );
    await waitFor(async () => deliveredTo('/secretary-reassigned').length === 2, 'both at the secretary');
    await waitFor(async () => deliveredTo('/property-reassigned').length === 1, 'the first at the property company');
    const verified = new Webhook(subs[0].sub.secret).verify(
      deliveredTo('/property-reassigned')[0].body,
      deliveredTo('/property-reassigned')[0].headers as Record<string, string>,
    );
    expect(verified).toEqual({
      type: 'facilities.lamp.work-order-reassigned',
      timestamp: fromProperty.occurredAt,
      data: fromProperty.payload,
    });
    // The second one was never recorded for the property company: nothing to send, nothing in its log.
    expect(
      await org.connection.collection('webhook_deliveries').countDocuments({
        eventId: fromLighting.id,
        subscriptionId: new Types.ObjectId(subs[0].sub.webhookSubscription.id),
      }),
    ).toBe(0);
    for (const { actor, sub } of [...subs, { actor: secretary, sub: staff }])
      await deleteSubscription(sub.webhookSubscription.id, actor);
  });

  it('caps the subscriptions one partner holds at once (WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER, 20), even registering at once', async () => {
    const municipal = partnerActor(S(id.municipal), ['facilities:lamps:read'], [S(id.songyuan)]);
    const input = (n: number) => ({ url: `${base}/municipal-${n}`, eventTypes: ['LAMP_FAULT_CLOSED'] });
    const registered: string[] = [];
    for (let n = 1; n <= 18; n++) registered.push((await register(municipal, input(n))).webhookSubscription.id);
    // Three at once for the last two places: two get one, the third is refused; never 21.
    const racing = await Promise.all(
      [19, 20, 21].map((n) => org.callSubgraph(REGISTER, { input: input(n) }, municipal)),
    );
    expect(racing.map((result) => errorCodes(result)).sort()).toEqual([[], [], ['WEBHOOK_SUBSCRIPTION.LIMIT_REACHED']]);
    const refused = racing.find((result) => errorCodes(result).length > 0) as any;
    expect(refused.errors[0].extensions).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.LIMIT_REACHED', max: 20 });
    expect(refused.errors[0].message).toMatch(/at most 20 webhook subscriptions/);
    expect(
      await org.connection
        .collection('webhook_subscriptions')
        .countDocuments({ partnerUnitId: id.municipal, status: { $ne: 'DELETED' } }),
    ).toBe(20);
    // Another partner is not held back by this one's subscriptions.
    const other = await register(lighting, { url: `${base}/lighting-other`, eventTypes: ['LAMP_FAULT_CLOSED'] });
    // A deleted subscription frees its place.
    await deleteSubscription(registered[0], municipal);
    expect((await register(municipal, input(22))).webhookSubscription.status).toBe('ACTIVE');
    expect(errorCodes(await org.callSubgraph(REGISTER, { input: input(23) }, municipal))).toEqual([
      'WEBHOOK_SUBSCRIPTION.LIMIT_REACHED',
    ]);
    await deleteSubscription(other.webhookSubscription.id, lighting);
  });

  it('refuses private, link-local and metadata endpoints at registration, and at delivery', async () => {
    for (const url of [
      'https://169.254.169.254/latest/meta-data',
      'https://10.0.0.8/hook',
      'https://192.168.1.20/hook',
      'https://[fd00:ec2::254]/hook',
      'https://[::ffff:a9fe:a9fe]/hook',
      'ftp://example.org/hook',
      'https://user:pass@example.org/hook',
      'not a url',
    ]) {
      const result = await org.callSubgraph(
        REGISTER,
        { input: { url, eventTypes: ['LAMP_FAULT_REPORTED'] } },
        property,
      );
      expect({ url, codes: errorCodes(result) }).toEqual({ url, codes: ['WEBHOOK_SUBSCRIPTION.INVALID_URL'] });
    }
    // Registered while its address was public, now pointing inside: refused at delivery, never connected to.
    const { webhookSubscription } = await register(property, {
      url: `${base}/moved`,
      eventTypes: ['LAMP_FAULT_REPORTED'],
    });
    await org.connection
      .collection('webhook_subscriptions')
      .updateOne({ _id: new Types.ObjectId(webhookSubscription.id) }, { $set: { url: 'http://10.20.30.40/hook' } });
    await fault(id.songyuan, 5);
    await waitFor(
      async () => (await subscription(webhookSubscription.id)).deliveries.edges[0]?.node.attempts >= 1,
      'an attempt',
    );
    const { node } = (await subscription(webhookSubscription.id)).deliveries.edges[0];
    expect(node).toMatchObject({ status: 'PENDING', responseStatus: null });
    expect(node.error).toMatch(/^refused: 10\.20\.30\.40 resolves to 10\.20\.30\.40/);
    await deleteSubscription(webhookSubscription.id, property);
  });

  it('signs with both secrets during a rotation’s overlap, and with the new one only after', async () => {
    const rotated = dataOf(
      await org.callSubgraph(
        step('rotateWebhookSecret', 'secret previousSecretExpiresAt'),
        { input: { webhookSubscriptionId: propertySub.id, overlapSeconds: 3600 } },
        property,
      ),
    ).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(propertySub.secret);
    await fault(id.songyuan, 6);
    await waitFor(async () => eventIdsAt('/property').includes('fault-6'), 'the delivery after rotating');
    const overlapped = deliveredTo('/property').find((entry) => JSON.parse(entry.body).data.faultId === 'fault-6')!;
    expect(String(overlapped.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [propertySub.secret, rotated.secret])
      expect(new Webhook(secret).verify(overlapped.body, overlapped.headers as Record<string, string>)).toMatchObject({
        data: { faultId: 'fault-6' },
      });

    const again = dataOf(
      await org.callSubgraph(
        step('rotateWebhookSecret', 'secret'),
        { input: { webhookSubscriptionId: propertySub.id, overlapSeconds: 0 } },
        property,
      ),
    ).rotateWebhookSecret;
    await fault(id.songyuan, 7);
    await waitFor(async () => eventIdsAt('/property').includes('fault-7'), 'the delivery after the second rotation');
    const after = deliveredTo('/property').find((entry) => JSON.parse(entry.body).data.faultId === 'fault-7')!;
    expect(new Webhook(again.secret).verify(after.body, after.headers as Record<string, string>)).toEqual(
      JSON.parse(after.body),
    );
    for (const old of [propertySub.secret, rotated.secret])
      expect(() => new Webhook(old).verify(after.body, after.headers as Record<string, string>)).toThrow(
        WebhookVerificationError,
      );
    propertySub.secret = again.secret;
  });

  it('gets every delivery to a receiver that was down for a while, once it is back', async () => {
    const { secret, webhookSubscription } = await register(property, {
      url: `${base}/flaky`,
      eventTypes: ['LAMP_FAULT_REPORTED'],
    });
    answers.set('/flaky', 503);
    hangOnce.add('/flaky'); // the first attempt gets no answer: it times out (WEBHOOK_ATTEMPT_TIMEOUT_MS)
    for (const n of [11, 12, 13]) await fault(id.songyuan, n);
    await waitFor(
      async () => received.filter((entry) => entry.path === '/flaky' && entry.answered === 503).length >= 6,
      'failed attempts while down',
    );
    answers.delete('/flaky');
    await waitFor(async () => deliveredTo('/flaky').length >= 3, 'every delivery once back');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const delivered = deliveredTo('/flaky');
    expect(eventIdsAt('/flaky').sort()).toEqual(['fault-11', 'fault-12', 'fault-13']);
    expect(new Set(delivered.map((entry) => entry.headers['webhook-id'])).size).toBe(3);
    for (const entry of delivered) new Webhook(secret).verify(entry.body, entry.headers as Record<string, string>);
    const log = (await subscription(webhookSubscription.id)).deliveries.edges.map((edge: any) => edge.node);
    expect(log.every((node: any) => node.status === 'SUCCEEDED' && node.attempts > 1)).toBe(true);
    const notes = log.flatMap((node: any) => node.history.edges.map((edge: any) => edge.node.note));
    expect(notes).toContain('timed out; retry in 0 s');
    expect(notes.some((note: string) => /^HTTP 503; retry in/.test(note))).toBe(true);
  });

  it('disables a subscription whose endpoint keeps failing, holds what comes meanwhile, and replays after a resume', async () => {
    const { webhookSubscription } = await register(property, {
      url: `${base}/broken`,
      eventTypes: ['LAMP_FAULT_REPORTED'],
    });
    const subId = webhookSubscription.id;
    answers.set('/broken', 500);
    const disabledBefore = await metric('gongzhi_webhook_subscriptions_disabled_total');
    await fault(id.songyuan, 21);
    // While it is retried, operators see an endpoint failing (GongzhiWebhookEndpointFailing reads this).
    await waitFor(
      async () =>
        (await metric('gongzhi_webhook_subscriptions_failing')) === 1 &&
        (await metric('gongzhi_webhook_longest_failing_seconds')) > 0,
      'the failing endpoint in the metrics',
    );
    await waitFor(
      async () => (await subscription(subId)).status === 'DISABLED',
      'the subscription to be disabled',
      30_000,
    );
    // Counted once the sender has the store's answer, which a read can see first: wait for it, then exactly one.
    await waitFor(
      async () => (await metric('gongzhi_webhook_subscriptions_disabled_total')) > disabledBefore,
      'the disabling to be counted',
    );
    expect(await metric('gongzhi_webhook_subscriptions_disabled_total')).toBe(disabledBefore + 1);
    expect(
      await metric('gongzhi_webhook_deliveries_total', { event_type: 'LAMP_FAULT_REPORTED', outcome: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    const disabled = await subscription(subId);
    expect(disabled.disabledReason).toMatch(
      /^Deliveries to 127\.0\.0\.1 kept failing from .* the last attempt: HTTP 500\./,
    );
    expect(disabled.nextSteps).toEqual(['RESUME', 'ROTATE_SECRET', 'REPLAY', 'DELETE']);
    expect(disabled.history.edges.at(-1).node).toMatchObject({ status: 'DISABLED', note: disabled.disabledReason });
    const failed = disabled.deliveries.edges[0].node;
    expect(failed).toMatchObject({ status: 'FAILED', responseStatus: 500, responseExcerpt: '维护中' });

    await fault(id.songyuan, 22); // while disabled: kept
    await waitFor(
      async () => (await subscription(subId)).deliveries.edges.some((edge: any) => edge.node.status === 'HELD'),
      'the held delivery',
    );
    expect(await metric('gongzhi_webhook_deliveries_waiting', { status: 'held' })).toBeGreaterThanOrEqual(1);
    answers.delete('/broken');
    dataOf(
      await org.callSubgraph(step('resumeWebhookSubscription'), { input: { webhookSubscriptionId: subId } }, property),
    );
    await waitFor(async () => eventIdsAt('/broken').includes('fault-22'), 'the held delivery after resuming');
    expect(eventIdsAt('/broken')).toEqual(['fault-22']);

    // Replay the one that FAILED, by id: the same webhook-id as its failed attempts.
    const replayed = dataOf(
      await org.callSubgraph(
        step('replayWebhookDeliveries', 'replayedCount'),
        { input: { webhookSubscriptionId: subId, deliveryId: failed.id } },
        property,
      ),
    ).replayWebhookDeliveries;
    expect(replayed.replayedCount).toBe(1);
    await waitFor(async () => eventIdsAt('/broken').includes('fault-21'), 'the replayed delivery');
    expect(deliveredTo('/broken').find((entry) => entry.body.includes('fault-21'))!.headers['webhook-id']).toBe(
      failed.id,
    );

    // And a time range: both again.
    const range = dataOf(
      await org.callSubgraph(
        step('replayWebhookDeliveries', 'replayedCount'),
        { input: { webhookSubscriptionId: subId, since: new Date(Date.now() - 3600_000).toISOString() } },
        property,
      ),
    ).replayWebhookDeliveries;
    expect(range.replayedCount).toBe(2);
    await waitFor(async () => deliveredTo('/broken').length === 4, 'the range replayed');
    expect(
      errorCodes(
        await org.callSubgraph(
          step('replayWebhookDeliveries', 'replayedCount'),
          { input: { webhookSubscriptionId: subId } },
          property,
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('pauses (holding events), resumes (sending them), lists and deletes', async () => {
    const { webhookSubscription } = await register(property, {
      url: `${base}/paused`,
      eventTypes: ['LAMP_FAULT_REPORTED'],
    });
    const input = { webhookSubscriptionId: webhookSubscription.id };
    expect(
      dataOf(await org.callSubgraph(step('pauseWebhookSubscription'), { input }, property)).pauseWebhookSubscription
        .webhookSubscription,
    ).toMatchObject({ status: 'PAUSED', nextSteps: ['RESUME', 'ROTATE_SECRET', 'REPLAY', 'DELETE'] });
    expect(errorCodes(await org.callSubgraph(step('pauseWebhookSubscription'), { input }, property))).toEqual([
      'WEBHOOK_SUBSCRIPTION.ILLEGAL_STEP',
    ]);
    await fault(id.songyuan, 31);
    await waitFor(
      async () => (await subscription(webhookSubscription.id)).deliveries.edges[0]?.node.status === 'HELD',
      'the held delivery',
    );
    expect(deliveredTo('/paused')).toHaveLength(0);
    dataOf(await org.callSubgraph(step('resumeWebhookSubscription'), { input }, property));
    await waitFor(async () => eventIdsAt('/paused').includes('fault-31'), 'the delivery after resuming');

    const LIST = `{ webhookSubscriptions(first: 50) { totalCount edges { node { id url } } } }`;
    const listed = dataOf(await org.callSubgraph(LIST, {}, property)).webhookSubscriptions;
    expect(listed.edges.map((edge: any) => edge.node.url)).toEqual([
      `${base}/paused`,
      `${base}/broken`,
      `${base}/flaky`,
      `${base}/property`,
    ]);
    expect(
      dataOf(await org.callSubgraph(LIST, {}, lighting)).webhookSubscriptions.edges.map((e: any) => e.node.url),
    ).toEqual([`${base}/care`]);
    const deleted = dataOf(await org.callSubgraph(step('deleteWebhookSubscription'), { input }, property))
      .deleteWebhookSubscription.webhookSubscription;
    expect(deleted).toMatchObject({ status: 'DELETED', nextSteps: [] });
    expect(dataOf(await org.callSubgraph(LIST, {}, property)).webhookSubscriptions.totalCount).toBe(3);
    const stored = await org.connection
      .collection('webhook_subscriptions')
      .findOne({ _id: new Types.ObjectId(webhookSubscription.id) });
    expect(stored?.secrets).toEqual([]);
    // And while they lived, they were sealed: no whsec_ in the database.
    const all = await org.connection.collection('webhook_subscriptions').find().toArray();
    expect(JSON.stringify(all)).not.toContain('whsec_');
    expect(all.flatMap((doc) => doc.secrets).every((entry: any) => typeof entry.sealed.data === 'string')).toBe(true);
  });

  it('stops delivering to a partner whose key is revoked, without touching its subscriptions', async () => {
    dataOf(
      await org.callSubgraph(
        `mutation($id: ID!) { revokeApiKey(input: { apiKeyId: $id }) { apiKey { status } } }`,
        { id: propertyKeyId },
        secretary,
      ),
    );
    const event = await fault(id.songyuan, 41);
    await waitFor(async () => eventIdsAt('/secretary').includes('fault-41'), 'the secretary’s delivery');
    expect(await org.connection.collection('webhook_deliveries').countDocuments({ eventId: event.id })).toBe(1);
    expect((await subscription(propertySub.id)).status).toBe('ACTIVE');
  });
  it('counts deliveries, attempts, retries and their times in metrics that promtool accepts', async () => {
    // Everything above has settled: nothing waits, nothing is failing.
    await waitFor(
      async () =>
        (await org.connection.collection('webhook_deliveries').countDocuments({ status: 'PENDING' })) === 0 &&
        (await metric('gongzhi_webhook_deliveries_waiting', { status: 'pending' })) === 0 &&
        (await metric('gongzhi_webhook_subscriptions_failing')) === 0,
      'every delivery settled, and the backlog gauges saying so',
    );
    const text = await metrics();
    expect(await checkMetrics(text)).toEqual({ ok: true, output: '' });
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(text, name, labels);
    // What the deliveries' own logs say: every attempt (replays included), and every attempt the endpoint took.
    const [logged] = await org.connection
      .collection('webhook_deliveries')
      .aggregate<{ attempts: number; succeeded: number }>([
        {
          $group: {
            _id: null,
            attempts: { $sum: '$attempts' },
            succeeded: {
              $sum: {
                $size: { $filter: { input: '$steps', cond: { $eq: ['$$this.status', 'SUCCEEDED'] } } },
              },
            },
          },
        },
      ])
      .toArray();
    const settled = value('gongzhi_webhook_deliveries_total', { outcome: 'succeeded' });
    expect(settled).toBe(logged.succeeded);
    expect(value('gongzhi_webhook_delivery_attempts_total')).toBe(logged.attempts);
    expect(
      value('gongzhi_webhook_deliveries_total', { event_type: 'LAMP_WORK_ORDER_REASSIGNED', outcome: 'succeeded' }),
    ).toBe(5);
    const attempts = (labels: Record<string, string>) => value('gongzhi_webhook_delivery_attempts_total', labels);
    expect(attempts({ attempt: 'first', outcome: 'succeeded' })).toBeGreaterThan(0);
    expect(attempts({ attempt: 'retry', outcome: 'http_error' })).toBeGreaterThan(0); // the receiver that was down
    expect(attempts({ attempt: 'retry', outcome: 'succeeded' })).toBeGreaterThan(0); // … once it was back
    expect(attempts({ attempt: 'first', outcome: 'timeout' })).toBeGreaterThanOrEqual(1); // its first got no answer
    expect(attempts({ outcome: 'refused' })).toBeGreaterThanOrEqual(1); // the endpoint that moved inside
    // Every attempt is timed, and every delivery taken has its latency.
    expect(value('gongzhi_webhook_attempt_duration_seconds_count')).toBe(
      value('gongzhi_webhook_delivery_attempts_total'),
    );
    expect(value('gongzhi_webhook_delivery_latency_seconds_count')).toBe(settled);
  });
});

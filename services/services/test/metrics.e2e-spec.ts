import { checkMetrics } from '@gongzhi/infra';
import { hasSeries, sampleValue, waitFor } from '@gongzhi/testing';
import request from 'supertest';
import { Types } from 'mongoose';
import { dataOf, type Federation, startFederation } from './services.harness';

type Row = Record<string, any>;

/**
 * Issue 11's "done when" for metrics, on real servers: organization (its own process, from its build), services
 * (this process) and two gateway replicas. After a cross-subgraph query, a mutation whose event services consumes,
 * and requests with a partner's API key, each family moved on the component that owns it, and every exposition
 * passes `promtool check metrics`.
 */
describe('metrics on every component', () => {
  let fed: Federation;
  const id: Record<string, string> = {};
  let secretary: Record<string, string>;

  const gatewayMetrics = async () => (await request(fed.gateways.gateways[0].app).get('/metrics').expect(200)).text;
  const servicesMetrics = async () =>
    (await request(fed.services.app.getHttpServer()).get('/metrics').expect(200)).text;
  const organizationMetrics = async () => {
    const response = await fetch(fed.org.subgraphUrl.replace(/\/graphql$/, '/metrics'));
    expect(response.status).toBe(200);
    return response.text();
  };

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
    const household = await find('households', { buildingId: building3._id });
    Object.assign(id, {
      淞源社区: String(songyuan._id),
      household: String(household._id),
      物业: String((await find('partner_units', { name: '斜塘淞泽物业服务有限公司' }))._id),
    });
    secretary = await fed.gateways.asPerson('demo:community-secretary');
  });
  afterAll(() => fed?.stop());

  it('are served without the internal token, and the gateway, organization and services expositions pass promtool', async () => {
    for (const text of [await gatewayMetrics(), await servicesMetrics(), await organizationMetrics()]) {
      expect(await checkMetrics(text)).toEqual({ ok: true, output: '' });
      expect(text).toMatch(/^process_resident_memory_bytes /m);
    }
    // Only /metrics is open: GraphQL on the subgraph still wants the gateway's signature.
    await request(fed.services.app.getHttpServer()).post('/graphql').send({ query: '{ __typename }' }).expect(401);
  });

  it('move on the right components after a cross-subgraph query, a consumed mutation and partner requests', async () => {
    const before = {
      gateway: await gatewayMetrics(),
      services: await servicesMetrics(),
      organization: await organizationMetrics(),
    };

    // A query the gateway plans across organization (the community) and services (its catalogue).
    const catalogue = await fed.gateways.post(
      'query CommunityCatalogue($id: ID!) { community(id: $id) { name careItems(first: 5) { totalCount } } }',
      { id: id.淞源社区 },
      secretary,
    );
    expect(dataOf(catalogue.body).community.name).toBe('淞源社区');

    // A mutation whose event (org.resident.moved-in) services' directory consumes.
    const moved = await fed.gateways.post(
      'mutation WelcomeNewNeighbour($input: MoveResidentInInput!) { moveResidentIn(input: $input) { resident { id } } }',
      { input: { householdId: id.household, name: '钱美琴', ageBand: 'AGE_60_TO_79', relation: 'FAMILY' } },
      secretary,
    );
    const residentId = dataOf(moved.body).moveResidentIn.resident.id as string;
    await waitFor(
      async () =>
        (await fed.services.connection
          .collection('directory_residents')
          .countDocuments({ _id: new Types.ObjectId(residentId) })) === 1,
      "services' directory to learn of 钱美琴",
    );

    // An input error services answers with a code.
    const badId = await fed.gateways.post('query OneCareItem { careItem(id: "第三项") { name } }', {}, secretary);
    expect(badId.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    // A partner's key, once it has reached the gateway (refused until then), and a key nobody issued.
    const issued = dataOf(
      await fed.org.call(
        `mutation($p: ID!) { issueApiKey(input: { partnerUnitId: $p, scopes: ["services:orders:read"] }) { secret } }`,
        { p: id.物业 },
      ),
    ).issueApiKey.secret as string;
    const careItems = '{ careItems(first: 1) { totalCount } }';
    await waitFor(
      async () => (await fed.gateways.post(careItems, {}, fed.gateways.asPartner(issued))).status === 200,
      'the key to reach the gateway',
    );
    expect((await fed.gateways.post(careItems, {}, fed.gateways.asPartner(`gz_live_${'x'.repeat(43)}`))).status).toBe(
      401,
    );

    const after = {
      gateway: await gatewayMetrics(),
      services: await servicesMetrics(),
      organization: await organizationMetrics(),
    };
    const moved_ = (component: keyof typeof before, name: string, labels: Record<string, string> = {}) =>
      sampleValue(after[component], name, labels) - sampleValue(before[component], name, labels);

    // The gateway: requests by operation and outcome, their durations, each subgraph fetch, API keys.
    expect(
      moved_('gateway', 'gongzhi_graphql_requests_total', { operation: 'CommunityCatalogue', outcome: 'success' }),
    ).toBe(1);
    expect(
      moved_('gateway', 'gongzhi_graphql_requests_total', { operation: 'WelcomeNewNeighbour', outcome: 'success' }),
    ).toBe(1);
    expect(
      moved_('gateway', 'gongzhi_graphql_requests_total', { operation: 'OneCareItem', outcome: 'client_error' }),
    ).toBe(1);
    expect(
      moved_('gateway', 'gongzhi_graphql_request_duration_seconds_count', { operation: 'CommunityCatalogue' }),
    ).toBe(1);
    expect(
      moved_('gateway', 'gongzhi_subgraph_fetch_duration_seconds_count', { subgraph: 'organization' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      moved_('gateway', 'gongzhi_subgraph_fetch_duration_seconds_count', { subgraph: 'services' }),
    ).toBeGreaterThanOrEqual(2);
    expect(hasSeries(after.gateway, 'gongzhi_subgraph_fetch_errors_total', { subgraph: 'services' })).toBe(true);
    expect(moved_('gateway', 'gongzhi_subgraph_fetch_errors_total')).toBe(0);
    expect(moved_('gateway', 'gongzhi_api_key_requests_total', { outcome: 'allowed' })).toBe(1);
    expect(moved_('gateway', 'gongzhi_api_key_requests_total', { outcome: 'refused' })).toBeGreaterThanOrEqual(1);

    // Organization: the event left its outbox; the mutation's MongoDB commands were timed.
    expect(moved_('organization', 'gongzhi_outbox_published_total', { type: 'org.resident.moved-in' })).toBe(1);
    expect(
      moved_('organization', 'gongzhi_mongodb_command_duration_seconds_count', { command: 'insert' }),
    ).toBeGreaterThanOrEqual(1);
    await waitFor(
      async () => sampleValue(await organizationMetrics(), 'gongzhi_outbox_pending') === 0,
      "organization's outbox to drain",
    );
    expect(hasSeries(after.organization, 'gongzhi_outbox_oldest_age_seconds')).toBe(true);

    // Services: its consumer handled the event; the input error counted by code; nothing dead-lettered.
    const consumer = 'services-organization-directory';
    expect(
      moved_('services', 'gongzhi_event_consumer_handled_total', { consumer, outcome: 'handled' }),
    ).toBeGreaterThanOrEqual(1);
    expect(moved_('services', 'gongzhi_graphql_resolver_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    expect(moved_('services', 'gongzhi_mongodb_command_duration_seconds_count')).toBeGreaterThan(0);
    expect(hasSeries(after.services, 'gongzhi_event_dead_letters_total', { consumer })).toBe(true);
    expect(moved_('services', 'gongzhi_event_dead_letters_total', { consumer })).toBe(0);
    await waitFor(
      async () => sampleValue(await servicesMetrics(), 'gongzhi_event_consumer_pending', { consumer }) === 0,
      'the directory consumer to catch up',
    );

    for (const text of Object.values(after)) expect(await checkMetrics(text)).toEqual({ ok: true, output: '' });
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEV_ISSUER, ensureDevIssuerKeys, freePort, signDevPersonToken } from '@gongzhi/infra';
import {
  connectTestDatabase,
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
  testPersonalDataKeyEnv,
  waitFor,
} from '@gongzhi/testing';
import type { Connection } from 'mongoose';
import { type BuiltProcess, runBuilt, startBuilt } from './built-process';
import { type OtlpReceiver, type ReceivedSpan, SPAN_KIND, startOtlpReceiver } from './otlp-receiver';

/**
 * Done-when of the traces: the gateway, organization and facilities run from their builds, as `npm start` runs them,
 * exporting OTLP/HTTP (http/json) to a receiver in this test. A client request is one trace across all three; an
 * event organization records is handled by facilities in a span that is a child of the write that recorded it — also
 * when facilities was down while it was recorded; and the log lines of both carry the trace's ids.
 */
describe('traces across the gateway and the subgraphs', () => {
  let receiver: OtlpReceiver;
  let organization: BuiltProcess;
  let facilities: BuiltProcess;
  let gateway: BuiltProcess;
  let orgDb: Connection;
  let graphqlUrl: string;
  let authorization: string;
  let facilitiesEnv: NodeJS.ProcessEnv;
  let facilitiesPort: number;
  const stopAll: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stopAll.push(() => receiver.close());
    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      // Export within a tenth of a second instead of five, so the test need not wait.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    const keys = await testInternalKeyEnv();
    const common = {
      NODE_ENV: 'test',
      NATS_URL: testNatsUrl(),
      EVENTS_NAMESPACE: testEventsNamespace(),
      MONGODB_URI: testMongoUri(),
    };
    const orgEnv = {
      ...common,
      ...testPersonalDataKeyEnv(),
      MONGODB_DB: testDatabaseName('org'),
      INTERNAL_TOKEN_JWKS: keys.INTERNAL_TOKEN_JWKS,
      LOG_LEVEL: 'info',
    };
    // organization's demo data: 斜塘街道 and its demo users (demo:street-staff holds STREET_STAFF over the street).
    await runBuilt('services/organization/dist/demo/load-demo-data.js', orgEnv, 'organization-demo');

    const orgPort = await freePort();
    organization = await startBuilt(
      'services/organization/dist/main.js',
      { ...orgEnv, ...otel, PORT: String(orgPort) },
      'organization',
      orgPort,
    );
    stopAll.push(() => organization.stop());
    facilitiesPort = await freePort();
    // debug: the consumer's "event handled" line is what shows an event's trace ids in facilities' log.
    facilitiesEnv = {
      ...common,
      ...otel,
      MONGODB_DB: testDatabaseName('fac'),
      INTERNAL_TOKEN_JWKS: keys.INTERNAL_TOKEN_JWKS,
      LOG_LEVEL: 'debug',
      PORT: String(facilitiesPort),
    };
    facilities = await startBuilt('services/facilities/dist/main.js', facilitiesEnv, 'facilities', facilitiesPort);
    stopAll.push(() => facilities.stop());

    const issuer = await ensureDevIssuerKeys(mkdtempSync(path.join(tmpdir(), 'gongzhi-idp-')));
    const gatewayPort = await freePort();
    gateway = await startBuilt(
      'gateway/dist/main.js',
      {
        ...common,
        ...otel,
        PORT: String(gatewayPort),
        LOG_LEVEL: 'info',
        INTERNAL_TOKEN_KEY: keys.INTERNAL_TOKEN_KEY,
        AUTH_JWKS_PATH: issuer.jwksPath,
        AUTH_ISSUER: DEV_ISSUER,
        ORGANIZATION_URL: `http://127.0.0.1:${orgPort}/graphql`,
        FACILITIES_URL: `http://127.0.0.1:${facilitiesPort}/graphql`,
      },
      'gateway',
      gatewayPort,
    );
    stopAll.push(() => gateway.stop());
    graphqlUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    authorization = `Bearer ${await signDevPersonToken(issuer.privateJwk, { subject: 'demo:street-staff' })}`;
    orgDb = await connectTestDatabase('org');
    stopAll.push(() => orgDb.close());
  }, 240_000);

  afterAll(async () => {
    for (const stop of stopAll.reverse()) await stop().catch(() => undefined);
  });

  async function post(query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
    expect(body.errors).toBeUndefined();
    return { requestId: res.headers.get('x-request-id')!, data: body.data };
  }

  /** The gateway's HTTP server span of the request with this id, once exported. */
  async function requestSpan(requestId: string): Promise<ReceivedSpan> {
    let found: ReceivedSpan | undefined;
    await waitFor(() => {
      found = receiver.spans.find(
        (span) =>
          span.service === 'gateway' &&
          span.kind === SPAN_KIND.SERVER &&
          span.attributes['gongzhi.request_id'] === requestId,
      );
      return found !== undefined;
    }, `the gateway's span of request ${requestId}`);
    return found!;
  }

  async function compoundId(name: string): Promise<string> {
    const compound = await orgDb.collection('compounds').findOne({ name });
    return String(compound!._id);
  }

  async function createBuilding(name: string) {
    return post('mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { building { id name } } }', {
      input: { compoundId: await compoundId('淞泽家园七区'), name, floors: 6 },
    });
  }

  /** facilities' `process` span of the event that reported `buildingId`, once exported. */
  async function processSpanOf(eventId: string): Promise<ReceivedSpan> {
    let found: ReceivedSpan | undefined;
    await waitFor(
      () => {
        found = receiver.spans.find(
          (span) =>
            span.service === 'facilities' &&
            span.kind === SPAN_KIND.CONSUMER &&
            span.attributes['messaging.message.id'] === eventId,
        );
        return found !== undefined;
      },
      `facilities' process span of event ${eventId}`,
      60_000,
    );
    return found!;
  }

  /** organization's `create` span of the building.registered event of this trace. */
  async function createSpanIn(traceId: string): Promise<ReceivedSpan> {
    let found: ReceivedSpan | undefined;
    await waitFor(() => {
      found = receiver.spans.find(
        (span) =>
          span.service === 'organization' &&
          span.kind === SPAN_KIND.PRODUCER &&
          span.traceId === traceId &&
          span.name.endsWith('.org.building.registered') &&
          span.attributes['messaging.operation.type'] === 'create',
      );
      return found !== undefined;
    }, `organization's create span in trace ${traceId}`);
    return found!;
  }

  it('follows a cross-subgraph query through the gateway into organization and facilities, MongoDB included, as one trace', async () => {
    const { data: created } = await createBuilding('31幢');
    const { requestId } = await post('query($id: ID!) { building(id: $id) { name lamps(first: 5) { totalCount } } }', {
      id: created.createBuilding.building.id,
    });
    const root = await requestSpan(requestId);
    // A subgraph's HTTP server span ends last there, so once it is exported every span of that subgraph has been.
    await waitFor(() => {
      const servers = new Set(
        receiver.spans
          .filter((span) => span.traceId === root.traceId && span.kind === SPAN_KIND.SERVER)
          .map((span) => span.service),
      );
      return servers.has('organization') && servers.has('facilities');
    }, 'the HTTP server spans of both subgraphs in the query trace');
    const trace = receiver.spans.filter((span) => span.traceId === root.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));

    // The gateway's own spans (Apollo's), one fetch per subgraph, each the parent of that subgraph's HTTP span.
    expect(trace.filter((span) => span.service === 'gateway').map((span) => span.name)).toEqual(
      expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.execute', 'gateway.fetch']),
    );
    for (const subgraph of ['organization', 'facilities']) {
      const server = trace.find((span) => span.service === subgraph && span.kind === SPAN_KIND.SERVER);
      expect(server).toBeDefined();
      const parent = byId.get(server!.parentSpanId);
      expect(parent).toMatchObject({
        service: 'gateway',
        name: 'gateway.fetch',
        attributes: expect.objectContaining({ service: subgraph }),
      });
      expect(server!.attributes['gongzhi.request_id']).toBe(requestId);
      // GraphQL and MongoDB work inside the subgraph, in the same trace.
      expect(trace.some((span) => span.service === subgraph && span.name.startsWith('graphql.'))).toBe(true);
      expect(
        trace.some(
          (span) =>
            (span.service === subgraph && span.attributes['db.system.name'] === 'mongodb') ||
            (span.service === subgraph && span.attributes['db.system'] === 'mongodb'),
        ),
      ).toBe(true);
    }
    // Every span but the gateway's HTTP span has its parent in the trace: nothing hangs loose.
    const orphans = trace.filter((span) => span !== root && !byId.has(span.parentSpanId));
    expect(orphans.map((span) => `${span.service}: ${span.name}`)).toEqual([]);

    // The log lines of the request carry the trace: the gateway's request line and organization's.
    await waitFor(
      () => gateway.logLines().some((line) => line.requestId === requestId && line.msg === 'request'),
      'the gateway request log line',
    );
    const requestLine = gateway.logLines().find((line) => line.requestId === requestId && line.msg === 'request')!;
    expect(requestLine.trace_id).toBe(root.traceId);
    expect(requestLine.span_id).toEqual(expect.stringMatching(/^[0-9a-f]{16}$/));
    await waitFor(
      () => organization.logLines().some((line) => line.requestId === requestId),
      "organization's log line of the request",
    );
    for (const line of organization.logLines().filter((l) => l.requestId === requestId))
      expect(line.trace_id).toBe(root.traceId);
  });

  it("makes facilities' handling of organization's event a child of the write that recorded it", async () => {
    const { requestId, data } = await createBuilding('32幢');
    const root = await requestSpan(requestId);
    const create = await createSpanIn(root.traceId);
    expect(create.attributes).toMatchObject({
      'messaging.system': 'nats',
      'gongzhi.event.type': 'org.building.registered',
    });
    const eventId = String(create.attributes['messaging.message.id']);

    const processed = await processSpanOf(eventId);
    expect(processed).toMatchObject({ traceId: root.traceId, parentSpanId: create.spanId, kind: SPAN_KIND.CONSUMER });
    expect(processed.attributes).toMatchObject({
      'messaging.system': 'nats',
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': 'facilities-organization-territory',
      'gongzhi.event.outcome': 'handled',
      'gongzhi.request_id': requestId,
    });
    // The relay's publication, also in the trace, and facilities' MongoDB writes under the process span.
    expect(
      receiver.spans.some(
        (span) =>
          span.service === 'organization' &&
          span.kind === SPAN_KIND.PRODUCER &&
          span.attributes['messaging.operation.type'] === 'send' &&
          span.parentSpanId === create.spanId,
      ),
    ).toBe(true);
    await waitFor(
      () => receiver.spans.some((span) => span.service === 'facilities' && span.parentSpanId === processed.spanId),
      'spans under the process span',
    );

    // facilities' log line of the event carries the process span's ids.
    await waitFor(
      () => facilities.logLines().some((line) => line.eventId === eventId && line.msg === 'event handled'),
      "facilities' log line of the event",
    );
    const handled = facilities.logLines().find((line) => line.eventId === eventId && line.msg === 'event handled')!;
    expect(handled).toMatchObject({ trace_id: root.traceId, span_id: processed.spanId, requestId });
    expect(data.createBuilding.building.name).toBe('32幢');
  });

  it('keeps the link when the consumer handles the event after an outage', async () => {
    await facilities.stop();
    const { requestId } = await createBuilding('33幢');
    const root = await requestSpan(requestId);
    const create = await createSpanIn(root.traceId);
    const eventId = String(create.attributes['messaging.message.id']);
    expect(
      receiver.spans.some(
        (span) => span.service === 'facilities' && span.attributes['messaging.message.id'] === eventId,
      ),
    ).toBe(false);

    facilities = await startBuilt('services/facilities/dist/main.js', facilitiesEnv, 'facilities', facilitiesPort);
    stopAll.push(() => facilities.stop());
    const processed = await processSpanOf(eventId);
    expect(processed).toMatchObject({ traceId: root.traceId, parentSpanId: create.spanId });
  });
});

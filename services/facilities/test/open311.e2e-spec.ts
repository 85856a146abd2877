import { open311Example, type Open311ExampleName, open311Shape, parseOpen311 } from '@gongzhi/testing';
import { Types } from 'mongoose';
import request from 'supertest';
import { codesOf, expectData, ManualClock } from './facilities.harness';
import { type Federation, partnerInCommunity, startFederation } from './federation.harness';

/**
 * Open311 GeoReport v2 at the gateway, end to end: two gateway replicas in front of organization (the demo of 斜塘街道)
 * and facilities. A maintenance company's key files a dark lamp through POST requests.xml, Open311 shows it open,
 * the work order closes it in GraphQL and Open311 shows it closed; every endpoint answers XML and JSON with the
 * structure of the specification's own examples (libs/testing/fixtures/open311).
 */
describe('Open311 GeoReport v2 for lamp faults', () => {
  /** What the gateways are configured to hand partners as their origin (PUBLIC_BASE_URL). */
  const PUBLIC_ORIGIN = 'https://gongzhi.sipac.gov.cn';
  // The Open311 default window is the last 90 days of the gateway's own clock: facilities' clock starts a few hours
  // before it and moves a quarter of an hour with each filing, so the requests have an order and lie in the window.
  const clock = new ManualClock(new Date(Date.now() - 8 * 3600_000));
  let fed: Federation;
  const id: Record<string, string> = {};
  let reportKey: string;
  let readOnlyKey: string;

  const app = () => fed.gateways.gateways[0].app;
  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fed.gateways.post(query, variables, headers).then((answer) => answer.body);
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const open311Post = (format: 'xml' | 'json', fields: Record<string, string>) => {
    clock.advance(0.25);
    return request(app())
      .post(`/open311/v2/requests.${format}`)
      .set('content-type', 'application/x-www-form-urlencoded; charset=utf-8')
      .send(form(fields));
  };
  const open311Get = (path: string, query: Record<string, string> = {}) =>
    request(app()).get(`/open311/v2/${path}`).query(query);
  const parsed = (res: request.Response, format: 'xml' | 'json') => parseOpen311(res.text, format) as any;
  /** The request items of a service_requests document, whichever the format. */
  const requestsOf = (res: request.Response, format: 'xml' | 'json'): any[] =>
    format === 'json' ? parsed(res, 'json') : (parsed(res, 'xml').service_requests?.request ?? []);
  const expectLikeExample = (
    res: request.Response,
    format: 'xml' | 'json',
    example: Open311ExampleName,
    omit: string[] = [],
  ) => {
    expect(res.headers['content-type']).toBe(
      format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8',
    );
    expect(open311Shape(parsed(res, format), omit)).toEqual(open311Shape(open311Example(example, format), omit));
  };

  beforeAll(async () => {
    fed = await startFederation(clock, { PUBLIC_BASE_URL: PUBLIC_ORIGIN });
    const org = fed.organization.connection;
    const qiqu = (await org.collection('compounds').findOne({ name: '淞泽家园七区' }))!;
    id.淞源社区 = String(qiqu.communityId);
    // A community with lamps of its own, where the maintenance company has no agreement.
    const elsewhere = await fed.facilities.connection
      .collection('lamps')
      .findOne({ communityId: { $ne: qiqu.communityId } });
    id.otherCommunity = String(elsewhere!.communityId);
    id.otherLamp = elsewhere!.assetNumber;

    // The maintenance company files the faults its patrols find and works the orders it is given.
    const partner = await partnerInCommunity(fed, {
      name: '苏州园区照明维护有限公司',
      communityId: id.淞源社区,
      scope: '路灯维护',
    });
    id.partner = partner.id;
    reportKey = await partner.issueKey(['facilities:lamp-faults:report', 'facilities:lamps:write']);
    readOnlyKey = await partner.issueKey(['facilities:lamps:read']);
  });
  afterAll(() => fed?.stop());

  const filing = (fields: Record<string, string> = {}) => ({
    api_key: reportKey,
    jurisdiction_id: id.淞源社区,
    service_code: 'LAMP_OUT',
    lat: '31.29871',
    long: '120.72683',
    'attribute[asset_number]': 'XT-SZ7-003',
    description: '巡查发现3幢北侧路灯晚上不亮',
    media_url: 'https://img.example.cn/patrol/xt-sz7-003.jpg',
    // The reporter's own details, as reporting apps send them: Gongzhi takes none of them.
    email: 'luo.shufen@example.cn',
    first_name: '淑芬',
    last_name: '罗',
    phone: '13800000000',
    device_id: 'patrol-pad-07',
    ...fields,
  });

  it('a maintenance partner files a dark lamp through POST requests.xml, sees it open, and once the work order closes it in GraphQL Open311 shows it closed', async () => {
    const filed = await open311Post('xml', filing());
    expect(filed.status).toBe(200);
    expectLikeExample(filed, 'xml', 'post-request');
    const [created] = requestsOf(filed, 'xml');
    expect(created.service_request_id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.service_notice).toContain('72 小时内修复');
    const requestId = created.service_request_id as string;

    const seen = await open311Get(`requests/${requestId}.xml`, { jurisdiction_id: id.淞源社区 });
    expect(seen.status).toBe(200);
    expectLikeExample(seen, 'xml', 'request');
    expect(requestsOf(seen, 'xml')[0]).toMatchObject({
      service_request_id: requestId,
      status: 'open',
      service_code: 'LAMP_OUT',
      service_name: '路灯不亮',
      description: '巡查发现3幢北侧路灯晚上不亮',
      agency_responsible: '苏州工业园区城市管理局路灯管理所',
      address_id: 'XT-SZ7-003',
      lat: '31.29871',
      long: '120.72683',
      media_url: 'https://img.example.cn/patrol/xt-sz7-003.jpg',
    });
    expect(requestsOf(seen, 'xml')[0].address).toContain('淞泽家园七区, 淞源社区');
    // Reads carry nothing of the reporter, in either format.
    const seenJson = await open311Get(`requests/${requestId}.json`, { jurisdiction_id: id.淞源社区 });
    for (const body of [seen.text, seenJson.text])
      for (const personal of ['luo.shufen', '淑芬', '13800000000', 'patrol-pad-07'])
        expect(body).not.toContain(personal);

    // The same fault in GraphQL: filed by the partner, its SLA from the service.
    const secretary = await fed.gateways.asPerson('demo:community-secretary');
    const fault = expectData(
      await post(
        `query($id: ID!) { lampFault(id: $id) { status serviceCode requestedAt expectedAt history { edges { node { actorKind } } } } }`,
        { id: requestId },
        secretary,
      ),
    ).lampFault;
    expect(fault).toMatchObject({
      status: 'OPEN',
      serviceCode: 'LAMP_OUT',
      history: { edges: [{ node: { actorKind: 'PARTNER' } }] },
    });
    expect(requestsOf(seenJson, 'json')[0].expected_datetime).toBe(
      new Date(new Date(fault.expectedAt).getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00',
    );
    const stored = await fed.facilities.connection
      .collection('lamp_faults')
      .findOne({ _id: new Types.ObjectId(requestId) });
    expect(JSON.stringify(stored)).not.toMatch(/luo\.shufen|13800000000|淑芬/);

    // The community gives it to the same company, which closes it with its key, in GraphQL.
    const order = expectData(
      await post(
        `mutation($f: ID!, $p: ID!) { assignLampWorkOrder(input: { faultId: $f, partnerUnitId: $p }) { lampWorkOrder { id } } }`,
        { f: requestId, p: id.partner },
        await fed.gateways.asPerson('demo:grid-worker'),
      ),
    ).assignLampWorkOrder.lampWorkOrder;
    expect(requestsOf(await open311Get(`requests/${requestId}.json`), 'json')[0].status).toBe('open');
    expectData(
      await post(
        `mutation($id: ID!) { closeLampWorkOrder(input: { workOrderId: $id, note: "更换镇流器和灯泡" }) { lampWorkOrder { status } } }`,
        { id: order.id },
        fed.gateways.asPartner(reportKey),
      ),
    );

    const closed = requestsOf(await open311Get(`requests/${requestId}.xml`), 'xml')[0];
    expect(closed).toMatchObject({ status: 'closed', status_notes: '更换镇流器和灯泡' });
    const listedClosed = await open311Get('requests.json', { jurisdiction_id: id.淞源社区, status: 'closed' });
    expect(requestsOf(listedClosed, 'json').map((item) => item.service_request_id)).toEqual([requestId]);
    const listedOpen = await open311Get('requests.xml', { jurisdiction_id: id.淞源社区, status: 'open' });
    expect(requestsOf(listedOpen, 'xml').map((item) => item.service_request_id)).not.toContain(requestId);
    expect(new Date(requestsOf(listedClosed, 'json')[0].updated_datetime).getTime()).toBeGreaterThanOrEqual(
      new Date(requestsOf(listedClosed, 'json')[0].requested_datetime).getTime(),
    );
  });

  it('answers every endpoint in XML and JSON with the structure of the specification’s examples', async () => {
    // A JSON filing of another lamp, so the lists hold more than one request.
    const json = await open311Post(
      'json',
      filing({ 'attribute[asset_number]': 'XT-SZ7-005', service_code: 'LAMP_FLICKERING' }),
    );
    expect(json.status).toBe(200);
    expectLikeExample(json, 'json', 'post-request');
    const [{ service_request_id: flickering }] = parsed(json, 'json');

    for (const format of ['xml', 'json'] as const) {
      const discovery = await open311Get(`discovery.${format}`);
      expectLikeExample(discovery, format, 'discovery');
      const endpoint =
        format === 'json'
          ? parsed(discovery, 'json').endpoints[0]
          : parsed(discovery, 'xml').discovery.endpoints.endpoint[0];
      expect(endpoint.url).toBe(`${PUBLIC_ORIGIN}/open311/v2`);
      // A hostile Host or X-Forwarded-Host (a client, or a cache keyed without it) does not change the origin handed out.
      const spoofed = await request(app())
        .get(`/open311/v2/discovery.${format}`)
        .set('host', 'gongzhi.evil.example')
        .set('x-forwarded-host', 'phish.example')
        .set('x-forwarded-proto', 'http');
      expect(spoofed.status).toBe(200);
      expect(spoofed.text).not.toMatch(/evil|phish/);
      expect(
        format === 'json'
          ? parsed(spoofed, 'json').endpoints[0].url
          : parsed(spoofed, 'xml').discovery.endpoints.endpoint[0].url,
      ).toBe(`${PUBLIC_ORIGIN}/open311/v2`);

      const services = await open311Get(`services.${format}`, { jurisdiction_id: id.淞源社区 });
      expectLikeExample(services, format, 'services');
      const codes = (format === 'json' ? parsed(services, 'json') : parsed(services, 'xml').services.service).map(
        (service: { service_code: string }) => service.service_code,
      );
      expect(codes).toEqual(['LAMP_OUT', 'LAMP_FLICKERING', 'LAMP_ON_BY_DAY', 'POLE_DAMAGED']);

      // Only list datatypes carry values; the lamp's asset number is a string.
      expectLikeExample(await open311Get(`services/POLE_DAMAGED.${format}`), format, 'service-definition', ['values']);
      expectLikeExample(
        await open311Get(`requests.${format}`, {
          jurisdiction_id: id.淞源社区,
          service_code: 'LAMP_OUT,LAMP_FLICKERING',
        }),
        format,
        'requests',
      );
      expectLikeExample(await open311Get(`requests/${flickering}.${format}`), format, 'request');
      const token = await open311Get(`tokens/${flickering}.${format}`, { jurisdiction_id: id.淞源社区 });
      expectLikeExample(token, format, 'token');
      expect(requestsOf(token, format)[0]).toEqual({ service_request_id: flickering, token: flickering });
      const refused = await open311Post(format, filing({ api_key: `gz_live_${'x'.repeat(43)}` }));
      expect(refused.status).toBe(403);
      expectLikeExample(refused, format, 'errors');
    }
  });

  it('filters GET requests as the spec says: service_request_id over all else, service_code, status, a window of at most 90 days', async () => {
    const all = requestsOf(await open311Get('requests.json', { jurisdiction_id: id.淞源社区 }), 'json');
    expect(all.length).toBeGreaterThanOrEqual(2);
    const [newest, older] = all;
    const byIds = await open311Get('requests.json', {
      jurisdiction_id: id.淞源社区,
      service_request_id: `${older.service_request_id},${new Types.ObjectId().toHexString()},not-an-id`,
      // Overridden by service_request_id.
      status: 'open',
      start_date: '2001-01-01T00:00:00Z',
    });
    expect(requestsOf(byIds, 'json').map((item) => item.service_request_id)).toEqual([older.service_request_id]);
    const byCode = requestsOf(
      await open311Get('requests.json', { jurisdiction_id: id.淞源社区, service_code: newest.service_code }),
      'json',
    );
    expect(byCode.every((item) => item.service_code === newest.service_code)).toBe(true);
    const past = await open311Get('requests.xml', {
      jurisdiction_id: id.淞源社区,
      start_date: '2025-01-01T00:00:00+08:00',
      end_date: '2025-03-01T00:00:00+08:00',
    });
    expect(past.status).toBe(200);
    expect(past.text).toContain('<service_requests></service_requests>');
    // Another community's requests are not these (it has demo faults of its own, at every escalation step).
    const ours = new Set(all.map((item) => item.service_request_id));
    const elsewhere = requestsOf(await open311Get('requests.json', { jurisdiction_id: id.otherCommunity }), 'json');
    expect(elsewhere.filter((item) => ours.has(item.service_request_id))).toEqual([]);
    expect(
      (await open311Get(`requests/${newest.service_request_id}.json`, { jurisdiction_id: id.otherCommunity })).status,
    ).toBe(404);
  });

  /** The first error of an errors document, in the format the answer says it is in. */
  const errorOf = (res: request.Response) =>
    res.headers['content-type'].startsWith('text/xml') ? parsed(res, 'xml').errors.error[0] : parsed(res, 'json')[0];

  it.each([
    ['no jurisdiction_id', () => open311Get('requests.json'), 400, 400, /jurisdiction_id was not provided/],
    [
      'an unknown jurisdiction_id',
      () => open311Get('requests.json', { jurisdiction_id: String(new Types.ObjectId()) }),
      404,
      404,
      /jurisdiction_id/,
    ],
    [
      'an unknown service_code',
      () => open311Get('services/STREET_SWEEPING.json'),
      404,
      404,
      /service_code STREET_SWEEPING/,
    ],
    [
      'an unknown request',
      () => open311Get(`requests/${new Types.ObjectId().toHexString()}.json`),
      404,
      404,
      /service_request_id/,
    ],
    [
      'a start_date without a time zone',
      () => open311Get('requests.json', { jurisdiction_id: id.淞源社区, start_date: '2026-11-01T00:00:00' }),
      400,
      400,
      /start_date is invalid/,
    ],
    [
      'a window over 90 days',
      () =>
        open311Get('requests.json', {
          jurisdiction_id: id.淞源社区,
          start_date: '2026-01-01T00:00:00Z',
          end_date: '2026-06-01T00:00:00Z',
        }),
      400,
      400,
      /90 days/,
    ],
    [
      'a status that is neither open nor closed',
      () => open311Get('requests.json', { jurisdiction_id: id.淞源社区, status: 'pending' }),
      400,
      400,
      /status/,
    ],
    ['an unknown resource', () => open311Get('reports.json'), 404, 404, /reports\.json/],
    // XML, the spec's required format, when the extension asks for neither.
    ['an unsupported format', () => open311Get('services.html'), 400, 400, /xml or json/],
    ['no api_key', () => open311Post('json', filing({ api_key: '' })), 403, 403, /api_key is required/],
    ['a key without the Open311 scope', () => open311Post('json', filing({ api_key: readOnlyKey })), 403, 403, /./],
    [
      'no location',
      () => open311Post('json', filing({ lat: '', long: '' })),
      400,
      400,
      /lat and long, address_string or address_id/,
    ],
    [
      'no lamp',
      () => open311Post('json', filing({ 'attribute[asset_number]': '' })),
      400,
      400,
      /attribute\[asset_number\]/,
    ],
    [
      'a lamp of another community',
      () => open311Post('json', filing({ jurisdiction_id: id.otherCommunity })),
      400,
      400,
      /no lamp XT-SZ7-003/,
    ],
    ['a latitude off the globe', () => open311Post('json', filing({ lat: '131.2' })), 400, 400, /lat is invalid/],
    [
      'a JSON body',
      () => request(app()).post('/open311/v2/requests.json').send(filing()),
      400,
      400,
      /x-www-form-urlencoded/,
    ],
  ])('answers %s with the spec’s error and status, filing nothing', async (_case, call, status, code, description) => {
    const before = await fed.facilities.connection.collection('lamp_faults').countDocuments();
    const res = await call();
    expect(res.status).toBe(status);
    // XML carries the code as text, JSON as a number.
    const error = errorOf(res);
    expect({ ...error, code: String(error.code) }).toEqual({
      code: String(code),
      description: expect.stringMatching(description),
    });
    expect(await fed.facilities.connection.collection('lamp_faults').countDocuments()).toBe(before);
  });

  it('files a request located by address_string at its lamp, answers a second filing of the open fault with the request already open, and files only in the partner’s communities', async () => {
    // Located by address_string alone: the request takes the lamp's own position.
    const first = parsed(
      await open311Post(
        'json',
        filing({
          'attribute[asset_number]': 'XT-SZ7-006',
          service_code: 'POLE_DAMAGED',
          description: '6幢东侧灯杆底座锈蚀严重',
          lat: '',
          long: '',
          address_string: '6幢东侧, 淞泽家园七区',
        }),
      ),
      'json',
    )[0];
    const lamp6 = (await fed.facilities.connection.collection('lamps').findOne({ assetNumber: 'XT-SZ7-006' }))!;
    expect(requestsOf(await open311Get(`requests/${first.service_request_id}.json`), 'json')[0]).toMatchObject({
      lat: lamp6.location.latitude,
      long: lamp6.location.longitude,
      service_code: 'POLE_DAMAGED',
      description: '6幢东侧灯杆底座锈蚀严重',
    });
    const again = await open311Post(
      'xml',
      filing({ 'attribute[asset_number]': 'XT-SZ7-006', service_code: 'POLE_DAMAGED' }),
    );
    expect(again.status).toBe(400);
    expect(errorOf(again)).toEqual({
      code: 'LAMP_FAULT.ALREADY_EXISTS',
      description: expect.stringContaining(`service_request_id ${first.service_request_id}`),
    });
    // The key's partner has no agreement in the other community: GraphQL refuses the report there, so Open311 does.
    const before = await fed.facilities.connection.collection('lamp_faults').countDocuments();
    const refused = await open311Post(
      'json',
      filing({ jurisdiction_id: id.otherCommunity, 'attribute[asset_number]': id.otherLamp }),
    );
    expect(refused.status).toBe(403);
    expect(await fed.facilities.connection.collection('lamp_faults').countDocuments()).toBe(before);
    const direct = await post(
      `mutation($input: ReportLampFaultInput!) { reportLampFault(input: $input) { lampFault { id } } }`,
      {
        input: {
          lampId: String(
            (await fed.facilities.connection.collection('lamps').findOne({ assetNumber: id.otherLamp }))!._id,
          ),
          serviceCode: 'LAMP_OUT',
          description: '不亮',
        },
      },
      fed.gateways.asPartner(reportKey),
    );
    expect(codesOf(direct)).toEqual(['FORBIDDEN']);
  });
});

import { open311Example, type Open311ExampleName, open311Shape, parseOpen311 } from '@gongzhi/testing';
import { type Open311Format, parseW3DateTime, renderList, renderObject, w3DateTime } from './open311.documents';
import {
  type LampFaultServiceView,
  type LampFaultView,
  serviceDefinitionOf,
  serviceOf,
  serviceRequestOf,
} from './open311.services';

const LAMP_OUT: LampFaultServiceView = {
  serviceCode: 'LAMP_OUT',
  serviceName: '路灯不亮',
  description: 'The lamp does not light at night.',
  slaHours: 72,
};

const FAULT: LampFaultView = {
  id: '6751a1b2c3d4e5f601234567',
  status: 'ASSIGNED',
  statusNotes: '请两日内处理',
  serviceCode: 'LAMP_OUT',
  description: '3幢旁的路灯晚上不亮 & 有电线外露',
  agencyResponsible: '苏州工业园区城市管理局路灯管理所',
  requestedAt: '2026-11-23T01:00:00.000Z',
  updatedAt: '2026-11-23T02:30:00.000Z',
  expectedAt: '2026-11-26T01:00:00.000Z',
  mediaUrl: null,
  location: { latitude: 31.2987, longitude: 120.7268 },
  lamp: {
    assetNumber: 'XT-SZ7-003',
    placeDescription: '3幢北侧',
    compound: { name: '淞泽家园七区' },
    community: { id: '6751a1b2c3d4e5f6012345aa', name: '淞源社区', street: '斜塘街道', city: '苏州市' },
  },
};

/** Every document as the endpoint renders it, beside the spec's example it must match. */
const DOCUMENTS: Array<{ example: Open311ExampleName; render: (format: Open311Format) => string; omit?: string[] }> = [
  {
    example: 'services',
    render: (format) =>
      renderList(format, 'services', [serviceOf(LAMP_OUT), serviceOf({ ...LAMP_OUT, serviceCode: 'POLE_DAMAGED' })]),
  },
  {
    example: 'service-definition',
    render: (format) => renderObject(format, 'service_definition', serviceDefinitionOf(LAMP_OUT)),
    // The example's attribute is a singlevaluelist; values come only with list datatypes, and ours is a string.
    omit: ['values'],
  },
  {
    example: 'post-request',
    render: (format) =>
      renderList(format, 'service_requests', [
        { service_request_id: FAULT.id, service_notice: '72 小时内修复', account_id: null },
      ]),
  },
  {
    example: 'token',
    render: (format) => renderList(format, 'service_requests', [{ service_request_id: FAULT.id, token: FAULT.id }]),
  },
  {
    example: 'requests',
    render: (format) =>
      renderList(format, 'service_requests', [
        serviceRequestOf(FAULT, [LAMP_OUT]),
        serviceRequestOf({ ...FAULT, status: 'CLOSED', mediaUrl: 'https://img.example.cn/lamp-3.jpg' }, [LAMP_OUT]),
      ]),
  },
  {
    example: 'errors',
    render: (format) => renderList(format, 'errors', [{ code: 403, description: 'Invalid api_key received' }]),
  },
  {
    example: 'discovery',
    render: (format) =>
      renderObject(format, 'discovery', {
        changeset: '2026-12-05T00:00:00+08:00',
        contact: '社区',
        key_service: 'issueApiKey',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: 'https://gongzhi.example.cn/open311/v2',
            changeset: '2026-12-05T00:00:00+08:00',
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      }),
  },
];

describe('Open311 documents', () => {
  describe.each(['xml', 'json'] as const)('in %s', (format) => {
    it.each(DOCUMENTS)('$example has the structure of the spec’s example', ({ example, render, omit }) => {
      const body = render(format);
      expect(open311Shape(parseOpen311(body, format), omit)).toEqual(
        open311Shape(open311Example(example, format), omit),
      );
      if (format === 'xml') expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    });
  });

  it('tells a document that strays from the spec’s structure: a field missing, a list flattened, another root', () => {
    const { zipcode: _left, ...withoutZipcode } = serviceRequestOf(FAULT, [LAMP_OUT]);
    const example = open311Shape(open311Example('request', 'json'));
    expect(open311Shape(parseOpen311(JSON.stringify([withoutZipcode]), 'json'))).not.toEqual(example);
    expect(open311Shape(parseOpen311(JSON.stringify(serviceRequestOf(FAULT, [LAMP_OUT])), 'json'))).not.toEqual(
      example,
    );
    const xml = renderList('xml', 'services', [serviceOf(LAMP_OUT)]).replaceAll('services>', 'service_list>');
    expect(open311Shape(parseOpen311(xml, 'xml'))).not.toEqual(open311Shape(open311Example('services', 'xml')));
    expect(() => parseOpen311('<services><service></services>', 'xml')).toThrow(/Not well-formed XML/);
  });

  it('writes JSON values with their types and XML nulls as empty elements, text escaped', () => {
    const [request] = JSON.parse(renderList('json', 'service_requests', [serviceRequestOf(FAULT, [LAMP_OUT])]));
    expect(request).toMatchObject({
      status: 'open',
      lat: 31.2987,
      long: 120.7268,
      media_url: null,
      zipcode: null,
      address: '3幢北侧, 淞泽家园七区, 淞源社区, 斜塘街道, 苏州市',
      address_id: 'XT-SZ7-003',
      requested_datetime: '2026-11-23T09:00:00+08:00',
      expected_datetime: '2026-11-26T09:00:00+08:00',
      service_name: '路灯不亮',
    });
    const xml = renderList('xml', 'service_requests', [serviceRequestOf(FAULT, [LAMP_OUT])]);
    expect(xml).toContain('<media_url/>');
    expect(xml).toContain('<description>3幢旁的路灯晚上不亮 &amp; 有电线外露</description>');
    expect(JSON.parse(renderList('json', 'services', [serviceOf(LAMP_OUT)]))[0]).toMatchObject({
      metadata: true,
      type: 'realtime',
    });
    expect(renderList('xml', 'service_requests', [])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests></service_requests>\n',
    );
    expect(renderList('json', 'service_requests', [])).toBe('[]');
  });

  it('reads and writes the spec’s w3 datetimes, always with a time zone', () => {
    expect(w3DateTime('2026-11-23T16:30:05.250Z')).toBe('2026-11-24T00:30:05+08:00');
    expect(parseW3DateTime('2010-04-14T06:37:38-08:00')?.toISOString()).toBe('2010-04-14T14:37:38.000Z');
    expect(parseW3DateTime('2026-11-23T00:00:00Z')?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    for (const bad of ['2026-11-23', '2026-11-23T00:00:00', 'yesterday', '2026-13-45T00:00:00Z'])
      expect(parseW3DateTime(bad)).toBeUndefined();
  });
});

import { XMLBuilder } from 'fast-xml-parser';

/**
 * The documents of Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) and its Service Discovery, in the two
 * formats the spec names: XML (required) and JSON, the JSON a programmatic mapping of the XML (the "Spark convention":
 * a list element becomes an array of its items, the XML declaration and the root of a list go away).
 */
export type Open311Format = 'xml' | 'json';

type Scalar = string | number | boolean | null;
export interface Open311Object {
  [field: string]: Scalar | Open311Object | Scalar[] | Open311Object[];
}

export interface Discovery extends Open311Object {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: Array<{
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }>;
}

export interface Service extends Open311Object {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface ServiceAttribute extends Open311Object {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
}

export interface ServiceDefinition extends Open311Object {
  service_code: string;
  attributes: ServiceAttribute[];
}

/** GET requests and GET requests/{id}: every field of the spec, null where Gongzhi has no value. */
export interface ServiceRequest extends Open311Object {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
}

/** POST requests: the id at once (Gongzhi's services are `realtime`), never a token beside it. */
export interface CreatedRequest extends Open311Object {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}

export interface RequestToken extends Open311Object {
  service_request_id: string;
  token: string;
}

export interface Open311ErrorItem extends Open311Object {
  code: number | string;
  description: string;
}

/** The element of each item of the spec's lists, by the list's name (XML `<services><service>…`). */
const ITEM_OF: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true, processEntities: true });

/** Nested lists wrapped in their item elements, nulls as empty elements (`<account_id/>`, as the spec shows). */
function toXmlTree(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const item = ITEM_OF[name];
    if (!item) throw new Error(`Open311: no item element known for the list ${name}`);
    return { [item]: value.map((entry) => toXmlTree(entry, item)) };
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toXmlTree(entry, key)]));
  }
  return value;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** A list document: `[…]` in JSON, `<root><item>…</item></root>` in XML. */
export function renderList(format: Open311Format, root: keyof typeof ITEM_OF, items: Open311Object[]): string {
  if (format === 'json') return JSON.stringify(items);
  const tree = toXmlTree(items, root) as Record<string, unknown>;
  // An empty list still has its root: `<service_requests></service_requests>`.
  return XML_DECLARATION + (items.length ? builder.build({ [root]: tree }) : `<${root}></${root}>\n`);
}

/** A single-object document (discovery, service_definition): the object in JSON, `<root>…</root>` in XML. */
export function renderObject(format: Open311Format, root: string, document: Open311Object): string {
  if (format === 'json') return JSON.stringify(document);
  return XML_DECLARATION + builder.build({ [root]: toXmlTree(document, root) });
}

export const CONTENT_TYPE: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * An instant as the spec's w3 profile of ISO 8601 with an offset, in China Standard Time where the communities are:
 * 2026-11-23T09:00:00+08:00 (whole seconds, as the spec's examples).
 */
export function w3DateTime(instant: string | Date): string {
  const ms = new Date(instant).getTime();
  const local = new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

/** The w3 datetimes clients may send (start_date, end_date): a full date and time with `Z` or an offset. */
const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseW3DateTime(value: string): Date | undefined {
  if (!W3_DATETIME.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

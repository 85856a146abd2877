import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The Open311 GeoReport v2 specification's own example documents (fixtures/open311, with their source), and a
 * structural comparison of any Open311 answer with them: the same root and item elements, the same fields, lists
 * where the spec has lists. Values are not compared (the spec's are San Francisco's, ours are 淞源社区's).
 */
export type Open311ExampleName =
  'discovery' | 'services' | 'service-definition' | 'post-request' | 'token' | 'requests' | 'request' | 'errors';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'open311');

/** The spec's list elements: each holds items of one element, XML's way of writing JSON's arrays. */
const LIST_ITEMS = new Set([
  'services.service',
  'service_requests.request',
  'errors.error',
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
  'service_definition.attributes.attribute',
  'service_definition.attributes.attribute.values.value',
]);

const xmlParser = new XMLParser({
  ignoreDeclaration: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jpath) => LIST_ITEMS.has(String(jpath)),
});

/** An Open311 body as data: XML through fast-xml-parser (lists as arrays), JSON as JSON. */
export function parseOpen311(body: string, format: 'xml' | 'json'): unknown {
  if (format === 'json') return JSON.parse(body);
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new Error(`Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return xmlParser.parse(body);
}

/** The spec's example, parsed; the JSON examples' leading-zero numbers (`001`) read as the strings they stand for. */
export function open311Example(name: Open311ExampleName, format: 'xml' | 'json'): unknown {
  const text = readFileSync(path.join(FIXTURES, `${name}.${format}`), 'utf8');
  return parseOpen311(format === 'json' ? text.replace(/("\w+":\s*)(0\d+)(?=\s*[,}\n])/g, '$1"$2"') : text, format);
}

export type Open311Shape = 'value' | Open311Shape[] | { [field: string]: Open311Shape };

/**
 * A document's structure: objects as their fields (sorted), a list as the union of its items' structures, every
 * value (string, number, boolean, null, an empty element) as `value`. `omit` leaves fields out wherever they are.
 */
export function open311Shape(document: unknown, omit: readonly string[] = []): Open311Shape {
  if (Array.isArray(document)) {
    const items = document.map((item) => open311Shape(item, omit));
    return items.length ? [items.reduce(mergeShapes)] : [];
  }
  if (document !== null && typeof document === 'object') {
    return Object.fromEntries(
      Object.entries(document)
        .filter(([field]) => !omit.includes(field))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([field, value]) => [field, open311Shape(value, omit)]),
    );
  }
  return 'value';
}

function mergeShapes(a: Open311Shape, b: Open311Shape): Open311Shape {
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const merged: Record<string, Open311Shape> = { ...a };
    for (const [field, shape] of Object.entries(b)) merged[field] = field in a ? mergeShapes(a[field], shape) : shape;
    return Object.fromEntries(Object.entries(merged).sort(([x], [y]) => x.localeCompare(y)));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length && b.length ? [mergeShapes(a[0], b[0])] : a.length ? a : b;
  return a;
}

import express, { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from '../plugins/request-id';
import {
  CONTENT_TYPE,
  type CreatedRequest,
  type Discovery,
  type Open311Format,
  parseW3DateTime,
  renderList,
  renderObject,
  type RequestToken,
} from './open311.documents';
import { Open311Error } from './open311.errors';
import { createGraphQLCaller, type GraphQLCaller } from './open311.graphql';
import {
  ASSET_NUMBER_ATTRIBUTE,
  type LampFaultServiceView,
  type LampFaultView,
  REQUEST_FIELDS,
  SERVICES_QUERY,
  serviceDefinitionOf,
  serviceNoticeOf,
  serviceOf,
  serviceRequestOf,
} from './open311.services';

export interface Open311Options {
  /** The gateway's own /graphql, reachable from itself (known once it listens). */
  graphqlUrl: () => string;
  /**
   * The gateway's public origin (PUBLIC_BASE_URL): Service Discovery's endpoint URL is built from it, never from the
   * request's Host or X-Forwarded-Host, which a client or a cache in between could set to another origin.
   */
  publicBaseUrl: string;
  /** Bound on each GraphQL operation the adapter runs. */
  timeoutMs: number;
  logger: Logger;
  /** What Service Discovery says; the changeset moves when the services or their definitions change. */
  discovery?: Partial<Pick<Discovery, 'changeset' | 'contact' | 'key_service'>>;
}

/** Where the spec's pieces are served, under the gateway: /open311/v2. */
export const OPEN311_PATH = '/open311/v2';

const DISCOVERY_DEFAULTS = {
  changeset: '2026-12-05T00:00:00+08:00',
  contact: '共治 Gongzhi 合作方支持: ask the community office (社区) whose agreement your unit holds; docs/open311.md',
  key_service:
    'A community secretary issues your partner unit a key with the scope facilities:lamp-faults:report (issueApiKey)',
};

/** The spec's default and largest window of GET requests, and its most requests in one answer. */
const WINDOW_MS = 90 * 24 * 3600 * 1000;
const MAX_REQUESTS = 1000;
const PAGE = 100;
/** The spec's limit on a request's description; facilities keeps up to 1,000 characters. */
const MAX_DESCRIPTION = 1000;
const OBJECT_ID = /^[0-9a-f]{24}$/;

const OPEN_STATUSES = ['OPEN', 'ASSIGNED', 'IN_PROGRESS'];
const STATUSES: Record<string, string[]> = { open: OPEN_STATUSES, closed: ['CLOSED'] };

type Params = Record<string, unknown>;

/**
 * Open311 GeoReport v2 for street-lamp faults: discovery, services, service definitions, POST and GET requests and
 * tokens, in XML and JSON. Every answer is built from GraphQL operations run with the caller's api_key
 * (open311.graphql.ts): nothing here reads a database or decides who may do what.
 */
export function open311Router(options: Open311Options): Router {
  const graphql = createGraphQLCaller(options.graphqlUrl, options.timeoutMs);
  const discovery = { ...DISCOVERY_DEFAULTS, ...options.discovery };
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 100 }));

  const route = (
    method: 'get' | 'post',
    pattern: RegExp,
    handle: (context: Open311Context) => Promise<string>,
  ): void => {
    router[method](pattern, async (req, res) => {
      const format = formatOf(req);
      try {
        const context: Open311Context = {
          req,
          params: {
            ...req.query,
            ...(req.method === 'POST' && typeof req.body === 'object' ? (req.body as Params) : {}),
          },
          match: pattern.exec(req.path)!,
          format,
          graphql,
          requestId: requestIdOf(res),
        };
        const body = await handle(context);
        res.status(200).type(CONTENT_TYPE[format]).send(body);
      } catch (error) {
        sendError(res, format, error, options.logger);
      }
    });
  };

  const endpointUrl = `${options.publicBaseUrl}${OPEN311_PATH}`;
  route('get', /^\/discovery\.(xml|json)$/, async ({ format }) => {
    const document: Discovery = {
      ...discovery,
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: endpointUrl,
          changeset: discovery.changeset,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
    return renderObject(format, 'discovery', document);
  });

  route('get', /^\/services\.(xml|json)$/, async (context) => {
    await checkJurisdiction(context, false);
    return renderList(context.format, 'services', (await servicesOf(context)).map(serviceOf));
  });

  route('get', /^\/services\/([^/]+)\.(xml|json)$/, async (context) => {
    await checkJurisdiction(context, false);
    const service = await serviceNamed(context, decodeURIComponent(context.match[1]), 404);
    return renderObject(context.format, 'service_definition', serviceDefinitionOf(service));
  });

  route('post', /^\/requests\.(xml|json)$/, async (context) =>
    renderList(context.format, 'service_requests', [await create(context)]),
  );

  route('get', /^\/requests\.(xml|json)$/, async (context) => {
    const jurisdiction = await checkJurisdiction(context, true);
    const faults = await listRequests(context, jurisdiction!);
    const services = await servicesOf(context);
    return renderList(
      context.format,
      'service_requests',
      faults.map((fault) => serviceRequestOf(fault, services)),
    );
  });

  route('get', /^\/requests\/([^/]+)\.(xml|json)$/, async (context) => {
    const jurisdiction = await checkJurisdiction(context, false);
    const fault = await oneRequest(context, decodeURIComponent(context.match[1]), jurisdiction);
    if (!fault) throw Open311Error.notFound(`service_request_id ${context.match[1]}`);
    return renderList(context.format, 'service_requests', [serviceRequestOf(fault, await servicesOf(context))]);
  });

  // Gongzhi's services are realtime: POST answers the service_request_id at once and issues no token. A client that
  // asks for a token anyway gets the request it names back, its token being its id.
  route('get', /^\/tokens\/([^/]+)\.(xml|json)$/, async (context) => {
    const jurisdiction = await checkJurisdiction(context, false);
    const token = decodeURIComponent(context.match[1]);
    const fault = await oneRequest(context, token, jurisdiction);
    if (!fault) throw Open311Error.notFound(`token ${token}`);
    const document: RequestToken = { service_request_id: fault.id, token };
    return renderList(context.format, 'service_requests', [document]);
  });

  // Anything else under /open311/v2, in the format its extension asks for (XML, the spec's required one, otherwise).
  router.use((req, res) => {
    const known = /^\/(discovery|services|requests|tokens)(\/[^/]+)?\.[A-Za-z0-9]+$/.test(req.path);
    const error = known
      ? req.method === 'GET' || req.method === 'POST'
        ? new Open311Error(400, 400, 'The format must be xml or json, as in /services.xml or /services.json')
        : new Open311Error(405, 405, `${req.method} is not a method of this resource`)
      : Open311Error.notFound(`The resource ${req.path.slice(0, 200)}`);
    sendError(res, formatOf(req), error, options.logger);
  });
  return router;
}

interface Open311Context {
  req: Request;
  params: Params;
  match: RegExpExecArray;
  format: Open311Format;
  graphql: GraphQLCaller;
  requestId: string;
}

function formatOf(req: Request): Open311Format {
  return /\.json$/i.test(req.path) ? 'json' : 'xml';
}

function sendError(res: Response, format: Open311Format, error: unknown, logger: Logger): void {
  const known =
    error instanceof Open311Error
      ? error
      : // Not ours to explain (a body that is not form-encoded, too large…) or a fault of ours.
        (badBody(error) ?? Open311Error.general(requestIdOf(res)));
  if (!(error instanceof Open311Error) && !badBody(error))
    logger.error({ requestId: requestIdOf(res), err: error }, 'open311 request failed');
  if (known.retryAfter !== undefined) res.setHeader('Retry-After', String(known.retryAfter));
  res
    .status(known.status)
    .type(CONTENT_TYPE[format])
    .send(renderList(format, 'errors', [{ code: known.code, description: known.description }]));
}

/** body-parser's refusals (too large, bad encoding) carry a status below 500 and a safe message. */
function badBody(error: unknown): Open311Error | undefined {
  const { status, expose, message } = (error ?? {}) as { status?: number; expose?: boolean; message?: string };
  return status && status < 500 && expose
    ? new Open311Error(400, 400, message ?? 'The request body is invalid')
    : undefined;
}

/** A parameter as one trimmed string; an empty one is absent, as the spec's "Optional Arguments" say. */
function param(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw Open311Error.invalid(name, 'send it once');
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function list(params: Params, name: string): string[] | undefined {
  return param(params, name)
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * jurisdiction_id is a community's id (Gongzhi serves many communities, so the spec requires it where it matters);
 * an unknown one is 404. Returns the community's id when one was given.
 */
async function checkJurisdiction(context: Open311Context, required: boolean): Promise<string | undefined> {
  const id = param(context.params, 'jurisdiction_id');
  if (!id) {
    if (required) throw Open311Error.missing('jurisdiction_id', ': name the community (社区) by its id');
    return undefined;
  }
  if (!OBJECT_ID.test(id)) throw Open311Error.notFound(`jurisdiction_id ${id.slice(0, 40)}`);
  const { community } = await context.graphql<{ community: { id: string } | null }>(
    'query Open311Jurisdiction($id: ID!) { community(id: $id) { id } }',
    { id },
    { requestId: context.requestId },
  );
  if (!community) throw Open311Error.notFound(`jurisdiction_id ${id}`);
  return community.id;
}

async function servicesOf(context: Open311Context): Promise<LampFaultServiceView[]> {
  const { lampFaultServices } = await context.graphql<{ lampFaultServices: LampFaultServiceView[] }>(
    SERVICES_QUERY,
    {},
    { requestId: context.requestId },
  );
  return lampFaultServices;
}

async function serviceNamed(context: Open311Context, code: string, status: 400 | 404): Promise<LampFaultServiceView> {
  const service = (await servicesOf(context)).find((candidate) => candidate.serviceCode === code);
  if (!service) {
    if (status === 404) throw Open311Error.notFound(`service_code ${code.slice(0, 40)}`);
    throw Open311Error.invalid('service_code', `${code.slice(0, 40)} is not a service of this endpoint (GET services)`);
  }
  return service;
}

async function oneRequest(context: Open311Context, id: string, jurisdiction?: string): Promise<LampFaultView | null> {
  if (!OBJECT_ID.test(id)) return null;
  const { lampFault } = await context.graphql<{ lampFault: LampFaultView | null }>(
    `query Open311Request($id: ID!) { lampFault(id: $id) { ${REQUEST_FIELDS} } }`,
    { id },
    { requestId: context.requestId },
  );
  if (!lampFault || (jurisdiction && lampFault.lamp.community?.id !== jurisdiction)) return null;
  return lampFault;
}

interface FaultPage {
  edges: Array<{ node: LampFaultView }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** GET requests: the spec's filters, newest first, within 90 days, at most 1,000 (pages of 100 in GraphQL). */
async function listRequests(context: Open311Context, jurisdiction: string): Promise<LampFaultView[]> {
  const { params } = context;
  const filter: Record<string, unknown> = { placeId: jurisdiction };
  const ids = list(params, 'service_request_id');
  if (ids) {
    // "This overrides all other arguments."
    if (ids.length > PAGE) throw Open311Error.invalid('service_request_id', `name at most ${PAGE} requests at once`);
    const wellFormed = ids.filter((id) => OBJECT_ID.test(id));
    if (!wellFormed.length) return [];
    filter.ids = wellFormed;
  } else {
    const codes = list(params, 'service_code');
    if (codes) {
      const known = (await servicesOf(context)).map((service) => service.serviceCode);
      const unknown = codes.find((code) => !known.includes(code));
      if (unknown)
        throw Open311Error.invalid('service_code', `${unknown.slice(0, 40)} is not one of ${known.join(', ')}`);
      filter.serviceCodes = codes;
    }
    const statuses = list(params, 'status');
    if (statuses) {
      const unknown = statuses.find((status) => !STATUSES[status]);
      if (unknown) throw Open311Error.invalid('status', `${unknown.slice(0, 20)} is neither open nor closed`);
      filter.statuses = [...new Set(statuses.flatMap((status) => STATUSES[status]))];
    }
    const { from, until } = window(params);
    filter.from = from.toISOString();
    filter.until = until.toISOString();
  }
  const faults: LampFaultView[] = [];
  let after: string | null = null;
  do {
    const { lampFaults }: { lampFaults: FaultPage } = await context.graphql<{ lampFaults: FaultPage }>(
      `query Open311Requests($placeId: ID, $ids: [ID!], $serviceCodes: [LampFaultServiceCode!], $statuses: [LampFaultStatus!], $from: DateTime, $until: DateTime, $first: Int!, $after: String) {
        lampFaults(placeId: $placeId, ids: $ids, serviceCodes: $serviceCodes, statuses: $statuses, from: $from, until: $until, first: $first, after: $after) {
          edges { node { ${REQUEST_FIELDS} } }
          pageInfo { hasNextPage endCursor }
        }
      }`,
      { ...filter, first: PAGE, after },
      { requestId: context.requestId },
    );
    faults.push(...lampFaults.edges.map((edge) => edge.node));
    after = lampFaults.pageInfo.hasNextPage ? lampFaults.pageInfo.endCursor : null;
  } while (after && faults.length < MAX_REQUESTS);
  return faults.slice(0, MAX_REQUESTS);
}

/** start_date and end_date: the last 90 days when both are absent, 90 days from the one given, never more than 90. */
function window(params: Params): { from: Date; until: Date } {
  const date = (name: string) => {
    const value = param(params, name);
    if (value === undefined) return undefined;
    const parsed = parseW3DateTime(value);
    if (!parsed) throw Open311Error.invalid(name, 'use the w3 format with a time zone, e.g. 2026-11-23T00:00:00+08:00');
    return parsed;
  };
  const start = date('start_date');
  const end = date('end_date');
  const until = end ?? (start ? new Date(start.getTime() + WINDOW_MS) : new Date());
  const from = start ?? new Date(until.getTime() - WINDOW_MS);
  if (from > until) throw Open311Error.invalid('start_date', 'it is after end_date');
  if (until.getTime() - from.getTime() > WINDOW_MS)
    throw Open311Error.invalid('end_date', 'the range may not span more than 90 days');
  return { from, until };
}

/** POST requests: form-encoded, with the caller's api_key; the lamp named by attribute[asset_number]. */
async function create(context: Open311Context): Promise<CreatedRequest> {
  const { params } = context;
  if (!context.req.is('application/x-www-form-urlencoded'))
    throw Open311Error.invalid('Content-Type', 'send the request as application/x-www-form-urlencoded');
  const apiKey = param(params, 'api_key');
  if (!apiKey) throw Open311Error.apiKeyRequired();
  const jurisdiction = await checkJurisdiction(context, true);
  const code = param(params, 'service_code');
  if (!code) throw Open311Error.missing('service_code', ' (GET services lists them)');
  const service = await serviceNamed(context, code, 404);

  const lat = param(params, 'lat');
  const long = param(params, 'long');
  const location = coordinates(lat, long);
  if (!location && !param(params, 'address_string') && !param(params, 'address_id'))
    throw Open311Error.missing('A location', ': send lat and long, address_string or address_id');
  const assetNumber = param(params, `attribute[${ASSET_NUMBER_ATTRIBUTE}]`);
  if (!assetNumber)
    throw Open311Error.missing(`attribute[${ASSET_NUMBER_ATTRIBUTE}]`, ': the asset number painted on the pole');
  const description = param(params, 'description') ?? service.serviceName;
  if (description.length > MAX_DESCRIPTION)
    throw Open311Error.invalid('description', `Gongzhi keeps up to ${MAX_DESCRIPTION} characters`);
  const mediaUrl = param(params, 'media_url');
  // email, first_name, last_name, phone, device_id and account_id are not taken: the reporting app keeps its own
  // contact with its reporter, and Gongzhi stores no personal data it does not need (PIPL, minimum necessary).

  const credentials = { apiKey, requestId: context.requestId };
  const { lamps } = await context.graphql<{ lamps: { edges: Array<{ node: { id: string } }> } }>(
    'query Open311Lamp($placeId: ID!, $assetNumber: String!) { lamps(placeId: $placeId, assetNumber: $assetNumber, first: 1) { edges { node { id } } } }',
    { placeId: jurisdiction, assetNumber },
    credentials,
  );
  const lamp = lamps.edges[0]?.node;
  if (!lamp)
    throw Open311Error.invalid(
      `attribute[${ASSET_NUMBER_ATTRIBUTE}]`,
      `no lamp ${assetNumber.slice(0, 40)} in this jurisdiction`,
    );
  try {
    const { reportLampFault } = await context.graphql<{ reportLampFault: { lampFault: { id: string } } }>(
      `mutation Open311Report($input: ReportLampFaultInput!) { reportLampFault(input: $input) { lampFault { id } } }`,
      {
        input: {
          lampId: lamp.id,
          serviceCode: service.serviceCode,
          description,
          ...(location && { location }),
          ...(mediaUrl && { mediaUrl }),
        },
      },
      credentials,
    );
    return {
      service_request_id: reportLampFault.lampFault.id,
      service_notice: serviceNoticeOf(service),
      account_id: null,
    };
  } catch (error) {
    if (error instanceof Open311Error && error.code === 'LAMP_FAULT.ALREADY_EXISTS') {
      const faultId = error.extensions?.faultId;
      throw new Open311Error(
        400,
        error.code,
        `This fault of lamp ${assetNumber} is already reported and open as service_request_id ${String(faultId)}: follow that request`,
      );
    }
    throw error;
  }
}

function coordinates(lat: string | undefined, long: string | undefined) {
  if (lat === undefined && long === undefined) return undefined;
  if (lat === undefined || long === undefined)
    throw Open311Error.missing(lat === undefined ? 'lat' : 'long', ': send lat and long together');
  const latitude = Number(lat);
  const longitude = Number(long);
  if (!Number.isFinite(latitude) || Math.abs(latitude) > 90)
    throw Open311Error.invalid('lat', 'a WGS 84 latitude, −90 to 90');
  if (!Number.isFinite(longitude) || Math.abs(longitude) > 180)
    throw Open311Error.invalid('long', 'a WGS 84 longitude, −180 to 180');
  return { latitude, longitude };
}

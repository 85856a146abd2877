import { API_KEY_HEADER, REQUEST_ID_HEADER } from '@gongzhi/contracts';
import { Open311Error } from './open311.errors';

/**
 * The Open311 adapter's only way into Gongzhi: GraphQL operations on the gateway's own /graphql, over HTTP, with the
 * caller's api_key as X-Api-Key. The key is verified, limited, metered and audited exactly as any GraphQL request's,
 * and the subgraphs apply the same rules to the partner, so Open311 can do nothing GraphQL would not let the key do.
 */
export interface GraphQLCaller {
  <T>(query: string, variables: Record<string, unknown>, credentials: GraphQLCredentials): Promise<T>;
}

export interface GraphQLCredentials {
  /** The caller's api_key; undefined for the public reads. */
  apiKey?: string;
  /** The Open311 request's id, so the GraphQL request (and its log lines and trace) carry the same one. */
  requestId: string;
}

interface GraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export function createGraphQLCaller(graphqlUrl: () => string, timeoutMs: number): GraphQLCaller {
  return async <T>(query: string, variables: Record<string, unknown>, { apiKey, requestId }: GraphQLCredentials) => {
    let response: Response;
    try {
      response = await fetch(graphqlUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [REQUEST_ID_HEADER]: requestId,
          ...(apiKey !== undefined && { [API_KEY_HEADER]: apiKey }),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw Open311Error.unavailable(5);
    }
    const body = (await response.json().catch(() => ({}))) as { data?: T | null; errors?: GraphQLError[] };
    const refusal = errorOfStatus(response, body.errors?.[0]);
    if (refusal) throw refusal;
    if (body.errors?.length) throw errorOfGraphQL(body.errors, requestId);
    if (!body.data) throw Open311Error.general(requestId);
    return body.data;
  };
}

/** The gateway refused the whole request before running it: the key, the limits, the registry. */
function errorOfStatus(response: Response, first: GraphQLError | undefined): Open311Error | undefined {
  const retryAfter = Number(response.headers.get('retry-after') ?? 5);
  switch (response.status) {
    case 200:
      return undefined;
    case 401:
      return Open311Error.invalidApiKey();
    case 429:
      return new Open311Error(429, 429, first?.message ?? 'Too many requests for this api_key', retryAfter);
    case 503:
      return Open311Error.unavailable(retryAfter, first?.message);
    default:
      return new Open311Error(400, first?.extensions?.code ?? 400, first?.message ?? 'The request was refused');
  }
}

/** A field's error: the partner may not, the thing is not there, the input is wrong, or Gongzhi failed. */
function errorOfGraphQL(errors: GraphQLError[], requestId: string): Open311Error {
  const [error] = errors;
  const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  if (code === 'UNAUTHENTICATED') return Open311Error.apiKeyRequired();
  if (code === 'FORBIDDEN') return new Open311Error(403, 403, error.message);
  if (code.endsWith('.NOT_FOUND')) return new Open311Error(404, code, error.message);
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'UNAVAILABLE' || code === 'SUBGRAPH_UNAVAILABLE')
    return Open311Error.general(requestId);
  return new Open311Error(400, code, error.message, undefined, error.extensions);
}

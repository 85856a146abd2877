import { sessionRefused } from '../auth/session';
import { operations, type Operations } from '../graphql/generated';

/** One error of a GraphQL answer, as the gateway sends it: a message and a stable code (docs/errors.md). */
export interface ApiError {
  message: string;
  code: string;
  path?: (string | number)[];
  serviceName?: string;
}

/** An answer: data where the API gave it (partial data included), and the errors of the fields it refused. */
export interface ApiResult<T> {
  data: T | undefined;
  errors: ApiError[];
}

/** A request that got no GraphQL answer at all (network, HTTP 4xx/5xx without data). */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface RawError {
  message?: string;
  path?: (string | number)[];
  extensions?: { code?: string; serviceName?: string };
}

export function toApiErrors(raw: RawError[] | undefined): ApiError[] {
  return (raw ?? []).map((error) => ({
    message: error.message ?? '',
    code: error.extensions?.code ?? 'UNKNOWN',
    ...(error.path && { path: error.path }),
    ...(error.extensions?.serviceName && { serviceName: error.extensions.serviceName }),
  }));
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Sends one of the console's operations (apps/console/src/graphql) to the one public endpoint, /graphql on this
 * origin, with the signed-in person's token. Typed by GraphQL Code Generator's types of that operation. A mutation
 * carries its Idempotency-Key (docs/security.md), so a retry after a lost answer is never applied twice. A 401 (the
 * gateway no longer takes the token) ends the tab's session here, for every page: the app returns to sign-in saying
 * so (`onSessionEnded`); a refusal of the role (403, FORBIDDEN) is the page's to show.
 */
export async function request<K extends keyof Operations>(
  name: K,
  variables: Operations[K][1],
  token: string | undefined,
  fetchImpl: Fetch = (input, init) => fetch(input, init),
  idempotencyKey?: string,
): Promise<ApiResult<Operations[K][0]>> {
  let response: Response;
  try {
    response = await fetchImpl('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
        ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
      },
      body: JSON.stringify({ query: operations[name], variables, operationName: name }),
    });
  } catch {
    throw new ApiRequestError('连接不上服务器', 'NETWORK');
  }
  let body: { data?: Operations[K][0] | null; errors?: RawError[] } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  if (response.status === 401 && token) sessionRefused(token);
  if (!body || (!body.data && !response.ok)) {
    const [first] = toApiErrors(body?.errors);
    throw new ApiRequestError(
      first?.message ?? `HTTP ${response.status}`,
      first?.code ?? 'HTTP_ERROR',
      response.status,
    );
  }
  return { data: body.data ?? undefined, errors: toApiErrors(body.errors) };
}

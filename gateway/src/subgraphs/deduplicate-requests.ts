/**
 * Upstream request deduplication, as Apollo Router's `deduplicate_query` and Hive Gateway's `useDeduplicateRequest`
 * do: identical subgraph *queries* in flight at the same moment share one request and its answer.
 *
 * Identical means byte for byte: the same URL (so the same subgraph), the same body (operation, variables, operation
 * name) and the same headers, the internal token included — and a token names one caller (the whole actor), one
 * purpose and one deadline, so two callers, or one caller with two purposes, never share. Only the headers that are
 * per request by nature are left out of the comparison (the request id and the trace context): the shared request
 * carries the first caller's.
 *
 * Not a cache: a request joins another only while that one is waiting for its answer; once the answer's headers have
 * arrived the entry is gone and the next identical request goes to the subgraph. Each waiter gets a Response of its
 * own over the same bytes (parsed separately, so no two requests' results share objects), and a failure (timeout,
 * refused connection) reaches each of them as that failure. Mutations and anything not recognisably a query are
 * never shared, and neither is an answer the subgraph marked as an audited read (`AUDITED_READ_HEADER`: the request
 * read a sensitive record and left an access-audit entry): each request that waited for it is then sent on its own,
 * so every read has its own entry.
 */
import { AUDITED_READ_HEADER } from '@gongzhi/contracts';

/** Headers that differ per request without changing what a subgraph answers. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'traceparent', 'tracestate', 'baggage']);

/**
 * A query's body as the gateway writes it: `{"query":"` first (Apollo's RemoteGraphQLDataSource stringifies the query
 * before the rest), then the operation, which is a query when it starts with `{` or the keyword `query`. Anything
 * else — a mutation, a subscription, a body in another shape — is never shared.
 */
const QUERY_BODY = /^\{"query":"(?:\s|\\[nrt])*(?:\{|query(?![_0-9A-Za-z]))/;

/** Statuses whose Response may not have a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The key two requests must share to share one subgraph request; undefined when the request is never shared (not a
 * POST of a query, or headers not given as a plain object).
 */
export function deduplicationKey(url: string, init: RequestInit): string | undefined {
  if ((init.method ?? 'GET').toUpperCase() !== 'POST') return undefined;
  const { body, headers } = init;
  if (typeof body !== 'string' || !QUERY_BODY.test(body)) return undefined;
  if (!headers || typeof headers !== 'object' || Array.isArray(headers) || headers instanceof Headers) return undefined;
  const compared = Object.entries(headers)
    .map(([name, value]): [string, string] => [name.toLowerCase(), String(value)])
    .filter(([name]) => !PER_REQUEST_HEADERS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([url, compared, body]);
}

interface Answer {
  /** The subgraph audited the read: not to be shared, each waiter sends its own request. */
  audited?: true;
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

interface InFlight {
  /** Requests that joined this one. */
  joined: number;
  answer: Promise<Answer>;
  settle: { resolve: (answer: Answer) => void; reject: (error: unknown) => void };
}

const NOT_SHARED: Answer = { audited: true, status: 0, statusText: '', headers: new Headers(), text: '' };

const responseOf = (answer: Answer) =>
  new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.text, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
  });

/**
 * Wraps a fetch so that identical queries in flight share one request (see the file's comment). `onShared` is called
 * for each request that joins another (an audited read's waiters are then sent after it, on their own). A request nobody joined gets its own Response untouched (no copy).
 */
export function deduplicateRequests(fetcher: Fetch, onShared?: () => void): Fetch {
  const inFlight = new Map<string, InFlight>();
  return async (url, init) => {
    const key = deduplicationKey(url, init);
    if (key === undefined) return fetcher(url, init);
    const running = inFlight.get(key);
    if (running) {
      running.joined++;
      onShared?.();
      const answer = await running.answer;
      return answer.audited ? fetcher(url, init) : responseOf(answer);
    }
    let settle!: InFlight['settle'];
    const answer = new Promise<Answer>((resolve, reject) => (settle = { resolve, reject }));
    // Nobody may have joined when it fails: that is not an unhandled rejection.
    answer.catch(() => undefined);
    const entry: InFlight = { joined: 0, answer, settle };
    inFlight.set(key, entry);
    let response: Response;
    try {
      response = await fetcher(url, init);
    } catch (error) {
      inFlight.delete(key);
      settle.reject(error);
      throw error;
    }
    // The answer has arrived: from here on an identical request is a new one.
    inFlight.delete(key);
    if (entry.joined === 0) return response;
    if (response.headers.has(AUDITED_READ_HEADER)) {
      settle.resolve(NOT_SHARED);
      return response;
    }
    try {
      const shared: Answer = {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        text: await response.text(),
      };
      settle.resolve(shared);
      return responseOf(shared);
    } catch (error) {
      settle.reject(error);
      throw error;
    }
  };
}

import { type Actor, createInternalTokenSigner, generateSigningKeyPair, importSigningKey } from '@gongzhi/contracts';
import { deduplicateRequests, deduplicationKey, type Fetch } from './deduplicate-requests';
import { createCachedInternalTokens } from './internal-token-cache';

const URL_ORGANIZATION = 'http://organization:4001/graphql';
const COMMUNITIES = '{communities(first:1){totalCount edges{node{name}}}}';
const ENTITIES =
  'query Lamps__organization__1($representations:[_Any!]!){_entities(representations:$representations){...on Compound{name}}}';

const body = (query: string, variables?: object, operationName?: string) =>
  JSON.stringify({ query, variables, operationName });
const post = (json: string, headers: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: json,
});

const staff = (id: string): Actor => ({
  kind: 'person',
  id,
  roles: [
    {
      role: 'STREET_STAFF',
      orgUnitId: 'ou-斜塘街道',
      jurisdiction: { communityIds: ['c-淞源'], compoundIds: [], buildingIds: [] },
    },
  ],
  scopes: [],
});

describe('deduplicationKey', () => {
  let tokenOf: (actor: Actor, purpose?: string) => Promise<string>;
  beforeAll(async () => {
    const { privateJwk } = await generateSigningKeyPair('dedup-test');
    const signer = createInternalTokenSigner(await importSigningKey(privateJwk), 30);
    const tokens = createCachedInternalTokens({ signer, lifetimeSeconds: 30 });
    // As the data source signs: the caller, the subgraph, the purpose and the deadline.
    tokenOf = async (actor, purpose) =>
      `Bearer ${await tokens.sign({ actor, audience: 'organization', purpose, budgetMs: 4000 })}`;
  });

  const keyOf = (json: string, headers: Record<string, string>, url = URL_ORGANIZATION) =>
    deduplicationKey(url, post(json, headers));

  it('is the same for one caller asking the same thing, whatever the request id and trace context', async () => {
    const authorization = await tokenOf(staff('idp|wang-fang'), '入户走访');
    const first = keyOf(body(COMMUNITIES), { authorization, 'x-request-id': 'req-1', traceparent: '00-aa-bb-01' });
    expect(first).toBeDefined();
    expect(keyOf(body(COMMUNITIES), { Authorization: authorization, 'X-Request-Id': 'req-2' })).toBe(first);
  });

  it('differs between callers, between purposes, and between variables, subgraphs or headers', async () => {
    const wang = await tokenOf(staff('idp|wang-fang'), '入户走访');
    const base = keyOf(body(ENTITIES, { representations: [{ __typename: 'Compound', id: 'cp-1' }] }), {
      authorization: wang,
    });
    const others = [
      // Another person with the very same roles: still another caller.
      keyOf(body(ENTITIES, { representations: [{ __typename: 'Compound', id: 'cp-1' }] }), {
        authorization: await tokenOf(staff('idp|li-na'), '入户走访'),
      }),
      // The same person with another purpose (it lands in the audit trail of what is read).
      keyOf(body(ENTITIES, { representations: [{ __typename: 'Compound', id: 'cp-1' }] }), {
        authorization: await tokenOf(staff('idp|wang-fang'), '政策宣传'),
      }),
      keyOf(body(ENTITIES, { representations: [{ __typename: 'Compound', id: 'cp-2' }] }), { authorization: wang }),
      keyOf(
        body(ENTITIES, { representations: [{ __typename: 'Compound', id: 'cp-1' }] }),
        { authorization: wang },
        'http://facilities:4003/graphql',
      ),
      keyOf(body(ENTITIES, { representations: [{ __typename: 'Compound', id: 'cp-1' }] }), {
        authorization: wang,
        'accept-language': 'en',
      }),
    ];
    expect(base).toBeDefined();
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('is undefined for mutations, subscriptions, other methods and bodies of another shape', async () => {
    const authorization = await tokenOf(staff('idp|wang-fang'));
    const mutation =
      'mutation Opinion__deliberation__0($input:RecordOpinionInput!){recordOpinion(input:$input){opinion{id}}}';
    expect(keyOf(body(mutation, { input: { text: '楼道灯不亮' } }), { authorization })).toBeUndefined();
    expect(keyOf(body('  mutation{recordOpinion{opinion{id}}}'), { authorization })).toBeUndefined();
    expect(keyOf(body('subscription{lampFaults{id}}'), { authorization })).toBeUndefined();
    // A mutation whose name starts with "query" is still a mutation; "queryX" is not the keyword.
    expect(keyOf(body('queryX{a}'), { authorization })).toBeUndefined();
    expect(keyOf(JSON.stringify({ operationName: null, query: COMMUNITIES }), { authorization })).toBeUndefined();
    expect(deduplicationKey(URL_ORGANIZATION, { method: 'GET', headers: { authorization } })).toBeUndefined();
    // Queries in the shapes the query planner writes them are shared.
    expect(
      keyOf(body('\n  query Name($first: Int) { communities(first: $first) { totalCount } }'), { authorization }),
    ).toBeDefined();
    expect(keyOf(body('query{communities{totalCount}}'), { authorization })).toBeDefined();
  });
});

/** A stand-in subgraph: each request waits until the test answers it. */
function heldFetch() {
  const calls: Array<{
    url: string;
    init: RequestInit;
    answer: (response: Response) => void;
    fail: (error: unknown) => void;
  }> = [];
  const fetcher: Fetch = (url, init) =>
    new Promise<Response>((answer, fail) => calls.push({ url, init, answer, fail }));
  return { calls, fetcher };
}

const graphqlAnswer = (data: object, init: ResponseInit = {}) =>
  new Response(JSON.stringify(data), {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'max-age=30, private' },
    ...init,
  });

describe('deduplicateRequests', () => {
  const query = post(body(COMMUNITIES), { authorization: 'Bearer t-wang', 'x-request-id': 'r' });

  it('sends identical queries in flight once, and gives each its own copy of the answer', async () => {
    const { calls, fetcher } = heldFetch();
    let shared = 0;
    const fetch = deduplicateRequests(fetcher, () => shared++);
    const pending = [1, 2, 3].map((n) =>
      fetch(URL_ORGANIZATION, { ...query, headers: { ...query.headers, 'x-request-id': `r-${n}` } }),
    );
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    calls[0].answer(graphqlAnswer({ data: { communities: { totalCount: 12 } } }));
    const responses = await Promise.all(pending);
    expect(shared).toBe(2);
    expect(new Set(responses).size).toBe(3);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('max-age=30, private');
      expect(await response.json()).toEqual({ data: { communities: { totalCount: 12 } } });
    }
  });

  it('shares nothing once the answer has arrived (not a cache), and returns an unshared answer untouched', async () => {
    const { calls, fetcher } = heldFetch();
    const fetch = deduplicateRequests(fetcher);
    const first = fetch(URL_ORGANIZATION, query);
    await Promise.resolve();
    const original = graphqlAnswer({ data: { communities: { totalCount: 12 } } });
    calls[0].answer(original);
    expect(await first).toBe(original);
    const second = fetch(URL_ORGANIZATION, query);
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1].answer(graphqlAnswer({ data: { communities: { totalCount: 13 } } }));
    expect(await (await second).json()).toEqual({ data: { communities: { totalCount: 13 } } });
  });

  it('never shares across callers or for mutations', async () => {
    const { calls, fetcher } = heldFetch();
    const fetch = deduplicateRequests(fetcher);
    const mutation = post(body('mutation{recordOpinion{opinion{id}}}'), { authorization: 'Bearer t-wang' });
    void fetch(URL_ORGANIZATION, query);
    void fetch(URL_ORGANIZATION, { ...query, headers: { ...query.headers, authorization: 'Bearer t-li' } });
    void fetch(URL_ORGANIZATION, mutation);
    void fetch(URL_ORGANIZATION, mutation);
    await Promise.resolve();
    expect(calls).toHaveLength(4);
  });

  it("gives every waiter the subgraph's HTTP error answer, and a failure as the failure it is", async () => {
    const { calls, fetcher } = heldFetch();
    const fetch = deduplicateRequests(fetcher);
    const refused = [1, 2].map(() => fetch(URL_ORGANIZATION, query));
    await Promise.resolve();
    calls[0].answer(
      graphqlAnswer({ errors: [{ message: '社区库不可用' }] }, { status: 503, statusText: 'Service Unavailable' }),
    );
    for (const response of await Promise.all(refused)) {
      expect([response.status, response.statusText]).toEqual([503, 'Service Unavailable']);
      expect(await response.json()).toEqual({ errors: [{ message: '社区库不可用' }] });
    }

    const timedOut = [1, 2].map(() => fetch(URL_ORGANIZATION, query));
    await Promise.resolve();
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    calls[1].fail(timeout);
    for (const outcome of await Promise.allSettled(timedOut))
      expect(outcome).toEqual({ status: 'rejected', reason: timeout });
    expect(calls).toHaveLength(2);
  });

  it('sends each waiter on its own when the answer was an audited read, so every read has its own audit entry', async () => {
    const { calls, fetcher } = heldFetch();
    let shared = 0;
    const fetch = deduplicateRequests(fetcher, () => shared++);
    const careProfile = post(body('{careProfile(residentId:"r-1"){conditions}}'), { authorization: 'Bearer t-wang' });
    const pending = [1, 2, 3].map(() => fetch('http://services:4002/graphql', careProfile));
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    const audited = (n: number) =>
      new Response(JSON.stringify({ data: { careProfile: { conditions: [`高血压 ${n}`] } } }), {
        headers: { 'content-type': 'application/json', 'gongzhi-audited-read': '1' },
      });
    calls[0].answer(audited(0));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(3);
    calls[1].answer(audited(1));
    calls[2].answer(audited(2));
    const answers = await Promise.all((await Promise.all(pending)).map((response) => response.json()));
    expect(answers.map((answer) => answer.data.careProfile.conditions[0]).sort()).toEqual([
      '高血压 0',
      '高血压 1',
      '高血压 2',
    ]);
    // They waited for the first, and were counted as joining it.
    expect(shared).toBe(2);
  });

  it('answers a status without a body to every waiter', async () => {
    const { calls, fetcher } = heldFetch();
    const fetch = deduplicateRequests(fetcher);
    const pending = [1, 2].map(() => fetch(URL_ORGANIZATION, query));
    await Promise.resolve();
    calls[0].answer(new Response(null, { status: 204 }));
    for (const response of await Promise.all(pending)) expect(response.status).toBe(204);
  });
});

import { memoryStorage } from '../auth/memory-storage';
import { loadSession, onSessionEnded, saveSession } from '../auth/session';
import { operations } from '../graphql/generated';
import { ApiRequestError, request } from './client';
import { errorsAt, messageFor } from './messages';

function answering(status: number, body: unknown) {
  const calls: { input: string; init: RequestInit }[] = [];
  const fetchImpl = async (input: string, init: RequestInit) => {
    calls.push({ input, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
  return { calls, fetchImpl };
}

describe('request: one typed operation to /graphql on this origin', () => {
  it('sends the operation’s text, its name and variables, with the person’s token', async () => {
    const { calls, fetchImpl } = answering(200, { data: { community: null } });
    await request('CommunityLamps', { id: 'c1' }, 'tok', fetchImpl);
    expect(calls[0].input).toBe('/graphql');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok');
    expect(headers['content-type']).toBe('application/json');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({
      query: operations.CommunityLamps,
      variables: { id: 'c1' },
      operationName: 'CommunityLamps',
    });
  });

  it('sends a mutation’s Idempotency-Key when given one', async () => {
    const { calls, fetchImpl } = answering(200, { data: { coSignMotion: null } });
    await request('CoSignMotion', { input: { motionId: 'm1' } }, 'tok', fetchImpl, 'key-1');
    expect((calls[0].init.headers as Record<string, string>)['idempotency-key']).toBe('key-1');
  });

  it('sends no Authorization header when nobody is signed in', async () => {
    const { calls, fetchImpl } = answering(200, { data: { communities: { totalCount: 0, edges: [] } } });
    await request('CommunityList', {}, undefined, fetchImpl);
    expect((calls[0].init.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it('keeps partial data with the errors of the fields refused', async () => {
    const { fetchImpl } = answering(200, {
      data: { building: { id: 'b', name: '3幢', households: null } },
      errors: [{ message: 'Forbidden', path: ['building', 'households'], extensions: { code: 'FORBIDDEN' } }],
    });
    const result = await request('BuildingResidents', { id: 'b' }, 'tok', fetchImpl);
    expect(result.data?.building?.name).toBe('3幢');
    expect(result.errors).toEqual([{ message: 'Forbidden', code: 'FORBIDDEN', path: ['building', 'households'] }]);
    expect(errorsAt(result.errors, 'building', 'households')).toHaveLength(1);
    expect(errorsAt(result.errors, 'community')).toHaveLength(0);
  });

  it('throws a coded error when there is no answer to show: HTTP 400 with an error, a body that is no JSON, no network', async () => {
    const tooCostly = answering(400, {
      errors: [{ message: 'Query too costly', extensions: { code: 'QUERY_TOO_COSTLY' } }],
    });
    await expect(request('CommunityList', {}, 'tok', tooCostly.fetchImpl)).rejects.toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      status: 400,
    });
    const badGateway = answering(502, '<html>bad gateway</html>');
    await expect(request('CommunityList', {}, 'tok', badGateway.fetchImpl)).rejects.toMatchObject({
      code: 'HTTP_ERROR',
    });
    const offline = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(request('CommunityList', {}, 'tok', offline)).rejects.toBeInstanceOf(ApiRequestError);
  });
});

describe('request: a session the gateway refuses ends here, for every page', () => {
  const user = {
    subject: 'demo:community-secretary',
    name: '沈秀英',
    role: 'COMMUNITY_SECRETARY',
    unit: '淞源社区党委',
  };
  let storage: ReturnType<typeof memoryStorage>;
  let shown: string[];
  let unsubscribe: () => void;
  beforeEach(() => {
    // The tab's sessionStorage, which the client clears (jest runs without a browser).
    storage = memoryStorage();
    Object.defineProperty(globalThis, 'sessionStorage', { value: storage, configurable: true });
    saveSession({ token: 'tok', user }, storage);
    shown = [];
    unsubscribe = onSessionEnded((message) => shown.push(message));
  });
  afterEach(() => {
    unsubscribe();
    delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
  });

  it('forgets the session and sends the person to sign in on a 401, with a sentence saying why', async () => {
    const revoked = answering(401, { errors: [{ message: 'Token revoked', extensions: { code: 'UNAUTHENTICATED' } }] });
    await expect(request('CommunityLamps', { id: 'c1' }, 'tok', revoked.fetchImpl)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
    });
    expect(loadSession(storage)).toBeUndefined();
    expect(shown).toEqual(['登录已失效，请重新登录']);
    // The page's other requests refused with the same token do not raise it again.
    await expect(request('CommunityList', {}, 'tok', revoked.fetchImpl)).rejects.toBeInstanceOf(ApiRequestError);
    expect(shown).toHaveLength(1);
  });

  it('keeps the session of a new sign-in when a request of the old one is answered 401 late', async () => {
    saveSession({ token: 'new-tok', user }, storage);
    const late = answering(401, { errors: [{ message: 'Token expired', extensions: { code: 'UNAUTHENTICATED' } }] });
    await expect(request('CommunityList', {}, 'tok', late.fetchImpl)).rejects.toMatchObject({ status: 401 });
    expect(loadSession(storage)?.token).toBe('new-tok');
    expect(shown).toEqual([]);
  });

  it('keeps the session when the role is refused: a 403, or a field’s FORBIDDEN, is the page’s to show', async () => {
    const forbidden = answering(403, { errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] });
    await expect(request('CommunityList', {}, 'tok', forbidden.fetchImpl)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    const fieldRefused = answering(200, {
      data: { building: { id: 'b', name: '3幢', households: null } },
      errors: [{ message: 'Forbidden', path: ['building', 'households'], extensions: { code: 'FORBIDDEN' } }],
    });
    const result = await request('BuildingResidents', { id: 'b' }, 'tok', fieldRefused.fetchImpl);
    expect(result.errors[0].code).toBe('FORBIDDEN');
    expect(loadSession(storage)).toEqual({ token: 'tok', user });
    expect(shown).toEqual([]);
  });
});

describe('messageFor: the API’s codes as sentences', () => {
  it('words the codes the views and actions meet and keeps the code of any other', () => {
    expect(messageFor({ code: 'FORBIDDEN', message: 'Forbidden' })).toBe('您的角色无权查看这部分内容');
    expect(messageFor({ code: 'SUBGRAPH_UNAVAILABLE', message: 'x' })).toBe('这部分服务暂时不可用，请稍后再试');
    expect(messageFor({ code: 'ROOM_BOOKING.SLOT_TAKEN', message: 'The slot is taken' })).toBe(
      '这个时段已经有人预约了，请换一个时段',
    );
    expect(messageFor({ code: 'VOTE.ALREADY_VOTED', message: 'x' })).toBe('您已经投过票了，每人只能投一次');
    expect(messageFor({ code: 'COUNCIL.SEATS_MISSING', message: 'A seat is missing' })).toBe(
      'A seat is missing（COUNCIL.SEATS_MISSING）',
    );
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  generateSigningKeyPair,
  importSigningKey,
  type InternalTokenSigner,
  PERSON_ACCESS_PATH,
  type PersonAccess,
  type VerifiedInternalToken,
} from '@gongzhi/contracts';
import { listen, type RunningServer } from '../testing/auth.fixture';
import { AuthenticationUnavailableError } from './auth-errors';
import { createPersonDirectory, type PersonDirectoryOptions } from './person-directory';

const SONGYUAN = { communityIds: ['c-淞源社区'], compoundIds: [], buildingIds: [] };

/** What organization knows: 李娜 is 淞源社区's party secretary and lives there; 王芳 is a resident it knows no name of. */
const PEOPLE: Record<string, PersonAccess> = {
  'idp|li-na': {
    subject: 'idp|li-na',
    name: '李娜',
    residentId: 'r-li-na',
    householdId: 'h-7幢-302',
    roles: [{ role: 'COMMUNITY_SECRETARY', orgUnitId: 'u-淞源社区党委', jurisdiction: SONGYUAN }],
  },
  'idp|wang-fang': { subject: 'idp|wang-fang', name: null, residentId: null, householdId: null, roles: [] },
};

/** Organization's person-access endpoint: checks the internal token like the real one, counts calls per subject. */
describe('createPersonDirectory', () => {
  let organization: RunningServer;
  let signer: InternalTokenSigner;
  const calls: Record<string, number> = {};
  const tokens: VerifiedInternalToken[] = [];
  let behaviour: 'normal' | 'failing' | 'slow' | 'garbage' = 'normal';

  beforeAll(async () => {
    const keys = await generateSigningKeyPair('gateway-test');
    signer = createInternalTokenSigner(await importSigningKey(keys.privateJwk));
    const verify = createInternalTokenVerifier(keys.jwks, 'organization');
    organization = await listen(async (req, res) => {
      const subject = decodeURIComponent((req.url ?? '').slice(PERSON_ACCESS_PATH.length + 1));
      calls[subject] = (calls[subject] ?? 0) + 1;
      try {
        tokens.push(await verify((req.headers.authorization ?? '').replace(/^Bearer /, '')));
      } catch {
        return void res.writeHead(401).end();
      }
      if (behaviour === 'failing') return void res.writeHead(500).end('database down');
      if (behaviour === 'garbage')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"roles": "all"}');
      await sleep(behaviour === 'slow' ? 1_000 : 50);
      const person = PEOPLE[subject];
      if (!person) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(person));
    });
  });
  afterAll(() => organization.close());
  beforeEach(() => {
    behaviour = 'normal';
    for (const subject of Object.keys(calls)) delete calls[subject];
    tokens.length = 0;
  });

  const directory = (options: Partial<PersonDirectoryOptions> = {}) =>
    createPersonDirectory({
      organizationUrl: `${organization.origin}/graphql`,
      signer,
      ttlMs: 30_000,
      timeoutMs: 500,
      ...options,
    });

  it("turns organization's answer into the person's actor, asking with the gateway's internal token", async () => {
    await expect(directory().resolve('idp|li-na', 'req-songyuan-1')).resolves.toEqual({
      kind: 'person',
      id: 'idp|li-na',
      name: '李娜',
      roles: [{ role: 'COMMUNITY_SECRETARY', orgUnitId: 'u-淞源社区党委', jurisdiction: SONGYUAN }],
      scopes: [],
      residentId: 'r-li-na',
      householdId: 'h-7幢-302',
    });
    expect(tokens).toEqual([
      { actor: { kind: 'service', id: 'gateway', roles: [], scopes: [] }, requestId: 'req-songyuan-1' },
    ]);
  });

  it('leaves out what organization does not know', async () => {
    await expect(directory().resolve('idp|wang-fang', 'r')).resolves.toStrictEqual({
      kind: 'person',
      id: 'idp|wang-fang',
      roles: [],
      scopes: [],
    });
  });

  it('makes someone organization has never heard of a person with no roles', async () => {
    await expect(directory().resolve('idp|zhao-lei', 'r')).resolves.toStrictEqual({
      kind: 'person',
      id: 'idp|zhao-lei',
      roles: [],
      scopes: [],
    });
  });

  it('reuses an answer for ttlMs, then asks again', async () => {
    const people = directory({ ttlMs: 300 });
    await people.resolve('idp|li-na', 'r1');
    await people.resolve('idp|li-na', 'r2');
    expect(calls['idp|li-na']).toBe(1);
    await sleep(400);
    await people.resolve('idp|li-na', 'r3');
    expect(calls['idp|li-na']).toBe(2);
  });

  it('shares one lookup between concurrent requests for the same person', async () => {
    const people = directory();
    const actors = await Promise.all([1, 2, 3, 4, 5].map((i) => people.resolve('idp|li-na', `r${i}`)));
    expect(new Set(actors.map((actor) => actor.name))).toEqual(new Set(['李娜']));
    expect(calls['idp|li-na']).toBe(1);
  });

  it('is unavailable when organization fails, and does not remember the failure', async () => {
    const people = directory();
    behaviour = 'failing';
    await expect(people.resolve('idp|li-na', 'r1')).rejects.toThrow(AuthenticationUnavailableError);
    behaviour = 'normal';
    await expect(people.resolve('idp|li-na', 'r2')).resolves.toMatchObject({ name: '李娜' });
    expect(calls['idp|li-na']).toBe(2);
  });

  it('never serves a cached answer past ttlMs while organization is down: the person is unavailable (503), not their old roles', async () => {
    const people = directory({ ttlMs: 300 });
    await expect(people.resolve('idp|li-na', 'r1')).resolves.toMatchObject({
      roles: [expect.objectContaining({ role: 'COMMUNITY_SECRETARY' })],
    });
    behaviour = 'failing';
    await expect(people.resolve('idp|li-na', 'r2')).resolves.toMatchObject({ name: '李娜' }); // inside the bound
    await sleep(350);
    await expect(people.resolve('idp|li-na', 'r3')).rejects.toThrow(AuthenticationUnavailableError);
    await expect(people.resolve('idp|li-na', 'r4')).rejects.toThrow(AuthenticationUnavailableError);
    behaviour = 'normal';
    await expect(people.resolve('idp|li-na', 'r5')).resolves.toMatchObject({ name: '李娜' });
  });

  it('is unavailable when organization is slow, unreachable or answers off-contract', async () => {
    behaviour = 'slow';
    await expect(directory({ timeoutMs: 200 }).resolve('idp|li-na', 'r')).rejects.toThrow(
      AuthenticationUnavailableError,
    );
    behaviour = 'garbage';
    await expect(directory().resolve('idp|li-na', 'r')).rejects.toThrow(AuthenticationUnavailableError);
    const nobodyListening = directory({ organizationUrl: 'http://127.0.0.1:9/graphql' });
    await expect(nobodyListening.resolve('idp|li-na', 'r')).rejects.toThrow(AuthenticationUnavailableError);
  });
});

import { findRepoRoot, freePort, spawnManaged } from '@gongzhi/infra';
import {
  internalAuthorization,
  type OrganizationCreation,
  organizationCreation,
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
  testPersonalDataKeyEnv,
  waitFor,
} from '@gongzhi/testing';
import type { Actor } from '@gongzhi/contracts';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphQLResult } from './organization.harness';

const SERVICE: Actor = { kind: 'service', id: 'organization-tests', roles: [], scopes: [] };

/**
 * PIPL, the logs: organization run from its build as in production, at its most talkative log level, is given phone
 * and ID numbers to store, asked for them, looked up by them and handed bad ones — and its log holds none of them.
 */
describe('personal data in the logs', () => {
  const logPath = path.join(tmpdir(), `gongzhi-${testDatabaseName('org-logs')}.log`);
  let stop: () => Promise<void>;
  let call: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<T>>;

  beforeAll(async () => {
    const main = path.join(findRepoRoot(__dirname), 'services/organization/dist/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` (npm test builds first)`);
    const port = await freePort();
    rmSync(logPath, { force: true });
    const child = spawnManaged('organization', process.execPath, [main], {
      cwd: path.dirname(main),
      logPath,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'trace',
        PORT: String(port),
        MONGODB_URI: testMongoUri(),
        MONGODB_DB: testDatabaseName('org-logs'),
        NATS_URL: testNatsUrl(),
        EVENTS_NAMESPACE: `${testEventsNamespace()}_logs`,
        INTERNAL_TOKEN_JWKS: (await testInternalKeyEnv()).INTERNAL_TOKEN_JWKS,
        ...testPersonalDataKeyEnv(),
      },
    });
    let stopped: Promise<void> | undefined;
    stop = () => (stopped ??= child.stop().then(() => undefined));
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => (await fetch(`${url}/health/live`).catch(() => undefined))?.ok === true,
      `organization to start (log ${logPath})`,
      60_000,
    );
    call = async (query, variables = {}) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await internalAuthorization(SERVICE, 'organization')) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResult;
    };
  });
  afterAll(() => stop?.());

  it('logs requests, never the numbers in them', async () => {
    const create = async (mutation: OrganizationCreation, input: Record<string, unknown>) => {
      const { query, createdId } = organizationCreation(mutation);
      return createdId((await call(query, { input })).data);
    };
    const community = await create('CreateCommunity', {
      name: '淞源社区',
      street: '斜塘街道',
      city: '苏州市 苏州工业园区',
    });
    const building = await create('CreateBuilding', {
      compoundId: await create('CreateCompound', { communityId: community, name: '淞泽家园七区' }),
      name: '3幢',
    });
    const household = await create('RegisterHousehold', {
      buildingId: building,
      unitNumber: '301室',
      floorArea: 86,
      owners: [],
    });
    const id = await create('MoveResidentIn', {
      householdId: household,
      name: '居伟锋',
      ageBand: 'AGE_18_TO_59',
      relation: 'OWNER',
      phone: '13912345678',
      idNumber: '320571198005120022',
    });

    const read = await call(`query($id: ID!) { resident(id: $id) { phone idNumber } }`, { id });
    expect(read.data).toEqual({ resident: { phone: '13912345678', idNumber: '320571198005120022' } });
    const found = await call(`query($p: String, $n: String) { residents(phone: $p, idNumber: $n) { totalCount } }`, {
      p: '13912345678',
      n: '320571198005120022',
    });
    expect(found.data).toEqual({ residents: { totalCount: 1 } });
    const refused = await call(
      `mutation($input: MoveResidentInInput!) { moveResidentIn(input: $input) { resident { id } } }`,
      {
        input: {
          householdId: household,
          name: '居小明',
          ageBand: 'AGE_18_TO_59',
          relation: 'FAMILY',
          phone: '1391234567',
          idNumber: '320571198005120023',
        },
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await stop();
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('"url":"/graphql"');
    for (const number of ['13912345678', '320571198005120022', '1391234567', '320571198005120023'])
      expect(log).not.toContain(number);
  });
});

import { NatsConnectionProvider } from '@gongzhi/platform';
import { testDatabaseName, testEventsNamespace, testMongoUri } from '@gongzhi/testing';
import { Kvm } from '@nats-io/kv';
import type { Connection } from 'mongoose';
import { loadDemoData } from '../src/demo/load-demo-data';
import { PersonalDataCipher } from '../src/personal-data/personal-data-cipher';
import { type GatewaysInFront, startGatewaysInFront } from '@gongzhi/testing';
import { errorCodes, type OrganizationUnderTest, startOrganizationBehindGateway } from './organization.harness';

/**
 * Issue 12, "writes the client can trust", end to end: two gateway replicas in front of organization on the run's
 * replica set, with MongoDB stalled on purpose by a fail point (`failCommand` with `blockConnection`, limited to this
 * file's connection by its appName). A client told a write failed can rely on it not having happened; where the
 * outcome is genuinely unknown it is told so; a retry under the same Idempotency-Key applies once.
 */
const APP_NAME = testDatabaseName('writes');
// Organization's deadline is the gateway's timeout less a fifth (2.4 s); MongoDB holds the statement well past both.
const GATEWAY_TIMEOUT_MS = 3_000;
const STALL_MS = 5_000;

const CREATE = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id name tier } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('writes the client can trust', () => {
  let org: OrganizationUnderTest;
  let gw: GatewaysInFront;
  let admin: Connection;
  let street: string;
  let staff: Record<string, string>;

  const stall = (commands: string[], ms = STALL_MS) =>
    admin.db!.admin().command({
      configureFailPoint: 'failCommand',
      mode: { times: 1 },
      data: { failCommands: commands, blockConnection: true, blockTimeMS: ms, appName: APP_NAME },
    });
  const unitsNamed = (name: string) => org.connection.collection('org_units').countDocuments({ name });
  const create = (name: string, headers: Record<string, string> = {}, replica = 0) =>
    gw.post(CREATE, { input: { tier: 2, name, parentId: street } }, { ...staff, ...headers }, replica);

  beforeAll(async () => {
    const uri = testMongoUri();
    org = await startOrganizationBehindGateway({
      MONGODB_URI: `${uri}${uri.includes('?') ? '&' : '?'}appName=${APP_NAME}`,
    });
    await loadDemoData(org.connection, org.app.get(PersonalDataCipher), () => undefined);
    // The fail point is set through a connection of its own, which it does not stall.
    admin = org.connection.useDb('admin');
    street = String((await org.connection.collection('org_units').findOne({ name: '斜塘街道大工委' }))!._id);
    gw = await startGatewaysInFront(org, [], { SUBGRAPH_TIMEOUT_MS: String(GATEWAY_TIMEOUT_MS) });
    staff = await gw.asPerson('demo:street-staff');
  });
  afterEach(async () => {
    await admin.db!.admin().command({ configureFailPoint: 'failCommand', mode: 'off' });
  });
  afterAll(async () => {
    await gw?.stop();
    await org?.stop();
  });

  describe('deadlines', () => {
    it('abandons a write stalled past its deadline, before the gateway gives up, and never commits it later', async () => {
      await stall(['insert']);
      const { status, body } = await create('淞涛社区（迟到的写入）');
      // DEADLINE_EXCEEDED comes from organization itself: it answered before the gateway stopped waiting.
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(errorCodes(body)).toEqual(['DEADLINE_EXCEEDED']);
      // Past the stall, the statement MongoDB was holding has run: the write must still not be there.
      await sleep(STALL_MS + 1_000);
      expect(await unitsNamed('淞涛社区（迟到的写入）')).toBe(0);
    });

    it('says OUTCOME_UNKNOWN, not failed, when the commit was sent and its answer did not come back in time', async () => {
      await stall(['commitTransaction']);
      const { body } = await create('淞涛社区（结果未知）');
      // Whether MongoDB commits once the stall is over (or the abort that follows wins) is genuinely not known yet.
      expect(body.data).toBeNull();
      expect(errorCodes(body)).toEqual(['OUTCOME_UNKNOWN']);
    });

    it('leaves ordinary writes alone', async () => {
      const { body } = await create('淞涛社区');
      expect(body.errors).toBeUndefined();
      expect(body.data.createOrgUnit.orgUnit).toEqual({ id: expect.any(String), name: '淞涛社区', tier: 2 });
    });
  });

  describe('Idempotency-Key', () => {
    it('applies a retried mutation once and answers the retry, on either replica, with the first payload', async () => {
      const key = { 'idempotency-key': 'c3f1d7e2-songze-1' };
      const first = await create('淞泽新社区', key, 0);
      expect(first.body.errors).toBeUndefined();
      const retry = await create('淞泽新社区', key, 1);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await unitsNamed('淞泽新社区')).toBe(1);
    });

    it('refuses a different body under the same key', async () => {
      const key = { 'idempotency-key': 'c3f1d7e2-songze-2' };
      expect((await create('淞江社区', key)).body.errors).toBeUndefined();
      const reused = await create('淞湖社区', key);
      expect(reused.status).toBe(422);
      expect(errorCodes(reused.body)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(await unitsNamed('淞湖社区')).toBe(0);
    });

    it('answers a retry that arrives while the first is still running with "in progress"', async () => {
      const key = { 'idempotency-key': 'c3f1d7e2-songze-3' };
      await stall(['insert'], 800);
      const first = create('淞韵社区', key, 0);
      await sleep(300);
      const retry = await create('淞韵社区', key, 1);
      expect(retry.status).toBe(409);
      expect(errorCodes(retry.body)).toEqual(['IDEMPOTENCY_KEY_IN_PROGRESS']);
      expect((await first).body.errors).toBeUndefined();
      expect(await unitsNamed('淞韵社区')).toBe(1);
    });

    it('keeps keys apart per caller: the same key from someone else is their own', async () => {
      const key = { 'idempotency-key': 'c3f1d7e2-songze-4' };
      expect((await create('淞风社区', key)).body.errors).toBeUndefined();
      const other = await gw.post(
        CREATE,
        { input: { tier: 2, name: '淞风社区', parentId: street } },
        { ...(await gw.asPerson('demo:community-secretary')), ...key },
      );
      expect(other.headers['idempotent-replayed']).toBeUndefined();
      expect(other.body.data?.createOrgUnit?.orgUnit ?? null).toBeNull();
    });

    it('keeps no personal data in clear: an answer holding a whole phone number rests sealed in the bucket', async () => {
      const songyuan = await org.connection.collection('communities').findOne({ name: '淞源社区' });
      const household = await org.connection.collection('households').findOne({ communityId: songyuan!._id });
      const MOVE_IN = `mutation($input: MoveResidentInInput!) { moveResidentIn(input: $input) { resident { name phone } } }`;
      const input = {
        householdId: String(household!._id),
        name: '沈建华',
        phone: '13962150987',
        ageBand: 'AGE_60_TO_79',
        relation: 'FAMILY',
      };
      // 沈秀英, community secretary of 淞源社区, registers people there and sees their whole numbers.
      const headers = { ...(await gw.asPerson('demo:community-secretary')), 'idempotency-key': 'c3f1d7e2-songze-6' };
      const first = await gw.post(MOVE_IN, { input }, headers, 0);
      expect(first.body.data?.moveResidentIn.resident).toEqual({ name: '沈建华', phone: '13962150987' });

      const kv = await new Kvm(await org.app.get(NatsConnectionProvider).connection()).open(
        `${testEventsNamespace()}-idempotency`,
      );
      const kept: string[] = [];
      for await (const key of await kv.keys()) kept.push((await kv.get(key))?.string() ?? '');
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.join('\n')).toContain('sealedResponse');
      for (const personal of ['13962150987', '沈建华']) expect(kept.join('\n')).not.toContain(personal);

      // The retry still hears the first answer, whole number included: only the caller's key opens it.
      const retry = await gw.post(MOVE_IN, { input }, headers, 1);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
    });

    it('refuses a malformed key with a clear code', async () => {
      const { status, body } = await create('淞云社区', { 'idempotency-key': 'x'.repeat(300) });
      expect(status).toBe(400);
      expect(errorCodes(body)).toEqual(['IDEMPOTENCY_KEY_INVALID']);
      expect(await unitsNamed('淞云社区')).toBe(0);
    });
  });
});

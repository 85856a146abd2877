import { sampleValue, startGatewaysInFront } from '@gongzhi/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { loadDemoData } from '../src/demo/load-demo-data';
import { PersonalDataCipher } from '../src/personal-data/personal-data-cipher';
import { type OrganizationUnderTest, recordOf, startOrganizationBehindGateway } from './organization.harness';

type Gateways = Awaited<ReturnType<typeof startGatewaysInFront>>;

/**
 * The gateway's response cache on the real organization subgraph (its `@cacheControl` hints, its outbox's events),
 * two replicas in front of it, loaded with the demo of 斜塘街道: a hinted read is answered from the cache, a write
 * through one replica is read on the other within 1 s, and callers who may see different things never share answers.
 */
describe('response cache in front of organization', () => {
  let org: OrganizationUnderTest;
  let gw: Gateways;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    await loadDemoData(org.connection, org.app.get(PersonalDataCipher), () => undefined);
    const idOf = async (collection: string, filter: Record<string, unknown>) =>
      String((await recordOf(org, collection, filter))._id);
    const songyuan = await recordOf(org, 'communities', { name: '淞源社区' });
    const qiqu = await recordOf(org, 'compounds', { name: '淞泽家园七区' });
    Object.assign(id, {
      淞源社区: String(songyuan._id),
      淞源社区的类型: String(songyuan.profileTypeId),
      七区3幢: await idOf('buildings', { compoundId: qiqu._id, name: '3幢' }),
      淞源社区党委: await idOf('org_units', { name: '淞源社区党委' }),
    });
    gw = await startGatewaysInFront(org);
  });
  afterAll(async () => {
    await gw?.stop();
    await org?.stop();
  });

  /** The replica's response-cache hits, the events that dropped answers, and its fetches from organization. */
  const counts = async (replica = 0) => {
    const text = (await request(gw.gateways[replica].app).get('/metrics')).text;
    return {
      hits: sampleValue(text, 'gongzhi_gateway_response_cache_total', { result: 'hit' }),
      invalidations: sampleValue(text, 'gongzhi_gateway_response_cache_invalidations_total'),
      fetches: sampleValue(text, 'gongzhi_subgraph_fetch_duration_seconds_count', { subgraph: 'organization' }),
    };
  };

  /**
   * Asks twice in a row and returns both answers and what the second cost: cache hits and fetches from organization.
   * An event landing between the two (the demo's, a sweep's) drops what the first kept: then it asks again.
   */
  async function twice(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
    replica = 0,
  ) {
    for (let attempt = 1; ; attempt++) {
      const start = await counts(replica);
      const first = await gw.post(query, variables, headers, replica);
      const before = await counts(replica);
      const second = await gw.post(query, variables, headers, replica);
      const after = await counts(replica);
      if (after.invalidations === start.invalidations || attempt === 5)
        return { first, second, hits: after.hits - before.hits, fetches: after.fetches - before.fetches };
      await sleep(1100); // past any settle sweep
    }
  }

  /** Reads until the answer matches, for at most `withinMs`; returns how long that took. */
  async function seenWithin(
    replica: number,
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
    expected: unknown,
    withinMs: number,
  ) {
    const started = Date.now();
    for (;;) {
      const { body } = await gw.post(query, variables, headers, replica);
      if (JSON.stringify(body.data) === JSON.stringify(expected)) return Date.now() - started;
      if (Date.now() - started > withinMs) return expect(body.data).toEqual(expected);
      await sleep(20);
    }
  }

  // The examples' tree view (examples/organization.graphql, CommunityTree): hinted from the community down.
  const TREE = `query Tree($id: ID!) { community(id: $id) { name street
    compounds(first: 50) { totalCount pageInfo { hasNextPage } edges { node { name hasPropertyCompany
      buildings(first: 50) { totalCount edges { node { name floors } } } } } } } }`;

  it('answers a repeated hinted read (a community tree, a page of org units) from the cache', async () => {
    for (const [query, variables] of [
      [TREE, { id: id.淞源社区 }],
      [
        '{ orgUnits(tier: 3, first: 5) { totalCount edges { node { name tier leader { name post } parent { name } } } } }',
        {},
      ],
    ] as const) {
      for (const headers of [{}, await gw.asPerson('demo:street-staff')]) {
        const { first, second, hits, fetches } = await twice(query, variables, headers);
        expect(first.body.errors).toBeUndefined();
        expect(second.body).toEqual(first.body);
        expect({ hits, fetches }).toEqual({ hits: 1, fetches: 0 });
      }
    }
  });

  it('never keeps what is not hinted: households, members, the tier names, a list by type', async () => {
    const staff = await gw.asPerson('demo:street-staff');
    for (const query of [
      `query($id: ID!) { building(id: $id) { name households(first: 5) { totalCount } } }`,
      `query($id: ID!) { orgUnit(id: $id) { name members { name } } }`,
      `query($id: ID!) { orgUnit(id: $id) { name tierName } }`,
      `query($id: ID!) { community(id: $id) { name profileIndicators { households } } }`,
      // A community's type is set without an event: a list by type is not kept.
      `query($id: ID!) { communities(profileTypeId: $id, first: 5) { totalCount edges { node { name } } } }`,
    ]) {
      const place = query.includes('building')
        ? id.七区3幢
        : query.includes('profileTypeId')
          ? id.淞源社区的类型
          : query.includes('community')
            ? id.淞源社区
            : id.淞源社区党委;
      const { second, hits, fetches } = await twice(query, { id: place }, staff);
      expect({ query, errors: second.body.errors, hits, fetches }).toEqual({
        query,
        errors: undefined,
        hits: 0,
        fetches: 1,
      });
    }
  });

  it('serves a write through one replica on the other within 1 s (the outbox event drops its answers)', async () => {
    const staff = await gw.asPerson('demo:street-staff');
    const query = `query($id: ID!, $unit: ID!) {
      community(id: $id) { compounds(first: 100) { totalCount } } orgUnit(id: $unit) { name } }`;
    const variables = { id: id.淞源社区, unit: id.淞源社区党委 };
    // Kept on replica 1: asked again, organization is not.
    const cached = await twice(query, variables, staff, 1);
    expect({ hits: cached.hits, fetches: cached.fetches }).toEqual({ hits: 1, fetches: 0 });
    const before = cached.second.body.data;

    const created = await gw.post(
      'mutation($input: CreateCompoundInput!) { createCompound(input: $input) { compound { name } } }',
      { input: { communityId: id.淞源社区, name: '淞泽家园十区' } },
      staff,
      0,
    );
    expect(created.body.errors).toBeUndefined();
    const withNewCompound = {
      ...before,
      community: { compounds: { totalCount: before.community.compounds.totalCount + 1 } },
    };
    expect(await seenWithin(1, query, variables, staff, withNewCompound, 1000)).toBeLessThan(1000);

    await sleep(1100); // past the settle sweep: what follows is kept again
    expect((await twice(query, variables, staff, 1)).hits).toBe(1);
    const renamed = await gw.post(
      'mutation($input: RenameOrgUnitInput!) { renameOrgUnit(input: $input) { orgUnit { name } } }',
      { input: { orgUnitId: id.淞源社区党委, name: '淞源社区党委（新）' } },
      staff,
      0,
    );
    expect(renamed.body.errors).toBeUndefined();
    const withNewName = { ...withNewCompound, orgUnit: { name: '淞源社区党委（新）' } };
    expect(await seenWithin(1, query, variables, staff, withNewName, 1000)).toBeLessThan(1000);
  });

  it('never gives a resident of 淞源社区 the answer kept for a street worker, nor the other way round', async () => {
    const resident = await gw.asPerson('demo:resident');
    const staff = await gw.asPerson('demo:street-staff');
    // Hinted (public) fields with a caller's own: the resident sees her household, the street worker all of 3幢's.
    const query = `query($id: ID!) { building(id: $id) { name households(first: 100) { totalCount } } }`;
    const variables = { id: id.七区3幢 };
    const own = async (headers: Record<string, string>) =>
      (await gw.post(query, variables, headers)).body.data?.building.households.totalCount;
    const residentSees = await own(resident);
    const staffSees = await own(staff);
    expect(residentSees).toBe(1);
    expect(staffSees).toBeGreaterThan(1);
    for (const round of [1, 2])
      expect({ round, resident: await own(resident), staff: await own(staff) }).toEqual({
        round,
        resident: residentSees,
        staff: staffSees,
      });

    // A read both may make, and the cache keeps: each caller's first answer is a miss, kept for that caller alone.
    const tree = { id: id.淞源社区 };
    for (let attempt = 1; ; attempt++) {
      await sleep(1100); // past the last test's settle sweep
      const start = await counts(1);
      const hitsOf = async (headers: Record<string, string>) => {
        const before = (await counts(1)).hits;
        await gw.post(TREE, tree, headers, 1);
        return (await counts(1)).hits - before;
      };
      const hits = [await hitsOf(staff), await hitsOf(resident), await hitsOf(staff), await hitsOf(resident)];
      if ((await counts(1)).invalidations !== start.invalidations && attempt < 5) continue; // an event dropped them
      expect(hits).toEqual([0, 0, 1, 1]);
      break;
    }
  });
});

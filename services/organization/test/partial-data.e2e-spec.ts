import {
  type GatewaysInFront,
  type GraphQLResult,
  type OrganizationProcess,
  startGatewaysInFront,
  startOrganizationProcess,
  startSubgraphProcess,
  type SubgraphProcess,
  waitFor,
} from '@gongzhi/testing';

/**
 * Issue 12, "partial data, never less", end to end: all four subgraphs run from their builds with the demo loaded,
 * as `npm start` runs them, behind two gateway replicas. Each is killed in turn (SIGKILL, a crash) while the others
 * run, and one query touching all four — a community with the lists the others add to it, and each subgraph's root
 * list with the community its items belong to — still brings every healthy subgraph's fields; only the dead one's
 * fields are null, each with an error naming it. Organization goes last: people signed in just before still get
 * partial data while their roles are cached (PERSON_ACCESS_TTL_MS), and 503 after.
 */
const PERSON_ACCESS_TTL_MS = 15_000;

const LAMPS = 'lamps(placeId: $c, first: 2) { edges { node { assetNumber community { name } } } }';

const QUERY = `query($c: ID!) {
  community(id: $c) {
    name
    lamps(first: 3) { totalCount }
    careItems(first: 3) { totalCount }
    motions(first: 3) { totalCount }
  }
  communities(first: 3) { totalCount }
  ${LAMPS}
  careItems(placeId: $c, first: 2) { edges { node { name community { name } } } }
  motions(placeId: $c, first: 2) { edges { node { title community { name } } } }
}`;

type Answer = Record<string, any>;

/** The whole answer with what `dead` provides nulled: the most a client may lose when `dead` is down. */
function withoutSubgraph(whole: Answer, dead: string): Answer {
  const copy: Answer = structuredClone(whole);
  const communityOfEach = (list: Answer) => list.edges.forEach((edge: Answer) => (edge.node.community = null));
  switch (dead) {
    case 'facilities':
      copy.community.lamps = null;
      copy.lamps = null;
      break;
    case 'services':
      copy.community.careItems = null;
      copy.careItems = null;
      break;
    case 'deliberation':
      copy.community.motions = null;
      copy.motions = null;
      break;
    case 'organization':
      copy.community = null;
      copy.communities = null;
      [copy.lamps, copy.careItems, copy.motions].forEach(communityOfEach);
      break;
  }
  return copy;
}

/** Every error names the dead subgraph as unavailable, and there is at least one. */
function expectErrorsOnlyFrom(body: GraphQLResult, dead: string) {
  expect(body.errors?.length).toBeGreaterThan(0);
  for (const error of body.errors!) {
    expect(error.extensions).toEqual(expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: dead }));
  }
}

describe('partial data, never less: any one of the four subgraphs down', () => {
  let organization: OrganizationProcess;
  const others: SubgraphProcess[] = [];
  let gw: GatewaysInFront;
  let secretary: Record<string, string>;
  let variables: { c: string };
  /** The answer with all four up. */
  let whole: Answer;

  const ask = (replica = 0) => gw.post(QUERY, variables, secretary, replica);

  beforeAll(async () => {
    organization = await startOrganizationProcess({ demoData: true });
    for (const name of ['facilities', 'services', 'deliberation'] as const) {
      others.push(
        await startSubgraphProcess(name, { organizationDatabase: organization.databaseName, demoData: true }),
      );
    }
    gw = await startGatewaysInFront(
      organization,
      others.map(({ name, sdl, url }) => ({ name, sdl, url })),
      { PERSON_ACCESS_TTL_MS: String(PERSON_ACCESS_TTL_MS) },
    );
    // 沈秀英, community secretary of 淞源社区: she may read all of it, in every subgraph.
    secretary = await gw.asPerson('demo:community-secretary');
    const songyuan = await organization.connection.collection('communities').findOne({ name: '淞源社区' });
    variables = { c: String(songyuan!._id) };
    const { status, body } = await ask();
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    whole = body.data!;
  });
  afterAll(async () => {
    await gw?.stop();
    for (const subgraph of others) await subgraph.stop();
    await organization?.stop();
  });

  it('with all four up, the query brings something of each', () => {
    expect(whole.community).toEqual({
      name: '淞源社区',
      lamps: { totalCount: expect.any(Number) },
      careItems: { totalCount: expect.any(Number) },
      motions: { totalCount: expect.any(Number) },
    });
    expect(whole.communities.totalCount).toBeGreaterThan(0);
    for (const list of [whole.lamps, whole.careItems, whole.motions]) {
      expect(list.edges.length).toBeGreaterThan(0);
      for (const edge of list.edges) expect(edge.node.community).toEqual({ name: '淞源社区' });
    }
  });

  it.each(['facilities', 'services', 'deliberation'])(
    'with %s killed, the other three answer in full and only its fields are null; back when it is',
    async (dead) => {
      const subgraph = others.find(({ name }) => name === dead)!;
      await subgraph.kill();
      try {
        for (const replica of [0, 1]) {
          const { status, body } = await ask(replica);
          expect(status).toBe(200);
          expect(body.data).toEqual(withoutSubgraph(whole, dead));
          expectErrorsOnlyFrom(body, dead);
        }
      } finally {
        await subgraph.restart();
      }
      const { body } = await ask();
      expect(body).toEqual(expect.objectContaining({ data: whole }));
      expect(body.errors).toBeUndefined();
    },
  );

  it('with organization killed, a person signed in within PERSON_ACCESS_TTL_MS gets the other three, then 503', async () => {
    // Signed in just now on both replicas: her roles are cached for PERSON_ACCESS_TTL_MS.
    const signedInAt = Date.now();
    for (const replica of [0, 1]) expect((await ask(replica)).body.errors).toBeUndefined();
    await organization.kill();

    const { status, body } = await ask();
    expect(Date.now() - signedInAt).toBeLessThan(PERSON_ACCESS_TTL_MS);
    expect(status).toBe(200);
    expect(body.data).toEqual(withoutSubgraph(whole, 'organization'));
    expectErrorsOnlyFrom(body, 'organization');
    // Nobody signed in needs no person access: the public lists of the others, their places null.
    const anonymous = await gw.post(`query($c: ID!) { ${LAMPS} }`, variables);
    expect(anonymous.body.data).toEqual({ lamps: withoutSubgraph(whole, 'organization').lamps });
    expectErrorsOnlyFrom(anonymous.body, 'organization');

    // Past the bound nobody can vouch for her roles: 503, never an answer on roles that may have been revoked.
    let refused: Awaited<ReturnType<typeof ask>> | undefined;
    await waitFor(
      async () => (refused = await ask()).status === 503,
      'the cached person access to run out',
      PERSON_ACCESS_TTL_MS * 3,
    );
    expect(refused!.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAVAILABLE']);
    expect(refused!.body.data).toBeUndefined();
  });
});

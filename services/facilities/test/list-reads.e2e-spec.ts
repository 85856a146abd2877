import { LIST_QUERY } from '@gongzhi/infra';
import {
  connectTestDatabase,
  type GatewaysInFront,
  type OrganizationProcess,
  parseExposition,
  startGatewaysInFront,
  startOrganizationProcess,
  startSubgraphProcess,
  type SubgraphProcess,
} from '@gongzhi/testing';
import { type Connection, Types } from 'mongoose';

type Row = Record<string, any>;

/** Every MongoDB command a subgraph has sent, by command, as its /metrics counts them (the platform's monitoring). */
const COMMANDS = 'gongzhi_mongodb_command_duration_seconds_count';
/**
 * The commands a resolver reads with: a query per item would show here. Cursor continuations (getMore, killCursors)
 * are left out, as they grow with the answer's bytes, not with the queries asked, and the subgraphs' change streams
 * send them all the time; so are writes (background work: nothing in these lists writes).
 */
const READS = new Set(['find', 'aggregate', 'count', 'distinct']);

/**
 * Issue 16: the database operations of a list request are the same for 10 items and for 100, so no nested entity is
 * read per item. Organization, facilities and deliberation run from their builds with the demo loaded, behind the
 * gateway; each subgraph's MongoDB reads (find, aggregate, count) are counted around single requests. The bench's list of lamps (each with
 * its compound from organization and that compound's motions from deliberation) spans one compound at 10 lamps and
 * every demo compound at 100; the examples' community tree (社区 → 小区 → 楼栋) spans 10 communities and 100.
 */
describe('a list costs as many database operations at 100 items as at 10', () => {
  let organization: OrganizationProcess;
  const others: SubgraphProcess[] = [];
  let facilitiesDb: Connection;
  let gw: GatewaysInFront;
  let staff: Record<string, string>;

  /** Reads sent by all three subgraphs so far, by subgraph and command. */
  const readsSoFar = async () => {
    const counts: Record<string, number> = {};
    for (const { name, url } of [{ name: 'organization', url: organization.subgraphUrl }, ...others]) {
      const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
      for (const sample of parseExposition(text)) {
        if (sample.name !== COMMANDS || !READS.has(sample.labels.command)) continue;
        const key = `${name} ${sample.labels.command}`;
        counts[key] = (counts[key] ?? 0) + sample.value;
      }
    }
    return counts;
  };

  /**
   * The reads one request costs, by subgraph and command: for each, the fewest over a few requests, since the
   * subgraphs' own background work (outbox polls, sweeps) can only add to a count, never take from it, while a read
   * per item would be there every time.
   */
  const readsPerRequest = async (query: string, variables: Record<string, unknown>) => {
    const fewest: Record<string, number> = {};
    let data: Row = {};
    for (let i = 0; i < 5; i++) {
      const before = await readsSoFar();
      const { status, body } = await gw.post(query, variables, staff);
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
      const after = await readsSoFar();
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        const n = (after[key] ?? 0) - (before[key] ?? 0);
        fewest[key] = i === 0 ? n : Math.min(fewest[key] ?? 0, n);
      }
      data = body.data!;
    }
    const reads = Object.fromEntries(Object.entries(fewest).filter(([, n]) => n > 0));
    return { reads, total: Object.values(reads).reduce((sum, n) => sum + n, 0), data };
  };

  beforeAll(async () => {
    // Organization's periodic reads (the key registry's heartbeat, webhook deliveries) at their slowest, to keep the
    // counts quiet; this spec serves no partner keys and no webhooks.
    organization = await startOrganizationProcess({
      demoData: true,
      env: {
        API_KEY_REGISTRY_HEARTBEAT_MS: '5000',
        API_KEY_REGISTRY_SWEEP_SECONDS: '3600',
        WEBHOOK_SEND_INTERVAL_MS: '60000',
      },
    });
    for (const name of ['facilities', 'deliberation'] as const)
      others.push(
        await startSubgraphProcess(name, { organizationDatabase: organization.databaseName, demoData: true }),
      );
    // This counts commands, it does not time them: a slow list on a busy machine must not be cut off half read. It
    // counts what the subgraphs read for a request, so the gateways' response cache, which answers a repeated read of
    // the community tree without them, is off.
    gw = await startGatewaysInFront(
      organization,
      others.map(({ name, sdl, url }) => ({ name, sdl, url })),
      { SUBGRAPH_TIMEOUT_MS: '60000', RESPONSE_CACHE: 'false' },
    );
    staff = await gw.asPerson('demo:street-staff');
    const org = organization.connection;

    // 120 more lamps, named so the first ten stand in one compound and the first hundred across every demo compound.
    facilitiesDb = await connectTestDatabase('facilities');
    const compounds = await org.collection<Row>('compounds').find().sort({ name: 1 }).toArray();
    const template = (await facilitiesDb.collection<Row>('lamps').findOne({}))!;
    const lamps = Array.from({ length: 120 }, (_, i) => {
      const compound = compounds[i < 10 ? 0 : i % compounds.length];
      return {
        ...template,
        _id: new Types.ObjectId(),
        assetNumber: `CS-${String(i).padStart(3, '0')}`,
        placeDescription: `${compound.name}主路`,
        communityId: compound.communityId,
        compoundId: compound._id,
        buildingId: null,
        status: 'WORKING',
      };
    });
    await facilitiesDb.collection('lamps').insertMany(lamps);

    // Communities up to more than 100, each with a compound of two buildings, copied from 淞源社区's.
    const community = (await org.collection<Row>('communities').findOne({ name: '淞源社区' }))!;
    const compound = (await org.collection<Row>('compounds').findOne({ name: '淞泽家园七区' }))!;
    const buildings = await org.collection<Row>('buildings').find({ compoundId: compound._id }).limit(2).toArray();
    const copies = { communities: [] as Row[], compounds: [] as Row[], buildings: [] as Row[] };
    for (let i = 1; i <= 100; i++) {
      const communityCopy = { ...community, _id: new Types.ObjectId(), name: `淞泽第${i}社区` };
      const compoundCopy = {
        ...compound,
        _id: new Types.ObjectId(),
        communityId: communityCopy._id,
        name: `淞泽第${i}小区`,
      };
      copies.communities.push(communityCopy);
      copies.compounds.push(compoundCopy);
      for (const building of buildings)
        copies.buildings.push({
          ...building,
          _id: new Types.ObjectId(),
          communityId: communityCopy._id,
          compoundId: compoundCopy._id,
        });
    }
    for (const [collection, rows] of Object.entries(copies)) await org.collection(collection).insertMany(rows);

    // The caller's roles are looked up once and cached: warm that up before counting.
    await gw.post('{ lampFaultServices { serviceCode } }', {}, staff);
  });
  afterAll(async () => {
    await gw?.stop();
    for (const subgraph of others) await subgraph.stop();
    await facilitiesDb?.close();
    await organization?.stop();
  });

  it("lamps with their compounds and the compounds' motions: no read per lamp or per compound", async () => {
    const ten = await readsPerRequest(LIST_QUERY, { first: 10 });
    const hundred = await readsPerRequest(LIST_QUERY, { first: 100 });
    const compoundsOf = (data: Row) => new Set(data.lamps.edges.map((edge: Row) => edge.node.compound.name));
    expect(ten.data.lamps.edges).toHaveLength(10);
    expect(compoundsOf(ten.data).size).toBe(1);
    expect(hundred.data.lamps.edges).toHaveLength(100);
    expect(compoundsOf(hundred.data).size).toBeGreaterThan(20);
    // Some of those compounds have motions in the demo, so the nested list is read, not skipped.
    expect(hundred.data.lamps.edges.some((edge: Row) => edge.node.compound.motions.totalCount > 0)).toBe(true);
    expect(ten.total).toBeGreaterThan(0);
    expect(hundred.reads).toEqual(ten.reads);
  });

  it('the community tree of the examples (社区 → 小区 → 楼栋): no read per community or per compound', async () => {
    // The example's shape, with pages small enough that 100 communities stay within the gateway's cost limit.
    const tree = `query CommunityTree($first: Int!) { communities(first: $first) { totalCount edges { node { name
      compounds(first: 3) { edges { node { name buildings(first: 20) { edges { node { name floors } } } } } }
    } } } }`;
    const ten = await readsPerRequest(tree, { first: 10 });
    const hundred = await readsPerRequest(tree, { first: 100 });
    expect(ten.data.communities.edges).toHaveLength(10);
    expect(hundred.data.communities.edges).toHaveLength(100);
    expect(hundred.reads).toEqual(ten.reads);
  });
});

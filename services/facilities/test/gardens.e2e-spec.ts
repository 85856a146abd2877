import { Types } from 'mongoose';
import { GardenLapsesService } from '../src/gardens/garden-lapses.service';
import { codesOf, databaseOperations, expectData, ManualClock } from './facilities.harness';
import { type Federation, startFederation } from './federation.harness';

/**
 * The shared flower beds of 淞泽家园七区 end to end: households and the 花田守护人 team claim plots under the garden
 * covenant, log their care, and a claim whose care stops lapses on a clock the test moves, passing the plot to the
 * next household waiting for it.
 */
describe('shared gardens through the gateway', () => {
  const clock = new ManualClock(new Date('2026-11-23T09:00:00+08:00'));
  let fed: Federation;
  const plot: Record<string, string> = {};
  let neighbourHousehold: string;

  const as = (subject: string) => fed.gateways.asPerson(subject);
  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fed.gateways.post(query, variables, headers).then((answer) => answer.body);
  const days = (n: number) => new Date(clock.now().getTime() + n * 24 * 3600 * 1000).toISOString();
  const covenant = (termDays: number, wateringEveryDays = 3) => ({
    termEndsAt: days(termDays),
    duties: ['不使用农药', '保持步道整洁'],
    careSchedule: { wateringEveryDays, weedingEveryDays: 14 },
  });
  const CLAIM = `mutation($input: ClaimGardenPlotInput!) { claimGardenPlot(input: $input) { gardenClaim { id status claimant teamName lapsesAt } } }`;
  const CARE = `mutation($p: ID!, $k: GardenCareKind!) { logGardenCare(input: { plotId: $p, kind: $k, note: "浇水" }) { gardenCareLog { kind at } gardenClaim { lapsesAt } } }`;
  const STEPS = `query($id: ID!) { gardenPlot(id: $id) { currentClaim { status history { totalCount edges { node { status at note } } } nextSteps } waitingClaims { edges { node { status history { edges { node { status } } } nextSteps } } } } }`;
  const PLOT = `query($id: ID!) { gardenPlot(id: $id) { status currentClaim { status claimant teamName } } }`;

  beforeAll(async () => {
    fed = await startFederation(clock);
    for (const n of [1, 2, 3]) {
      plot[n] = String(
        (await fed.facilities.connection.collection('garden_plots').findOne({ name: `七区共享花圃 ${n}号` }))!._id,
      );
    }
    const org = fed.organization.connection;
    const luo = (await org.collection('residents').findOne({ name: '罗淑芬' }))!;
    const qiqu = (await org.collection('compounds').findOne({ name: '淞泽家园七区' }))!;
    neighbourHousehold = String(
      (await org.collection('households').findOne({ compoundId: qiqu._id, _id: { $ne: luo.householdId } }))!._id,
    );
  });
  afterAll(() => fed?.stop());

  it('lets a household claim a free plot, queues the next claimant, and lets a team claim through the managers', async () => {
    const own = expectData(
      await post(CLAIM, { input: { plotId: plot[1], covenant: covenant(180) } }, await as('demo:resident')),
    ).claimGardenPlot.gardenClaim;
    expect(own).toMatchObject({ status: 'ACTIVE', claimant: 'HOUSEHOLD', teamName: null });
    // No care yet: it lapses after twice the watering interval unless watered.
    expect(new Date(own.lapsesAt).toISOString()).toBe(days(6));

    const secretary = await as('demo:community-secretary');
    expect(
      expectData(
        await post(
          CLAIM,
          { input: { plotId: plot[1], householdId: neighbourHousehold, covenant: covenant(180) } },
          secretary,
        ),
      ).claimGardenPlot.gardenClaim.status,
    ).toBe('WAITING');
    expect(
      codesOf(await post(CLAIM, { input: { plotId: plot[1], covenant: covenant(180) } }, await as('demo:resident'))),
    ).toEqual(['GARDEN_CLAIM.ALREADY_EXISTS']);
    expect(
      codesOf(
        await post(
          CLAIM,
          { input: { plotId: plot[2], teamName: '花田守护人', covenant: covenant(365, 7) } },
          await as('demo:resident'),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      expectData(
        await post(
          CLAIM,
          { input: { plotId: plot[2], teamName: '花田守护人', covenant: covenant(365, 7) } },
          await as('demo:grid-worker'),
        ),
      ).claimGardenPlot.gardenClaim,
    ).toMatchObject({
      status: 'ACTIVE',
      claimant: 'VOLUNTEER_TEAM',
      teamName: '花田守护人',
    });

    expect(
      codesOf(await post(CLAIM, { input: { plotId: plot[3], covenant: covenant(900) } }, await as('demo:resident'))),
    ).toEqual(['GARDEN_CLAIM.INVALID_TERM']);
    expect(
      codesOf(
        await post(
          CLAIM,
          { input: { plotId: plot[3], householdId: neighbourHousehold, covenant: covenant(30) } },
          await as('demo:resident'),
        ),
      ),
    ).toEqual(['FORBIDDEN']);

    // Anyone sees who looks after a plot; which household it is only the household and the managers.
    expect(expectData(await post(PLOT, { id: plot[2] })).gardenPlot).toEqual({
      status: 'CLAIMED',
      currentClaim: { status: 'ACTIVE', claimant: 'VOLUNTEER_TEAM', teamName: '花田守护人' },
    });
    const HOUSEHOLD = `query($id: ID!) { gardenPlot(id: $id) { currentClaim { household { id } } } }`;
    expect(codesOf(await post(HOUSEHOLD, { id: plot[1] }, await as('demo:building-leader')))).toEqual(['FORBIDDEN']);
    expect(
      expectData(await post(HOUSEHOLD, { id: plot[1] }, await as('demo:resident'))).gardenPlot.currentClaim.household
        .id,
    ).toEqual(expect.any(String));

    // The claim holding plot 1 took it at once; the one waiting for it may be released by the managers, not by others.
    const steps = expectData(await post(STEPS, { id: plot[1] }, secretary)).gardenPlot;
    expect(steps.currentClaim.history).toEqual({
      totalCount: 1,
      edges: [{ node: { status: 'ACTIVE', at: days(0), note: null } }],
    });
    expect(steps.currentClaim.nextSteps).toEqual(['RELEASE', 'LOG_CARE']);
    expect(steps.waitingClaims.edges).toEqual([
      { node: { status: 'WAITING', history: { edges: [{ node: { status: 'WAITING' } }] }, nextSteps: ['RELEASE'] } },
    ]);
    const NEXT = `query($id: ID!) { gardenPlot(id: $id) { currentClaim { nextSteps } } }`;
    const bystander = expectData(await post(NEXT, { id: plot[1] }, await as('demo:building-leader'))).gardenPlot;
    expect(bystander.currentClaim.nextSteps).toEqual([]);
  });

  it('keeps a cared-for claim and lapses a neglected one, passing the plot to the household waiting for it', async () => {
    const lapses = fed.facilities.app.get(GardenLapsesService);
    clock.advance(24 * 2);
    const cared = expectData(await post(CARE, { p: plot[1], k: 'WATERING' }, await as('demo:resident'))).logGardenCare;
    expect(cared.gardenCareLog.kind).toBe('WATERING');
    // Watered on day 2, every 3 days: the claim now lapses on day 8, six days from now, unless watered again.
    expect(new Date(cared.gardenClaim.lapsesAt).toISOString()).toBe(days(6));
    expect(codesOf(await post(CARE, { p: plot[1], k: 'WATERING' }, await as('demo:building-leader')))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codesOf(await post(CARE, { p: plot[3], k: 'WATERING' }, await as('demo:resident')))).toEqual([
      'GARDEN_CLAIM.ILLEGAL_STEP',
    ]);

    clock.advance(24 * 5); // watered two days in, so due again by day 8: not yet lapsed on day 7
    expect(await lapses.sweep()).toBe(0);
    clock.advance(24 * 2); // day 9: nobody watered
    expect(await lapses.sweep()).toBe(1);
    expect(await lapses.sweep()).toBe(0);

    const CLAIMS = `query($id: ID!) { gardenPlot(id: $id) { status currentClaim { status household { id } activeSince } careLogs { totalCount } } }`;
    const now = expectData(await post(CLAIMS, { id: plot[1] }, await as('demo:community-secretary'))).gardenPlot;
    expect(now).toEqual({
      status: 'CLAIMED',
      currentClaim: { status: 'ACTIVE', household: { id: neighbourHousehold }, activeSince: clock.now().toISOString() },
      careLogs: { totalCount: 1 },
    });
    const lapsed = await fed.facilities.connection.collection('garden_claims').findOne({ status: 'LAPSED' });
    expect(lapsed).toMatchObject({ endReason: 'CARE_LAPSED' });
    const events = await fed.facilities.connection
      .collection('outbox')
      .find({ 'envelope.type': /^facilities\.garden\./ })
      .sort({ _id: 1 })
      .toArray();
    expect(
      events.map((record) => [
        record.envelope.type,
        record.envelope.payload.reason ?? record.envelope.payload.claimant,
      ]),
    ).toEqual([
      ['facilities.garden.plot-claimed', 'HOUSEHOLD'],
      ['facilities.garden.plot-claimed', 'VOLUNTEER_TEAM'],
      ['facilities.garden.claim-ended', 'CARE_LAPSED'],
      ['facilities.garden.plot-claimed', 'HOUSEHOLD'],
    ]);
  });

  it('frees a plot its claimant releases, and ends a claim at the end of its term', async () => {
    const team = (await fed.facilities.connection.collection('garden_claims').findOne({ teamName: '花田守护人' }))!;
    const RELEASE = `mutation($c: ID!) { releaseGardenClaim(input: { claimId: $c }) { gardenClaim { status endReason history { edges { node { status note } } } nextSteps } } }`;
    expect(codesOf(await post(RELEASE, { c: String(team._id) }, await as('demo:resident')))).toEqual(['FORBIDDEN']);
    const gridWorker = await as('demo:grid-worker');
    expect(expectData(await post(RELEASE, { c: String(team._id) }, gridWorker)).releaseGardenClaim.gardenClaim).toEqual(
      {
        status: 'RELEASED',
        endReason: 'RELEASED',
        history: {
          edges: [{ node: { status: 'ACTIVE', note: null } }, { node: { status: 'RELEASED', note: 'RELEASED' } }],
        },
        nextSteps: [],
      },
    );
    expect(codesOf(await post(RELEASE, { c: String(team._id) }, gridWorker))).toEqual(['GARDEN_CLAIM.ILLEGAL_STEP']);
    expect(expectData(await post(PLOT, { id: plot[2] })).gardenPlot).toEqual({
      status: 'AVAILABLE',
      currentClaim: null,
    });

    const short = expectData(
      await post(CLAIM, { input: { plotId: plot[3], covenant: covenant(1, 30) } }, await as('demo:resident')),
    ).claimGardenPlot.gardenClaim;
    clock.advance(25);
    expect(await fed.facilities.app.get(GardenLapsesService).sweep()).toBe(1);
    expect(
      await fed.facilities.connection.collection('garden_claims').findOne({ _id: new Types.ObjectId(short.id) }),
    ).toMatchObject({ status: 'LAPSED', endReason: 'TERM_ENDED' });
    expect(expectData(await post(PLOT, { id: plot[3] })).gardenPlot.status).toBe('AVAILABLE');
  });

  it('shows a household its claims, and not to others', async () => {
    const luo = (await fed.organization.connection.collection('residents').findOne({ name: '罗淑芬' }))!;
    const CLAIMS = `query($h: ID!) { household(id: $h) { gardenClaims { edges { node { status endReason plot { name } } } } } }`;
    const own = expectData(await post(CLAIMS, { h: String(luo.householdId) }, await as('demo:resident'))).household
      .gardenClaims.edges;
    expect(own.map((edge: any) => [edge.node.plot.name, edge.node.status, edge.node.endReason])).toEqual([
      ['七区共享花圃 3号', 'LAPSED', 'TERM_ENDED'],
      ['七区共享花圃 1号', 'LAPSED', 'CARE_LAPSED'],
    ]);
    expect(codesOf(await post(CLAIMS, { h: String(luo.householdId) }, await as('demo:building-leader')))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('answers plots with their claims and care in a bounded number of database queries', async () => {
    let answer: any;
    const operations = await databaseOperations(async () => {
      answer = await fed.facilities.callSubgraph(
        `{ gardenPlots(first: 20) { totalCount edges { node { name status currentClaim { status plot { name } } careLogs(first: 3) { edges { node { kind } } } waitingClaims { totalCount } } } } }`,
      );
    });
    expect(expectData<any>(answer).gardenPlots.totalCount).toBe(8);
    // Plots and their count; the claims of all; their plots; care logs of all; the waiting lists and their counts.
    expect(operations).toEqual([
      'garden_care_logs.aggregate',
      'garden_claims.aggregate',
      'garden_claims.aggregate',
      'garden_claims.find',
      'garden_plots.countDocuments',
      'garden_plots.find',
      'garden_plots.find',
    ]);
  });
});

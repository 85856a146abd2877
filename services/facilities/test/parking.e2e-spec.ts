import { waitFor } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { codesOf, databaseOperations, expectData, ManualClock } from './facilities.harness';
import { type Federation, startFederation } from './federation.harness';

/**
 * Parking in 淞泽家园七区 end to end: households apply for permits, a lottery gives three spaces one per household
 * first and is drawn again exactly from its seed, the gate vendor's system moves the lot's occupancy with its key,
 * visitors come in on a household's pass, wardens record violations.
 */
describe('parking through the gateway', () => {
  const clock = new ManualClock(new Date('2026-11-23T09:00:00+08:00'));
  let fed: Federation;
  const id: Record<string, string> = {};
  const households: string[] = [];
  let gateKey: Record<string, string>;
  let lampsKey: Record<string, string>;

  const as = (subject: string) => fed.gateways.asPerson(subject);
  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fed.gateways.post(query, variables, headers).then((answer) => answer.body);
  const outbox = (type: string) =>
    fed.facilities.connection.collection('outbox').find({ 'envelope.type': type }).toArray();

  const APPLY = `mutation($input: ApplyForParkingPermitInput!) { applyForParkingPermit(input: $input) { id plate status } }`;
  const LOT = `query($id: ID!) { parkingLot(id: $id) { capacity occupied free } }`;
  const GATE = `mutation($input: RecordGateEventInput!) { recordGateEvent(input: $input) { id recognisedAs } }`;
  const gate = (direction: string, plate: string, vendorEventId: string) => ({
    input: { lotId: id.lot, direction, plate, vendorEventId, occurredAt: clock.now().toISOString() },
  });

  beforeAll(async () => {
    fed = await startFederation(clock);
    const org = fed.organization.connection;
    const qiqu = (await org.collection('compounds').findOne({ name: '淞泽家园七区' }))!;
    const luo = (await org.collection('residents').findOne({ name: '罗淑芬' }))!;
    id.七区 = String(qiqu._id);
    id.淞源社区 = String(qiqu.communityId);
    id.luoHousehold = String(luo.householdId);
    const neighbours = await org
      .collection('households')
      .find({ compoundId: qiqu._id, _id: { $ne: luo.householdId } })
      .limit(4)
      .toArray();
    households.push(...neighbours.map((household) => String(household._id)));
    id.elsewhere = String((await org.collection('households').findOne({ compoundId: { $ne: qiqu._id } }))!._id);

    // The barrier-gate vendor of the compound, with a key for gate events and one that lacks the scope.
    const secretary = await as('demo:community-secretary');
    id.vendor = expectData(
      await post(
        `mutation { registerPartnerUnit(input: { name: "苏州捷顺智能道闸有限公司", kind: ENTERPRISE }) { partnerUnit { id } } }`,
        {},
        await as('demo:street-staff'),
      ),
    ).registerPartnerUnit.partnerUnit.id;
    expectData(
      await post(
        `mutation($p: ID!, $c: ID!) { signCoBuildingAgreement(input: { partnerUnitId: $p, communityId: $c, validFrom: "2026-01-01T00:00:00Z", validUntil: "2028-12-31T00:00:00Z", scope: "智能道闸运维" }) { partnerUnit { id } } }`,
        { p: id.vendor, c: id.淞源社区 },
        secretary,
      ),
    );
    const issue = async (scopes: string[]) =>
      fed.gateways.asPartner(
        expectData(
          await post(
            `mutation($p: ID!, $s: [String!]!) { issueApiKey(input: { partnerUnitId: $p, scopes: $s }) { secret } }`,
            { p: id.vendor, s: scopes },
            secretary,
          ),
        ).issueApiKey.secret,
      );
    gateKey = await issue(['facilities:gate-events:write']);
    lampsKey = await issue(['facilities:lamps:read']);
    for (const key of [gateKey, lampsKey]) {
      await waitFor(
        async () => (await fed.gateways.post('{ lampFaultServices { serviceCode } }', {}, key)).status === 200,
        'the keys to reach the gateways',
      );
    }

    // A new lot at the north gate: three resident spaces, a visitor space and an accessible one.
    const branch = await as('demo:compound-secretary');
    id.lot = expectData(
      await post(
        `mutation($c: ID!, $v: ID!) { registerParkingLot(input: { compoundId: $c, name: "淞泽家园七区 北门停车场", gateVendorId: $v }) { id } }`,
        { c: id.七区, v: id.vendor },
        branch,
      ),
    ).registerParkingLot.id;
    for (const [kind, numbers] of [
      ['RESIDENT', ['N-01', 'N-02', 'N-03']],
      ['VISITOR', ['N-V1']],
      ['ACCESSIBLE', ['N-A1']],
    ] as const) {
      expectData(
        await post(
          `mutation($l: ID!, $k: ParkingSpaceKind!, $n: [String!]!) { addParkingSpaces(input: { lotId: $l, kind: $k, numbers: $n }) { id } }`,
          { l: id.lot, k: kind, n: numbers },
          branch,
        ),
      );
    }
  });
  afterAll(() => fed?.stop());

  it('puts households on the waitlist: residents for their own household, the branch for any of the compound', async () => {
    const branch = await as('demo:compound-secretary');
    const plates = ['苏E·A0001', '苏E·A0002', '苏E·A0003', '苏E·A0004'];
    for (const [n, household] of households.entries()) {
      clock.advance(0.1);
      expect(
        expectData(await post(APPLY, { input: { lotId: id.lot, plate: plates[n], householdId: household } }, branch))
          .applyForParkingPermit,
      ).toMatchObject({
        plate: plates[n].replace('·', ''),
        status: 'WAITING',
      });
    }
    clock.advance(0.1);
    expectData(await post(APPLY, { input: { lotId: id.lot, plate: '苏E·L8888' } }, await as('demo:resident')));
    clock.advance(0.1);
    // The first household's second car, applied for last but drawn after every household's first.
    expectData(await post(APPLY, { input: { lotId: id.lot, plate: '苏E·A0005', householdId: households[0] } }, branch));

    expect(
      codesOf(
        await post(
          APPLY,
          { input: { lotId: id.lot, plate: '苏E·B0001', householdId: households[1] } },
          await as('demo:resident'),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codesOf(await post(APPLY, { input: { lotId: id.lot, plate: '苏E·A0001', householdId: households[1] } }, branch)),
    ).toEqual(['PARKING_PERMIT.ALREADY_APPLIED']);
    expect(
      codesOf(
        await post(
          APPLY,
          { input: { lotId: id.lot, plate: '苏E·B0002', householdId: id.elsewhere } },
          await as('demo:street-staff'),
        ),
      ),
    ).toEqual(['PARKING.HOUSEHOLD_NOT_IN_COMPOUND']);
    expect(
      codesOf(await post(APPLY, { input: { lotId: id.lot, plate: 'E12345', householdId: households[1] } }, branch)),
    ).toEqual(['BAD_USER_INPUT']);
    expect(await fed.facilities.connection.collection('parking_permits').countDocuments()).toBe(6);
  });

  it('draws a lottery of three spaces, one per household first, and draws it again exactly from its recorded seed', async () => {
    const ALLOCATE = `mutation($l: ID!) { allocateParkingPermits(input: { lotId: $l, method: LOTTERY }) { granted { id plate space { number } household { id } } stillWaiting lottery { id seed candidateTiers spacesOffered winnerIds } } }`;
    expect(codesOf(await post(ALLOCATE, { l: id.lot }, await as('demo:grid-worker')))).toEqual(['FORBIDDEN']);
    const { granted, stillWaiting, lottery } = expectData(
      await post(ALLOCATE, { l: id.lot }, await as('demo:owners-committee')),
    ).allocateParkingPermits;
    expect(granted.map((permit: { space: { number: string } }) => permit.space.number)).toEqual([
      'N-01',
      'N-02',
      'N-03',
    ]);
    expect(new Set(granted.map((permit: { household: { id: string } }) => permit.household.id)).size).toBe(3);
    expect(granted.map((permit: { plate: string }) => permit.plate)).not.toContain('苏EA0005');
    expect(stillWaiting).toBe(3);
    expect(lottery.candidateTiers.map((tier: string[]) => tier.length)).toEqual([5, 1]);
    expect(lottery.winnerIds).toEqual(granted.map((permit: { id: string }) => permit.id));

    const REPRODUCE = `query($id: ID!) { reproduceParkingLottery(id: $id) { redrawnWinnerIds matchesRecord lottery { seed } } }`;
    // Anyone can redo the draw: no sign-in needed.
    expect(expectData(await post(REPRODUCE, { id: lottery.id })).reproduceParkingLottery).toEqual({
      redrawnWinnerIds: lottery.winnerIds,
      matchesRecord: true,
      lottery: { seed: lottery.seed },
    });
    // A record changed after the draw no longer reproduces.
    const lotteries = fed.facilities.connection.collection('parking_lotteries');
    await lotteries.updateOne({ _id: new Types.ObjectId(lottery.id) }, { $set: { seed: 'f'.repeat(32) } });
    expect(expectData(await post(REPRODUCE, { id: lottery.id })).reproduceParkingLottery.matchesRecord).toBe(false);
    await lotteries.updateOne({ _id: new Types.ObjectId(lottery.id) }, { $set: { seed: lottery.seed } });

    expect((await outbox('facilities.parking.lottery-drawn')).map((record) => record.envelope.payload)).toEqual([
      { lotteryId: lottery.id, lotId: id.lot, communityId: id.淞源社区, seed: lottery.seed, candidates: 6, winners: 3 },
    ]);
    expect(await outbox('facilities.parking.permit-granted')).toHaveLength(3);
  });

  it('gives a revoked permit’s space to the waitlist in its order, households without a permit first', async () => {
    const PERMITS = `query($l: ID!) { parkingLot(id: $l) { permits(status: WAITING) { edges { node { id plate } } } } }`;
    const waiting = expectData(
      await post(PERMITS, { l: id.lot }, await as('demo:compound-secretary')),
    ).parkingLot.permits.edges.map((edge: any) => edge.node);
    const firstHouseholdsFirst = waiting.find((permit: { plate: string }) => permit.plate !== '苏EA0005');
    const [active] = await fed.facilities.connection
      .collection('parking_permits')
      .find({ status: 'ACTIVE' })
      .sort({ appliedAt: 1 })
      .toArray();
    const REVOKE = `mutation($id: ID!) { revokeParkingPermit(id: $id, reason: "车辆已转让") { status } }`;
    expect(codesOf(await post(REVOKE, { id: String(active._id) }, await as('demo:resident')))).toEqual(['FORBIDDEN']);
    expect(
      expectData(await post(REVOKE, { id: String(active._id) }, await as('demo:compound-secretary')))
        .revokeParkingPermit.status,
    ).toBe('REVOKED');

    const ALLOCATE = `mutation($l: ID!) { allocateParkingPermits(input: { lotId: $l, method: WAITLIST_ORDER }) { granted { id space { number } } lottery { id } stillWaiting } }`;
    const allocation = expectData(
      await post(ALLOCATE, { l: id.lot }, await as('demo:compound-secretary')),
    ).allocateParkingPermits;
    expect(allocation).toEqual({
      granted: [{ id: firstHouseholdsFirst.id, space: { number: expect.stringMatching(/^N-0[123]$/) } }],
      lottery: null,
      stillWaiting: 2,
    });
  });

  it('moves the lot’s occupancy with the gate vendor’s key, once per gate event, and refuses a key without the scope', async () => {
    const [permitted] = await fed.facilities.connection
      .collection('parking_permits')
      .find({ status: 'ACTIVE' })
      .limit(1)
      .toArray();
    const pass = await post(
      `mutation($input: IssueVisitorPassInput!) { issueVisitorPass(input: $input) { plate validUntil } }`,
      {
        input: {
          lotId: id.lot,
          plate: '苏E·V1234',
          validFrom: clock.now().toISOString(),
          validUntil: new Date(clock.now().getTime() + 4 * 3600 * 1000).toISOString(),
        },
      },
      await as('demo:resident'),
    );
    expect(expectData(pass).issueVisitorPass.plate).toBe('苏EV1234');

    const first = expectData(await post(GATE, gate('ENTRY', permitted.plate, 'jieshun-0001'), gateKey)).recordGateEvent;
    expect(first.recognisedAs).toBe('PERMIT');
    expect(
      expectData(await post(GATE, gate('ENTRY', '苏E·V1234', 'jieshun-0002'), gateKey)).recordGateEvent.recognisedAs,
    ).toBe('VISITOR_PASS');
    expect(
      expectData(await post(GATE, gate('ENTRY', '浙A·99999', 'jieshun-0003'), gateKey)).recordGateEvent.recognisedAs,
    ).toBe('UNKNOWN');
    expect(expectData(await post(LOT, { id: id.lot })).parkingLot).toEqual({ capacity: 5, occupied: 3, free: 2 });

    // The vendor's retry of a report it already made changes nothing.
    expect(
      expectData(await post(GATE, gate('ENTRY', permitted.plate, 'jieshun-0001'), gateKey)).recordGateEvent.id,
    ).toBe(first.id);
    expectData(await post(GATE, gate('EXIT', '浙A·99999', 'jieshun-0004'), gateKey));
    expect(expectData(await post(LOT, { id: id.lot })).parkingLot.occupied).toBe(2);

    for (const refused of [lampsKey, await as('demo:resident'), await as('demo:compound-secretary')]) {
      expect(codesOf(await post(GATE, gate('ENTRY', '浙A·88888', 'forged-0005'), refused))).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await post(GATE, gate('ENTRY', '浙A·88888', 'anonymous-0006')))).toEqual(['UNAUTHENTICATED']);
    expect(expectData(await post(LOT, { id: id.lot })).parkingLot.occupied).toBe(2);

    const EVENTS = `query($l: ID!) { parkingLot(id: $l) { gateEvents(first: 10) { totalCount } } }`;
    expect(
      expectData(await post(EVENTS, { l: id.lot }, await as('demo:grid-worker'))).parkingLot.gateEvents.totalCount,
    ).toBe(4);
    expect(codesOf(await post(EVENTS, { l: id.lot }, await as('demo:resident')))).toEqual(['FORBIDDEN']);
  });

  it('records violations by wardens, and shows a household its own permits and passes', async () => {
    const VIOLATION = `mutation($l: ID!) { recordParkingViolation(input: { lotId: $l, plate: "浙A·99999", kind: BLOCKING_FIRE_LANE, note: "占用消防通道" }) { kind plate observedAt } }`;
    expect(codesOf(await post(VIOLATION, { l: id.lot }, await as('demo:resident')))).toEqual(['FORBIDDEN']);
    expect(
      expectData(await post(VIOLATION, { l: id.lot }, await as('demo:grid-worker'))).recordParkingViolation,
    ).toMatchObject({ kind: 'BLOCKING_FIRE_LANE', plate: '浙A99999' });
    expect(
      (await outbox('facilities.parking.violation-recorded')).map((record) => record.envelope.payload.kind),
    ).toEqual(['BLOCKING_FIRE_LANE']);

    const HOUSEHOLD = `query($h: ID!) { household(id: $h) { unitNumber parkingPermits { edges { node { plate status } } } visitorPasses { edges { node { plate lot { name } } } } } }`;
    const own = expectData(await post(HOUSEHOLD, { h: id.luoHousehold }, await as('demo:resident'))).household;
    expect(own.parkingPermits.edges).toEqual([
      { node: { plate: '苏EL8888', status: expect.stringMatching(/^(ACTIVE|WAITING)$/) } },
    ]);
    expect(own.visitorPasses.edges).toEqual([
      { node: { plate: '苏EV1234', lot: { name: '淞泽家园七区 北门停车场' } } },
    ]);
    // The building's group leader sees the household (organization) but not its parking (facilities).
    const leader = await post(HOUSEHOLD, { h: id.luoHousehold }, await as('demo:building-leader'));
    expect(leader.data.household).toMatchObject({
      unitNumber: expect.any(String),
      parkingPermits: null,
      visitorPasses: null,
    });
    expect(codesOf(leader)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('splits the barrier gate’s cost by floor area to the fen, records who paid, and shows each household its own share', async () => {
    const org = fed.organization.connection;
    const sharing = await org
      .collection('households')
      .find({ _id: { $in: [...households, id.luoHousehold].map((h) => new Types.ObjectId(h)) } })
      .toArray();
    const CREATE = `mutation($input: CreateCostShareInput!) { createCostShare(input: $input) { id totalFen paidFen outstandingFen householdCount shares { household { id } floorArea dueFen } } }`;
    const input = {
      compoundId: id.七区,
      title: '北门智能道杆安装',
      totalFen: 1_280_000,
      splitBy: 'BY_FLOOR_AREA',
      households: sharing.map((household) => ({ householdId: String(household._id), floorArea: household.floorArea })),
    };
    expect(codesOf(await post(CREATE, { input }, await as('demo:grid-worker')))).toEqual(['FORBIDDEN']);
    expect(
      codesOf(
        await post(
          CREATE,
          { input: { ...input, households: [...input.households, { householdId: id.elsewhere, floorArea: 80 }] } },
          await as('demo:owners-committee'),
        ),
      ),
    ).toEqual(['COST_SHARE.HOUSEHOLD_NOT_IN_COMPOUND']);
    const ledger = expectData(await post(CREATE, { input }, await as('demo:owners-committee'))).createCostShare;
    expect(ledger).toMatchObject({ totalFen: 1_280_000, paidFen: 0, outstandingFen: 1_280_000, householdCount: 5 });
    expect(ledger.shares.reduce((total: number, share: { dueFen: number }) => total + share.dueFen, 0)).toBe(1_280_000);
    const totalArea = sharing.reduce((total, household) => total + household.floorArea, 0);
    for (const share of ledger.shares)
      expect(Math.abs(share.dueFen - (1_280_000 * share.floorArea) / totalArea)).toBeLessThan(1);

    const luoShare = ledger.shares.find(
      (share: { household: { id: string } }) => share.household.id === id.luoHousehold,
    );
    const PAY = `mutation($c: ID!, $h: ID!, $a: Int!) { recordCostSharePayment(input: { costShareId: $c, householdId: $h, amountFen: $a }) { paidFen outstandingFen settledHouseholdCount } }`;
    const treasurer = await as('demo:owners-committee');
    expect(codesOf(await post(PAY, { c: ledger.id, h: id.luoHousehold, a: luoShare.dueFen + 1 }, treasurer))).toEqual([
      'COST_SHARE.OVERPAID',
    ]);
    expectData(await post(PAY, { c: ledger.id, h: id.luoHousehold, a: 100_000 }, treasurer));
    expect(
      expectData(await post(PAY, { c: ledger.id, h: id.luoHousehold, a: luoShare.dueFen - 100_000 }, treasurer))
        .recordCostSharePayment,
    ).toEqual({
      paidFen: luoShare.dueFen,
      outstandingFen: 1_280_000 - luoShare.dueFen,
      settledHouseholdCount: 1,
    });

    // 罗淑芬 sees her household's share and the totals, not her neighbours'; the building leader sees none of it.
    const LEDGER = `query($id: ID!) { costShare(id: $id) { title outstandingFen shares { dueFen paidFen outstandingFen payments { amountFen } } } }`;
    expect(expectData(await post(LEDGER, { id: ledger.id }, await as('demo:resident'))).costShare).toEqual({
      title: '北门智能道杆安装',
      outstandingFen: 1_280_000 - luoShare.dueFen,
      shares: [
        {
          dueFen: luoShare.dueFen,
          paidFen: luoShare.dueFen,
          outstandingFen: 0,
          payments: [{ amountFen: 100_000 }, { amountFen: luoShare.dueFen - 100_000 }],
        },
      ],
    });
    expect(codesOf(await post(LEDGER, { id: ledger.id }, await as('demo:building-leader')))).toEqual(['FORBIDDEN']);
    const HOUSEHOLD = `query($h: ID!) { household(id: $h) { costShares { edges { node { title } } } } }`;
    expect(
      expectData(await post(HOUSEHOLD, { h: id.luoHousehold }, await as('demo:resident'))).household.costShares.edges,
    ).toEqual([{ node: { title: '北门智能道杆安装' } }]);
    expect(
      (await outbox('facilities.cost-share.payment-recorded')).map((record) => record.envelope.payload.outstandingFen),
    ).toEqual([luoShare.dueFen - 100_000, 0]);
  });

  it('answers lots with their spaces, permits and draws in a bounded number of database queries', async () => {
    let answer: any;
    const operations = await databaseOperations(async () => {
      answer = await fed.facilities.callSubgraph(
        `{ parkingLots(first: 20) { edges { node { name free spaces(first: 10) { totalCount } permits(first: 10) { edges { node { plate space { number } lottery { seed } lot { name } } } } } } } }`,
      );
    });
    expect(expectData<any>(answer).parkingLots.edges.length).toBeGreaterThanOrEqual(2);
    // Lots; spaces' pages and counts; permits' pages; the permits' spaces, lotteries and lots: one query each.
    expect(operations).toEqual([
      'parking_lots.find',
      'parking_lots.find',
      'parking_lotteries.find',
      'parking_permits.aggregate',
      'parking_spaces.aggregate',
      'parking_spaces.aggregate',
      'parking_spaces.find',
    ]);
  });
});

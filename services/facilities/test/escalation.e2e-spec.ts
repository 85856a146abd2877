import { FaultEscalationService } from '../src/lighting/fault-escalation.service';
import { codesOf, expectData, ManualClock } from './facilities.harness';
import { type Federation, startFederation } from './federation.harness';

/**
 * 社区呼叫 → 街道吹哨 → 部门报到 made visible, through two gateways in front of organization and facilities with their
 * demo data: the demo's open faults stand at every stage of the escalation board; the street's staff run the sweep now
 * and change a kind of fault's SLA, which reschedules the faults not yet called on. The clock starts at the moment the
 * demo data is loaded and moves on by hand.
 */
describe('the escalation board of lamp faults through the gateway', () => {
  const clock = new ManualClock(new Date());
  let fed: Federation;
  const id: Record<string, string> = {};
  const as = (subject: string) => fed.gateways.asPerson(subject);
  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fed.gateways.post(query, variables, headers).then((answer) => answer.body);

  const BOARD = `query($place: ID, $stage: LampFaultEscalationStage, $first: Int, $after: String) {
    lampFaultEscalationBoard(placeId: $place, stage: $stage, first: $first, after: $after) {
      totalCount
      edges { node { stage since nextStepDueAt mustReportIn partnerUnit { id } fault { id serviceCode requestedAt expectedAt lamp { assetNumber } escalations { step at note } } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  type Card = {
    stage: string;
    since: string;
    nextStepDueAt: string | null;
    mustReportIn: string;
    fault: { id: string; requestedAt: string; expectedAt: string; lamp: { assetNumber: string }; escalations: any[] };
  };
  const board = async (headers: Record<string, string>, variables: Record<string, unknown> = {}) =>
    expectData<any>(await post(BOARD, variables, headers)).lampFaultEscalationBoard.edges.map(
      (edge: { node: Card }) => edge.node,
    ) as Card[];
  const stages = (cards: Card[]) => cards.map((card) => [card.fault.lamp.assetNumber, card.stage]);
  const SWEEP = `mutation($place: ID!) { runLampFaultEscalationSweep(input: { placeId: $place }) { escalated { stage since nextStepDueAt fault { lamp { assetNumber } } } } }`;
  const SET_SLA = `mutation($code: LampFaultServiceCode!, $hours: Int!) { setLampFaultSla(input: { serviceCode: $code, slaHours: $hours }) { lampFaultService { serviceCode slaHours } rescheduledFaults } }`;
  const HOUR = 3600 * 1000;
  const hoursBetween = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / HOUR;

  beforeAll(async () => {
    fed = await startFederation(clock);
    const org = fed.organization.connection;
    const community = async (name: string) => String((await org.collection('communities').findOne({ name }))!._id);
    id.彩莲社区 = await community('彩莲社区');
    id.淞源社区 = await community('淞源社区');
  });
  afterAll(() => fed?.stop());

  it('shows the demo faults at every stage, the oldest report first, with since when and who must report in', async () => {
    const street = await as('demo:street-staff');
    const cailian = await board(street, { place: id.彩莲社区 });
    expect(stages(cailian)).toEqual([
      ['XT-LH2-002', 'PAST_SLA'],
      ['XT-LH2-003', 'COMMUNITY_CALL'],
      ['XT-LH2-004', 'STREET_WHISTLE'],
      ['XT-LH2-001', 'WITHIN_SLA'],
    ]);
    const [pastSla, called, whistled, withinSla] = cailian;
    // Since: the SLA (flickering, 120 h), the call (72 h after a dark lamp's report), the whistle (24 h after the call).
    expect(hoursBetween(pastSla.fault.requestedAt, pastSla.since)).toBe(120);
    expect(pastSla.nextStepDueAt).toBe(pastSla.fault.expectedAt);
    expect(hoursBetween(called.fault.requestedAt, called.since)).toBe(72);
    expect(hoursBetween(called.since, called.nextStepDueAt!)).toBe(24);
    expect(hoursBetween(whistled.fault.requestedAt, whistled.since)).toBe(48);
    expect(whistled.nextStepDueAt).toBeNull();
    expect(withinSla.since).toBe(withinSla.fault.requestedAt);
    expect(new Date(withinSla.fault.expectedAt).getTime()).toBeGreaterThan(clock.now().getTime());
    for (const card of cailian) expect(card.mustReportIn).toBe('苏州工业园区城市管理局路灯管理所');

    // 淞源社区's dark lamp at 8幢: 路灯所 has reported in, the fault still open.
    const songyuan = await board(await as('demo:community-secretary'), { place: id.淞源社区 });
    expect(stages(songyuan)).toEqual([['XT-SZ7-008', 'DEPARTMENT_REPORT']]);
    expect(songyuan[0].fault.escalations.map((e: { step: string }) => e.step)).toEqual([
      'COMMUNITY_CALL',
      'STREET_WHISTLE',
      'DEPARTMENT_REPORT',
    ]);
    expect(songyuan[0].fault.escalations[2].note).toMatch(/路灯所已到场勘察/);

    // Without a place: every place the caller manages (the street covers both communities); by stage; in pages.
    expect(await board(street)).toHaveLength(5);
    expect(stages(await board(street, { stage: 'STREET_WHISTLE' }))).toEqual([['XT-LH2-004', 'STREET_WHISTLE']]);
    expect(stages(await board(street, { stage: 'WITHIN_SLA' }))).toEqual([['XT-LH2-001', 'WITHIN_SLA']]);
    const firstPage = expectData<any>(await post(BOARD, { first: 2 }, street)).lampFaultEscalationBoard;
    expect(firstPage).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const next = await board(street, { first: 3, after: firstPage.pageInfo.endCursor });
    expect(next.map((card) => card.fault.id)).not.toContain(firstPage.edges[0].node.fault.id);
    expect(next).toHaveLength(3);

    // The board is the managers': the community secretary sees her own community only, a resident nothing.
    expect(codesOf(await post(BOARD, { place: id.彩莲社区 }, await as('demo:community-secretary')))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codesOf(await post(BOARD, {}, await as('demo:resident')))).toEqual(['FORBIDDEN']);
    expect(codesOf(await post(BOARD, {}))).toEqual(['UNAUTHENTICATED']);
  });

  it('lets the street run the sweep now: what is due moves on one step, each with its event, and nothing twice', async () => {
    const street = await as('demo:street-staff');
    // The whistle is the street's: the community office may not run it.
    expect(codesOf(await post(SWEEP, { place: id.彩莲社区 }, await as('demo:community-secretary')))).toEqual([
      'FORBIDDEN',
    ]);
    const swept = expectData<any>(await post(SWEEP, { place: id.彩莲社区 }, street)).runLampFaultEscalationSweep;
    expect(swept.escalated).toEqual([
      {
        stage: 'COMMUNITY_CALL',
        since: clock.now().toISOString(),
        nextStepDueAt: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
        fault: { lamp: { assetNumber: 'XT-LH2-002' } },
      },
    ]);
    expect(expectData<any>(await post(SWEEP, { place: id.彩莲社区 }, street)).runLampFaultEscalationSweep).toEqual({
      escalated: [],
    });

    // XT-LH2-003 was called on 8 hours before the demo was loaded: its whistle is due 16 hours on, LH2-002's in 24.
    clock.advance(17);
    const whistled = expectData<any>(await post(SWEEP, { place: id.彩莲社区 }, street)).runLampFaultEscalationSweep;
    expect(whistled.escalated.map((card: Card) => [card.fault.lamp.assetNumber, card.stage])).toEqual([
      ['XT-LH2-003', 'STREET_WHISTLE'],
    ]);
    expect(stages(await board(street, { place: id.彩莲社区 }))).toEqual([
      ['XT-LH2-002', 'COMMUNITY_CALL'],
      ['XT-LH2-003', 'STREET_WHISTLE'],
      ['XT-LH2-004', 'STREET_WHISTLE'],
      ['XT-LH2-001', 'WITHIN_SLA'],
    ]);
    const events = await fed.facilities.connection
      .collection('outbox')
      .find({ 'envelope.type': 'facilities.lamp.fault-escalated' })
      .sort({ _id: 1 })
      .toArray();
    expect(events.map((record) => [record.envelope.payload.step, record.envelope.actor.id])).toEqual([
      ['COMMUNITY_CALL', 'demo:street-staff'],
      ['STREET_WHISTLE', 'demo:street-staff'],
    ]);
  });

  it('takes a changed SLA as data: the sweep, new reports and the open faults not yet called on follow it', async () => {
    const street = await as('demo:street-staff');
    const SERVICES = `{ lampFaultServices { serviceCode slaHours } }`;
    expect(expectData<any>(await post(SERVICES, {})).lampFaultServices).toContainEqual({
      serviceCode: 'LAMP_OUT',
      slaHours: 72,
    });
    expect(codesOf(await post(SET_SLA, { code: 'LAMP_OUT', hours: 4 }, await as('demo:community-secretary')))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codesOf(await post(SET_SLA, { code: 'LAMP_OUT', hours: 0 }, street))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await post(SET_SLA, { code: 'LAMP_OUT', hours: 721 }, street))).toEqual(['BAD_USER_INPUT']);

    // A dark lamp in four hours, not three days. XT-LH2-001 (reported 23 hours ago, not yet called on) is now past
    // it; XT-LH2-003 and XT-SZ7-008, already escalated, keep their steps.
    const set = expectData<any>(await post(SET_SLA, { code: 'LAMP_OUT', hours: 4 }, street)).setLampFaultSla;
    expect(set).toEqual({ lampFaultService: { serviceCode: 'LAMP_OUT', slaHours: 4 }, rescheduledFaults: 1 });
    expect(expectData<any>(await post(SERVICES, {})).lampFaultServices).toContainEqual({
      serviceCode: 'LAMP_OUT',
      slaHours: 4,
    });
    const [rescheduled] = await board(street, { place: id.彩莲社区, stage: 'PAST_SLA' });
    expect(rescheduled.fault.lamp.assetNumber).toBe('XT-LH2-001');
    expect(hoursBetween(rescheduled.fault.requestedAt, rescheduled.fault.expectedAt)).toBe(4);
    const changed = await fed.facilities.connection
      .collection('outbox')
      .findOne({ 'envelope.type': 'facilities.lamp.fault-sla-changed' });
    expect(changed!.envelope).toMatchObject({
      actor: { id: 'demo:street-staff' },
      payload: { serviceCode: 'LAMP_OUT', slaHours: 4, previousSlaHours: 72, rescheduledFaults: 1 },
    });

    // A new report of a dark lamp is expected within the new SLA, and the periodic sweep calls on it after it.
    const lamp = await fed.facilities.connection.collection('lamps').findOne({ assetNumber: 'XT-SZ7-007' });
    const reported = expectData<any>(
      await post(
        `mutation($lamp: ID!) { reportLampFault(input: { lampId: $lamp, serviceCode: LAMP_OUT, description: "7幢旁路灯不亮" }) { lampFault { id requestedAt expectedAt } } }`,
        { lamp: String(lamp!._id) },
        await as('demo:resident'),
      ),
    ).reportLampFault.lampFault;
    expect(hoursBetween(reported.requestedAt, reported.expectedAt)).toBe(4);
    const sweep = fed.facilities.app.get(FaultEscalationService);
    expect(await sweep.sweep()).toBe(1); // XT-LH2-001, past its new SLA
    clock.advance(3);
    expect(await sweep.sweep()).toBe(0);
    clock.advance(1.5);
    expect(await sweep.sweep()).toBe(1); // the new report, 4.5 hours on
    const songyuan = await board(street, { place: id.淞源社区 });
    expect(stages(songyuan)).toEqual([
      ['XT-SZ7-008', 'DEPARTMENT_REPORT'],
      ['XT-SZ7-007', 'COMMUNITY_CALL'],
    ]);
  });
});

import { connectTestDatabase, loadOrganizationDemoData, ORGANIZATION_TEST_DATABASE } from '@gongzhi/testing';
import type { Connection } from 'mongoose';
import { loadDemoData } from '../src/demo/load-demo-data';

/** facilities' demo data, on top of organization's as `npm start` loads them: lamps, rooms, lots, plots, a ledger. */
describe('facilities demo data', () => {
  let organization: Connection;
  let facilities: Connection;
  const lines: string[] = [];
  const count = (collection: string, filter: Record<string, unknown> = {}) =>
    facilities.collection(collection).countDocuments(filter);

  beforeAll(async () => {
    await loadOrganizationDemoData();
    organization = await connectTestDatabase(ORGANIZATION_TEST_DATABASE);
    facilities = await connectTestDatabase('facilities');
    await loadDemoData(facilities, organization, (line) => lines.push(line));
  });
  afterAll(async () => {
    await facilities?.close();
    await organization?.close();
  });

  it('knows every place and co-building agreement of organization’s demo', async () => {
    for (const [collection, kind] of [
      ['communities', 'COMMUNITY'],
      ['compounds', 'COMPOUND'],
      ['buildings', 'BUILDING'],
      ['households', 'HOUSEHOLD'],
    ]) {
      expect(await count('known_places', { kind })).toBe(await organization.collection(collection).countDocuments());
    }
    const agreements = await organization
      .collection('partner_units')
      .aggregate([{ $unwind: '$agreements' }, { $count: 'n' }])
      .toArray();
    expect(await count('partner_agreements')).toBe(agreements[0].n);
  });

  it('gives the compounds of the field reports lamps, rooms, parking lots, garden plots and a shared-cost ledger', async () => {
    const qiqu = (await organization.collection('compounds').findOne({ name: '淞泽家园七区' }))!;
    expect(await count('lamps', { compoundId: qiqu._id })).toBe(8);
    expect(await count('lamps', { assetNumber: /^HS-LG-/ })).toBe(6);
    expect(await facilities.collection('rooms').distinct('name')).toEqual(
      expect.arrayContaining(['乐邻驿站 象棋室', '乐邻驿站 图书馆', '党群会客厅 活力社']),
    );
    const lot = (await facilities.collection('parking_lots').findOne({ name: '淞泽家园七区 地面停车场' }))!;
    expect(lot.capacity).toBe(await count('parking_spaces', { lotId: lot._id }));
    expect(await count('garden_plots', { name: /南门共享花圃/ })).toBe(4);
    // Open lamp faults at every stage of 社区呼叫 → 街道吹哨 → 部门报到 (the escalation board's spec reads them).
    const faults = await facilities.collection('lamp_faults').find().toArray();
    expect(faults.map((fault) => fault.escalations.length).sort()).toEqual([0, 0, 1, 2, 3]);
    const ledger = (await facilities.collection('cost_shares').findOne({ title: '智能道杆安装' }))!;
    expect(ledger.shares.reduce((total: number, share: { dueFen: number }) => total + share.dueFen, 0)).toBe(
      ledger.totalFen,
    );
  });

  it('records no events and loads idempotently: a second run adds nothing', async () => {
    const LOADED = [
      'known_places',
      'lamps',
      'lamp_faults',
      'rooms',
      'parking_lots',
      'parking_spaces',
      'garden_plots',
      'cost_shares',
    ];
    expect(await count('outbox')).toBe(0);
    const before = await Promise.all(LOADED.map((c) => count(c)));
    const again: string[] = [];
    await loadDemoData(facilities, organization, (line) => again.push(line));
    expect(await Promise.all(LOADED.map((c) => count(c)))).toEqual(before);
    expect(again.every((line) => / 0 |skipped/.test(line))).toBe(true);
  });
});

import {
  buildingRegistered,
  communityRegistered,
  compoundRegistered,
  householdRegistered,
  lampRegistered,
  residentMovedIn,
} from '@gongzhi/contracts';
import { personActor, waitFor, within } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { type DeliberationUnderTest, startDeliberation, startSubgraphEvents } from './deliberation.harness';

const newId = () => new Types.ObjectId().toHexString();

export type Building = '七区3幢' | '七区4幢' | '八区1幢';

export interface HouseholdPlan {
  building: Building;
  room: string;
  floorArea: number;
  /** Adults living there by name; the first is the owner, unless the household is let to `tenants`. */
  residents: string[];
  tenants?: boolean;
  /** A child living there (not on residents' rolls). */
  child?: string;
}

/**
 * A piece of 淞源社区 as organization announces it in events: 淞泽家园七区 (3幢, 4幢; a property company) and 淞泽家园八区
 * (1幢; self-managed), with the households and residents a spec asks for. Resolves once deliberation has them all.
 */
export async function announceTerritory(
  org: Awaited<ReturnType<typeof startSubgraphEvents>>,
  deliberation: DeliberationUnderTest,
  plans: HouseholdPlan[],
) {
  const id: Record<'淞源社区' | '七区' | '八区' | Building, string> = {
    淞源社区: newId(),
    七区: newId(),
    八区: newId(),
    七区3幢: newId(),
    七区4幢: newId(),
    八区1幢: newId(),
  };
  const compoundOf: Record<Building, string> = { 七区3幢: id.七区, 七区4幢: id.七区, 八区1幢: id.八区 };
  await org.record(communityRegistered, { communityId: id.淞源社区, name: '淞源社区', street: '斜塘街道' });
  await org.record(compoundRegistered, {
    compoundId: id.七区,
    communityId: id.淞源社区,
    name: '淞泽家园七区',
    hasPropertyCompany: true,
  });
  await org.record(compoundRegistered, {
    compoundId: id.八区,
    communityId: id.淞源社区,
    name: '淞泽家园八区',
    hasPropertyCompany: false,
  });
  for (const building of ['七区3幢', '七区4幢', '八区1幢'] as const) {
    await org.record(buildingRegistered, {
      buildingId: id[building],
      compoundId: compoundOf[building],
      communityId: id.淞源社区,
      name: building.slice(2),
    });
  }
  const residents: Record<string, { residentId: string; householdId: string }> = {};
  const households: Record<string, string> = {};
  for (const plan of plans) {
    const place = { buildingId: id[plan.building], compoundId: compoundOf[plan.building], communityId: id.淞源社区 };
    const householdId = newId();
    households[`${plan.building}${plan.room}`] = householdId;
    await org.record(householdRegistered, {
      householdId,
      ...place,
      roomNumber: plan.room,
      floorArea: plan.floorArea,
      owners: [{ residentId: null, share: 1 }],
    });
    for (const [index, name] of plan.residents.entries()) {
      const residentId = newId();
      residents[name] = { residentId, householdId };
      const relation = plan.tenants ? 'TENANT' : index === 0 ? 'OWNER' : 'FAMILY';
      await org.record(residentMovedIn, { residentId, householdId, ...place, relation, adult: true });
    }
    if (plan.child) {
      const residentId = newId();
      residents[plan.child] = { residentId, householdId };
      await org.record(residentMovedIn, { residentId, householdId, ...place, relation: 'FAMILY', adult: false });
    }
  }
  const db = deliberation.connection;
  await waitFor(
    async () =>
      (await db.collection('territory_residents').countDocuments()) === Object.keys(residents).length &&
      (await db.collection('territory_households').countDocuments({ floorArea: { $ne: null } })) === plans.length &&
      (await db.collection('territory_places').countDocuments()) === 6,
    'the territory to reach deliberation',
  );
  const asResident = (name: string) =>
    personActor(`resident:${name}`, 'RESIDENT', within({}), { ...residents[name], name });
  return { id, residents, households, asResident };
}

/** Staff holding one role over the places named, bound to `orgUnitId`. */
export const staff = (
  subject: string,
  role: Parameters<typeof personActor>[1],
  places: Parameters<typeof within>[0],
  orgUnitId?: string,
) => personActor(subject, role, within(places), { name: subject, orgUnitId });

/** The lamps of 七区 facilities announces (ids as the specs name them), and one of another community. */
export const LAMPS = { 七区: ['lamp-7-031', 'lamp-7-032'], elsewhere: 'lamp-ms-001' } as const;

/** Facilities announcing the lamps of LAMPS: 七区's in 淞源社区, the other in 梅淞社区. */
export async function announceLamps(
  facilities: Awaited<ReturnType<typeof startSubgraphEvents>>,
  deliberation: DeliberationUnderTest,
  id: { 淞源社区: string; 七区: string },
) {
  for (const [index, lampId] of LAMPS.七区.entries()) {
    await facilities.record(lampRegistered, {
      lampId,
      assetNumber: `XT-SY7-03${index + 1}`,
      communityId: id.淞源社区,
      compoundId: id.七区,
      buildingId: null,
    });
  }
  await facilities.record(lampRegistered, {
    lampId: LAMPS.elsewhere,
    assetNumber: 'XT-MS-001',
    communityId: newId(),
    compoundId: null,
    buildingId: null,
  });
  await waitFor(
    async () => (await deliberation.connection.collection('facilities_lamps').countDocuments()) === 3,
    "facilities' lamps to reach deliberation",
  );
}

/**
 * Deliberation, with organization announcing the households and residents of `plans`, and facilities the lamps of
 * LAMPS: where most specs start.
 */
export async function startWithTerritory(plans: HouseholdPlan[]) {
  const deliberation = await startDeliberation();
  const org = await startSubgraphEvents();
  const facilities = await startSubgraphEvents('facilities');
  const territory = await announceTerritory(org, deliberation, plans);
  await announceLamps(facilities, deliberation, territory.id);
  return {
    deliberation,
    territory,
    /** Organization's side of the events: a spec announces more (a co-building agreement) through it. */
    org,
    async stop() {
      await facilities.stop();
      await org.stop();
      await deliberation.stop();
    },
  };
}

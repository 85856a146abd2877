import type { Actor, ApiKeyScope, Role } from '@gongzhi/contracts';
import { currentActor, isTrustedService, partnerMay, serviceOrRoleCovering } from '@gongzhi/platform';
import { placeOf } from '../organization-copy/place';
import { livesIn } from '../organization-copy/territory.access';
import type { ParkingLot } from './parking-lot.schema';

/**
 * Lots, their spaces and how full they are now are public, as are lotteries (摇号结果公示): anyone can check a draw.
 * Permits and visitor passes are the household's and the managers'; gate events and violations the managers'.
 */

/** Putting lots and spaces on the map. */
const LOT_REGISTRARS: readonly Role[] = ['STREET_STAFF', 'COMMUNITY_SECRETARY', 'COMPOUND_BRANCH_SECRETARY'];
/** Seeing who parks where and which cars came in. */
const PARKING_MANAGERS: readonly Role[] = [
  'STREET_STAFF',
  'COMMUNITY_SECRETARY',
  'COMPOUND_BRANCH_SECRETARY',
  'GRID_WORKER',
  'OWNERS_COMMITTEE_MEMBER',
];
/** Granting permits and revoking them: the community, the compound's branch and the owners' committee. */
const ALLOCATORS: readonly Role[] = ['COMMUNITY_SECRETARY', 'COMPOUND_BRANCH_SECRETARY', 'OWNERS_COMMITTEE_MEMBER'];
/** Recording violations: those who walk the compound. */
const WARDENS: readonly Role[] = ['COMMUNITY_SECRETARY', 'COMPOUND_BRANCH_SECRETARY', 'GRID_WORKER'];

const GATE_EVENTS_WRITE: ApiKeyScope = 'facilities:gate-events:write';

type Placed = { communityId: unknown; compoundId?: unknown; buildingId?: unknown };

export function mayRegisterLotsAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), LOT_REGISTRARS, actor);
}

export function mayManageParkingAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), PARKING_MANAGERS, actor);
}

export function mayAllocateAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), ALLOCATORS, actor);
}

export function mayRecordViolationsAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), WARDENS, actor);
}

/** The gate's vendor, with facilities:gate-events:write, in the lot's community — the lot's own vendor where it has one. */
export function mayReportGateEvents(
  lot: Placed & Pick<ParkingLot, 'gateVendorId'>,
  actor: Actor = currentActor(),
): boolean {
  if (isTrustedService(actor)) return true;
  const ownGate = lot.gateVendorId === null || String(lot.gateVendorId) === actor.partnerUnitId;
  return partnerMay(GATE_EVENTS_WRITE, placeOf(lot), actor) && ownGate;
}

/** A permit or a visitor pass: its household and the managers of its place. */
export function mayReadHouseholdParking(
  record: Placed & { householdId: unknown },
  actor: Actor = currentActor(),
): boolean {
  return livesIn(record.householdId, actor) || mayManageParkingAt(record, actor);
}

/**
 * Revoking a visitor pass: whoever may issue one for its household (a resident of it, the parking managers of its
 * place), which is who may read it.
 */
export function mayRevokeVisitorPass(pass: Placed & { householdId: unknown }, actor: Actor = currentActor()): boolean {
  return mayReadHouseholdParking(pass, actor);
}

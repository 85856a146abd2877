import type { Actor, ApiKeyScope, Place, Role } from '@gongzhi/contracts';
import {
  asObjectId,
  currentActor,
  holdsRoleCovering,
  isTrustedService,
  jurisdictionFilter,
  partnerMay,
  requirePermission,
} from '@gongzhi/platform';
import type { QueryFilter, Types } from 'mongoose';
import { placeOf } from '../organization-copy/place';
import type { ProvidedCare } from './provided-care.schema';

/**
 * Who sees and acts on care arranged for residents: orders and places in sessions. The people who look after the
 * place a resident lives in see it (a building group leader their building's); the resident and their household see
 * theirs; a provider sees only what is addressed to it — a partner with its key's scope and inside its co-building
 * communities, a volunteer as themself. Grid workers and the community office order for residents (代下单) and may
 * cancel for them.
 */
export const CARE_READERS: readonly Role[] = [
  'STREET_STAFF',
  'COMMUNITY_SECRETARY',
  'COMPOUND_BRANCH_SECRETARY',
  'BUILDING_GROUP_LEADER',
  'GRID_WORKER',
];
/** Health data: those who arrange care with it, the community office and its grid workers. */
export const HEALTH_READERS: readonly Role[] = ['COMMUNITY_SECRETARY', 'GRID_WORKER'];
export const ON_BEHALF_OF_RESIDENTS: readonly Role[] = ['COMMUNITY_SECRETARY', 'GRID_WORKER'];

const ORDERS_READ: ApiKeyScope = 'services:orders:read';
const ORDERS_ACCEPT: ApiKeyScope = 'services:orders:accept';

type CareRecord = Pick<
  ProvidedCare,
  | 'residentId'
  | 'householdId'
  | 'buildingId'
  | 'compoundId'
  | 'communityId'
  | 'serviceCommunityId'
  | 'partnerUnitId'
  | 'volunteerResidentId'
  | 'onBehalf'
>;

/** Someone of the resident's own household: the resident themself, or a family member ordering for them (a child's parent). */
export function isOfHousehold(
  resident: { _id?: unknown; residentId?: unknown; householdId: unknown },
  actor: Actor = currentActor(),
): boolean {
  if (actor.kind !== 'person') return false;
  const residentId = String(resident.residentId ?? resident._id);
  return (
    actor.residentId === residentId ||
    (actor.householdId !== undefined && actor.householdId === String(resident.householdId))
  );
}

/** The provider it is addressed to: its partner unit's key with `scope` in the community it serves it in, or the volunteer themself. */
function isProviderOf(order: CareRecord, scopes: readonly ApiKeyScope[], actor: Actor): boolean {
  if (actor.kind === 'partner') {
    const place = { communityId: String(order.serviceCommunityId) };
    return (
      order.partnerUnitId != null &&
      actor.partnerUnitId === String(order.partnerUnitId) &&
      scopes.some((scope) => partnerMay(scope, place, actor))
    );
  }
  return (
    actor.kind === 'person' &&
    order.volunteerResidentId != null &&
    actor.residentId === String(order.volunteerResidentId)
  );
}

/** `readers`: the roles that see it where the resident lives; fewer for health data (an appointment with the doctor). */
export function mayReadCare(
  order: CareRecord,
  actor: Actor = currentActor(),
  readers: readonly Role[] = CARE_READERS,
): boolean {
  return (
    isTrustedService(actor) ||
    holdsRoleCovering(placeOf(order), readers, actor) ||
    isOfHousehold(order, actor) ||
    isProviderOf(order, [ORDERS_READ, ORDERS_ACCEPT], actor)
  );
}

/** Ordering or booking for a resident: their household, or a grid worker or the community office covering where they live. */
export function mayArrangeCareFor(
  resident: Place & { _id: unknown; householdId: unknown },
  actor: Actor = currentActor(),
): boolean {
  return (
    isTrustedService(actor) ||
    isOfHousehold(resident, actor) ||
    holdsRoleCovering(resident, ON_BEHALF_OF_RESIDENTS, actor)
  );
}

/** Accepting, declining, scheduling and completing an order: the provider it is addressed to. */
export function mayHandleAsProvider(order: CareRecord, actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || isProviderOf(order, [ORDERS_ACCEPT], actor);
}

/**
 * Completing a visit logged before its scheduled time, as a recorded override (the elder asked the provider to come
 * early): the community office covering where the resident lives, not the provider excusing its own visit.
 */
export function mayOverrideVisitTime(order: CareRecord, actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || holdsRoleCovering(placeOf(order), ['COMMUNITY_SECRETARY'], actor);
}

/** Rating: the resident's household, or whoever ordered it for them. */
export function mayRate(order: CareRecord, actor: Actor = currentActor()): boolean {
  return (
    isTrustedService(actor) ||
    isOfHousehold(order, actor) ||
    (order.onBehalf && holdsRoleCovering(placeOf(order), ON_BEHALF_OF_RESIDENTS, actor))
  );
}

/** Cancelling an order or a booking: the resident's side (their household, a grid worker, the community office) or the provider. */
export function mayCancel(order: CareRecord, actor: Actor = currentActor()): boolean {
  return (
    mayArrangeCareFor({ ...placeOf(order), _id: order.residentId, householdId: order.householdId }, actor) ||
    isProviderOf(order, [ORDERS_ACCEPT], actor)
  );
}

/**
 * What the caller may list, as a filter: the care of the places their roles cover, their household's, and what is
 * addressed to them as a provider. FORBIDDEN when that is nothing at all (a partner key without an orders scope).
 */
export function careListFilter(
  actor: Actor = currentActor(),
  readers: readonly Role[] = CARE_READERS,
): QueryFilter<ProvidedCare> {
  if (isTrustedService(actor)) return {};
  const clauses: QueryFilter<ProvidedCare>[] = [];
  if (actor.kind === 'partner') {
    const communities = jurisdictionFilter(['PARTNER'], actor, { communityId: 'serviceCommunityId' }, asObjectId);
    const scoped = actor.scopes.includes(ORDERS_READ) || actor.scopes.includes(ORDERS_ACCEPT);
    if (scoped && communities && actor.partnerUnitId)
      clauses.push({ partnerUnitId: objectId(actor.partnerUnitId), ...communities });
  } else if (actor.kind === 'person') {
    const covered = jurisdictionFilter(readers, actor, undefined, asObjectId);
    if (covered) clauses.push(covered);
    if (actor.residentId)
      clauses.push({ residentId: objectId(actor.residentId) }, { volunteerResidentId: objectId(actor.residentId) });
    if (actor.householdId) clauses.push({ householdId: objectId(actor.householdId) });
  }
  requirePermission(clauses.length > 0, actor);
  return clauses.length === 1 ? clauses[0] : { $or: clauses };
}

const objectId = (id: string) => asObjectId(id) as Types.ObjectId;

/** Whether the caller's roles reach into a community or building they name in a list (else the list is FORBIDDEN). */
export function reachesPlace(place: Place, actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || holdsRoleCovering(place, [...CARE_READERS, 'PARTNER'], actor);
}

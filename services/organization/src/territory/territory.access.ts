import type { Actor, ApiKeyScope, Jurisdiction, Place, Role } from '@gongzhi/contracts';
import {
  asObjectId,
  currentActor,
  holdsRole,
  holdsRoleCovering,
  isTrustedService,
  jurisdictionFilter,
  partnerMay,
  refusalFor,
  requirePermission,
  serviceOrRoleCovering,
} from '@gongzhi/platform';
import type { QueryFilter } from 'mongoose';
import { AgeBand, type Building, type Compound, type Household, type Resident } from './territory.schema';

/**
 * Who sees and changes what in the territory. Communities, compounds and buildings are public; households and
 * residents are personal data, seen by the roles that look after the place they are in, by the residents themselves,
 * and by partners whose key carries the scope, inside their co-building communities.
 */

/** Households: the street, the community, its branches and building groups, grid workers and the owners' committee. */
export const HOUSEHOLD_READERS: readonly Role[] = [
  'STREET_STAFF',
  'COMMUNITY_SECRETARY',
  'COMPOUND_BRANCH_SECRETARY',
  'BUILDING_GROUP_LEADER',
  'GRID_WORKER',
  'OWNERS_COMMITTEE_MEMBER',
];
/** Residents: the same but the owners' committee, whose business is property, not people. */
const RESIDENT_READERS: readonly Role[] = HOUSEHOLD_READERS.filter((role) => role !== 'OWNERS_COMMITTEE_MEMBER');
/** Whole phone numbers: those who must call residents. */
const PHONE_READERS: readonly Role[] = ['COMMUNITY_SECRETARY', 'GRID_WORKER', 'BUILDING_GROUP_LEADER'];
/** Whole ID numbers: the community office, for the formalities that need them. */
const ID_NUMBER_READERS: readonly Role[] = ['COMMUNITY_SECRETARY'];
/** Registering households and moving residents in and out: the community office and its grid workers. */
const REGISTRARS: readonly Role[] = ['COMMUNITY_SECRETARY', 'GRID_WORKER'];
/** Communities, compounds and buildings are put on the map by the street. */
const TERRITORY_BUILDERS: readonly Role[] = ['STREET_STAFF'];

const HOUSEHOLDS_READ: ApiKeyScope = 'organization:households:read';
const RESIDENTS_READ: ApiKeyScope = 'organization:residents:read';

/** PIPL: everything about a child under 14 is sensitive. */
const CHILD_AGE_BANDS: readonly AgeBand[] = [AgeBand.UNDER_6, AgeBand.AGE_6_TO_13];
const NOT_A_CHILD: QueryFilter<Resident> = { ageBand: { $nin: [...CHILD_AGE_BANDS] } };

export function isChildUnder14(resident: Pick<Resident, 'ageBand'>): boolean {
  return CHILD_AGE_BANDS.includes(resident.ageBand);
}

/** 18 or over: who takes part in residents' votes. */
export function isAdult(resident: Pick<Resident, 'ageBand'>): boolean {
  return ![...CHILD_AGE_BANDS, AgeBand.AGE_14_TO_17].includes(resident.ageBand);
}

/** Where a household or resident sits (they carry the ids of every level above them). */
export function placeOf(entity: Pick<Household, 'communityId' | 'compoundId' | 'buildingId'>): Place {
  return {
    communityId: String(entity.communityId),
    compoundId: String(entity.compoundId),
    buildingId: String(entity.buildingId),
  };
}

export function placeOfBuilding(building: Pick<Building, 'communityId' | 'compoundId'> & { _id: unknown }): Place {
  return {
    communityId: String(building.communityId),
    compoundId: String(building.compoundId),
    buildingId: String(building._id),
  };
}

export function placeOfCompound(compound: Pick<Compound, 'communityId'> & { _id: unknown }): Place {
  return { communityId: String(compound.communityId), compoundId: String(compound._id) };
}

type ResidentRecord = Pick<
  Resident,
  'communityId' | 'compoundId' | 'buildingId' | 'householdId' | 'ageBand' | 'movedOutAt'
> & { _id: unknown };
type HouseholdRecord = Pick<Household, 'communityId' | 'compoundId' | 'buildingId'> & { _id: unknown };

export function isResidentThemself(resident: Pick<ResidentRecord, '_id'>, actor: Actor = currentActor()): boolean {
  return actor.kind === 'person' && actor.residentId !== undefined && actor.residentId === String(resident._id);
}

/** Lives in the caller's household now (a former member's record is no longer theirs to see). */
export function livesWithCaller(
  resident: Pick<ResidentRecord, 'householdId' | 'movedOutAt'>,
  actor: Actor = currentActor(),
): boolean {
  return (
    actor.kind === 'person' &&
    actor.householdId !== undefined &&
    actor.householdId === String(resident.householdId) &&
    !resident.movedOutAt
  );
}

function isCallersHousehold(household: Pick<HouseholdRecord, '_id'>, actor: Actor): boolean {
  return actor.kind === 'person' && actor.householdId !== undefined && actor.householdId === String(household._id);
}

export function mayReadHousehold(household: HouseholdRecord, actor: Actor = currentActor()): boolean {
  const place = placeOf(household);
  return (
    isTrustedService(actor) ||
    holdsRoleCovering(place, HOUSEHOLD_READERS, actor) ||
    isCallersHousehold(household, actor) ||
    partnerMay(HOUSEHOLDS_READ, place, actor)
  );
}

export function mayReadResident(resident: ResidentRecord, actor: Actor = currentActor()): boolean {
  const place = placeOf(resident);
  return (
    isTrustedService(actor) ||
    holdsRoleCovering(place, RESIDENT_READERS, actor) ||
    isResidentThemself(resident, actor) ||
    livesWithCaller(resident, actor) ||
    (partnerMay(RESIDENTS_READ, place, actor) && !isChildUnder14(resident))
  );
}

export function mayReadPhone(resident: ResidentRecord, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(resident), PHONE_READERS, actor) || isResidentThemself(resident, actor);
}

export function mayReadIdNumber(resident: ResidentRecord, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(resident), ID_NUMBER_READERS, actor) || isResidentThemself(resident, actor);
}

/** The households of a building the caller may list: all of them, only their own, or none (FORBIDDEN). */
export function householdsOfBuildingFilter(building: Place, actor: Actor = currentActor()): QueryFilter<Household> {
  if (serviceOrRoleCovering(building, HOUSEHOLD_READERS, actor) || partnerMay(HOUSEHOLDS_READ, building, actor))
    return {};
  if (actor.kind === 'person' && actor.householdId) return { _id: asObjectId(actor.householdId) };
  throw refusalFor(actor);
}

/** The residents of a household the caller may list: all (staff covering it, its own members), all but children (a partner), or none (FORBIDDEN). */
export function residentsOfHouseholdFilter(
  household: HouseholdRecord,
  actor: Actor = currentActor(),
): QueryFilter<Resident> {
  const place = placeOf(household);
  if (serviceOrRoleCovering(place, RESIDENT_READERS, actor) || isCallersHousehold(household, actor)) return {};
  requirePermission(partnerMay(RESIDENTS_READ, place, actor), actor);
  return NOT_A_CHILD;
}

/** Where the caller may list residents, as a filter and as the places it reaches into. */
export interface ResidentListReach {
  filter: QueryFilter<Resident>;
  /** null: everywhere (a service). */
  jurisdictions: Jurisdiction[] | null;
  householdId: string | null;
}

/**
 * Services see residents everywhere; staff inside the jurisdictions of their resident-reading roles; a partner whose
 * key has the scope inside its communities, never children; a registered resident their own household. FORBIDDEN
 * when that is nowhere.
 */
export function residentListReach(
  actor: Actor = currentActor(),
  byNumber: { phone?: string; idNumber?: string } = {},
): ResidentListReach {
  if (isTrustedService(actor)) return { filter: {}, jurisdictions: null, householdId: null };
  const isPartner = actor.kind === 'partner';
  // Finding someone by a whole number is for those who may see whole numbers, where they may: never a partner,
  // nor a resident for their household (a match would tell them the number).
  const numberReaders = byNumber.idNumber ? ID_NUMBER_READERS : byNumber.phone ? PHONE_READERS : null;
  requirePermission(!isPartner || (!numberReaders && actor.scopes.includes(RESIDENTS_READ)), actor);
  const roles: readonly Role[] = isPartner ? ['PARTNER'] : (numberReaders ?? RESIDENT_READERS);
  const householdId = actor.kind === 'person' && !numberReaders ? (actor.householdId ?? null) : null;
  const clauses = [
    jurisdictionFilter(roles, actor, undefined, asObjectId),
    householdId && { householdId: asObjectId(householdId) },
  ].filter((clause): clause is QueryFilter<Resident> => Boolean(clause));
  requirePermission(clauses.length > 0, actor);
  const inReach = clauses.length === 1 ? clauses[0] : { $or: clauses };
  return {
    filter: isPartner ? { $and: [inReach, NOT_A_CHILD] } : inReach,
    jurisdictions: actor.roles.filter((grant) => roles.includes(grant.role)).map((grant) => grant.jurisdiction),
    householdId,
  };
}

export function mayCreateCommunity(actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || holdsRole(TERRITORY_BUILDERS, actor);
}

/** Adding a compound to a community or a building to a compound; null: the place does not exist. */
export function mayBuildIn(place: Place | null, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(place, TERRITORY_BUILDERS, actor);
}

/** Registering a household in a building, moving a resident in or out; null: the place does not exist. */
export function mayRegisterPeopleAt(place: Place | null, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(place, REGISTRARS, actor);
}

import { ownerVoters } from '../vote-counting/owner-roll';
import type { TerritoryHousehold, TerritoryResident } from '../organization-copy/territory.schema';

/** A roll entry before it is stored with its vote. */
export interface RollEntry {
  key: string;
  householdIds: string[];
  residentIds: string[];
  /** Where the voter's units are (or where they live): staff covering them take their paper ballots. */
  compoundIds: string[];
  buildingIds: string[];
  /** Hundredths of a square metre. */
  area: number;
}

/**
 * The owners of a household as the roll counts them: the property register's owners, with the residents who moved in
 * as owner standing for the owners the register knows only by name (in order), or being the owners when the register
 * named none.
 */
export function linkedOwners(
  household: Pick<TerritoryHousehold, 'owners' | 'ownerResidentIds'>,
): { residentId: string | null }[] {
  const registered = household.owners.map((owner) => owner.residentId);
  const standIns = household.ownerResidentIds.filter((id) => !registered.includes(id));
  if (registered.length === 0) return standIns.map((residentId) => ({ residentId }));
  return registered.map((residentId) => ({ residentId: residentId ?? standIns.shift() ?? null }));
}

/** The owners' roll of the households inside a place (each with a floor area; the caller checks there is one). */
export function ownersRoll(households: readonly TerritoryHousehold[]): RollEntry[] {
  const byId = new Map(households.map((household) => [household._id, household]));
  const voters = ownerVoters(
    households.map((household) => ({
      householdId: household._id,
      floorArea: household.floorArea ?? 0,
      owners: linkedOwners(household),
    })),
  );
  return voters.map((voter) => {
    const units = voter.householdIds.map((id) => byId.get(id)!);
    return {
      ...voter,
      compoundIds: distinct(units.map((unit) => unit.compoundId)),
      buildingIds: distinct(units.map((unit) => unit.buildingId)),
    };
  });
}

/** The residents' roll: one head per adult living inside the place. */
export function residentsRoll(residents: readonly TerritoryResident[]): RollEntry[] {
  return residents.map((resident) => ({
    key: `resident:${resident._id}`,
    householdIds: [resident.householdId],
    residentIds: [resident._id],
    compoundIds: [resident.compoundId],
    buildingIds: [resident.buildingId],
    area: 0,
  }));
}

const distinct = (ids: string[]) => [...new Set(ids)];

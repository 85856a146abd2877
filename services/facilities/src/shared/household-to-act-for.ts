import { currentActor, InvalidInputError, requirePermission, type RequestLoaders } from '@gongzhi/platform';
import type { HouseholdPlaceIds } from '../organization-copy/place';
import { livesIn } from '../organization-copy/territory.access';
import type { TerritoryService } from '../organization-copy/territory.service';

export interface ActingForHousehold {
  /** The household the input names, if it names one. */
  named: string | undefined;
  /** Whether the caller manages the facility's place (and so may act for any household living there). */
  managesPlace: () => boolean;
  /** Whether the household lives where the facility is. */
  livesThere: (household: HouseholdPlaceIds) => boolean;
  /** The error for a household that lives elsewhere (`<ENTITY>.INVALID_HOUSEHOLD`). */
  livesElsewhere: (householdId: string) => Error;
}

/**
 * The household a caller acts for, as a parking permit, a visitor pass and a garden claim are had: a resident for
 * their own (the one they live in when the input names none), the managers of the facility's place for any
 * household living there. Refuses with FORBIDDEN before telling anything about a household the caller may not act
 * for.
 */
export async function householdToActFor(
  territory: TerritoryService,
  loaders: RequestLoaders,
  { named, managesPlace, livesThere, livesElsewhere }: ActingForHousehold,
): Promise<HouseholdPlaceIds> {
  const householdId = named ?? currentActor().householdId;
  if (!householdId) {
    requirePermission(managesPlace());
    throw new InvalidInputError([
      { field: 'householdId', problem: 'is required: only a registered resident acts for their own without naming it' },
    ]);
  }
  const household = await territory.household(loaders, householdId);
  requirePermission(livesIn(householdId) || managesPlace());
  if (!livesThere(household)) throw livesElsewhere(householdId);
  return household;
}

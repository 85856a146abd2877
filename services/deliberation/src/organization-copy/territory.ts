import type { Actor, Place } from '@gongzhi/contracts';

/** Anything that sits in the territory: a motion, a council, a household. */
export interface Situated {
  communityId: string;
  compoundId?: string | null;
  buildingId?: string | null;
}

export function placeOf(entity: Situated): Place {
  return {
    communityId: entity.communityId,
    compoundId: entity.compoundId ?? null,
    buildingId: entity.buildingId ?? null,
  };
}

/** Whether someone living at `residence` lives inside `place` (a community, or a compound or building of it). */
export function livesInside(residence: Place | null, place: Situated): boolean {
  return (
    residence !== null &&
    residence.communityId === place.communityId &&
    (!place.compoundId || residence.compoundId === place.compoundId) &&
    (!place.buildingId || residence.buildingId === place.buildingId)
  );
}

/** A filter for the things whose place contains `residence`: its community's, its compound's and its building's. */
export function containing(residence: Place): Record<string, unknown> {
  return {
    communityId: residence.communityId,
    compoundId: { $in: [null, residence.compoundId] },
    buildingId: { $in: [null, residence.buildingId] },
  };
}

/** A filter for the households or residents inside `place`. */
export function inside(place: Situated): Record<string, string> {
  return {
    communityId: place.communityId,
    ...(place.compoundId && { compoundId: place.compoundId }),
    ...(place.buildingId && { buildingId: place.buildingId }),
  };
}

/** The resident record a signed-in person acts as, if any. */
export function residentIdOf(actor: Actor): string | null {
  return actor.kind === 'person' ? (actor.residentId ?? null) : null;
}

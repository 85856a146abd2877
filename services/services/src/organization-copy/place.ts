import type { Place } from '@gongzhi/contracts';

/** Where an entity sits, from the place ids it carries (every level it knows of). */
export function placeOf(entity: { communityId: unknown; compoundId?: unknown; buildingId?: unknown }): Place {
  return {
    communityId: String(entity.communityId),
    compoundId: entity.compoundId == null ? null : String(entity.compoundId),
    buildingId: entity.buildingId == null ? null : String(entity.buildingId),
  };
}

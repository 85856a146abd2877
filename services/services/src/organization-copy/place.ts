import type { Place } from '@gongzhi/contracts';
import type { Types } from 'mongoose';
import type { PlaceKind } from './directory.schema';

/** A community, compound or building a client named by `placeId`, with its own id and the ids above it. */
export interface KnownPlace {
  kind: PlaceKind;
  communityId: Types.ObjectId;
  compoundId: Types.ObjectId | null;
  buildingId: Types.ObjectId | null;
}

/** The filter for "in this community, compound or building" over records that keep the ids of where they are. */
export function inside(place: KnownPlace): Record<string, Types.ObjectId> {
  if (place.buildingId) return { buildingId: place.buildingId };
  if (place.compoundId) return { compoundId: place.compoundId };
  return { communityId: place.communityId };
}

/** Where an entity sits, from the place ids it carries (every level it knows of). */
export function placeOf(entity: { communityId: unknown; compoundId?: unknown; buildingId?: unknown }): Place {
  return {
    communityId: String(entity.communityId),
    compoundId: entity.compoundId == null ? null : String(entity.compoundId),
    buildingId: entity.buildingId == null ? null : String(entity.buildingId),
  };
}

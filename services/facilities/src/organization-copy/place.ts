import type { Place } from '@gongzhi/contracts';
import { Types } from 'mongoose';

/**
 * Where a facility or a record sits, down to the level it has: every entity of this service stores the ids of all
 * the levels above it, so "may this caller see it" is decided in memory and "everything in this compound" is one
 * indexed query.
 */
export interface PlaceIds {
  communityId: Types.ObjectId;
  compoundId: Types.ObjectId | null;
  buildingId: Types.ObjectId | null;
}

export interface HouseholdPlaceIds extends PlaceIds {
  compoundId: Types.ObjectId;
  buildingId: Types.ObjectId;
  householdId: Types.ObjectId;
}

/** The place of an entity, as the access helpers of @gongzhi/platform compare it with jurisdictions. */
export function placeOf(entity: { communityId: unknown; compoundId?: unknown; buildingId?: unknown }): Place {
  return {
    communityId: String(entity.communityId),
    compoundId: entity.compoundId == null ? null : String(entity.compoundId),
    buildingId: entity.buildingId == null ? null : String(entity.buildingId),
  };
}

/** The ObjectId an id of organization's spells, or null when it spells none (then nothing can match it). */
export function objectIdOrNull(id: string): Types.ObjectId | null {
  return Types.ObjectId.isValid(id) && String(new Types.ObjectId(id)) === id ? new Types.ObjectId(id) : null;
}

import { type RequestLoaders, isTrustedService, requirePermission } from '@gongzhi/platform';
import type { DirectoryResidentDocument } from '../organization-copy/directory.schema';
import type { ResidentDirectory } from '../organization-copy/directory.service';
import { placeOf } from '../organization-copy/place';
import { mayArrangeCareFor } from './care-records.access';

/**
 * The resident an order or booking is for, once the caller may arrange care for them: FORBIDDEN comes first (a
 * stranger learns nothing about an id), then RESIDENT.NOT_FOUND or RESIDENT.MOVED_OUT.
 */
export async function residentToCareFor(
  directory: ResidentDirectory,
  loaders: RequestLoaders,
  residentId: string,
): Promise<DirectoryResidentDocument> {
  const known = await directory.resident(loaders, residentId);
  requirePermission(
    known?.communityId
      ? mayArrangeCareFor({ ...placeOf(known), _id: known._id, householdId: known.householdId })
      : isTrustedService(),
  );
  return directory.livingResident(loaders, residentId);
}

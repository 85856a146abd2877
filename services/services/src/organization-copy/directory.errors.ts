import { DomainError, NotFoundError } from '@gongzhi/platform';

export const DirectoryErrors = {
  communityNotFound: (id: string) => new NotFoundError('Community', id),
  /** A `placeId` that names no community, compound or building organization announced. */
  placeNotFound: (id: string) =>
    new DomainError('PLACE.NOT_FOUND', `No community, compound or building ${id} is known here`, { id }),
  residentNotFound: (id: string) =>
    new DomainError('RESIDENT.NOT_FOUND', `Resident ${id} is not registered as living in any community`, { id }),
  partnerUnitNotFound: (id: string) => new NotFoundError('PartnerUnit', id),
  residentMovedOut: (id: string) => new DomainError('RESIDENT.MOVED_OUT', `Resident ${id} has moved out`, { id }),
};

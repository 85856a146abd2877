import { DomainError, NotFoundError } from '@gongzhi/platform';

export const DirectoryErrors = {
  communityNotFound: (id: string) => new NotFoundError('Community', id),
  buildingNotFound: (id: string) => new NotFoundError('Building', id),
  residentNotFound: (id: string) =>
    new DomainError('RESIDENT.NOT_FOUND', `Resident ${id} is not registered as living in any community`, { id }),
  partnerUnitNotFound: (id: string) => new NotFoundError('PartnerUnit', id),
  residentMovedOut: (id: string) => new DomainError('RESIDENT.MOVED_OUT', `Resident ${id} has moved out`, { id }),
};

import { DomainError, NotFoundError } from '@gongzhi/platform';

export const TerritoryErrors = {
  communityNotFound: (id: string) => new NotFoundError('Community', id),
  compoundNotFound: (id: string) => new NotFoundError('Compound', id),
  buildingNotFound: (id: string) => new NotFoundError('Building', id),
  householdNotFound: (id: string) => new NotFoundError('Household', id),
  residentNotFound: (id: string) => new NotFoundError('Resident', id),
  placeNotFound: (id: string) =>
    new DomainError('PLACE.NOT_FOUND', `No community, compound or building ${id} is registered`, {
      id,
      kinds: ['COMMUNITY', 'COMPOUND', 'BUILDING'],
    }),
  alreadyExists: (what: string, name: string) =>
    new DomainError(`${what.toUpperCase()}.ALREADY_EXISTS`, `${what} ${name} is already registered here`, { name }),
  ownerSharesMustAddUpToOne: (total: number) =>
    new DomainError('HOUSEHOLD.INVALID_OWNER_SHARES', `Owners' shares add up to ${total}, not 1`, { total }),
  ageBandOrBirthDate: () =>
    new DomainError('RESIDENT.INVALID_AGE_BAND', 'Give the age band or the date of birth (or both, agreeing)'),
  ageBandDisagrees: (given: string, byBirthDate: string) =>
    new DomainError(
      'RESIDENT.INVALID_AGE_BAND',
      `The age band ${given} disagrees with the date of birth, which makes the resident ${byBirthDate}`,
      { ageBand: given, byBirthDate },
    ),
  birthDateOutOfRange: (maxYears: number) =>
    new DomainError('RESIDENT.INVALID_BIRTH_DATE', `A date of birth lies in the past, at most ${maxYears} years ago`, {
      maxYears,
    }),
  ownerWithoutName: (index: number) =>
    new DomainError(
      'HOUSEHOLD.INVALID_OWNERS',
      `Owner ${index + 1} has neither a name nor a residentId: give the resident, or the name on the property register`,
      { index },
    ),
  ownerListedTwice: (residentId: string) =>
    new DomainError(
      'HOUSEHOLD.INVALID_OWNERS',
      `Resident ${residentId} is listed twice among the owners: give one share`,
      {
        residentId,
      },
    ),
  alreadyMovedOut: (id: string) =>
    new DomainError('RESIDENT.ALREADY_MOVED_OUT', `Resident ${id} has already moved out`, { id }),
};

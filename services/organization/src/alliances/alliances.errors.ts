import { DomainError, NotFoundError } from '@gongzhi/platform';

/** The ways forming, changing or dissolving an alliance can be refused; each code is part of the API contract. */
export const AllianceErrors = {
  notFound: (id: string) => new NotFoundError('Alliance', id),
  alreadyExists: (name: string) =>
    new DomainError('ALLIANCE.ALREADY_EXISTS', `An alliance called ${name} already exists`, { name }),
  changedMeanwhile: () =>
    new DomainError(
      'ALLIANCE.CHANGED_MEANWHILE',
      'The alliance was changed by someone else at the same moment; look again and retry',
    ),
  dissolved: (id: string) =>
    new DomainError('ALLIANCE.DISSOLVED', 'The alliance is dissolved: it takes no more changes', { allianceId: id }),
  tooFewMembers: () =>
    new DomainError('ALLIANCE.TOO_FEW_MEMBERS', 'An alliance joins at least two different communities'),
  invalidLeadingUnit: (id: string) =>
    new DomainError(
      'ALLIANCE.INVALID_LEADING_UNIT',
      'An alliance is led by a street: a tier 1 or tier 2 unit of the tree (a 街道大工委, or a street or 邻里大党委 below it)',
      { leadingUnitId: id },
    ),
  memberOutsideStreet: (communityIds: string[]) =>
    new DomainError(
      'ALLIANCE.INVALID_MEMBER',
      'Every member community lies under the leading street (its own or one its staff administer)',
      { communityIds },
    ),
};

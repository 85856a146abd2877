import { DomainError, NotFoundError } from '@gongzhi/platform';
import { CommunityList } from './three-lists.schema';

export const ThreeListsErrors = {
  itemNotFound: (id: string) => new NotFoundError('CommunityListItem', id),
  projectNotFound: (id: string) => new NotFoundError('CoBuildingProject', id),
  communityNotFound: (id: string) => new NotFoundError('Community', id),
  partnerUnitNotFound: (id: string) => new NotFoundError('PartnerUnit', id),
  /** A need that is not a need, a resource that is not a resource, or one of another community. */
  wrongItem: (field: string, id: string, expected: CommunityList) =>
    new DomainError(
      'COMMUNITY_LIST_ITEM.INVALID_ITEM',
      `${field}: item ${id} is not on the ${expected.toLowerCase()} list of this community`,
      { field, id, expected },
    ),
  needTakenUp: (needId: string, projectId: string | null) =>
    new DomainError(
      'COMMUNITY_LIST_ITEM.ALREADY_TAKEN_UP',
      `The need is already taken up by an open project; cancel or complete that one first`,
      { needId, projectId },
    ),
  noAgreementInForce: (partnerUnitId: string, communityId: string) =>
    new DomainError(
      'PARTNER_AGREEMENT.NOT_IN_FORCE',
      'The partner unit has no co-building agreement in force with the community',
      { partnerUnitId, communityId },
    ),
  partnerUnitRequired: () =>
    new DomainError(
      'COMMUNITY_LIST_ITEM.INVALID_PARTNER_UNIT',
      "Name the partner unit offering the resource (a partner's own key offers for its unit only)",
    ),
};

import { DomainError, NotFoundError } from '@gongzhi/platform';

/** The ways a community's profile can be refused; each code is part of the API contract. */
export const ProfileErrors = {
  typeNotFound: (id: string) => new NotFoundError('CommunityProfileType', id),
  typeExists: (code: string, city: string | null, street: string | null) =>
    new DomainError(
      'COMMUNITY_PROFILE_TYPE.ALREADY_EXISTS',
      `A community type ${code} is already defined for ${[city ?? 'every city', street].filter(Boolean).join(' ')}`,
      { profileTypeCode: code, city, street },
    ),
  typeElsewhere: (id: string, communityId: string) =>
    new DomainError(
      'COMMUNITY_PROFILE_TYPE.ELSEWHERE',
      `Community type ${id} is defined for another city or street than community ${communityId}'s`,
      { profileTypeId: id, communityId },
    ),
};

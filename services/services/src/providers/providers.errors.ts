import { DomainError, NotFoundError } from '@gongzhi/platform';

export const ProviderErrors = {
  notFound: (id: string) => new NotFoundError('CareProvider', id),
  alreadyExists: () =>
    new DomainError('CARE_PROVIDER.ALREADY_EXISTS', 'This partner unit or volunteer is already a provider here'),
  noAgreement: (partnerUnitId: string, communityId: string) =>
    new DomainError(
      'CARE_PROVIDER.NO_AGREEMENT',
      'A partner unit provides care only in a community it has a co-building agreement (互联共建协议) with',
      { partnerUnitId, communityId },
    ),
  invalidCoordinator: (coordinatorId: string) =>
    new DomainError(
      'CARE_PROVIDER.INVALID_COORDINATOR',
      "A volunteer's coordinator must be a partner provider of the volunteer's community",
      {
        coordinatorId,
      },
    ),
};

import { DomainError, NotFoundError } from '@gongzhi/platform';

export const ConsentErrors = {
  notFound: (id: string) => new NotFoundError('Consent', id),
  guardianRequired: () =>
    new DomainError(
      'CONSENT.GUARDIAN_REQUIRED',
      "A child under 14 needs a guardian's consent (GUARDIAN, with the guardian named), not their own",
    ),
  guardianOnlyForChildren: () =>
    new DomainError(
      'CONSENT.GUARDIAN_ONLY_FOR_CHILDREN',
      'From 14 a resident consents themself (SENSITIVE_DATA), without a guardian',
    ),
  invalidGuardian: (guardianResidentId: string) =>
    new DomainError(
      'CONSENT.INVALID_GUARDIAN',
      'The guardian must be an adult living in the same household as the child',
      { guardianResidentId },
    ),
  alreadyWithdrawn: (id: string) =>
    new DomainError('CONSENT.ALREADY_WITHDRAWN', `Consent ${id} has already been withdrawn`, { id }),
};

import { DomainError, NotFoundError } from '@gongzhi/platform';
import type { ConsentPurpose } from '../organization-copy/directory.schema';

export const CatalogueErrors = {
  notFound: (id: string) => new NotFoundError('CareItem', id),
  alreadyExists: (name: string) =>
    new DomainError('CARE_ITEM.ALREADY_EXISTS', `The community already offers an item called ${name}`, { name }),
  invalidCost: (problem: string) => new DomainError('CARE_ITEM.INVALID_COST', problem),
  invalidCapacity: (problem: string) => new DomainError('CARE_ITEM.INVALID_CAPACITY', problem),
  notEligible: (reason: 'AGE_BAND' | 'AGE_UNKNOWN' | 'LIVES_ELSEWHERE', message: string) =>
    new DomainError('CARE_ITEM.NOT_ELIGIBLE', message, { reason }),
  guardianConsentRequired: (residentId: string, purpose: ConsentPurpose) =>
    new DomainError(
      'CARE_ITEM.GUARDIAN_CONSENT_REQUIRED',
      `Care for a child under 14 needs their guardian's consent covering ${purpose} on record first`,
      { residentId, purpose, kind: 'GUARDIAN' },
    ),
  consentRequired: (residentId: string, purpose: ConsentPurpose) =>
    new DomainError(
      'CARE_ITEM.CONSENT_REQUIRED',
      `Care arranged for someone else needs their own consent covering ${purpose} on record first`,
      { residentId, purpose, kind: 'SENSITIVE_DATA' },
    ),
  invalidProvider: (providerId: string) =>
    new DomainError(
      'CARE_ITEM.INVALID_PROVIDER',
      `Provider ${providerId} does not provide this item in its community`,
      { providerId },
    ),
  providerRequired: (itemId: string) =>
    new DomainError('CARE_ITEM.PROVIDER_REQUIRED', 'The item has several providers: choose one', { itemId }),
};

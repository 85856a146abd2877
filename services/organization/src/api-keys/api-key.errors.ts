import { DomainError, NotFoundError } from '@gongzhi/platform';
import type { ApiKeyStatus } from './api-key.schema';

export const ApiKeyErrors = {
  notFound: (id: string) => new NotFoundError('ApiKey', id),
  partnerNotFound: (id: string) => new NotFoundError('PartnerUnit', id),
  notActive: (id: string, status: ApiKeyStatus) =>
    new DomainError('API_KEY.NOT_ACTIVE', `API key ${id} is ${status}: only an ACTIVE key can be rotated`, {
      id,
      status,
    }),
};

import { DomainError, NotFoundError } from '@gongzhi/platform';
import type { ApiKeyStatus } from './api-key.schema';

export const ApiKeyErrors = {
  notFound: (id: string) => new NotFoundError('ApiKey', id),
  partnerNotFound: (id: string) => new NotFoundError('PartnerUnit', id),
  /** Rotating a key that is no longer ACTIVE: a step its life cycle does not allow. */
  illegalStep: (id: string, status: ApiKeyStatus) =>
    new DomainError('API_KEY.ILLEGAL_STEP', `API key ${id} is ${status}: only an ACTIVE key can be rotated`, {
      id,
      status,
    }),
};

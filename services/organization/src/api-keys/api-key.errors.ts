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
  /** More points a minute than the operator lets a key be granted (API_KEY_MAX_RATE_LIMIT_PER_MINUTE). */
  invalidRateLimit: (rateLimitPerMinute: number, max: number) =>
    new DomainError(
      'API_KEY.INVALID_RATE_LIMIT',
      `A key may be granted at most ${max} points a minute (rateLimitPerMinute), not ${rateLimitPerMinute}`,
      { field: 'rateLimitPerMinute', max },
    ),
};

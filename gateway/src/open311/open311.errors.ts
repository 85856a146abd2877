import { API_KEY_SCOPE_OPEN311_REPORT } from './open311.services';

/**
 * An Open311 error answer: the HTTP status the spec names (404 for what does not exist, 403 for a wrong or missing
 * api_key, 400 for anything else the request cannot do) and one `{code, description}`. `code` is the HTTP status for
 * the spec's general errors and Gongzhi's catalogued code (docs/errors.md) where one says more, as the spec allows.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly code: number | string,
    readonly description: string,
    /** Seconds, sent as Retry-After (429 and 503). */
    readonly retryAfter?: number,
    /** The GraphQL error's extensions, for the adapter to read (never sent). */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(description);
  }

  static invalidApiKey() {
    return new Open311Error(403, 403, 'Invalid api_key received: it is unknown, revoked or expired');
  }

  static apiKeyRequired() {
    return new Open311Error(
      403,
      403,
      `api_key is required: a Gongzhi partner key with the scope ${API_KEY_SCOPE_OPEN311_REPORT}`,
    );
  }

  static missing(parameter: string, why = '') {
    return new Open311Error(400, 400, `${parameter} was not provided${why}`);
  }

  static invalid(parameter: string, why: string) {
    return new Open311Error(400, 400, `${parameter} is invalid: ${why}`);
  }

  static notFound(what: string) {
    return new Open311Error(404, 404, `${what} was not found`);
  }

  static unavailable(retryAfter: number, description = 'The service is unavailable for a moment; try again shortly') {
    return new Open311Error(503, 503, description, retryAfter);
  }

  /** Anything that failed inside Gongzhi (the spec's "General Service Error"): the request id finds it in the logs. */
  static general(requestId: string) {
    return new Open311Error(400, 400, `The request could not be carried out; tell us its request id ${requestId}`);
  }
}

import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context';

export interface ErrorMaskingOptions {
  logger: Logger;
  /** Codes that mean "something broke", masked like errors without a code. Default: INTERNAL_SERVER_ERROR, DOWNSTREAM_SERVICE_ERROR. */
  maskedCodes?: string[];
  /** Extensions never shown to clients. Default: stacktrace, exception, response (the gateway puts a subgraph's URL and raw body there). */
  hiddenExtensions?: string[];
  /** What a client sees instead of an unexpected error. Default: "Internal server error". */
  message?: string;
}

export const ERROR_MASKING_DEFAULTS = {
  maskedCodes: ['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR'],
  hiddenExtensions: ['stacktrace', 'exception', 'response'],
  message: 'Internal server error',
};

/** A code a client can act on: `BAD_USER_INPUT`, `FORBIDDEN`, `ORG_UNIT.TIER_MISMATCH`, `MOTION.VOTING_CLOSED`. */
const CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/;

type FormatError = NonNullable<ApolloServerOptions<GatewayContext>['formatError']>;

/**
 * Convention 7: errors that carry a domain code (subgraph errors, Apollo's request errors, the gateway's own) reach
 * the client as they are, minus internal extensions; anything else becomes "Internal server error" with code
 * INTERNAL_SERVER_ERROR, and `plugin` logs the original with the request id.
 */
export function useErrorMasking(options: ErrorMaskingOptions): {
  formatError: FormatError;
  plugin: ApolloServerPlugin<GatewayContext>;
} {
  const { logger, maskedCodes, hiddenExtensions, message } = { ...ERROR_MASKING_DEFAULTS, ...options };
  const masked = new Set(maskedCodes);
  const isUnexpected = (code: unknown) => typeof code !== 'string' || !CODE.test(code) || masked.has(code);

  const formatError: FormatError = (formatted) => {
    const { locations, path } = formatted;
    if (isUnexpected(formatted.extensions?.code)) {
      return { message, locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    const extensions = Object.fromEntries(
      Object.entries(formatted.extensions ?? {}).filter(([key]) => !hiddenExtensions.includes(key)),
    );
    return { message: formatted.message, locations, path, extensions };
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (isUnexpected(error.extensions?.code)) {
              logger.error(
                { requestId: contextValue.requestId, err: error.originalError ?? error, path: error.path },
                'masked an unexpected error',
              );
            }
          }
        },
      };
    },
  };

  return { formatError, plugin };
}

import type { GraphQLFormattedError } from 'graphql';

/**
 * Subgraph errors keep their code and message; stack traces never leave the process. Masking of unexpected
 * errors happens once, at the gateway, which sees every subgraph's errors.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

/** A code a client can act on (`FORBIDDEN`, `MOTION.VOTING_CLOSED`); anything else counts as INTERNAL_SERVER_ERROR. */
const CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/;

/** The error's code as a metric label: a stable code from the catalogue, never free text. */
export function errorCodeOf(formatted: GraphQLFormattedError): string {
  const code = formatted.extensions?.code;
  return typeof code === 'string' && code.length <= 64 && CODE.test(code) ? code : 'INTERNAL_SERVER_ERROR';
}

import type { GraphQLFormattedError } from 'graphql';

/**
 * Subgraph errors keep their code and message; stack traces never leave the process. Masking of unexpected
 * errors happens once, at the gateway, which sees every subgraph's errors.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** Apollo Server's own wording for an automatic-persisted-query hash that is not the query's (it gives no code). */
const HASH_MISMATCH = 'provided sha does not match query';

/**
 * A client's protocol mistakes answered as such, with 400 and a code, instead of as internal errors: an
 * `operationName` the document does not contain (Apollo Gateway would throw while planning: a 500), and a persisted
 * query whose hash does not match (PERSISTED_QUERY_HASH_MISMATCH).
 */
export function useProtocolErrors(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}".`
            : 'Must provide operation name if query contains multiple operations.';
          throw new GraphQLError(message, {
            extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
          });
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.message === HASH_MISMATCH && error.extensions.code === undefined) {
              Object.assign(error.extensions, { code: 'PERSISTED_QUERY_HASH_MISMATCH' });
            }
          }
        },
      };
    },
  };
}

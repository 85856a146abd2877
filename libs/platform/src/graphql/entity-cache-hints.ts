import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { type GraphQLCompositeType, isObjectType } from 'graphql';

/** What Apollo's cache-control plugin adds to `info` (as @apollo/cache-control-types declares it). */
interface CacheControlInfo {
  cacheControl?: {
    setCacheHint(hint: { maxAge?: number }): void;
    cacheHintFromType(type: GraphQLCompositeType): { maxAge?: number };
  };
}

/**
 * A subgraph's cache-control plugins: Apollo's (computes the answer's `Cache-Control` from `@cacheControl` hints, which
 * the gateway's response cache honours), then useEntityCacheHints, which must come after it.
 */
export function cacheControlPlugins(): ApolloServerPlugin[] {
  return [ApolloServerPluginCacheControl(), useEntityCacheHints()];
}

/**
 * Apollo's cache-control plugin gives `_entities` (the gateway's entity fetches) no hint, since it returns the
 * `_Entity` union: every answer that joins an entity from a second subgraph would then be uncacheable. This applies
 * the `@cacheControl` hints of the entity types asked for instead, the shortest of them; a type without a hint keeps
 * the fetch uncacheable.
 */
export function useEntityCacheHints(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          return {
            willResolveField({ info, args }) {
              const { cacheControl } = info as typeof info & CacheControlInfo;
              if (info.fieldName !== '_entities' || info.path.prev || !cacheControl) return;
              const representations = (args as { representations?: { __typename?: string }[] }).representations ?? [];
              let maxAge: number | undefined;
              for (const typename of new Set(representations.map((each) => each.__typename))) {
                const type = typename ? info.schema.getType(typename) : undefined;
                const hint = type && isObjectType(type) ? cacheControl.cacheHintFromType(type) : undefined;
                if (hint?.maxAge === undefined) return;
                maxAge = Math.min(maxAge ?? hint.maxAge, hint.maxAge);
              }
              if (maxAge !== undefined) cacheControl.setCacheHint({ maxAge });
            },
          };
        },
      };
    },
  };
}

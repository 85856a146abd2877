import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLInt,
  type GraphQLCompositeType,
  type GraphQLResolveInfo,
  isObjectType,
} from 'graphql';

/**
 * Apollo's `@cacheControl` directive, as every subgraph declares it (`SubgraphGraphQLModule`), without its `scope`
 * argument: everything hinted here is the same for every caller (a hint that depends on the caller sets
 * `scope: PRIVATE` from its resolver, `info.cacheControl.setCacheHint`). Not composed into the supergraph: the gateway
 * reads each subgraph answer's `Cache-Control` header, which Apollo's plugin computes from these hints.
 */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
  args: { maxAge: { type: GraphQLInt }, inheritMaxAge: { type: GraphQLBoolean } },
});

/**
 * How long the gateway's response cache may keep what changes only through writes that publish events (the cache
 * drops a subgraph's answers on its events, so this is a backstop; the gateway caps it at RESPONSE_CACHE_MAX_TTL_SECONDS).
 */
export const EVENT_INVALIDATED_MAX_AGE = 300;

/** `@Directive(cacheHint(…))` on an object type or field: the gateway's response cache may keep it this long. */
export const cacheHint = (maxAge: number = EVENT_INVALIDATED_MAX_AGE) => `@cacheControl(maxAge: ${maxAge})`;
/** On a type that only wraps its parent's data (a connection, its edges, page info): as cacheable as the field. */
export const INHERIT_CACHE_HINT = '@cacheControl(inheritMaxAge: true)';
/** On a field of a hinted type that a write without an event changes, or that differs by caller: never kept. */
export const NO_CACHE_HINT = '@cacheControl(maxAge: 0)';

/** What Apollo's cache-control plugin adds to `info` (as @apollo/cache-control-types declares it). */
interface CacheControlInfo {
  cacheControl?: {
    setCacheHint(hint: { maxAge?: number }): void;
    cacheHintFromType(type: GraphQLCompositeType): { maxAge?: number };
  };
}

/** From a resolver: this answer is never kept (its arguments read what no event announces). */
export function dontCache(info: GraphQLResolveInfo): void {
  (info as GraphQLResolveInfo & CacheControlInfo).cacheControl?.setCacheHint({ maxAge: 0 });
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

import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { type Actor, eventsSubjectFilter } from '@gongzhi/contracts';
import type { GatewayMetrics } from '@gongzhi/metrics';
import { OperationTypeNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context';
import { SupergraphTags } from './response-cache-tags';

export interface ResponseCacheConfig {
  enabled: boolean;
  /** At most this many answers, and at most this many bytes of them (UTF-16 code units of their JSON). */
  maxEntries: number;
  maxBytes: number;
  /** No answer is kept longer than this, whatever the subgraphs' hints say. */
  maxTtlSeconds: number;
  /**
   * After an event, answers of every subgraph are dropped once more this much later: the subgraphs that keep a copy
   * of the producer's data (services' residents, facilities' places) have by then handled the event too.
   */
  settleMs: number;
}

/** Events that change nothing a query answers: audit records of reads, and partners' usage counts. */
const IGNORED_EVENTS = new Set(['access.sensitive-record.read', 'partner.api-key.used']);

/** The subgraph whose data an event type says changed; undefined when not known (then every subgraph's answers go). */
export function producerOf(type: string): string | undefined {
  if (type.startsWith('org.') || type.startsWith('access.role.') || type.startsWith('partner.api-key.'))
    return 'organization';
  if (type.startsWith('care.')) return 'services';
  if (type.startsWith('facilities.')) return 'facilities';
  if (type.startsWith('deliberation.')) return 'deliberation';
  return undefined;
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

/**
 * What the caller may see, as a cache key: everyone anonymous shares one; a person's answers are theirs alone (the
 * subgraphs decide by the person's own id as well as their roles: their ballots, their household, the motions they
 * raised), with their role grants in the key so a changed grant is a new key at once; a partner's are its key's
 * (the key's scopes and agreements' communities in the key too).
 */
export function visibilityKeyOf(actor: Actor): string {
  if (actor.kind === 'anonymous') return 'anonymous';
  const { kind, id, roles, scopes, residentId, householdId, partnerUnitId, apiKeyId } = actor;
  return `${kind}:${digest({ id, roles, scopes, residentId, householdId, partnerUnitId, apiKeyId })}`;
}

/**
 * Drops answers by subgraph: every key holds the generation of each subgraph the operation reads from, so bumping a
 * subgraph's generation makes all its answers unreachable at once (the LRU then evicts them). The generations are
 * read before the subgraphs are asked, so an answer fetched across an event is stored under the old generation and
 * never served.
 */
class Generations {
  private readonly generation = new Map<string, number>();
  of(subgraph: string): number {
    return this.generation.get(subgraph) ?? 0;
  }
  bump(subgraph: string): void {
    this.generation.set(subgraph, this.of(subgraph) + 1);
  }
}

/** Caps every entry's lifetime at maxTtlSeconds. */
class CappedCache implements KeyValueCache<string> {
  constructor(
    private readonly inner: InMemoryLRUCache<string>,
    private readonly maxTtlSeconds: number,
  ) {}
  get(key: string) {
    return this.inner.get(key);
  }
  set(key: string, value: string, options?: { ttl?: number | null }) {
    const ttl = Math.min(options?.ttl || this.maxTtlSeconds, this.maxTtlSeconds);
    return this.inner.set(key, value, { ttl });
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
}

/** What the cache needs of the gateway's NATS connection. */
export interface EventsConnection {
  subscribe(
    subject: string,
    options: { callback: (error: Error | null, message: { subject: string }) => void },
  ): { unsubscribe(): void };
  status(): AsyncIterable<{ type: string }>;
}

export interface ResponseCache {
  /** Apollo plugins, in this order. */
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** Subscribes this replica to the subgraphs' events (core NATS: no durable consumer, nothing to clean up). */
  listen(nc: EventsConnection, namespace: string): void;
  /** Drops the answers that read from these subgraphs (all, when none is named). */
  invalidate(subgraphs?: readonly string[]): void;
  close(): void;
}

export function createResponseCache(options: {
  config: ResponseCacheConfig;
  supergraphSdl: string;
  metrics: GatewayMetrics;
  logger: Logger;
}): ResponseCache {
  const { config, metrics, logger } = options;
  // The gateway never tells a client (or a proxy between) to keep an answer: a `public` max-age would let a shared
  // HTTP cache serve one person's answer to another. Subgraphs' hints are for this cache only.
  const cacheControl = ApolloServerPluginCacheControl({ calculateHttpHeaders: false });
  if (!config.enabled) {
    return { plugins: [cacheControl], listen: () => undefined, invalidate: () => undefined, close: () => undefined };
  }
  const tags = new SupergraphTags(options.supergraphSdl);
  // The subgraphs of each document, worked out once per distinct query text.
  const tagsOfSource = new LRUCache<string, string[]>({ max: 1000 });
  const generations = new Generations();
  const settleTimers = new Set<NodeJS.Timeout>();
  let subscription: { unsubscribe(): void } | undefined;
  // Only while this replica hears the events can it vouch for what it keeps: until listen(), and while NATS is away,
  // nothing is read from or written to the cache.
  let hearing = false;

  const invalidate = (subgraphs: readonly string[] = tags.subgraphs()) => {
    for (const subgraph of subgraphs) {
      generations.bump(subgraph);
      metrics.responseCacheInvalidations.inc({ subgraph });
    }
  };
  const invalidateAndSettle = (subgraphs?: readonly string[]) => {
    invalidate(subgraphs);
    const timer = setTimeout(() => {
      settleTimers.delete(timer);
      invalidate();
    }, config.settleMs);
    timer.unref();
    settleTimers.add(timer);
  };

  const tagsOf = (context: GraphQLRequestContext<GatewayContext>) => {
    const source = context.source ?? '';
    let found = tagsOfSource.get(source);
    if (!found) {
      found = context.document ? tags.of(context.document) : [...tags.subgraphs()];
      tagsOfSource.set(source, found);
    }
    return found;
  };

  const responseCache = ApolloServerPluginResponseCache<GatewayContext>({
    cache: new CappedCache(
      new InMemoryLRUCache<string>({ max: config.maxEntries, maxSize: config.maxBytes }),
      config.maxTtlSeconds,
    ),
    shouldReadFromCache: async () => hearing,
    shouldWriteToCache: async () => hearing,
    // PRIVATE answers are kept per caller too; anonymous callers have none to keep.
    sessionId: async ({ contextValue }) =>
      contextValue.actor.kind === 'anonymous' ? null : visibilityKeyOf(contextValue.actor),
    extraCacheKeyData: async (context) => ({
      who: visibilityKeyOf(context.contextValue.actor),
      // X-Purpose lands in the audit trail of the reads it is given for; an answer is never reused across purposes.
      purpose: context.contextValue.purpose ?? null,
      generations: tagsOf(context).map((subgraph) => [subgraph, generations.of(subgraph)]),
    }),
  });

  const counted: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart(requestContext) {
      const inner = await responseCache.requestDidStart!(requestContext);
      if (!inner) return;
      let lookedUp = false;
      return {
        async responseForOperation(context) {
          const answer = await inner.responseForOperation!(context);
          lookedUp = hearing && context.operation?.operation === OperationTypeNode.QUERY;
          return answer;
        },
        async willSendResponse(context) {
          await inner.willSendResponse!(context);
          const hit = context.metrics.responseCacheHit === true;
          if (lookedUp) metrics.responseCache.inc({ result: hit ? 'hit' : 'miss' });
          // The plugin's Age header would tell a caller that somebody asked the same thing a moment ago.
          context.response.http.headers.delete('age');
        },
      };
    },
  };

  // A mutation answered by this replica drops the answers of the subgraphs it wrote to at once; the other replicas
  // (and this one again) hear of it through the subgraph's event.
  const writes: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse(context) {
          if (context.operation?.operation === OperationTypeNode.MUTATION) invalidateAndSettle(tagsOf(context));
        },
      };
    },
  };

  return {
    plugins: [cacheControl, counted, writes],
    invalidate,
    listen(nc, namespace) {
      const filter = eventsSubjectFilter(namespace);
      const prefix = filter.slice(0, -1);
      subscription = nc.subscribe(filter, {
        callback: (error: Error | null, message: { subject: string }) => {
          if (error) {
            // The subscription ended (permissions, or the connection closed): nothing cached can be vouched for.
            logger.error({ err: error }, 'response cache: event subscription failed; the cache is off');
            hearing = false;
            invalidate();
            return;
          }
          const type = message.subject.slice(prefix.length);
          if (IGNORED_EVENTS.has(type)) return;
          const producer = producerOf(type);
          invalidateAndSettle(producer ? [producer] : undefined);
        },
      });
      hearing = true;
      // While NATS is away events may be missed: the cache is off, and what it held is dropped.
      void (async () => {
        for await (const status of nc.status()) {
          if (status.type === 'disconnect') {
            hearing = false;
            invalidate();
          } else if (status.type === 'reconnect') {
            invalidate();
            hearing = true;
          }
        }
      })().catch(() => undefined);
    },
    close() {
      hearing = false;
      subscription?.unsubscribe();
      for (const timer of settleTimers) clearTimeout(timer);
      settleTimers.clear();
    },
  };
}

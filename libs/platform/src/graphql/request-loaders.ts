import type { Actor } from '@gongzhi/contracts';
import DataLoader from 'dataloader';

/**
 * The DataLoaders of one GraphQL request. Loaders live exactly as long as the request, so batching never
 * leaks data between callers and caches never go stale.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** The loader registered under `key` for this request, created from `batch` on first use. */
  get<K, V>(key: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V, string> {
    let loader = this.loaders.get(key) as DataLoader<K, V, string> | undefined;
    if (!loader) {
      // Keys are compared as strings so an ObjectId and its hex string hit the same cache entry.
      loader = new DataLoader<K, V, string>(batch, { cacheKeyFn: (k) => String(k) });
      this.loaders.set(key, loader);
    }
    return loader;
  }
}

/** Orders a batch result to match the requested keys; missing entries become null. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const index = new Map(rows.map((row) => [String(keyOf(row)), row]));
  return keys.map((key) => index.get(String(key)) ?? null);
}

/** Groups a batch result per requested key, for one-to-many fields. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<string, V[]>(keys.map((key) => [String(key), []]));
  for (const row of rows) groups.get(String(keyOf(row)))?.push(row);
  return keys.map((key) => groups.get(String(key)) ?? []);
}

export interface GraphQLRequestContext {
  req: { headers: Record<string, string | string[] | undefined> };
  loaders: RequestLoaders;
  /** The verified caller (also available anywhere in the request as currentActor()). */
  actor: Actor;
}

/**
 * The points a minute the bench grants its partner key: more than any partner would be granted, so the key's limit
 * never refuses one of its rows, while the gateway's limiter still counts every point (what a key's counting costs is
 * measured). A stack the bench starts lets organization grant that much; one already running may allow less.
 */
export const BENCH_KEY_POINTS_PER_MINUTE = 1_000_000_000;

/** What the bench adds to `npm start`'s environment when it starts the stack itself. */
export const BENCH_STACK_ENV = { API_KEY_MAX_RATE_LIMIT_PER_MINUTE: String(BENCH_KEY_POINTS_PER_MINUTE) };

/**
 * The most a stack lets a key be granted, read from organization's refusal of a key asked more
 * (`API_KEY.INVALID_RATE_LIMIT`, `extensions.max`); undefined for any other answer.
 */
export function keyCeilingOf(errors: unknown): number | undefined {
  if (!Array.isArray(errors)) return undefined;
  for (const error of errors as Array<{ extensions?: { code?: unknown; max?: unknown } } | null>) {
    const { code, max } = error?.extensions ?? {};
    if (code === 'API_KEY.INVALID_RATE_LIMIT' && Number.isInteger(max) && (max as number) >= 1) return max as number;
  }
  return undefined;
}

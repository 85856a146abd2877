/** How long to wait after failures: doubling from `initialMs`, never more than `maxMs`. */
export interface RetryDelayOptions {
  initialMs: number;
  maxMs: number;
}

/** The delay before the next try after `failures` consecutive failures (1 → initialMs, 2 → 2×initialMs, …). */
export function retryDelay(failures: number, { initialMs, maxMs }: RetryDelayOptions): number {
  if (failures < 1) return 0;
  // Cap the exponent so a long outage cannot overflow to Infinity.
  return Math.min(maxMs, initialMs * 2 ** Math.min(failures - 1, 30));
}

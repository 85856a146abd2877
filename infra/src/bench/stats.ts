/** The median of some numbers (the mean of the middle two for an even count); NaN for none. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The order the variants run in, repetition by repetition: rotated each time, so no variant always runs first (on a
 * cold cache) or last (after the machine warmed up, or while a neighbour's build runs).
 */
export function alternatingOrder<T>(variants: readonly T[], repetition: number): T[] {
  const shift = repetition % Math.max(1, variants.length);
  return [...variants.slice(shift), ...variants.slice(0, shift)];
}

/** Sum of a Prometheus text exposition's samples of one metric (all label sets), optionally filtered by a label. */
export function sumSamples(exposition: string, metric: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    if (Object.entries(labels).some(([name, value]) => !rest.includes(`${name}="${value}"`))) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

/** `x.xx×`, or `–` when the base is missing or zero. */
export function ratio(value: number, base: number | undefined): string {
  if (base === undefined || !Number.isFinite(base) || base === 0 || !Number.isFinite(value)) return '–';
  return `${(value / base).toFixed(2)}×`;
}

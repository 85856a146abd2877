/**
 * Issue 16's targets without caching, checked against one run's medians so a run shows at a glance where it stands:
 * Gongzhi's gateway at least 1.2× plain's req/s on every operation, its p99 no worse than plain's, and on the
 * one-subgraph query at least 0.8× the subgraph called directly.
 */
export const TARGETS = {
  /** Gongzhi's req/s ÷ plain's, at least. */
  rpsOverPlain: 1.2,
  /** Gongzhi's p99 ÷ plain's, at most. */
  p99OverPlain: 1,
  /** Gongzhi's req/s ÷ direct's, at least, on the operations below. */
  rpsOverDirect: 0.8,
} as const;

/** The operations the direct target applies to (the issue sets it for the one-subgraph query only). */
export const DIRECT_TARGET_SCENARIOS: readonly string[] = ['one subgraph'];

/** One row's medians; a variant not measured is undefined. */
export interface RowMedians {
  scenario: string;
  gongzhi?: { rps: number; p99: number };
  plain?: { rps: number; p99: number };
  direct?: { rps: number };
}

const usable = (value: number | undefined): value is number =>
  value !== undefined && Number.isFinite(value) && value > 0;

/** `met (1.31×)`, `not met (0.94×)`, or `–` when a figure is missing. */
function verdict(value: number | undefined, base: number | undefined, pass: (ratio: number) => boolean): string {
  if (!usable(value) || !usable(base)) return '–';
  const ratio = value / base;
  return `${pass(ratio) ? 'met' : 'not met'} (${ratio.toFixed(2)}×)`;
}

/** The targets that apply to a row, each with its verdict: [label, verdict]. */
export function targetsOf(row: RowMedians): Array<[string, string]> {
  const checks: Array<[string, string]> = [
    [`≥ ${TARGETS.rpsOverPlain}× plain`, verdict(row.gongzhi?.rps, row.plain?.rps, (r) => r >= TARGETS.rpsOverPlain)],
    ['p99 ≤ plain', verdict(row.gongzhi?.p99, row.plain?.p99, (r) => r <= TARGETS.p99OverPlain)],
  ];
  if (DIRECT_TARGET_SCENARIOS.includes(row.scenario))
    checks.push([
      `≥ ${TARGETS.rpsOverDirect}× direct`,
      verdict(row.gongzhi?.rps, row.direct?.rps, (r) => r >= TARGETS.rpsOverDirect),
    ]);
  return checks;
}

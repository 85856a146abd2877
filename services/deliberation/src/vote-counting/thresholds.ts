import { type Ratio, reaches } from './ratio';
import type { ThresholdCheck, ThresholdRule } from './vote-counting.types';

export function check(rule: ThresholdRule, part: number, whole: number, required: Ratio): ThresholdCheck {
  return { rule, required, part, whole, met: reaches(part, whole, required) };
}

/** How far a met check cleared its bar, as a share of the whole (0 when exactly on it). */
function margin({ part, whole, required }: ThresholdCheck): number {
  return required ? part / whole - required.numerator / required.denominator : Number.POSITIVE_INFINITY;
}

/** The first check missed; when none was, the one met by the narrowest margin: the threshold that decided. */
export function decisiveCheck(checks: readonly ThresholdCheck[]): ThresholdCheck {
  const missed = checks.find((c) => !c.met);
  if (missed) return missed;
  return checks.reduce((narrowest, c) => (margin(c) < margin(narrowest) ? c : narrowest));
}

/**
 * A share a count must reach: "at least two thirds" (inclusive) or "more than half" (strict). Compared by
 * cross-multiplying whole numbers, so exactly two thirds is exactly two thirds — never 0.6666… against 0.6667.
 */
export interface Ratio {
  numerator: number;
  denominator: number;
  /** true: the share may equal the ratio (≥); false: it must exceed it (>). */
  inclusive: boolean;
}

export const atLeast = (numerator: number, denominator: number): Ratio => ({ numerator, denominator, inclusive: true });
export const moreThan = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  inclusive: false,
});

/** Whether `part` of `whole` reaches the ratio. Nothing out of nothing reaches no ratio. */
export function reaches(part: number, whole: number, ratio: Ratio): boolean {
  if (whole <= 0) return false;
  const share = part * ratio.denominator;
  const bar = whole * ratio.numerator;
  return ratio.inclusive ? share >= bar : share > bar;
}

/** `≥ 2/3`, `> 1/2`. */
export function describeRatio(ratio: Ratio): string {
  return `${ratio.inclusive ? '≥' : '>'} ${ratio.numerator}/${ratio.denominator}`;
}

/** Floor areas are counted in hundredths of a square metre (the register's precision), so sums stay exact. */
export function toCentiSquareMetres(squareMetres: number): number {
  return Math.round(squareMetres * 100);
}

export function toSquareMetres(centiSquareMetres: number): number {
  return centiSquareMetres / 100;
}

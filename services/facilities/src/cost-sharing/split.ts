/**
 * Splits an amount in fen among weighted shares so that the shares add up to the amount exactly: each gets the whole
 * fen of its part, and the fen left over go one each to the largest remainders (the earlier listed first on a tie) —
 * the largest-remainder method.
 */
export function splitByWeight(totalFen: number, weights: readonly number[]): number[] {
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const parts = weights.map((weight, index) => {
    const exact = (totalFen * weight) / totalWeight;
    return { index, whole: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = totalFen - parts.reduce((sum, part) => sum + part.whole, 0);
  const shares = parts.map((part) => part.whole);
  for (const part of [...parts].sort((a, b) => b.remainder - a.remainder || a.index - b.index)) {
    if (left === 0) break;
    shares[part.index] += 1;
    left -= 1;
  }
  return shares;
}

import { randomBytes } from 'node:crypto';
import seedrandom from 'seedrandom';

/**
 * The parking lottery (摇号), written so anyone can redo a draw from what is published: the seed and the candidates
 * in their recorded order. The random numbers come from seedrandom (David Bau's seedrandom.js, 3.x, its default
 * ARC4-based generator) seeded with the seed string; each tier of candidates is shuffled by Fisher–Yates from its
 * last position down, position i swapping with floor(next() × (i + 1)). The tiers — households' first permits, then
 * second ones, … — are shuffled in turn from the same stream of numbers: one permit per household before anyone gets
 * a second. Changing any of this would make recorded draws irreproducible: the spec pins it.
 */
function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The order of the draw: each tier shuffled in turn, from one seeded stream. */
export function drawOrder<T>(seed: string, tiers: readonly (readonly T[])[]): T[] {
  const next = seedrandom(seed);
  return tiers.flatMap((tier) => shuffle(tier, next));
}

/** A fresh seed: 128 random bits, as 32 hexadecimal digits. */
export function newLotterySeed(): string {
  return randomBytes(16).toString('hex');
}

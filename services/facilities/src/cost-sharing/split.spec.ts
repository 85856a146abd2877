import { splitByWeight } from './split';

describe('splitting a shared cost', () => {
  it('splits evenly per household, giving the odd fen to the first listed', () => {
    // 痘祠堂小区's barrier gate: ¥12,800.00 among 6 households.
    expect(splitByWeight(1_280_000, [1, 1, 1, 1, 1, 1])).toEqual([
      213_334, 213_334, 213_333, 213_333, 213_333, 213_333,
    ]);
  });

  it('splits by floor area in proportion, to the fen', () => {
    const areas = [8950, 7620, 11240]; // 89.50, 76.20 and 112.40 m² in hundredths
    const shares = splitByWeight(1_000_000, areas);
    expect(shares).toEqual([321_827, 274_002, 404_171]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1_000_000);
  });

  it('always adds up to the total', () => {
    for (let total = 1; total < 400; total += 7) {
      const weights = [3, 7, 11, 13].map((w) => ((w * total) % 17) + 1);
      expect(splitByWeight(total, weights).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
});

import { targetsOf } from './targets';

describe("the bench's verdicts on issue 16's targets", () => {
  it('says met or not met beside each ratio, the direct target on the one-subgraph query only', () => {
    expect(
      targetsOf({
        scenario: 'one subgraph',
        gongzhi: { rps: 240, p99: 60 },
        plain: { rps: 200, p99: 50 },
        direct: { rps: 320 },
      }),
    ).toEqual([
      ['≥ 1.2× plain', 'met (1.20×)'],
      ['p99 ≤ plain', 'not met (1.20×)'],
      ['≥ 0.8× direct', 'not met (0.75×)'],
    ]);
    expect(
      targetsOf({ scenario: 'mutation', gongzhi: { rps: 9, p99: 40 }, plain: { rps: 8, p99: 40 }, direct: { rps: 8 } }),
    ).toEqual([
      ['≥ 1.2× plain', 'not met (1.13×)'],
      ['p99 ≤ plain', 'met (1.00×)'],
    ]);
  });

  it('gives no verdict where a variant was not measured or served nothing', () => {
    expect(targetsOf({ scenario: 'list of 100', gongzhi: { rps: 1, p99: 5000 }, plain: { rps: 0, p99: 0 } })).toEqual([
      ['≥ 1.2× plain', '–'],
      ['p99 ≤ plain', '–'],
    ]);
    expect(
      targetsOf({ scenario: 'one subgraph', gongzhi: { rps: 240, p99: 60 }, plain: { rps: 200, p99: 50 } })[2],
    ).toEqual(['≥ 0.8× direct', '–']);
  });
});

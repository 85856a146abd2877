import {
  percentOf,
  requiredShare,
  resultChartOptions,
  roundsChartOption,
  runningTurnoutOption,
} from './vote-chart-options';

describe('the vote charts’ options', () => {
  it('reads the API’s thresholds as shares, inclusive or strict', () => {
    expect(requiredShare('≥ 2/3')).toEqual({ percent: 200 / 3, label: '不少于 2/3' });
    expect(requiredShare('> 1/2')).toEqual({ percent: 50, label: '超过 1/2' });
    expect(requiredShare('≥ 3/4')?.percent).toBe(75);
    expect(requiredShare(null)).toBeUndefined();
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(0, 0)).toBe(0);
  });

  it('draws an owners’ joint decision by area and by head against art. 278’s lines: 2/3 taking part, 3/4 agreeing', () => {
    // A rebuilding (matter 7): 240 of 320 m² and 2 of 3 owners agree; every owner took part.
    const { turnout, support } = resultChartOptions([
      { rule: 'PARTICIPATION_BY_AREA', required: '≥ 2/3', part: 320, whole: 320, met: true },
      { rule: 'PARTICIPATION_BY_HEAD', required: '≥ 2/3', part: 3, whole: 3, met: true },
      { rule: 'AGREEMENT_BY_AREA', required: '≥ 3/4', part: 240, whole: 320, met: true },
      { rule: 'AGREEMENT_BY_HEAD', required: '≥ 3/4', part: 2, whole: 3, met: false },
    ]);
    expect(turnout!.xAxis.data).toEqual(['按面积', '按人数']);
    expect(turnout!.series[0].data.map((bar) => bar.value)).toEqual([100, 100]);
    expect(turnout!.series[0].markLine.data).toEqual([{ name: '门槛 不少于 2/3', yAxis: 200 / 3 }]);
    expect(support!.series[0].data).toEqual([
      { value: 75, itemStyle: { color: '#1a7f37' } },
      { value: 66.7, itemStyle: { color: '#cf222e' } },
    ]);
    expect(support!.series[0].markLine.data).toEqual([{ name: '门槛 不少于 3/4', yAxis: 75 }]);
  });

  it('draws a residents’ vote by head and by ballots, and leaves out a chart with no check (approval’s seats)', () => {
    const residents = resultChartOptions([
      { rule: 'TURNOUT', required: '> 1/2', part: 7, whole: 12, met: true },
      { rule: 'AGREEMENT', required: '> 1/2', part: 5, whole: 7, met: true },
    ]);
    expect(residents.turnout!.xAxis.data).toEqual(['按人数']);
    expect(residents.support!.xAxis.data).toEqual(['按票数']);
    expect(residents.support!.series[0].data[0].value).toBe(71.4);
    const approval = resultChartOptions([
      { rule: 'TURNOUT', required: '> 1/2', part: 7, whole: 12, met: true },
      { rule: 'MOST_APPROVALS', required: null, part: 6, whole: 7, met: true },
    ]);
    expect(approval.support).toBeUndefined();
  });

  it('shows an open vote’s running turnout against the share that must take part', () => {
    const owners = runningTurnoutOption('OWNERS_JOINT_DECISION', 10, 24);
    expect(owners.series[0].data).toEqual([{ value: 41.7, itemStyle: { color: '#0969da' } }]);
    expect(owners.series[0].markLine.data[0].yAxis).toBeCloseTo(66.67, 2);
    expect(runningTurnoutOption('SIMPLE_MAJORITY', 4, 12).series[0].markLine.data).toEqual([
      { name: '门槛 超过 1/2', yAxis: 50 },
    ]);
  });

  it('draws ranked-choice rounds: a bar per option still in a round, and the majority of ballots in play', () => {
    const tally = (optionId: string, label: string, votes: number) => ({ optionId, label, votes });
    const option = roundsChartOption([
      {
        round: 1,
        exhausted: 0,
        tallies: [
          tally('1', '嘉定小院', 2),
          tally('2', '九龙小院', 1),
          tally('3', '海棠小院', 1),
          tally('4', '大佛小院', 1),
        ],
      },
      { round: 2, exhausted: 0, tallies: [tally('1', '嘉定小院', 4), tally('2', '九龙小院', 1)] },
    ]);
    expect(option.xAxis.data).toEqual(['第1轮', '第2轮']);
    expect(option.series.map((series) => series.name)).toEqual([
      '嘉定小院',
      '九龙小院',
      '海棠小院',
      '大佛小院',
      '过半数线',
    ]);
    expect(option.series[0].data).toEqual([2, 4]);
    expect(option.series[2].data).toEqual([1, null]);
    expect(option.series[4].data).toEqual([2.5, 2.5]);
  });
});

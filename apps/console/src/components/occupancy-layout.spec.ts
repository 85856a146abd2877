import {
  lotLabel,
  managersCount,
  type OccupancyLot,
  type OccupancyPlot,
  percent,
  plotHolder,
  plotsByCompound,
} from './occupancy-layout';

const lot = (name: string, capacity: number, occupied: number, compound?: string): OccupancyLot => ({
  id: name,
  name,
  capacity,
  occupied,
  free: capacity - occupied,
  compound: compound ? { name: compound } : null,
});

const plot = (name: string, fields: Partial<OccupancyPlot> = {}): OccupancyPlot => ({
  id: name,
  name,
  area: 9,
  status: 'AVAILABLE',
  compound: { name: '淞泽家园七区' },
  ...fields,
});

describe('the parking and garden occupancy’s layout', () => {
  it('names a lot without its compound’s name in front, and counts only the managers see as refused for others', () => {
    expect(lotLabel(lot('淞泽家园七区 地面停车场', 11, 0, '淞泽家园七区'))).toBe('地面停车场');
    expect(lotLabel(lot('社区公共停车场', 11, 0))).toBe('社区公共停车场');
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBe(0);
    expect(managersCount({ totalCount: 2 })).toBe('2');
    expect(managersCount(null)).toBe('无权查看');
  });

  it('says who holds a plot as far as the API tells: a household’s door, a team, or not public', () => {
    expect(plotHolder(plot('七区共享花圃 1号'))).toBe('—');
    const household = { claimant: 'HOUSEHOLD' as const, household: { unitNumber: '301', building: { name: '3幢' } } };
    expect(plotHolder(plot('七区共享花圃 1号', { status: 'CLAIMED', currentClaim: household }))).toBe('住户 3幢 301');
    expect(plotHolder(plot('a', { status: 'CLAIMED', currentClaim: { claimant: 'HOUSEHOLD', household: null } }))).toBe(
      '住户（未公开）',
    );
    expect(
      plotHolder(
        plot('a', { status: 'CLAIMED', currentClaim: { claimant: 'VOLUNTEER_TEAM', teamName: '花田守护人' } }),
      ),
    ).toBe('志愿团队 花田守护人');
  });

  it('groups plots by compound, numbered as people read them, with how many are claimed', () => {
    const groups = plotsByCompound([
      plot('七区共享花圃 10号', { status: 'CLAIMED' }),
      plot('七区共享花圃 2号'),
      plot('南门共享花圃 1号', { compound: { name: '莲花新村二区' } }),
    ]);
    expect(groups.map((group) => [group.compound, group.claimed, group.plots.map((p) => p.name)])).toEqual([
      ['淞泽家园七区', 1, ['七区共享花圃 2号', '七区共享花圃 10号']],
      ['莲花新村二区', 0, ['南门共享花圃 1号']],
    ]);
  });
});

import type { OccupancyLot } from './occupancy-layout';
import { parkingChartOption } from './parking-chart-option';

const lot = (name: string, capacity: number, occupied: number, compound: string): OccupancyLot => ({
  id: name,
  name,
  capacity,
  occupied,
  free: capacity - occupied,
  compound: { name: compound },
});

describe('the parking chart’s option', () => {
  it('stacks each lot’s vehicles inside and spaces left to its capacity, the share taken at the bar’s end', () => {
    const option = parkingChartOption([
      lot('淞泽家园七区 地面停车场', 11, 3, '淞泽家园七区'),
      lot('龙昌家园 地下车库', 20, 0, '龙昌家园'),
    ]);
    expect(option.yAxis.data).toEqual(['淞泽家园七区 地面停车场', '龙昌家园 地下车库']);
    expect(option.series.map((series) => series.name)).toEqual(['车内车辆', '空余车位']);
    expect(option.series[0].data).toEqual([3, 0]);
    const left = option.series[1].data as { value: number; label: { formatter: string } }[];
    expect(left.map((bar) => [bar.value, bar.label.formatter])).toEqual([
      [8, '27.3%'],
      [20, '0%'],
    ]);
    expect(new Set(option.series.map((series) => series.stack)).size).toBe(1);
  });
});

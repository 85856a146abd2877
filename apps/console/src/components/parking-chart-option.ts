import { lotLabel, type OccupancyLot, percent } from './occupancy-layout';

/**
 * The ECharts option of the lots' occupancy: one horizontal bar per lot, the vehicles inside and the spaces left
 * stacked to its capacity, the share taken written at the bar's end.
 */
export function parkingChartOption(lots: OccupancyLot[]) {
  const names = lots.map((lot) => (lot.compound ? `${lot.compound.name} ${lotLabel(lot)}` : lot.name));
  return {
    animation: false,
    aria: { enabled: true },
    grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['车内车辆', '空余车位'] },
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: { type: 'category' as const, data: names, inverse: true },
    series: [
      {
        type: 'bar' as const,
        name: '车内车辆',
        stack: 'capacity',
        data: lots.map((lot) => lot.occupied),
        itemStyle: { color: '#c8102e' },
      },
      {
        type: 'bar' as const,
        name: '空余车位',
        stack: 'capacity',
        data: lots.map((lot) => ({
          value: lot.free,
          label: { show: true, position: 'right' as const, formatter: `${percent(lot.occupied, lot.capacity)}%` },
        })),
        itemStyle: { color: '#8c959f' },
      },
    ],
  };
}

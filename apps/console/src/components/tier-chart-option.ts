/** The ECharts option of a bar chart: how many units each tier below a unit holds. */
export function tierChartOption(tiers: { name: string; count: number }[]) {
  return {
    animation: false,
    aria: { enabled: true },
    grid: { left: 48, right: 16, top: 24, bottom: 48 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: tiers.map((tier) => tier.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      {
        type: 'bar' as const,
        name: '单位数',
        data: tiers.map((tier) => tier.count),
        itemStyle: { color: '#c8102e' },
        label: { show: true, position: 'top' as const },
      },
    ],
  };
}

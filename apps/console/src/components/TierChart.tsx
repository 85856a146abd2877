import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { tierChartOption } from './tier-chart-option';

// Only what the chart uses, so the bundle stays small; canvas, since the CSP allows no inline style attributes.
echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/** Units per tier under a unit, as a bar chart (ECharts); the same numbers are in the table beside it. */
export function TierChart({ tiers }: { tiers: { name: string; count: number }[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(tierChartOption(tiers));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [tiers]);
  return <div ref={element} className="tier-chart" data-testid="tier-chart" aria-hidden="true" />;
}

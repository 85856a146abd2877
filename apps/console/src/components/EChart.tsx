import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the console's charts use, so the bundle stays small; canvas, since the CSP allows no inline style attributes.
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  AriaComponent,
  TitleComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

/**
 * One ECharts chart of an option built by a pure builder (tier-chart-option.ts, vote-chart-options.ts). Hidden from
 * screen readers: every chart has its numbers in a table beside it.
 */
export function EChart({ option, className, testId }: { option: object; className: string; testId: string }) {
  const element = useRef<HTMLDivElement>(null);
  const json = JSON.stringify(option);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(JSON.parse(json) as echarts.EChartsCoreOption);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [json]);
  return <div ref={element} className={className} data-testid={testId} data-option={json} aria-hidden="true" />;
}

import { EChart } from './EChart';
import { tierChartOption } from './tier-chart-option';

/** Units per tier under a unit, as a bar chart (ECharts); the same numbers are in the table beside it. */
export function TierChart({ tiers }: { tiers: { name: string; count: number }[] }) {
  return <EChart option={tierChartOption(tiers)} className="tier-chart" testId="tier-chart" />;
}

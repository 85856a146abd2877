import { EChart } from './EChart';
import {
  lotLabel,
  managersCount,
  type OccupancyLot,
  type OccupancyPlot,
  percent,
  plotHolder,
  plotsByCompound,
} from './occupancy-layout';
import { parkingChartOption } from './parking-chart-option';

/** The lots' occupancy as a bar chart (hidden from screen readers) with the same numbers, and more, in a table. */
export function ParkingOccupancy({ lots }: { lots: OccupancyLot[] }) {
  return (
    <div className="chart-row chart-with-table">
      <EChart option={parkingChartOption(lots)} className="parking-chart" testId="parking-chart" />
      <table className="thresholds" data-testid="parking-table">
        <caption>停车场占用</caption>
        <thead>
          <tr>
            <th scope="col">小区</th>
            <th scope="col">停车场</th>
            <th scope="col">车内车辆</th>
            <th scope="col">车位</th>
            <th scope="col">占用率</th>
            <th scope="col">有效停车证</th>
            <th scope="col">排队中</th>
            <th scope="col">超时停车</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((lot) => (
            <tr key={lot.id} data-lot={lot.name}>
              <td>{lot.compound?.name ?? '—'}</td>
              <th scope="row">{lotLabel(lot)}</th>
              <td>{lot.occupied}</td>
              <td>{lot.capacity}</td>
              <td>{percent(lot.occupied, lot.capacity)}%</td>
              <td>{managersCount(lot.activePermits)}</td>
              <td>{managersCount(lot.waitingPermits)}</td>
              <td>
                {managersCount(lot.overstays)}
                {lot.overstays?.edges.length
                  ? `（${lot.overstays.edges.map(({ node }) => node.plate).join('、')}）`
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each compound's garden plots: claimed or free, and by whom as far as the API tells the signed-in person. */
export function GardenPlots({ plots }: { plots: OccupancyPlot[] }) {
  return (
    <>
      {plotsByCompound(plots).map((group) => (
        <table key={group.compound} className="thresholds" data-testid="garden-plots">
          <caption>
            {group.compound} 共享花圃：已认领 {group.claimed} / {group.plots.length} 块
          </caption>
          <thead>
            <tr>
              <th scope="col">花圃</th>
              <th scope="col">面积</th>
              <th scope="col">状态</th>
              <th scope="col">认领人</th>
            </tr>
          </thead>
          <tbody>
            {group.plots.map((plot) => (
              <tr key={plot.id} data-plot={plot.name} data-status={plot.status}>
                <th scope="row">{plot.name}</th>
                <td>{plot.area} m²</td>
                <td>{plot.status === 'CLAIMED' ? '已认领' : '空闲'}</td>
                <td>{plotHolder(plot)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

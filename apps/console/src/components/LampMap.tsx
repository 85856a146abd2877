import { ESCALATION_LABELS } from '../labels';
import { lampColour, type LampPoint, placeLamps } from './lamp-map-layout';

export interface MapLamp extends LampPoint {
  assetNumber: string;
  placeDescription?: string | null;
}

/** How a lamp reads out loud and in its tooltip. */
export function lampLabel(lamp: MapLamp): string {
  const state = lamp.status === 'WORKING' ? '正常' : '故障';
  const step = lamp.escalation ? `，${ESCALATION_LABELS[lamp.escalation] ?? lamp.escalation}` : '';
  return `路灯 ${lamp.assetNumber}${lamp.placeDescription ? `（${lamp.placeDescription}）` : ''}：${state}${step}`;
}

/**
 * The lamps of a community drawn from their coordinates on an SVG (no map tiles, nothing from the internet), coloured
 * by status and escalation. Each lamp is focusable and labelled, so the map reads with a keyboard and a screen reader.
 */
export function LampMap({ lamps, width = 640, height = 360 }: { lamps: MapLamp[]; width?: number; height?: number }) {
  const placed = placeLamps(lamps, width, height);
  const faulty = lamps.filter((lamp) => lamp.status === 'FAULTY').length;
  return (
    <figure className="lamp-map">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`路灯分布图：共 ${lamps.length} 盏，${faulty} 盏故障`}
        data-testid="lamp-map"
      >
        <rect x="0" y="0" width={width} height={height} className="lamp-map-ground" />
        <text x="12" y="20" className="lamp-map-north" aria-hidden="true">
          北 ↑
        </text>
        {placed.map(({ lamp, x, y }) => (
          <g
            key={lamp.id}
            tabIndex={0}
            role="img"
            aria-label={lampLabel(lamp)}
            data-lamp={lamp.assetNumber}
            data-status={lamp.status}
          >
            <title>{lampLabel(lamp)}</title>
            <circle cx={x} cy={y} r={9} fill={lampColour(lamp)} stroke="#fff" strokeWidth={2} />
          </g>
        ))}
      </svg>
      <figcaption>
        <span className="legend legend-working">● 正常</span>
        <span className="legend legend-faulty">● 故障</span>
        <span className="legend legend-escalated">● 已吹哨 / 部门报到</span>
      </figcaption>
    </figure>
  );
}

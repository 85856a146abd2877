import type { LampStatus } from '../graphql/generated';

export interface LampPoint {
  id: string;
  latitude: number;
  longitude: number;
  status: LampStatus;
  /** The step of the open fault's escalation (社区呼叫 → 街道吹哨 → 部门报到), if any. */
  escalation?: string;
}

export interface PlacedLamp<T extends LampPoint> {
  lamp: T;
  x: number;
  y: number;
}

/**
 * Places lamps on a width × height drawing from their coordinates, without map tiles: an equirectangular projection
 * around the lamps' middle (a compound is a few hundred metres across, so the distortion is nil), one scale for both
 * axes so distances stay true, north up, centred, with `padding` around.
 */
export function placeLamps<T extends LampPoint>(
  lamps: T[],
  width: number,
  height: number,
  padding = 24,
): PlacedLamp<T>[] {
  if (lamps.length === 0) return [];
  const meanLatitude = lamps.reduce((sum, lamp) => sum + lamp.latitude, 0) / lamps.length;
  const xScale = Math.cos((meanLatitude * Math.PI) / 180);
  const xs = lamps.map((lamp) => lamp.longitude * xScale);
  const ys = lamps.map((lamp) => lamp.latitude);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const innerWidth = width - 2 * padding;
  const innerHeight = height - 2 * padding;
  const scale = Math.min(spanX > 0 ? innerWidth / spanX : Infinity, spanY > 0 ? innerHeight / spanY : Infinity);
  const unit = Number.isFinite(scale) ? scale : 0;
  const offsetX = padding + (innerWidth - spanX * unit) / 2;
  const offsetY = padding + (innerHeight - spanY * unit) / 2;
  return lamps.map((lamp, index) => ({
    lamp,
    x: offsetX + (xs[index] - minX) * unit,
    y: offsetY + (maxY - ys[index]) * unit,
  }));
}

/** A lamp's colour: working green, faulty red, darker red once the street has blown the whistle or beyond. */
export function lampColour(lamp: Pick<LampPoint, 'status' | 'escalation'>): string {
  if (lamp.status === 'WORKING') return '#1a7f37';
  if (lamp.escalation === 'STREET_WHISTLE' || lamp.escalation === 'DEPARTMENT_REPORT') return '#82071e';
  return '#cf222e';
}

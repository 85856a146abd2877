import { lampColour, placeLamps } from './lamp-map-layout';

const lamp = (id: string, latitude: number, longitude: number) => ({
  id,
  latitude,
  longitude,
  status: 'WORKING' as const,
});

describe('placeLamps: lamps on a drawing from their coordinates', () => {
  it('puts north up and east right, inside the padding, one scale for both axes', () => {
    // 淞泽家园七区's gate and two lamps about 30 m north and 30 m east of it.
    const gate = lamp('gate', 31.3016, 120.7322);
    const north = lamp('north', 31.30187, 120.7322);
    const east = lamp('east', 31.3016, 120.73252);
    const placed = placeLamps([gate, north, east], 400, 300, 20);
    const at = (id: string) => placed.find((p) => p.lamp.id === id)!;
    expect(at('north').y).toBeLessThan(at('gate').y);
    expect(at('north').x).toBeCloseTo(at('gate').x, 6);
    expect(at('east').x).toBeGreaterThan(at('gate').x);
    expect(at('east').y).toBeCloseTo(at('gate').y, 6);
    // 30 m north and 30 m east are (nearly) the same length on the drawing.
    const northward = at('gate').y - at('north').y;
    const eastward = at('east').x - at('gate').x;
    expect(eastward / northward).toBeGreaterThan(0.95);
    expect(eastward / northward).toBeLessThan(1.05);
    for (const { x, y } of placed) {
      expect(x).toBeGreaterThanOrEqual(20);
      expect(x).toBeLessThanOrEqual(380);
      expect(y).toBeGreaterThanOrEqual(20);
      expect(y).toBeLessThanOrEqual(280);
    }
  });

  it('centres a single lamp and draws nothing for none', () => {
    expect(placeLamps([lamp('only', 31.3, 120.7)], 400, 300)).toEqual([
      { lamp: lamp('only', 31.3, 120.7), x: 200, y: 150 },
    ]);
    expect(placeLamps([], 400, 300)).toEqual([]);
  });
});

describe('lampColour', () => {
  it('is green when working, red when faulty, darker once the street blew the whistle', () => {
    expect(lampColour({ status: 'WORKING' })).toBe('#1a7f37');
    expect(lampColour({ status: 'FAULTY' })).toBe('#cf222e');
    expect(lampColour({ status: 'FAULTY', escalation: 'COMMUNITY_CALL' })).toBe('#cf222e');
    expect(lampColour({ status: 'FAULTY', escalation: 'STREET_WHISTLE' })).toBe('#82071e');
    expect(lampColour({ status: 'FAULTY', escalation: 'DEPARTMENT_REPORT' })).toBe('#82071e');
  });
});

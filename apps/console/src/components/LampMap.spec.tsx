import { renderToStaticMarkup } from 'react-dom/server';
import { LampMap, lampLabel, type MapLamp } from './LampMap';

const lamps: MapLamp[] = [
  {
    id: 'a',
    assetNumber: 'SZ7-LD-001',
    placeDescription: '南门',
    latitude: 31.3016,
    longitude: 120.7322,
    status: 'WORKING',
  },
  {
    id: 'b',
    assetNumber: 'SZ7-LD-002',
    latitude: 31.3019,
    longitude: 120.7322,
    status: 'FAULTY',
    escalation: 'STREET_WHISTLE',
  },
];

describe('LampMap', () => {
  const html = renderToStaticMarkup(<LampMap lamps={lamps} />);

  it('draws each lamp, coloured by status, labelled for a screen reader and focusable', () => {
    expect(html).toContain('aria-label="路灯分布图：共 2 盏，1 盏故障"');
    expect(html).toMatch(
      /<g tabindex="0" role="img" aria-label="路灯 SZ7-LD-001（南门）：正常" data-lamp="SZ7-LD-001" data-status="WORKING"><title>[^<]+<\/title><circle [^>]*fill="#1a7f37"/,
    );
    expect(html).toMatch(
      /data-status="FAULTY"><title>路灯 SZ7-LD-002：故障，街道吹哨<\/title><circle [^>]*fill="#82071e"/,
    );
  });

  it('has a legend for the colours', () => {
    expect(html).toContain('● 正常');
    expect(html).toContain('● 故障');
  });

  it('reads a lamp out with its place and the escalation step', () => {
    expect(lampLabel(lamps[0])).toBe('路灯 SZ7-LD-001（南门）：正常');
    expect(lampLabel(lamps[1])).toBe('路灯 SZ7-LD-002：故障，街道吹哨');
  });
});

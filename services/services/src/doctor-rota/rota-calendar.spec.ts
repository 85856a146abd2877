import { Weekday, isSlotStart, slotStarts } from './rota-calendar';

/** 龙惠社区's family doctors: Tuesdays and Fridays, 8:30 to 11:30, twenty minutes a resident. */
const longhui = {
  weekdays: [Weekday.TUESDAY, Weekday.FRIDAY],
  startTime: '08:30',
  endTime: '11:30',
  slotMinutes: 20,
  validFrom: '2025-11-01',
  validUntil: '2025-12-31',
};
const take = (count: number, slots: Generator<Date>) =>
  Array.from({ length: count }, () => slots.next().value?.toISOString());

describe('a weekly rota', () => {
  it('has its slots on its weekdays in China time, from a given moment on', () => {
    // Monday 17 November 2025, 09:00 in Suzhou: the next slots are Tuesday's.
    const from = new Date('2025-11-17T09:00:00+08:00');
    expect(take(3, slotStarts(longhui, from))).toEqual([
      '2025-11-18T00:30:00.000Z',
      '2025-11-18T00:50:00.000Z',
      '2025-11-18T01:10:00.000Z',
    ]);
    const tuesday = [...slotStarts(longhui, from, 2)];
    expect(tuesday).toHaveLength(9);
    expect(tuesday.at(-1)!.toISOString()).toBe('2025-11-18T03:10:00.000Z'); // 11:10, the last to end by 11:30
    // Friday 09:15: the 08:30 to 09:10 slots are past.
    expect(take(1, slotStarts(longhui, new Date('2025-11-21T09:15:00+08:00')))).toEqual(['2025-11-21T01:30:00.000Z']);
  });

  it('stops at the end of its validity', () => {
    // Tuesday 30 December is its last day.
    expect([...slotStarts(longhui, new Date('2025-12-27T00:00:00+08:00'), 30)]).toHaveLength(9);
    expect([...slotStarts(longhui, new Date('2025-12-31T00:00:00+08:00'), 30)]).toHaveLength(0);
  });

  it('knows its own slot starts from any other moment', () => {
    expect(isSlotStart(longhui, new Date('2025-11-18T08:50:00+08:00'))).toBe(true);
    expect(isSlotStart(longhui, new Date('2025-11-18T08:55:00+08:00'))).toBe(false);
    expect(isSlotStart(longhui, new Date('2025-11-18T11:30:00+08:00'))).toBe(false);
    expect(isSlotStart(longhui, new Date('2025-11-19T08:50:00+08:00'))).toBe(false); // a Wednesday
    expect(isSlotStart(longhui, new Date('2026-01-02T08:30:00+08:00'))).toBe(false); // after the rota's end
  });
});

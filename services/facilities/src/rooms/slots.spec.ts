import type { Room } from './room.schema';
import { bookedSlots, openingHoursProblem, slotsOfDay, startOfLocalDay } from './slots';

// 乐邻驿站 象棋室: open 08:30–21:00 on weekdays, 09:00–17:00 on Saturdays, closed on Sundays; hour-long slots in
// the morning need half-hour steps because it opens at 08:30.
const chessRoom: Pick<Room, 'openingHours' | 'slotMinutes' | 'maxBookingMinutes'> = {
  slotMinutes: 30,
  maxBookingMinutes: 180,
  openingHours: [
    ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '21:00' })),
    { weekday: 6, opens: '09:00', closes: '24:00' },
  ],
};
// Tuesday 24 November 2026, China Standard Time.
const at = (time: string, day = '2026-11-24') => new Date(`${day}T${time}:00+08:00`);

describe('room slots', () => {
  it('splits a booking into the slots it holds, in China Standard Time', () => {
    expect(bookedSlots(chessRoom, at('08:30'), at('10:00'))).toEqual([at('08:30'), at('09:00'), at('09:30')]);
    expect(bookedSlots(chessRoom, at('22:00', '2026-11-28'), at('00:00', '2026-11-29'))).toHaveLength(4);
  });

  it.each([
    ['not on the steps', at('08:45'), at('09:45'), 'ROOM_BOOKING.NOT_ON_SLOTS'],
    ['ending before it starts', at('10:00'), at('09:00'), 'ROOM_BOOKING.NOT_ON_SLOTS'],
    ['longer than allowed', at('09:00'), at('12:30'), 'ROOM_BOOKING.TOO_LONG'],
    ['before opening', at('08:00'), at('09:00'), 'ROOM_BOOKING.OUTSIDE_OPENING_HOURS'],
    ['past closing', at('20:30'), at('21:30'), 'ROOM_BOOKING.OUTSIDE_OPENING_HOURS'],
    ['on a closed day', at('10:00', '2026-11-29'), at('11:00', '2026-11-29'), 'ROOM_BOOKING.OUTSIDE_OPENING_HOURS'],
    [
      'across midnight into a closed day',
      at('23:30', '2026-11-28'),
      at('00:30', '2026-11-29'),
      'ROOM_BOOKING.OUTSIDE_OPENING_HOURS',
    ],
  ])('refuses a booking %s', (_case, startsAt, endsAt, code) => {
    expect(() => bookedSlots(chessRoom, startsAt, endsAt)).toThrow(expect.objectContaining({ code }));
  });

  it('lists the slots of a local day, none when closed', () => {
    const tuesday = slotsOfDay(chessRoom, startOfLocalDay('2026-11-24')!);
    expect(tuesday).toHaveLength(25);
    expect(tuesday[0]).toEqual({ startsAt: at('08:30'), endsAt: at('09:00') });
    expect(slotsOfDay(chessRoom, startOfLocalDay('2026-11-29')!)).toEqual([]);
  });

  it('reads calendar days strictly', () => {
    expect(startOfLocalDay('2026-11-24')).toEqual(at('00:00'));
    expect(startOfLocalDay('2026-02-30')).toBeNull();
    expect(startOfLocalDay('24/11/2026')).toBeNull();
  });

  it('finds what is wrong with opening hours', () => {
    expect(openingHoursProblem(chessRoom.openingHours, 30)).toBeNull();
    expect(openingHoursProblem(chessRoom.openingHours, 60)).toMatch(/not on the 60-minute steps/);
    expect(openingHoursProblem([{ weekday: 1, opens: '21:00', closes: '08:00' }], 30)).toMatch(
      /closes before it opens/,
    );
    expect(
      openingHoursProblem(
        [
          { weekday: 1, opens: '08:00', closes: '09:00' },
          { weekday: 1, opens: '10:00', closes: '11:00' },
        ],
        30,
      ),
    ).toMatch(/listed twice/);
    expect(openingHoursProblem([], 7)).toMatch(/do not divide a day/);
  });
});

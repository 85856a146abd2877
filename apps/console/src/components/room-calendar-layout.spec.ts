import { calendarRows, dayHeading, weekDates } from './room-calendar-layout';

describe('the room calendar, in China time', () => {
  it('counts the week from the day it is in China, whatever the machine’s zone', () => {
    // 2026-03-01 17:30 UTC is already 2 March in 东八区.
    expect(weekDates(new Date('2026-03-01T17:30:00Z'))).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
  });

  it('heads a column with the weekday and the date', () => {
    expect(dayHeading('2026-03-02')).toBe('周一 3/2');
  });

  it('lays the slots out by time of day, free, taken or closed where a day has no such slot', () => {
    const slot = (date: string, time: string, free: boolean) => ({
      startsAt: new Date(`${date}T${time}:00+08:00`).toISOString(),
      endsAt: new Date(`${date}T${time}:00+08:00`).toISOString(),
      free,
    });
    const rows = calendarRows([
      [slot('2026-03-02', '09:00', true), slot('2026-03-02', '09:30', false)],
      [slot('2026-03-03', '14:00', true)],
    ]);
    expect(rows).toEqual([
      { time: '09:00', cells: ['free', 'closed'] },
      { time: '09:30', cells: ['taken', 'closed'] },
      { time: '14:00', cells: ['closed', 'free'] },
    ]);
  });
});

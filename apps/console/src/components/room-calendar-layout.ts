/** Rooms keep China Standard Time (facilities: rooms' hours are 东八区). */
export const ROOM_TIME_ZONE = 'Asia/Shanghai';

export interface Slot {
  startsAt: string;
  endsAt: string;
  free: boolean;
}

const dateInChina = new Intl.DateTimeFormat('en-CA', {
  timeZone: ROOM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeInChina = new Intl.DateTimeFormat('en-GB', {
  timeZone: ROOM_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const weekdayInChina = new Intl.DateTimeFormat('zh-CN', { timeZone: ROOM_TIME_ZONE, weekday: 'short' });

/** A slot's time of day in China time: 09:30. */
export function slotTime(iso: string): string {
  return timeInChina.format(new Date(iso));
}

/** Seven calendar dates (YYYY-MM-DD, China time) from the day `now` falls on there. */
export function weekDates(now: Date): string[] {
  return Array.from({ length: 7 }, (_, day) => dateInChina.format(new Date(now.getTime() + day * 86_400_000)));
}

/** 周一 … 周日 and the month/day of a date, for a column heading. */
export function dayHeading(date: string): string {
  const noonInChina = new Date(`${date}T12:00:00+08:00`);
  return `${weekdayInChina.format(noonInChina)} ${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}

export type Cell = 'free' | 'taken' | 'closed';

/**
 * A week's slots as a table: one row per time of day any day has a slot at (China time, in order), one cell per day —
 * free, taken, or closed where that day has no such slot (the room is not open then).
 */
export function calendarRows(days: Slot[][]): { time: string; cells: Cell[] }[] {
  const byDay = days.map((slots) => new Map(slots.map((slot) => [slotTime(slot.startsAt), slot.free])));
  const times = [...new Set(byDay.flatMap((slots) => [...slots.keys()]))].sort();
  return times.map((time) => ({
    time,
    cells: byDay.map((slots) => {
      const free = slots.get(time);
      return free === undefined ? 'closed' : free ? 'free' : 'taken';
    }),
  }));
}

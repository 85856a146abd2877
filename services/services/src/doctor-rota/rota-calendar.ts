import { registerEnumType } from '@nestjs/graphql';

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(Weekday, {
  name: 'Weekday',
  description: 'A day of the week, in China time.',
  valuesMap: {
    MONDAY: { description: 'Monday (周一).' },
    TUESDAY: { description: 'Tuesday (周二).' },
    WEDNESDAY: { description: 'Wednesday (周三).' },
    THURSDAY: { description: 'Thursday (周四).' },
    FRIDAY: { description: 'Friday (周五).' },
    SATURDAY: { description: 'Saturday (周六).' },
    SUNDAY: { description: 'Sunday (周日).' },
  },
});

/** Rotas are kept in China Standard Time (UTC+8, no daylight saving), the clock the doctors and residents keep. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const MINUTE_MS = 60_000;
/** Date.getUTCDay order. */
const WEEKDAYS_FROM_SUNDAY = [
  Weekday.SUNDAY,
  Weekday.MONDAY,
  Weekday.TUESDAY,
  Weekday.WEDNESDAY,
  Weekday.THURSDAY,
  Weekday.FRIDAY,
  Weekday.SATURDAY,
];

/** What decides a rota's slots: the weekdays it runs, its hours ("08:30"), slot length and the dates it is valid. */
export interface RotaTimes {
  weekdays: Weekday[];
  startTime: string;
  endTime: string;
  slotMinutes: number;
  /** YYYY-MM-DD, China time. */
  validFrom: string;
  validUntil: string | null;
}

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Midnight in China of the day `at` falls on, as an instant. */
function chinaMidnight(at: number): number {
  return Math.floor((at + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

function runsOn(rota: RotaTimes, midnight: number): boolean {
  const local = new Date(midnight + CHINA_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  return (
    rota.weekdays.includes(WEEKDAYS_FROM_SUNDAY[local.getUTCDay()]) &&
    date >= rota.validFrom &&
    (rota.validUntil === null || date <= rota.validUntil)
  );
}

/** The starts of the rota's slots at or after `from`, in order, over the next `horizonDays` days. */
export function* slotStarts(rota: RotaTimes, from: Date, horizonDays = 90): Generator<Date> {
  const [first, last] = [minutesOfDay(rota.startTime), minutesOfDay(rota.endTime) - rota.slotMinutes];
  for (let day = 0, midnight = chinaMidnight(from.getTime()); day < horizonDays; day++, midnight += DAY_MS) {
    if (!runsOn(rota, midnight)) continue;
    for (let minute = first; minute <= last; minute += rota.slotMinutes) {
      const start = midnight + minute * MINUTE_MS;
      if (start >= from.getTime()) yield new Date(start);
    }
  }
}

/** Whether `at` is exactly the start of one of the rota's slots. */
export function isSlotStart(rota: RotaTimes, at: Date): boolean {
  const midnight = chinaMidnight(at.getTime());
  const minute = (at.getTime() - midnight) / MINUTE_MS;
  const first = minutesOfDay(rota.startTime);
  return (
    runsOn(rota, midnight) &&
    Number.isInteger(minute) &&
    minute >= first &&
    minute + rota.slotMinutes <= minutesOfDay(rota.endTime) &&
    (minute - first) % rota.slotMinutes === 0
  );
}

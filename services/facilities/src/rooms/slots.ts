import type { OpeningHours, Room } from './room.schema';
import { RoomErrors } from './rooms.errors';

/**
 * Slot arithmetic in China Standard Time (UTC+8 all year, no daylight saving): opening hours are local times of day,
 * and a room's slots are steps of `slotMinutes` from local midnight.
 */
const CST_OFFSET_MS = 8 * 3600 * 1000;
const MINUTE_MS = 60 * 1000;
const DAY_MINUTES = 24 * 60;

type SlotRules = Pick<Room, 'openingHours' | 'slotMinutes' | 'maxBookingMinutes'>;

interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** 1 Monday … 7 Sunday */
  weekday: number;
  /** Since local midnight, with fractions for seconds. */
  minutes: number;
}

function local(instant: Date): LocalTime {
  const shifted = new Date(instant.getTime() + CST_OFFSET_MS);
  const midnight = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate());
  return {
    date: shifted.toISOString().slice(0, 10),
    weekday: shifted.getUTCDay() || 7,
    minutes: (shifted.getTime() - midnight) / MINUTE_MS,
  };
}

/** "08:30" → 510. */
export function minutesOf(clockTime: string): number {
  const [hours, minutes] = clockTime.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Local midnight of a calendar day (YYYY-MM-DD) as an instant; null for anything that is not a real day. */
export function startOfLocalDay(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(utc).toISOString().slice(0, 10) !== date) return null;
  return new Date(utc - CST_OFFSET_MS);
}

/** What is wrong with a room's opening hours, or null: each weekday once, opening before closing, on the slot steps. */
export function openingHoursProblem(openingHours: readonly OpeningHours[], slotMinutes: number): string | null {
  if (DAY_MINUTES % slotMinutes !== 0) return `${slotMinutes} minutes do not divide a day`;
  const weekdays = new Set<number>();
  for (const { weekday, opens, closes } of openingHours) {
    if (weekdays.has(weekday)) return `weekday ${weekday} is listed twice`;
    weekdays.add(weekday);
    if (minutesOf(opens) >= minutesOf(closes)) return `on weekday ${weekday} the room closes before it opens`;
    if (minutesOf(opens) % slotMinutes || minutesOf(closes) % slotMinutes)
      return `on weekday ${weekday} the hours are not on the ${slotMinutes}-minute steps`;
  }
  return null;
}

/** The starts of the slots [startsAt, endsAt) holds, after checking it is a booking the room allows. */
export function bookedSlots(room: SlotRules, startsAt: Date, endsAt: Date): Date[] {
  const start = local(startsAt);
  const end = local(endsAt);
  const length = (endsAt.getTime() - startsAt.getTime()) / MINUTE_MS;
  if (length <= 0 || start.minutes % room.slotMinutes !== 0 || length % room.slotMinutes !== 0)
    throw RoomErrors.notOnSlots(room.slotMinutes);
  if (length > room.maxBookingMinutes) throw RoomErrors.tooLong(room.maxBookingMinutes);
  // Ending at midnight is the same day's 24:00.
  const endMinutes =
    end.date === start.date ? end.minutes : end.minutes === 0 && length <= DAY_MINUTES ? DAY_MINUTES : Number.NaN;
  const hours = room.openingHours.find((day) => day.weekday === start.weekday);
  if (!hours || start.minutes < minutesOf(hours.opens) || !(endMinutes <= minutesOf(hours.closes)))
    throw RoomErrors.outsideOpeningHours();
  return Array.from(
    { length: length / room.slotMinutes },
    (_, index) => new Date(startsAt.getTime() + index * room.slotMinutes * MINUTE_MS),
  );
}

/** Every slot of a room on a local day, in order; none when it is closed that day. */
export function slotsOfDay(room: SlotRules, dayStart: Date): { startsAt: Date; endsAt: Date }[] {
  const hours = room.openingHours.find((day) => day.weekday === local(dayStart).weekday);
  if (!hours) return [];
  const slots = [];
  for (let minute = minutesOf(hours.opens); minute < minutesOf(hours.closes); minute += room.slotMinutes) {
    const startsAt = new Date(dayStart.getTime() + minute * MINUTE_MS);
    slots.push({ startsAt, endsAt: new Date(startsAt.getTime() + room.slotMinutes * MINUTE_MS) });
  }
  return slots;
}

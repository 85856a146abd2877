import { ValidateBy, type ValidationOptions } from 'class-validator';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How far from now a date may lie, in days either way. */
export interface DateWindow {
  pastDays: number;
  futureDays: number;
}

/**
 * The sane windows for dates clients send. They catch the absurd (year 9999, a care order for 1999), not business
 * rules: "not in the past", a booking horizon and the like stay with each feature, on its own clock.
 */
export const DATE_WINDOWS = {
  /** Something being booked or scheduled: a room, a care order, a session, a meeting, the end of a vote. */
  SCHEDULE: { pastDays: 5 * 365, futureDays: 2 * 365 },
  /** Something that happened: a gate event, the start of a visit (a clock a little ahead is tolerated). */
  HISTORY: { pastDays: 5 * 365, futureDays: 1 },
  /** A validity period or a query's starting point: an agreement for years, a list from some date. */
  RANGE: { pastDays: 20 * 365, futureDays: 20 * 365 },
} as const satisfies Record<string, DateWindow>;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The earliest and latest instants of `window` around now. */
const boundsOf = (window: DateWindow) =>
  [Date.now() - window.pastDays * DAY_MS, Date.now() + window.futureDays * DAY_MS] as const;

/** One rule for both kinds of date: `toTime` reads the value (NaN when it is no date), then the window decides. */
function dateWithin(
  name: string,
  window: DateWindow,
  toTime: (value: unknown) => number,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => {
          const time = toTime(value);
          const [earliest, latest] = boundsOf(window);
          return !Number.isNaN(time) && time >= earliest && time <= latest;
        },
        defaultMessage: (args) => {
          const [earliest, latest] = boundsOf(window);
          return `${args?.property} must be between ${day(earliest)} and ${day(latest)}`;
        },
      },
    },
    options,
  );
}

/** class-validator: a valid Date inside `window` around the time of the request. Use with @IsDate(). */
export function IsDateWithin(window: DateWindow, options?: ValidationOptions): PropertyDecorator {
  return dateWithin('isDateWithin', window, (value) => (value instanceof Date ? value.getTime() : Number.NaN), options);
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a calendar day `YYYY-MM-DD` starts (UTC), or NaN when it is no such day (2026-02-30, 2026-2-3). */
export function calendarDayTime(value: unknown): number {
  const parts = typeof value === 'string' ? CALENDAR_DAY.exec(value) : null;
  if (!parts) return Number.NaN;
  const [year, month, dayOfMonth] = parts.slice(1).map(Number) as [number, number, number];
  const time = Date.UTC(year, month - 1, dayOfMonth);
  return day(time) === value ? time : Number.NaN;
}

/**
 * class-validator: a calendar day `YYYY-MM-DD` (a real one) inside `window` around the day of the request, for
 * fields typed as strings (a rota's validity, a room's day). The message names the field and the window.
 */
export function IsDayWithin(window: DateWindow, options?: ValidationOptions): PropertyDecorator {
  return dateWithin('isDayWithin', window, calendarDayTime, options);
}

/**
 * Characters no text a client sends may carry, whatever the field: C0/C1 control characters other than tab and line
 * breaks, and the invisible formatting characters that can make text read differently from what it is — the
 * bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069, the LRM/RLM/ALM marks), zero-width
 * space, word joiner and invisible operators, BOM, interlinear annotation. ZWJ/ZWNJ stay allowed (emoji, scripts).
 */
export const FORBIDDEN_TEXT_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/;

/** Paths (`input.name`, `input.members.0.name`) of every string in `value` that carries a forbidden character. */
export function stringsWithForbiddenCharacters(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return FORBIDDEN_TEXT_CHARACTERS.test(value) ? [path] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) =>
      stringsWithForbiddenCharacters(item, path ? `${path}.${index}` : String(index)),
    );
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) =>
      stringsWithForbiddenCharacters(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

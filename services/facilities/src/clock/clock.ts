/**
 * What time it is, for every deadline the service keeps: SLA clocks, escalation, garden covenants, bookings in the
 * past. Injected rather than read from `new Date()` so tests move time on instead of sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

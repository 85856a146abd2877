/**
 * What time it is, for every rule that depends on it: SLA clocks and escalation, covenant terms, voting and notice
 * windows, bookings in the past, key expiry. Domain code asks an injected Clock instead of calling `new Date()` or
 * `Date.now()`, so tests move time on instead of sleeping. SubgraphPlatformModule provides one (the system's unless
 * the app was given another).
 */
export abstract class Clock {
  abstract now(): Date;

  /** The same instant as `now()`, in milliseconds since the epoch. */
  nowMs(): number {
    return this.now().getTime();
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * The system clock for code no injector reaches: command-line entries (demo loaders, grant-role) and
 * class-validator rules ("not born in the future"), which run outside a Nest module. Everything inside one injects
 * `Clock` instead, so that tests can move it.
 */
export const systemClock: Clock = new SystemClock();

/** A clock moved by hand: tests (and the demo loader's fixed "today") set and advance it. */
export class ManualClock extends Clock {
  private current: Date;

  constructor(start: Date = new Date()) {
    super();
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock on by `hours` (fractions allowed) and returns the new time. */
  advance(hours: number): Date {
    this.current = new Date(this.current.getTime() + hours * 3600 * 1000);
    return this.now();
  }

  /** Puts the clock at `time`. */
  set(time: Date): Date {
    this.current = new Date(time);
    return this.now();
  }
}

import { TerritoryErrors } from './territory.errors';
import { AgeBand } from './territory.schema';

/**
 * Age bands by birthday (issue 15). Organization keeps a resident's band, not their birth date (PIPL: the minimum
 * necessary): a birth date given at move-in gives the band now and the moment it next changes, `ageBandChangesAt`,
 * and only that moment is stored. The band after it starts at a known age, so each change gives the next one
 * (turning 14 at t, 18 is t + 4 years) without the birth date ever being kept.
 */
const BANDS: readonly { band: AgeBand; from: number }[] = [
  { band: AgeBand.UNDER_6, from: 0 },
  { band: AgeBand.AGE_6_TO_13, from: 6 },
  { band: AgeBand.AGE_14_TO_17, from: 14 },
  { band: AgeBand.AGE_18_TO_59, from: 18 },
  { band: AgeBand.AGE_60_TO_79, from: 60 },
  { band: AgeBand.AGE_80_PLUS, from: 80 },
];

/** The oldest a birth date may make someone. */
export const MAX_AGE_YEARS = 130;

export interface AgeBandNow {
  ageBand: AgeBand;
  /** When the band next changes (a birthday); null in the last band. */
  changesAt: Date | null;
}

function yearsAfter(date: Date, years: number): Date {
  const later = new Date(date);
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}

/** The band someone born at `birthDate` is in at `at`, and when it next changes. */
export function ageBandAt(birthDate: Date, at: Date): AgeBandNow {
  let index = 0;
  while (index + 1 < BANDS.length && yearsAfter(birthDate, BANDS[index + 1].from).getTime() <= at.getTime()) index++;
  const next = BANDS[index + 1];
  return { ageBand: BANDS[index].band, changesAt: next ? yearsAfter(birthDate, next.from) : null };
}

/** The band that begins at `changesAt` after `band`, and when that one changes in turn. */
export function bandAfter(band: AgeBand, changesAt: Date): AgeBandNow {
  const index = BANDS.findIndex((candidate) => candidate.band === band);
  const next = BANDS[index + 1];
  if (!next) return { ageBand: band, changesAt: null };
  const following = BANDS[index + 2];
  return { ageBand: next.band, changesAt: following ? yearsAfter(changesAt, following.from - next.from) : null };
}

export function isAdultBand(band: AgeBand): boolean {
  return BANDS.findIndex((candidate) => candidate.band === band) >= 3;
}

/**
 * The band a resident moves in with: the birth date's when given (the band given too must agree), else the band
 * given, which then never changes by itself.
 */
export function ageBandOnMoveIn(given: AgeBand | undefined, birthDate: Date | undefined, now: Date): AgeBandNow {
  if (!birthDate) {
    if (!given) throw TerritoryErrors.ageBandOrBirthDate();
    return { ageBand: given, changesAt: null };
  }
  if (birthDate.getTime() > now.getTime() || yearsAfter(birthDate, MAX_AGE_YEARS).getTime() < now.getTime())
    throw TerritoryErrors.birthDateOutOfRange(MAX_AGE_YEARS);
  const byBirthDate = ageBandAt(birthDate, now);
  if (given && given !== byBirthDate.ageBand) throw TerritoryErrors.ageBandDisagrees(given, byBirthDate.ageBand);
  return byBirthDate;
}

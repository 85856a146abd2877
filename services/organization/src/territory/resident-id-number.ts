import { systemClock } from '@gongzhi/platform';
import { ValidateBy } from 'class-validator';

/**
 * The 18-character number of the 居民身份证 (GB 11643-1999): a 6-digit region code, the birth date as YYYYMMDD, a
 * 3-digit sequence and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export function isResidentIdNumber(value: string, today: Date): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const [year, month, day] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number);
  const birth = new Date(Date.UTC(year, month - 1, day));
  const isCalendarDate =
    birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!isCalendarDate || year < 1900 || birth > today) return false;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  return CHECK_CHARACTERS[sum % 11] === value[17];
}

/** 3205**********1234: the region's first four digits and the last four, enough to tell two records apart. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

/** 139****5678 */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function IsResidentIdNumber(): PropertyDecorator {
  return ValidateBy({
    name: 'isResidentIdNumber',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isResidentIdNumber(value, systemClock.now()),
      defaultMessage: () =>
        'must be an 18-character 居民身份证 number with a real birth date and a matching check character',
    },
  });
}

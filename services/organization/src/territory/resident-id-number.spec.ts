import { isResidentIdNumber, maskIdNumber, maskPhone } from './resident-id-number';

describe('居民身份证 numbers', () => {
  it('accepts a number whose birth date is real and whose check character matches, X included', () => {
    expect(isResidentIdNumber('320571198005120022', new Date('2026-11-21'))).toBe(true);
    expect(isResidentIdNumber('32058219620718127X', new Date('2026-11-21'))).toBe(true);
  });

  it.each([
    ['a wrong check character', '320571198005120023'],
    ['a lowercase x where the pipe has not upper-cased it', '32058219620718127x'],
    ['17 characters', '32057119800512002'],
    ['a 30 February (check character right)', '320571198002300028'],
    ['a birth date in the future', '320571209901010017'],
    ['letters inside', '3205711980A5120022'],
  ])('refuses %s', (_case, idNumber) => {
    expect(isResidentIdNumber(idNumber, new Date('2026-11-21'))).toBe(false);
  });

  it('masks all but the first and last four characters, and a phone all but its first three and last four', () => {
    expect(maskIdNumber('320571198005120022')).toBe('3205**********0022');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});

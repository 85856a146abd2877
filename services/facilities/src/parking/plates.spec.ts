import { normalizePlate, PLATE_PATTERN } from './plates';

describe('number plates', () => {
  it.each([
    ['苏E·12345', '苏E12345'],
    ['苏e 3k8q2', '苏E3K8Q2'],
    ['湘A-D12345', '湘AD12345'],
  ])('reads %s as %s', (written, stored) => {
    expect(normalizePlate(written)).toBe(stored);
    expect(PLATE_PATTERN.test(stored)).toBe(true);
  });

  it.each(['苏12345', 'SU E12345', '苏E1234', '苏E1234567', 'XE12345'])('refuses %s', (plate) => {
    expect(PLATE_PATTERN.test(normalizePlate(plate))).toBe(false);
  });
});

import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/**
 * Mainland number plates: a province character, the issuing office's letter, then five characters (six on the green
 * plates of new-energy vehicles). Written 苏E·12345 or 苏e 12345; stored as 苏E12345, so a gate's reading and a
 * resident's typing match.
 */
export const PLATE_PATTERN =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{4}[A-Z0-9挂学警港澳]$|^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{6}$/;

export function normalizePlate(plate: string): string {
  return plate.replace(/[\s·.-]/g, '').toUpperCase();
}

/** An input field holding a plate: normalized, then checked. */
export function IsPlate(): PropertyDecorator {
  const normalize = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalizePlate(value) : value,
  );
  const check = Matches(PLATE_PATTERN, { message: 'must be a mainland number plate, e.g. 苏E·12345' });
  return (target, property) => {
    normalize(target, property);
    check(target, property);
  };
}

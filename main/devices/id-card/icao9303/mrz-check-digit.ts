import { AppError } from '../../../../common/errors';

const WEIGHTS = [7, 3, 1] as const;

function charValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  if (ch === '<') return 0;
  throw new AppError(
    'INVALID_INPUT',
    `Character not allowed in an MRZ field: ${JSON.stringify(ch)}`,
  );
}

/** ICAO 9303-3 §4.9 check digit: weights 7,3,1 repeating; 0-9, A-Z = 10-35, '<' = 0; sum mod 10. */
export function mrzCheckDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    sum += charValue(field.charAt(i)) * WEIGHTS[i % 3]!;
  }
  return sum % 10;
}

/** ICAO 9303-3 §4.9: check digit with weights 7, 3, 1; '<' = 0, A–Z = 10–35. */
export function mrzCheckDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    sum += charValue(field.charCodeAt(i)) * (weights[i % 3] ?? 0);
  }
  return sum % 10;
}

function charValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41 + 10;
  return 0; // '<' (and anything else, which the MRZ character check rejects earlier)
}

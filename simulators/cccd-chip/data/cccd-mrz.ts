import type { CardCitizen } from '../../data/card-citizens.js';

/**
 * The TD1 MRZ of a CCCD (ICAO 9303-5 §4.2.2; research §2.1): document number = last 9 digits of
 * the ID, the full ID (and its check digit, position 30) in the line-1 optional data, expiry
 * "991231" when the card has none. Check digits per ICAO 9303-3 §4.9, computed here on their own.
 */
export function cccdMrzLines(c: CardCitizen): [string, string, string] {
  const docNo = c.idNumber.slice(3);
  const line1 = `IDVNM${docNo}${check(docNo)}${c.idNumber}<<${check(c.idNumber)}`;
  const birth = yymmdd(c.dateOfBirth);
  const expiry = c.expiryDate === null ? '991231' : yymmdd(c.expiryDate);
  const line2Head = `${birth}${check(birth)}${c.sex}${expiry}${check(expiry)}VNM`.padEnd(29, '<');
  const composite =
    line1.slice(5, 30) + line2Head.slice(0, 7) + line2Head.slice(8, 15) + line2Head.slice(18, 29);
  const line2 = `${line2Head}${check(composite)}`;
  return [line1, line2, nameLine(c.fullName)];
}

/** Vietnamese name → MRZ: diacritics dropped, Đ → D, surname << given names (ICAO 9303-3 §6). */
export function mrzName(fullName: string): string {
  const plain = fullName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z ]/g, ' ');
  const [surname = '', ...given] = plain.split(/\s+/).filter((p) => p.length > 0);
  return `${surname}<<${given.join('<')}`;
}

function nameLine(fullName: string): string {
  return mrzName(fullName).slice(0, 30).padEnd(30, '<');
}

function yymmdd(iso: string): string {
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}

function check(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  [...field].forEach((ch, i) => {
    const v = ch === '<' ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * (weights[i % 3] ?? 0);
  });
  return String(sum % 10);
}

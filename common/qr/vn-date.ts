/**
 * Vietnamese day-first dates as printed on cards and in their QR codes: "ddmmyyyy" (QR, research
 * §3), "dd/mm/yyyy" (DG13, research §2.4), also "dd-mm-yyyy" and "dd.mm.yyyy" as some scanners
 * and third-party tools reformat them. Returns ISO "yyyy-mm-dd" for a real calendar date, else
 * undefined.
 */
export function parseVnDate(text: string): string | undefined {
  const m = /^(\d{2})[/.-]?(\d{2})[/.-]?(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const [, dd = '', mm = '', yyyy = ''] = m;
  const sep = text.trim().slice(2, 3);
  if (/[/.-]/.test(sep) && text.trim().slice(5, 6) !== sep) return undefined;
  return isoDate(Number(yyyy), Number(mm), Number(dd));
}

/** ISO date for a valid year/month/day (proleptic Gregorian, years 1900–2199), else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth =
    [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day > daysInMonth) return undefined;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCccdQr } from './cccd-qr.js';
import { isoDate, parseVnDate } from './vn-date.js';

// Fake people only (research §3 layout).
const SEVEN =
  '001099012345|012345678|Nguyễn Văn An|01011999|Nam|Số 1, phường Ninh Kiều, thành phố Cần Thơ|15042021';

describe('parseCccdQr', () => {
  it('reads the 7-field layout', () => {
    expect(parseCccdQr(SEVEN)).toEqual({
      ok: true,
      value: {
        idNumber: '001099012345',
        oldIdNumber: '012345678',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1999-01-01',
        sex: 'M',
        placeOfResidence: 'Số 1, phường Ninh Kiều, thành phố Cần Thơ',
        issueDate: '2021-04-15',
        extraFields: [],
      },
    });
  });

  it('keeps empty fields: no old ID, and the 11-field layout of 2024 cards', () => {
    const text =
      '001199054321||Trần Thị Bé|29022000|Nữ|Ấp 3, xã Thới Lai, thành phố Cần Thơ|04102024||||';
    const r = parseCccdQr(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.oldIdNumber).toBeUndefined();
    expect(r.value.sex).toBe('F');
    expect(r.value.dateOfBirth).toBe('2000-02-29');
    expect(r.value.extraFields).toEqual(['', '', '', '']);
  });

  it('is lenient with dd/mm/yyyy dates, scanner CR/LF and decomposed (NFD) text', () => {
    const text =
      `${SEVEN.replace('01011999', '01/01/1999').replace('15042021', '15/04/2021')}\r\n`.normalize(
        'NFD',
      );
    const r = parseCccdQr(text);
    expect(r).toMatchObject({
      ok: true,
      value: { dateOfBirth: '1999-01-01', issueDate: '2021-04-15', fullName: 'Nguyễn Văn An' },
    });
  });

  it.each([
    ['6 fields', SEVEN.split('|').slice(0, 6).join('|'), 'CCCD_FIELD_COUNT'],
    ['11-digit ID', SEVEN.replace('001099012345', '00109901234'), 'CCCD_ID_NUMBER'],
    ['letters in ID', SEVEN.replace('001099012345', '00109901234X'), 'CCCD_ID_NUMBER'],
    ['bad old ID', SEVEN.replace('012345678', '0123'), 'CCCD_OLD_ID_NUMBER'],
    ['empty name', SEVEN.replace('Nguyễn Văn An', ' '), 'CCCD_NAME'],
    ['31 February', SEVEN.replace('01011999', '31021999'), 'CCCD_DATE'],
    ['bad issue date', SEVEN.replace('15042021', '2021-04-15'), 'CCCD_DATE'],
    ['sex "Male"', SEVEN.replace('|Nam|', '|Male|'), 'CCCD_SEX'],
  ])('rejects %s', (_name, text, code) => {
    expect(parseCccdQr(text)).toMatchObject({ ok: false, error: { code } });
  });

  it('never throws on random text or random fields', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 14 }),
      fc.stringMatching(/^\d{12}$/),
      fc.constantFrom('Nam', 'Nữ', '01012000'),
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.array(field, { maxLength: 14 }),
        (s, fields) => {
          expect(typeof parseCccdQr(s).ok).toBe('boolean');
          expect(typeof parseCccdQr(fields.join('|')).ok).toBe('boolean');
        },
      ),
      { numRuns: 2000, seed: 20261128 },
    );
  });
});

describe('parseVnDate', () => {
  it('accepts ddmmyyyy and consistent separators, only real dates', () => {
    expect(parseVnDate('14031985')).toBe('1985-03-14');
    expect(parseVnDate('14/03/1985')).toBe('1985-03-14');
    expect(parseVnDate('14-03-1985')).toBe('1985-03-14');
    expect(parseVnDate('14/03-1985')).toBeUndefined();
    expect(parseVnDate('29021900')).toBeUndefined();
    expect(parseVnDate('29022000')).toBe('2000-02-29');
    expect(parseVnDate('1985-03-14')).toBeUndefined();
    expect(isoDate(1944, Number('AB'), 1)).toBeUndefined();
    expect(isoDate(2000, 2, 29.5)).toBeUndefined();
  });
});

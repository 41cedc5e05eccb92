import { describe, it, expect } from 'vitest';
import { parse as parseMrz } from 'mrz';
import { fromHex } from '../../../../../common/hex.js';
import { AppError } from '../../../../../common/errors.js';
import { parseEfCom } from './ef-com.js';
import { parseDg1 } from './dg1.js';
import { mrzCheckDigit } from './mrz-check-digit.js';

function dg1Of(lines: string[]): Uint8Array {
  const mrz = Array.from(lines.join(''), (c) => c.charCodeAt(0));
  return new Uint8Array([0x61, 0x5d, 0x5f, 0x1f, 0x5a, ...mrz]);
}

// Synthetic CCCD-style MRZ from research §2.1 (fake person), name line added.
const SYNTHETIC = [
  'IDVNM0990123459001099012345<<0',
  '9901018M2401014VNM<<<<<<<<<<<2',
  'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<',
];

describe('parseEfCom', () => {
  it('reads the CCCD EF.COM of research §2.3 (26 bytes)', () => {
    const bytes = fromHex('60 18 5F01 04 30313037 5F36 06 303430303030 5C 06 61 75 63 6D 6E 6F');
    expect(bytes.length).toBe(26);
    expect(parseEfCom(bytes)).toEqual({
      ldsVersion: '0107',
      unicodeVersion: '040000',
      dataGroupTags: [0x61, 0x75, 0x63, 0x6d, 0x6e, 0x6f],
      dataGroups: [1, 2, 3, 13, 14, 15],
    });
  });

  it('rejects an EF.COM without its tag list', () => {
    expect(() => parseEfCom(fromHex('60 0E 5F01 04 30313037 5F36 04 30343030'))).toThrow(AppError);
  });
});

describe('parseDg1', () => {
  it('computes ICAO 9303-3 check digits (the specimen "L898902C3" → 6)', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('520727')).toBe(3);
  });

  it('reads a 95-byte CCCD DG1: document number, 12-digit ID from optional data, dates, name', () => {
    const bytes = dg1Of(SYNTHETIC);
    expect(bytes.length).toBe(95);
    const dg1 = parseDg1(bytes);
    expect(dg1).toMatchObject({
      documentCode: 'ID',
      issuingState: 'VNM',
      documentNumber: '099012345',
      idNumber: '001099012345',
      dateOfBirth: '990101',
      sex: 'M',
      dateOfExpiry: '240101',
      nationality: 'VNM',
      surname: 'NGUYEN',
      givenNames: 'VAN A',
      checkDigits: { documentNumber: true, dateOfBirth: true, dateOfExpiry: true, composite: true },
    });
    // An independent implementation agrees.
    expect(parseMrz(SYNTHETIC).valid).toBe(true);
  });

  it('rejects a wrong check digit, unless asked to be lenient', () => {
    const bad = [SYNTHETIC[0]!, SYNTHETIC[1]!.replace('9901018', '9901017'), SYNTHETIC[2]!];
    expect(() => parseDg1(dg1Of(bad))).toThrow(/check digit wrong for dateOfBirth, composite/);
    const lenient = parseDg1(dg1Of(bad), { allowCheckDigitErrors: true });
    expect(lenient.checkDigits).toEqual({
      documentNumber: true,
      dateOfBirth: false,
      dateOfExpiry: true,
      composite: false,
    });
  });

  it('rejects an MRZ of the wrong length or with lower-case letters', () => {
    expect(() => parseDg1(fromHex('61 07 5F1F 04 49445641'))).toThrow(/TD1 needs 90/);
    const lower = dg1Of([SYNTHETIC[0]!, SYNTHETIC[1]!, 'nguyen<<van<a<<<<<<<<<<<<<<<<<']);
    expect(() => parseDg1(lower)).toThrow(/outside 0-9 A-Z/);
  });
});

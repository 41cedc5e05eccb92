import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fromHex } from '../../../../../common/hex.js';
import { AppError } from '../../../../../common/errors.js';
import { parseDg13 } from './dg13.js';

// Fake persons, bytes laid out per research §2.4 (header 02 01 01, OID 1.0.10646.1.0.8, SET of fields).
// A: one SEQUENCE per parent (Java/Swift layout), "Không thời hạn" expiry, empty spouse (14), old ID (15).
const DG13_SEPARATE = fromHex(
  '6D81A43081A1020101060628D3160100083181933011020101130C303031303939303132333435300F0201020C0A4CC3AA2056C4836E' +
    '2041300F020103130A30312F30312F3139393930080201040C034E616D301802010C0C134B68C3B46E67207468E1BB9D692068E1BA' +
    'A16E302302010D300C0C0A4CC3AA2056C4836E204230100C0E5472E1BAA76E205468E1BB8B2043300302010E300E02010F1309313233' +
    '343536373839',
);
// B: both parents in one SEQUENCE (NghiaLio layout), fields out of order, most fields absent, field 16.
const DG13_COMBINED = fromHex(
  '6D70306E020101060628D316010008316130120201020C0DC490E1BB97205468E1BB8B20443011020101130C30303131393930353433' +
    '3231302102010D301C0C0CC490E1BB972056C4836E20450C0C48E1BB93205468E1BB8B20473015020110131030313233343536373839' +
    '414243444546',
);

describe('parseDg13', () => {
  it('reads fields by their integer tag, one SEQUENCE per parent', () => {
    expect(DG13_SEPARATE.length).toBe(167);
    const dg13 = parseDg13(DG13_SEPARATE);
    expect(dg13).toEqual({
      idNumber: '001099012345',
      fullName: 'Lê Văn A',
      dateOfBirth: '01/01/1999',
      sex: 'Nam',
      expiryDate: 'Không thời hạn',
      fatherName: 'Lê Văn B',
      motherName: 'Trần Thị C',
      oldIdNumber: '123456789',
      fields: expect.any(Map) as unknown,
    });
    expect(dg13.fields.get(14)).toEqual([]);
    expect('spouseName' in dg13).toBe(false);
    expect('ethnicity' in dg13).toBe(false);
  });

  it('reads both parents from one SEQUENCE, fields in any order, unknown field 16 kept raw', () => {
    const dg13 = parseDg13(DG13_COMBINED);
    expect(dg13.idNumber).toBe('001199054321');
    expect(dg13.fullName).toBe('Đỗ Thị D');
    expect(dg13.fatherName).toBe('Đỗ Văn E');
    expect(dg13.motherName).toBe('Hồ Thị G');
    expect(dg13.fields.get(16)).toEqual(['0123456789ABCDEF']);
    expect(Object.keys(dg13).sort()).toEqual([
      'fatherName',
      'fields',
      'fullName',
      'idNumber',
      'motherName',
    ]);
  });

  it('keeps the mother as mother when the father SEQUENCE is empty', () => {
    // 6D { 30 { 02 01 01, 06 OID, 31 { 30 { 02 01 0D, 30 00, 30 { 0C "Me" } } } } }
    const bytes = fromHex('6D1E301C020101060628D316010008310F300D02010D300030060C044DE1BAB9');
    const dg13 = parseDg13(bytes);
    expect(dg13.fatherName).toBeUndefined();
    expect(dg13.motherName).toBe('Mẹ');
  });

  it('rejects invalid UTF-8 and truncated data with ID_CARD_DATA_INVALID', () => {
    const badUtf8 = fromHex('6D173015020101060628D316010008310830060201020C01FF');
    expect(() => parseDg13(badUtf8)).toThrow(/not valid UTF-8/);
    expect(() => parseDg13(DG13_SEPARATE.subarray(0, 100))).toThrow(/declares/);
    expect(() => parseDg13(fromHex('61 00'))).toThrow(/expected tag 6D/);
  });

  it('never throws anything but ID_CARD_DATA_INVALID on random or mutated input', () => {
    const check = (bytes: Uint8Array): void => {
      try {
        parseDg13(bytes);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('ID_CARD_DATA_INVALID');
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) =>
        check(Uint8Array.of(0x6d, b.length & 0x7f, ...b)),
      ),
      {
        numRuns: 1500,
        seed: 20261128,
      },
    );
    fc.assert(
      fc.property(
        fc.nat({ max: DG13_SEPARATE.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (i, v) => {
          const m = DG13_SEPARATE.slice();
          m[i] = v;
          check(m);
        },
      ),
      { numRuns: 1500, seed: 20261128 },
    );
    // 50 nested SEQUENCEs: a typed error, not a stack overflow.
    let deep = Uint8Array.of(0x30, 0x00);
    for (let i = 0; i < 50; i++) deep = Uint8Array.of(0x30, deep.length, ...deep);
    expect(() => parseDg13(Uint8Array.of(0x6d, deep.length, ...deep))).toThrow(/nesting too deep/);
  });
});

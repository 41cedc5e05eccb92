import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fromHex } from '../../../../../common/hex.js';
import { AppError } from '../../../../../common/errors.js';
import { readTlv, readTlvList, readFileTlv, requireTlv } from './ber-tlv.js';

function expectLdsError(fn: () => unknown, text?: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('ID_CARD_DATA_INVALID');
    if (text) expect((err as AppError).message).toContain(text);
    return;
  }
  throw new Error('expected ID_CARD_DATA_INVALID');
}

describe('readTlv', () => {
  it('reads a one-byte tag with a short length', () => {
    const t = readTlv(fromHex('02 01 0D'));
    expect(t.tag).toBe(0x02);
    expect(t.constructed).toBe(false);
    expect([...t.value]).toEqual([0x0d]);
    expect(t.end).toBe(3);
  });

  it('reads two- and three-byte tags (ISO 8825-1 §8.1.2.4)', () => {
    expect(readTlv(fromHex('5F 1F 02 41 42')).tag).toBe(0x5f1f);
    const bio = readTlv(fromHex('7F 61 00'));
    expect(bio.tag).toBe(0x7f61);
    expect(bio.constructed).toBe(true);
    expect(readTlv(fromHex('5F 81 01 01 AA')).tag).toBe(0x5f8101);
  });

  it('reads long-form lengths 81 and 82', () => {
    const v81 = readTlv(fromHex(`04 81 80 ${'11 '.repeat(0x80)}`));
    expect(v81.value.length).toBe(0x80);
    const v82 = readTlv(new Uint8Array([0x75, 0x82, 0x01, 0x00, ...new Uint8Array(0x100)]));
    expect(v82.value.length).toBe(0x100);
    expect(v82.end).toBe(0x104);
  });

  it('reads a TLV at an offset and a list of siblings', () => {
    const bytes = fromHex('30 06 02 01 01 0C 01 41');
    const list = readTlvList(readTlv(bytes).value);
    expect(list.map((t) => t.tag)).toEqual([0x02, 0x0c]);
    expect(list[1]?.offset).toBe(3);
  });

  it('rejects truncated values, lengths and tags with a hex dump', () => {
    expectLdsError(() => readTlv(fromHex('61 05 5F 1F')), 'declares 5 bytes, 2 available');
    expectLdsError(() => readTlv(fromHex('75 82 01')), 'length truncated');
    expectLdsError(() => readTlv(fromHex('5F')), 'tag truncated');
    expectLdsError(() => readTlv(fromHex('61')), 'length missing');
    expectLdsError(() => readTlv(new Uint8Array()), 'data ends');
    expectLdsError(() => readTlv(fromHex('61 05 5F 1F')), '61 05 5F 1F (4 bytes)');
  });

  it('rejects indefinite and oversized lengths and over-long tags', () => {
    expectLdsError(() => readTlv(fromHex('30 80 00 00')), 'Indefinite');
    expectLdsError(() => readTlv(fromHex('30 85 00 00 00 00 01 00')), 'length of 5 bytes');
    expectLdsError(() => readTlv(fromHex('5F 81 81 81 01 00')), 'longer than 3 bytes');
    expectLdsError(() => readTlv(fromHex('00 00')), 'Invalid TLV tag');
  });

  it('checks the outer tag of a file, and names a missing child', () => {
    expectLdsError(
      () => readFileTlv(fromHex('61 00'), 0x75, 'DG2'),
      'DG2: expected tag 75, found 61',
    );
    expectLdsError(
      () => requireTlv(readTlv(fromHex('61 03 02 01 01')), 0x5f1f, 'DG1'),
      'DG1: tag 5F1F missing',
    );
    // Padding after the file's TLV is ignored (the header says where the data ends).
    expect(readFileTlv(fromHex('61 01 AA FF FF'), 0x61, 'DG1').value.length).toBe(1);
  });

  it('never throws anything but ID_CARD_DATA_INVALID on random input, and stays in bounds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const list = readTlvList(bytes);
          for (const t of list) expect(t.end).toBeLessThanOrEqual(bytes.length);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('ID_CARD_DATA_INVALID');
        }
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });
});

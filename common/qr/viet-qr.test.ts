import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { crc16CcittFalse, utf8Bytes } from './crc16-ccitt-false.js';
import { parseEmvTlv } from './emv-tlv.js';
import { emvObject, formatVietQr, parseVietQr } from './viet-qr.js';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

// subiz/vietqr worked example, CRC recomputed in research one-stop-shop §4.
const SUBIZ =
  '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';

describe('CRC-16/CCITT-FALSE', () => {
  it('gives the catalogue check value 0x29B1 for "123456789"', () => {
    expect(crc16CcittFalse(ascii('123456789'))).toBe(0x29b1);
  });

  it('encodes UTF-8 like TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect([...utf8Bytes(s)]).toEqual([...new TextEncoder().encode(s)]);
      }),
      { numRuns: 500, seed: 20261128 },
    );
  });
});

describe('parseVietQr', () => {
  it('reads the subiz worked example', () => {
    const r = parseVietQr(SUBIZ);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      initiation: 'dynamic',
      acquirerBin: '970415',
      accountNumber: '0011001932418',
      serviceCode: 'QRIBFTTA',
      currency: '704',
      amount: 120000,
      countryCode: 'VN',
      purpose: 'ung ho lu lut',
    });
  });

  it('reads a fee payment built with formatVietQr, bill number and purpose = dossier code', () => {
    const text = formatVietQr([
      ['00', '01'],
      ['01', '12'],
      [
        '38',
        emvObject('00', 'A000000727') +
          emvObject('01', emvObject('00', '970436') + emvObject('01', '0920000123456')) +
          emvObject('02', 'QRIBFTTA'),
      ],
      ['53', '704'],
      ['54', '50000'],
      ['58', 'VN'],
      ['59', 'TTPVHCC CAN THO'],
      ['62', emvObject('01', 'H48-260115-0012') + emvObject('08', 'H48-260115-0012 le phi')],
    ]);
    expect(text.slice(-8, -4)).toBe('6304');
    const r = parseVietQr(text);
    expect(r).toMatchObject({
      ok: true,
      value: {
        acquirerBin: '970436',
        accountNumber: '0920000123456',
        amount: 50000,
        merchantName: 'TTPVHCC CAN THO',
        billNumber: 'H48-260115-0012',
        purpose: 'H48-260115-0012 le phi',
      },
    });
  });

  it('rejects a wrong CRC, a missing CRC, a non-NAPAS GUID and broken TLV', () => {
    expect(parseVietQr(SUBIZ.replace('C15C', 'C15D'))).toMatchObject({
      ok: false,
      error: { code: 'VIETQR_CRC' },
    });
    expect(parseVietQr(SUBIZ.replace('120000', '990000'))).toMatchObject({
      ok: false,
      error: { code: 'VIETQR_CRC' },
    });
    expect(parseVietQr(SUBIZ.slice(0, -8))).toMatchObject({
      ok: false,
      error: { code: 'VIETQR_CRC' },
    });
    const otherGuid = formatVietQr([
      ['00', '01'],
      ['38', '0010A000000999'],
      ['53', '704'],
    ]);
    expect(parseVietQr(otherGuid)).toMatchObject({ ok: false, error: { code: 'VIETQR_FIELD' } });
    expect(parseVietQr(`0002019${'6304'}`)).toMatchObject({ ok: false });
  });

  it('parses EMV TLV with 2-digit IDs and lengths, and reports overruns', () => {
    expect(parseEmvTlv('000201')).toEqual({
      ok: true,
      value: [{ id: '00', value: '01', offset: 0 }],
    });
    expect(parseEmvTlv('0005ab')).toMatchObject({ ok: false, error: { code: 'VIETQR_TLV' } });
    expect(parseEmvTlv('0x02ab')).toMatchObject({ ok: false, error: { code: 'VIETQR_TLV' } });
  });

  it('returns a typed result for any text, including valid-CRC garbage', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = parseVietQr(s);
        expect(typeof r.ok).toBe('boolean');
        const withCrc = formatVietQr([['00', s.slice(0, 99)]]);
        expect(typeof parseVietQr(withCrc).ok).toBe('boolean');
        expect(typeof parseVietQr(`000201${s}`).ok).toBe('boolean');
      }),
      { numRuns: 2000, seed: 20261128 },
    );
  });
});

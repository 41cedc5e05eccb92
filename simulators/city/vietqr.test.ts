import { describe, expect, it } from 'vitest';
import { buildVietQr, crc16CcittFalse } from './vietqr.js';

describe('VietQR', () => {
  it('computes CRC-16/CCITT-FALSE check value 29B1 for "123456789"', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
  });

  it('reproduces the published subiz/vietqr example byte for byte', () => {
    // research §4: the CRC of this example was re-computed and verified.
    expect(
      buildVietQr({
        bin: '970415',
        accountNumber: '0011001932418',
        amountVnd: 120000,
        purpose: 'ung ho lu lut',
      }),
    ).toBe(
      '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C',
    );
  });

  it('makes a static QR without amount and refuses bad input', () => {
    const s = buildVietQr({ bin: '970436', accountNumber: '1234567890' });
    expect(s.startsWith('000201010211')).toBe(true);
    expect(s).toContain('53037045802VN');
    expect(() => buildVietQr({ bin: '97', accountNumber: '1' })).toThrow(/BIN/);
    expect(() => buildVietQr({ bin: '970436', accountNumber: '1', amountVnd: 1.5 })).toThrow();
  });
});

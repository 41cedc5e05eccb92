import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseQrPayload } from './qr-payload.js';
import { formatDossierReceiptQr, parseDossierReceiptQr } from './dossier-receipt-qr.js';
import { parseUrlQr } from './url-qr.js';

const CCCD = '001099012345||Nguyễn Văn An|01011999|Nam|Cần Thơ|15042021';
const VIETQR =
  '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';
const RECEIPT = 'MCK1|000.00.53.H48-220921-0099|q3Jx9LmT0aBcDeFgHiJkLm';

describe('dossier receipt QR', () => {
  it('round-trips MCK1|<dossier code>|<token>', () => {
    const text = formatDossierReceiptQr({
      dossierCode: '000.00.53.H48-220921-0099',
      trackingToken: 'q3Jx9LmT0aBcDeFgHiJkLm',
    });
    expect(text).toEqual({ ok: true, value: RECEIPT });
    expect(parseDossierReceiptQr(RECEIPT)).toEqual({
      ok: true,
      value: { dossierCode: '000.00.53.H48-220921-0099', trackingToken: 'q3Jx9LmT0aBcDeFgHiJkLm' },
    });
  });

  it('rejects other versions, short tokens, codes with separators', () => {
    expect(parseDossierReceiptQr(RECEIPT.replace('MCK1', 'MCK2')).ok).toBe(false);
    expect(parseDossierReceiptQr('MCK1|H48-1|short').ok).toBe(false);
    expect(parseDossierReceiptQr(`${RECEIPT}|extra`).ok).toBe(false);
    expect(
      formatDossierReceiptQr({ dossierCode: 'a|b', trackingToken: 'q3Jx9LmT0aBcDeFgHiJkLm' }).ok,
    ).toBe(false);
  });
});

describe('URL QR', () => {
  it('returns the URL as text with its host, and flags user:pass@ disguises', () => {
    expect(parseUrlQr('https://dichvucong.gov.vn/p/home.html')).toEqual({
      ok: true,
      value: {
        url: 'https://dichvucong.gov.vn/p/home.html',
        scheme: 'https',
        host: 'dichvucong.gov.vn',
        hasCredentials: false,
      },
    });
    expect(parseUrlQr('http://dichvucong.gov.vn@evil.example:8080/x')).toMatchObject({
      ok: true,
      value: { host: 'evil.example', hasCredentials: true },
    });
  });

  it('rejects other schemes, spaces, control characters and bad hosts', () => {
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://a b.vn',
      'https://a.vn/\u0007',
      'https://',
      'https://-x.vn',
    ]) {
      expect(parseUrlQr(bad)).toMatchObject({ ok: false, error: { code: 'URL_INVALID' } });
    }
  });
});

describe('parseQrPayload', () => {
  it('dispatches each format by its signature', () => {
    expect(parseQrPayload(CCCD).kind).toBe('cccd');
    expect(parseQrPayload(VIETQR).kind).toBe('vietqr');
    expect(parseQrPayload(`${RECEIPT}\r\n`).kind).toBe('receipt');
    expect(parseQrPayload('HTTPS://example.vn').kind).toBe('url');
    expect(parseQrPayload('WIFI:S:kiosk;T:WPA;P:secret;;')).toEqual({
      kind: 'unknown',
      text: 'WIFI:S:kiosk;T:WPA;P:secret;;',
    });
  });

  it('says which format failed and why', () => {
    expect(parseQrPayload(VIETQR.replace('C15C', '0000'))).toMatchObject({
      kind: 'invalid',
      format: 'vietqr',
      error: { code: 'VIETQR_CRC' },
    });
    expect(parseQrPayload(CCCD.replace('01011999', '99999999'))).toMatchObject({
      kind: 'invalid',
      format: 'cccd',
      error: { code: 'CCCD_DATE' },
    });
    expect(parseQrPayload('x'.repeat(8000))).toMatchObject({
      kind: 'invalid',
      error: { code: 'TOO_LONG' },
    });
  });

  it('never throws and always gives one of the kinds, for any text', () => {
    const prefixes = fc.constantFrom('', 'MCK1|', '000201', 'https://', '001099012345|');
    fc.assert(
      fc.property(prefixes, fc.string({ unit: 'binary', maxLength: 300 }), (p, s) => {
        const r = parseQrPayload(p + s);
        expect(['cccd', 'receipt', 'vietqr', 'url', 'invalid', 'unknown']).toContain(r.kind);
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });
});

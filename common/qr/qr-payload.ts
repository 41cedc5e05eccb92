import { parseCccdQr } from './cccd-qr.js';
import type { CccdQr } from './cccd-qr.js';
import { parseDossierReceiptQr, RECEIPT_QR_TAG } from './dossier-receipt-qr.js';
import type { DossierReceiptQr } from './dossier-receipt-qr.js';
import { cleanScannedText, MAX_QR_TEXT } from './qr-result.js';
import type { QrError } from './qr-result.js';
import { parseUrlQr } from './url-qr.js';
import type { UrlQr } from './url-qr.js';
import { parseVietQr } from './viet-qr.js';
import type { VietQr } from './viet-qr.js';

export type QrFormat = 'cccd' | 'receipt' | 'vietqr' | 'url';

/** What a scanned QR turned out to be. `invalid`: it looks like `format` but fails its checks. */
export type QrPayload =
  | { readonly kind: 'cccd'; readonly value: CccdQr }
  | { readonly kind: 'receipt'; readonly value: DossierReceiptQr }
  | { readonly kind: 'vietqr'; readonly value: VietQr }
  | { readonly kind: 'url'; readonly value: UrlQr }
  | { readonly kind: 'invalid'; readonly format: QrFormat | 'unknown'; readonly error: QrError }
  | { readonly kind: 'unknown'; readonly text: string };

/** Picks the format by its signature, then parses; never throws. */
export function parseQrPayload(input: string): QrPayload {
  if (input.length > MAX_QR_TEXT) {
    return {
      kind: 'invalid',
      format: 'unknown',
      error: { code: 'TOO_LONG', message: `QR text of ${input.length} characters` },
    };
  }
  const text = cleanScannedText(input);
  const format = detectFormat(text);
  switch (format) {
    case 'receipt': {
      const r = parseDossierReceiptQr(text);
      return r.ok
        ? { kind: 'receipt', value: r.value }
        : { kind: 'invalid', format, error: r.error };
    }
    case 'vietqr': {
      const r = parseVietQr(text);
      return r.ok
        ? { kind: 'vietqr', value: r.value }
        : { kind: 'invalid', format, error: r.error };
    }
    case 'url': {
      const r = parseUrlQr(text);
      return r.ok ? { kind: 'url', value: r.value } : { kind: 'invalid', format, error: r.error };
    }
    case 'cccd': {
      const r = parseCccdQr(text);
      return r.ok ? { kind: 'cccd', value: r.value } : { kind: 'invalid', format, error: r.error };
    }
    case undefined:
      return { kind: 'unknown', text };
  }
}

function detectFormat(text: string): QrFormat | undefined {
  const t = text.trim();
  if (t.startsWith(`${RECEIPT_QR_TAG}|`)) return 'receipt';
  if (t.startsWith('000201')) return 'vietqr'; // EMVCo payload format indicator "01"
  if (/^https?:\/\//i.test(t)) return 'url';
  // CCCD: a run of digits, then '|', and at least 6 separators in all.
  if (/^\d{9,12}\|/.test(t) && t.split('|').length >= 7) return 'cccd';
  return undefined;
}

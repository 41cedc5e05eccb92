import { cleanScannedText, qrError, qrOk } from './qr-result.js';
import type { QrResult } from './qr-result.js';

/**
 * The QR printed on our dossier receipt (Form 01), read back at the kiosk to track a dossier:
 *
 *   MCK1|<dossierCode>|<trackingToken>
 *
 * - `MCK1`: format tag and version ("Một Cửa Kiosk", v1). A later version changes the tag.
 * - dossierCode: the mã hồ sơ the city system gave (e.g. `000.00.53.H48-220921-0099`): 1–64 of
 *   A–Z a–z 0–9 . - _ /. The kiosk never invents one (research one-stop-shop §3.3).
 * - trackingToken: an unguessable token issued with the dossier, 16–64 base64url characters
 *   (A–Z a–z 0–9 - _), so that a receipt code alone does not reveal a dossier to whoever types it.
 * Only ASCII, so the QR stays small (alphanumeric-friendly) and survives keyboard-wedge scanners.
 */
export interface DossierReceiptQr {
  readonly dossierCode: string;
  readonly trackingToken: string;
}

export const RECEIPT_QR_TAG = 'MCK1';
const DOSSIER_CODE = /^[A-Za-z0-9._/-]{1,64}$/;
const TRACKING_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export function parseDossierReceiptQr(text: string): QrResult<DossierReceiptQr> {
  const parts = cleanScannedText(text).trim().split('|');
  if (parts.length !== 3 || parts[0] !== RECEIPT_QR_TAG) {
    return qrError('RECEIPT_FORMAT', `receipt QR must be ${RECEIPT_QR_TAG}|<dossier code>|<token>`);
  }
  const [, dossierCode = '', trackingToken = ''] = parts;
  if (!DOSSIER_CODE.test(dossierCode)) return qrError('RECEIPT_FORMAT', 'dossier code malformed');
  if (!TRACKING_TOKEN.test(trackingToken))
    return qrError('RECEIPT_FORMAT', 'tracking token malformed');
  return qrOk({ dossierCode, trackingToken });
}

/** The receipt QR text for a dossier; a typed error if code or token cannot be encoded. */
export function formatDossierReceiptQr(receipt: DossierReceiptQr): QrResult<string> {
  if (!DOSSIER_CODE.test(receipt.dossierCode))
    return qrError('RECEIPT_FORMAT', 'dossier code malformed');
  if (!TRACKING_TOKEN.test(receipt.trackingToken))
    return qrError('RECEIPT_FORMAT', 'tracking token malformed');
  return qrOk(`${RECEIPT_QR_TAG}|${receipt.dossierCode}|${receipt.trackingToken}`);
}

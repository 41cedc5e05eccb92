/** Results of the QR payload parsers: a value or a typed error, never a throw. */
export type QrErrorCode =
  | 'TOO_LONG'
  | 'CCCD_FIELD_COUNT'
  | 'CCCD_ID_NUMBER'
  | 'CCCD_OLD_ID_NUMBER'
  | 'CCCD_NAME'
  | 'CCCD_DATE'
  | 'CCCD_SEX'
  | 'RECEIPT_FORMAT'
  | 'VIETQR_TLV'
  | 'VIETQR_CRC'
  | 'VIETQR_FIELD'
  | 'URL_INVALID';

export interface QrError {
  readonly code: QrErrorCode;
  /** For logs and technicians (may quote the offending field, never the whole payload). */
  readonly message: string;
}

export type QrResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: QrError };

export function qrOk<T>(value: T): QrResult<T> {
  return { ok: true, value };
}

export function qrError<T = never>(code: QrErrorCode, message: string): QrResult<T> {
  return { ok: false, error: { code, message } };
}

/** Longest text accepted: a version-40 QR holds at most 7089 characters (ISO/IEC 18004 table 7). */
export const MAX_QR_TEXT = 7089;

/** Scanners add CR/LF, some a UTF-8 BOM; none of it is payload. */
export function cleanScannedText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '');
}

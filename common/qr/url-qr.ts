import { cleanScannedText, MAX_QR_TEXT, qrError, qrOk } from './qr-result.js';
import type { QrResult } from './qr-result.js';

/** A web address in a QR: shown to the person as text, never opened or navigated to. */
export interface UrlQr {
  readonly url: string;
  readonly scheme: 'http' | 'https';
  /** Host as written (lower-cased), for "this code points to <host>". */
  readonly host: string;
  /** "user:pass@" before the host: a classic trick to disguise the real host. */
  readonly hasCredentials: boolean;
}

const URL_SHAPE = /^(https?):\/\/([^/?#\s]*)([/?#][^\s]*)?$/i;
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$|^\[[0-9a-f:.]+\]$/i;

export function parseUrlQr(input: string): QrResult<UrlQr> {
  if (input.length > MAX_QR_TEXT)
    return qrError('TOO_LONG', `QR text of ${input.length} characters`);
  const url = cleanScannedText(input).trim();
  // No control characters anywhere (they can hide text when shown).
  if (hasControlCharacter(url)) return qrError('URL_INVALID', 'control characters in URL');
  const m = URL_SHAPE.exec(url);
  if (!m) return qrError('URL_INVALID', 'not an http(s) URL');
  const authority = m[2] ?? '';
  const at = authority.lastIndexOf('@');
  const hostPort = authority.slice(at + 1);
  const host = hostPort.replace(/:\d{1,5}$/, '').toLowerCase();
  if (!HOST.test(host)) return qrError('URL_INVALID', 'URL host malformed');
  return qrOk({
    url,
    scheme: (m[1] ?? '').toLowerCase() === 'https' ? 'https' : 'http',
    host,
    hasCredentials: at >= 0,
  });
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

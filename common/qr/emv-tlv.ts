import { qrError, qrOk } from './qr-result.js';
import type { QrResult } from './qr-result.js';

/**
 * EMVCo MPM data objects (EMV QRCPS-MPM §4.1): ID (2 digits), length (2 digits, "01"–"99"),
 * value of that many characters. Returns the objects in order, or a typed error.
 */
export interface EmvDataObject {
  readonly id: string;
  readonly value: string;
  /** Offset of the ID within the parsed text (in characters). */
  readonly offset: number;
}

export function parseEmvTlv(text: string): QrResult<EmvDataObject[]> {
  const chars = Array.from(text); // lengths count characters, not UTF-16 units
  const out: EmvDataObject[] = [];
  let pos = 0;
  while (pos < chars.length) {
    const id = chars.slice(pos, pos + 2).join('');
    const len = chars.slice(pos + 2, pos + 4).join('');
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(len)) {
      return qrError('VIETQR_TLV', `bad data object header at character ${pos}`);
    }
    const length = Number(len);
    if (pos + 4 + length > chars.length) {
      return qrError('VIETQR_TLV', `data object ${id} at character ${pos} runs past the end`);
    }
    out.push({ id, value: chars.slice(pos + 4, pos + 4 + length).join(''), offset: pos });
    pos += 4 + length;
  }
  return qrOk(out);
}

/** The template's objects as a map (the first of duplicate IDs wins). */
export function emvMap(objects: readonly EmvDataObject[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const o of objects) if (!map.has(o.id)) map.set(o.id, o.value);
  return map;
}

import { AppError } from '../../../../common/errors.js';
import { toHex } from '../../../../common/hex.js';
import {
  EXTENDED_FRAME_MAX_LEN,
  NORMAL_FRAME_MAX_LEN,
  TFI_HOST_TO_PN532,
} from './pn532-constants.js';

/** Sum of bytes mod 256. */
function sum8(bytes: Iterable<number>): number {
  let s = 0;
  for (const b of bytes) s = (s + b) & 0xff;
  return s;
}

/** The checksum byte that makes the sum of `bytes` and itself 0 mod 256 (LCS, DCS). */
export function checksum(bytes: Iterable<number>): number {
  return (0x100 - sum8(bytes)) & 0xff;
}

/**
 * Encodes an information frame (UM0701-02 §6.2.1.1): normal when TFI + data fits in LEN ≤ 255,
 * extended (§6.2.1.2: 00 00 FF FF FF LENM LENL LCS …) otherwise.
 */
export function encodeFrame(data: Uint8Array, tfi: number = TFI_HOST_TO_PN532): Uint8Array {
  const len = data.length + 1;
  if (len > EXTENDED_FRAME_MAX_LEN) {
    throw new AppError(
      'DEVICE_PROTOCOL',
      `PN532 frame too long: ${data.length} data bytes (max ${EXTENDED_FRAME_MAX_LEN - 1}) [${toHex(data.subarray(0, 16))} …]`,
    );
  }
  const dcs = checksum([tfi, ...data]);
  if (len <= NORMAL_FRAME_MAX_LEN) {
    return Uint8Array.of(0x00, 0x00, 0xff, len, checksum([len]), tfi, ...data, dcs, 0x00);
  }
  const lenM = len >> 8;
  const lenL = len & 0xff;
  return Uint8Array.of(
    0x00,
    0x00,
    0xff,
    0xff,
    0xff,
    lenM,
    lenL,
    checksum([lenM, lenL]),
    tfi,
    ...data,
    dcs,
    0x00,
  );
}

/** Encodes a host → PN532 command frame: D4 <command> <params>. */
export function encodeCommand(command: number, params: Uint8Array = new Uint8Array(0)): Uint8Array {
  return encodeFrame(Uint8Array.of(command, ...params), TFI_HOST_TO_PN532);
}

/** A hex dump for protocol errors: at most `limit` bytes. */
export function frameDump(bytes: Uint8Array, limit = 48): string {
  const more = bytes.length > limit ? ` … (${bytes.length} bytes)` : '';
  return `${toHex(bytes.subarray(0, limit))}${more}`;
}

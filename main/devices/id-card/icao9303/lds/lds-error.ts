import { AppError } from '../../../../../common/errors.js';
import { toHex } from '../../../../../common/hex.js';

const DUMP_LIMIT = 64;

/** A hex dump for error messages: at most 64 bytes around `offset`, so logs stay readable. */
export function hexDump(bytes: Uint8Array, offset = 0): string {
  const start = Math.max(0, Math.min(offset, bytes.length) - 8);
  const slice = bytes.subarray(start, start + DUMP_LIMIT);
  const more = start + DUMP_LIMIT < bytes.length ? ' …' : '';
  const lead = start > 0 ? `… @${start}: ` : '';
  return `${lead}${toHex(slice)}${more} (${bytes.length} bytes)`;
}

/** The one error type of the LDS parsers: malformed or inconsistent data read from the chip. */
export function ldsError(message: string, bytes: Uint8Array, offset = 0): AppError {
  return new AppError('ID_CARD_DATA_INVALID', `${message} [${hexDump(bytes, offset)}]`);
}

import { AppError, type ErrorCode } from '../../../../common/errors';
import { toHex } from '../../../../common/hex';

/** Longest hex dump put into an error message (bytes); longer payloads are cut with "…". */
const MAX_DUMP_BYTES = 64;

/** Hex dump for protocol errors (STYLE.md: every protocol error carries one). */
export function hexDump(bytes: Uint8Array): string {
  if (bytes.length <= MAX_DUMP_BYTES) return toHex(bytes);
  return `${toHex(bytes.subarray(0, MAX_DUMP_BYTES))} … (${bytes.length} bytes)`;
}

/** An AppError whose message ends with a hex dump of the offending bytes. */
export function cardError(
  code: ErrorCode,
  message: string,
  bytes?: Uint8Array,
  cause?: unknown,
): AppError {
  const text = bytes === undefined ? message : `${message} [${hexDump(bytes)}]`;
  return cause === undefined ? new AppError(code, text) : new AppError(code, text, { cause });
}

import { AppError } from '../../../../common/errors';
import type { ApduTransceiver } from '../apdu-transceiver';
import { cardError } from './card-error';
import { decodeResponseApdu, encodeCommandApdu, INS, swHex, SW, type ResponseApdu } from './apdu';
import { concatBytes, decodeTlvHeader } from './tlv';

// File content is personal data: errors below dump at most the TLV header, never the content.

/** JMRTD's DEFAULT_MAX_BLOCKSIZE: the largest Le whose 3DES-SM answer fits a PN532 normal frame. */
export const DEFAULT_MAX_READ = 0xdf;
/** Back-off ladder after 6700/6282/reader errors (after dmrtd, research §6). */
const READ_LADDER = [0xdf, 0xa0, 0x80, 0x60, 0x40, 0x20, 0x10, 0x08, 0x01] as const;
/** Bytes read first to learn the file length from its TLV header (tag ≤ 2, length ≤ 5 bytes). */
const HEADER_PROBE = 8;
/** Short READ BINARY (even INS) addresses offsets 0..7FFF. */
const MAX_OFFSET = 0x7fff;
const SELECT_EF = { p1: 0x02, p2: 0x0c } as const;

/**
 * Reader-level failures worth one re-authentication and retry (the card may have blinked).
 * CARD_REMOVED / CARD_NOT_PRESENT from the reader are final and passed through.
 */
export function isTransientReaderError(err: unknown): boolean {
  return (
    err instanceof AppError &&
    (err.code === 'DEVICE_TIMEOUT' ||
      err.code === 'DEVICE_PROTOCOL' ||
      err.code === 'TIMEOUT' ||
      err.code === 'CARD_RF_ERROR')
  );
}

export function cardRemoved(cause: unknown): AppError {
  const detail = cause instanceof AppError ? `${cause.code}: ${cause.message}` : String(cause);
  return cardError('CARD_REMOVED', `Card stopped answering (${detail})`, undefined, cause);
}

/** Where a file read sends its APDUs, and how it gets a fresh channel after a reader error. */
export interface FileChannel {
  /** The current channel (secure messaging once authenticated). */
  transceiver(): ApduTransceiver;
  /** Re-authenticates after a reader error; the next transceiver() is fresh. */
  recover(): Promise<void>;
}

/** Mutable so that a session remembers the chunk size a card accepts across files. */
export interface ReadState {
  chunk: number;
}

export interface ReadFileOptions {
  readonly timeoutMs?: number | undefined;
  /** Re-authentications allowed per file after reader errors (default 1). */
  readonly maxRecoveries?: number;
  readonly onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
}

function stepDown(chunk: number): number {
  const next = READ_LADDER.find((size) => size < chunk);
  if (next === undefined) throw cardError('CARD_PROTOCOL', 'READ BINARY fails even with Le=1');
  return next;
}

/** SELECT EF by file identifier (ISO/IEC 7816-4 §11.1.1), mapping absent/protected files. */
export async function selectFile(
  transceiver: ApduTransceiver,
  fid: number,
  timeoutMs?: number,
): Promise<void> {
  const response = decodeResponseApdu(
    await transceiver.transceive(
      encodeCommandApdu({
        cla: 0,
        ins: INS.SELECT,
        ...SELECT_EF,
        data: Uint8Array.of(fid >>> 8, fid & 0xff),
      }),
      timeoutMs,
    ),
  );
  const name = fid.toString(16).padStart(4, '0').toUpperCase();
  if (response.sw === SW.OK) return;
  if (response.sw === SW.FILE_NOT_FOUND)
    throw cardError('CARD_FILE_NOT_FOUND', `File ${name} not found`);
  if (response.sw === SW.SECURITY_NOT_SATISFIED) {
    throw cardError('CARD_FILE_PROTECTED', `File ${name} needs further authentication`);
  }
  throw cardError(
    'CARD_PROTOCOL',
    `SELECT ${name} failed, SW ${swHex(response.sw)}`,
    response.data,
  );
}

async function readBinary(
  transceiver: ApduTransceiver,
  offset: number,
  length: number,
  timeoutMs: number | undefined,
): Promise<ResponseApdu> {
  return decodeResponseApdu(
    await transceiver.transceive(
      encodeCommandApdu({
        cla: 0,
        ins: INS.READ_BINARY,
        p1: offset >>> 8,
        p2: offset & 0xff,
        le: length,
      }),
      timeoutMs,
    ),
  );
}

function tryFileLength(bytes: Uint8Array): number | undefined {
  try {
    const header = decodeTlvHeader(bytes);
    return header.headerLength + header.length;
  } catch {
    return undefined;
  }
}

/**
 * Reads a whole elementary file: SELECT, an 8-byte probe for the TLV length, then READ BINARY in
 * chunks of `state.chunk` bytes. Steps the chunk down on 6700 / 6282 / reader errors, honours
 * 6Cxx, and after a reader error re-authenticates (channel.recover) and resumes at the offset.
 */
export async function readElementaryFile(
  channel: FileChannel,
  fid: number,
  state: ReadState,
  options: ReadFileOptions = {},
): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs;
  const maxRecoveries = options.maxRecoveries ?? 1;
  let recoveries = 0;
  const attempt = async <T>(op: () => Promise<T>, isRead: boolean): Promise<T> => {
    for (;;) {
      try {
        return await op();
      } catch (err) {
        if (!isTransientReaderError(err)) throw err;
        if (recoveries >= maxRecoveries) throw cardRemoved(err);
        recoveries++;
        if (isRead) state.chunk = stepDown(state.chunk);
        try {
          await channel.recover();
          await selectFile(channel.transceiver(), fid, timeoutMs);
        } catch (again) {
          throw isTransientReaderError(again) ? cardRemoved(again) : again;
        }
      }
    }
  };

  await attempt(() => selectFile(channel.transceiver(), fid, timeoutMs), false);
  const parts: Uint8Array[] = [];
  let offset = 0;
  let total: number | undefined;
  let endOfFile = false;
  while (!endOfFile && (total === undefined || offset < total)) {
    if (offset > MAX_OFFSET)
      throw cardError('CARD_PROTOCOL', `File larger than ${MAX_OFFSET} bytes`);
    const want = Math.min(
      state.chunk,
      total === undefined ? HEADER_PROBE : total - offset,
      MAX_OFFSET + 1 - offset,
    );
    const response = await attempt(
      () => readBinary(channel.transceiver(), offset, want, timeoutMs),
      true,
    );
    const { sw, data } = response;
    if (sw === SW.OK || (sw === SW.END_OF_FILE && data.length > 0)) {
      if (data.length === 0 || data.length > want) {
        throw cardError(
          'CARD_PROTOCOL',
          `READ BINARY returned ${data.length} bytes for Le ${want}`,
        );
      }
      parts.push(data);
      offset += data.length;
      endOfFile = sw === SW.END_OF_FILE;
    } else if (sw === SW.WRONG_LENGTH || sw === SW.END_OF_FILE) {
      state.chunk = stepDown(Math.min(state.chunk, want + 1));
    } else if (sw >>> 8 === 0x6c && (sw & 0xff) > 0 && (sw & 0xff) < want) {
      state.chunk = sw & 0xff;
    } else if (sw === SW.WRONG_P1P2 && total === undefined && offset > 0) {
      endOfFile = true;
    } else if (sw === SW.SECURITY_NOT_SATISFIED) {
      throw cardError('CARD_FILE_PROTECTED', `READ BINARY refused, SW ${swHex(sw)}`);
    } else {
      throw cardError('CARD_PROTOCOL', `READ BINARY at ${offset} failed, SW ${swHex(sw)}`);
    }
    if (total === undefined && offset >= Math.min(HEADER_PROBE, 2)) {
      total = tryFileLength(concatBytes(...parts));
      if (total === undefined && (offset >= HEADER_PROBE || endOfFile)) {
        throw cardError(
          'CARD_PROTOCOL',
          'File does not start with a TLV header',
          concatBytes(...parts).subarray(0, HEADER_PROBE),
        );
      }
    }
    options.onProgress?.(offset, total);
  }
  const content = concatBytes(...parts);
  if (total === undefined || content.length < total) {
    throw cardError(
      'CARD_PROTOCOL',
      `File ended after ${content.length} of ${String(total)} bytes`,
    );
  }
  return content.subarray(0, total);
}

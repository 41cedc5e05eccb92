import { AppError, type ErrorCode } from '../../../../common/errors.js';
import { frameDump } from './pn532-frame.js';

/** PN532 status error codes (UM0701-02 Table 7; libnfc `pn53x_errors`). */
const STATUS_TEXT: Readonly<Record<number, string>> = {
  0x01: 'timeout: the target did not answer',
  0x02: 'CRC error',
  0x03: 'parity error',
  0x04: 'erroneous bit count during anticollision',
  0x05: 'framing error',
  0x06: 'abnormal bit collision',
  0x07: 'communication buffer too small',
  0x09: 'RF buffer overflow',
  0x0a: 'RF field not switched on in time by the counterpart',
  0x0b: 'RF protocol error',
  0x0d: 'overheating: antenna drivers switched off',
  0x0e: 'internal buffer overflow',
  0x10: 'invalid parameter',
  0x12: 'DEP: command not supported by the target',
  0x13: 'data format does not match the specification (ISO/IEC 14443-4)',
  0x14: 'MIFARE authentication error',
  0x23: 'UID check byte wrong',
  0x25: 'DEP: invalid device state',
  0x26: 'operation not allowed in this configuration',
  0x27: 'command not acceptable in the current context (no target activated?)',
  0x29: 'target released by the initiator',
  0x2a: 'card ID does not match: the card was exchanged',
  0x2b: 'the card previously activated has disappeared',
  0x2c: 'NFCID3 mismatch',
  0x2d: 'over-current',
  0x2e: 'NAD missing in DEP frame',
};

/** Status codes that mean the card is gone (the user took it away or moved it). */
const CARD_GONE = new Set([0x01, 0x2a, 0x2b]);
/** Transient RF errors: keeping the card still and retrying usually helps. */
const RF_TRANSIENT = new Set([0x02, 0x03, 0x04, 0x05, 0x06, 0x0a, 0x0b, 0x13]);

export function pn532StatusText(status: number): string {
  return STATUS_TEXT[status & 0x3f] ?? 'unknown error';
}

/** An error status byte from the PN532 (InDataExchange and friends), with its code kept. */
export class Pn532StatusError extends AppError {
  constructor(
    code: ErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(code, message);
  }
}

/** Maps a non-zero status byte to a typed error: CARD_REMOVED, CARD_RF_ERROR or DEVICE_PROTOCOL. */
export function pn532StatusError(status: number, what: string, raw: Uint8Array): Pn532StatusError {
  const s = status & 0x3f;
  const code: ErrorCode = CARD_GONE.has(s)
    ? 'CARD_REMOVED'
    : RF_TRANSIENT.has(s)
      ? 'CARD_RF_ERROR'
      : 'DEVICE_PROTOCOL';
  const hex = s.toString(16).padStart(2, '0').toUpperCase();
  return new Pn532StatusError(
    code,
    s,
    `PN532 ${what}: status 0x${hex} ${pn532StatusText(s)} [${frameDump(raw)}]`,
  );
}

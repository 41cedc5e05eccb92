/**
 * Real-time printer status (ESC/POS "DLE EOT n", Epson ESC/POS Command Reference, real-time
 * commands). Each answer is one byte with bit 1 and bit 4 set and bits 0 and 7 clear.
 */
import { AppError } from '../../../common/errors';
import { toHex } from '../../../common/hex';
import type { PrinterStatus } from './ticket-printer-port';

export const DLE = 0x10;
export const EOT = 0x04;

/** DLE EOT n: the status kinds we ask for. */
export const STATUS_PRINTER = 1;
export const STATUS_OFFLINE_CAUSE = 2;
export const STATUS_ERROR_CAUSE = 3;
export const STATUS_PAPER_SENSOR = 4;

/** Fixed bits of every DLE EOT answer: (byte & MASK) === VALUE. */
export const STATUS_FIXED_MASK = 0x93;
export const STATUS_FIXED_VALUE = 0x12;

// n = 1, printer status
const PRINTER_OFFLINE = 0x08;
// n = 2, offline cause
const OFFLINE_COVER_OPEN = 0x04;
const OFFLINE_PAPER_END_STOP = 0x20;
const OFFLINE_ERROR = 0x40;
// n = 3, error cause
const ERROR_AUTOCUTTER = 0x08;
const ERROR_UNRECOVERABLE = 0x20;
const ERROR_AUTO_RECOVERABLE = 0x40;
// n = 4, roll paper sensor (two bits each, set together)
const PAPER_NEAR_END = 0x0c;
const PAPER_END = 0x60;

export const UNKNOWN_STATUS: PrinterStatus = {
  state: 'unknown',
  paperNearEnd: false,
  coverOpen: false,
  paperOut: false,
  online: false,
  error: false,
  raw: '',
};

export interface StatusBytes {
  readonly printer: number;
  readonly offlineCause: number;
  readonly errorCause: number;
  readonly paperSensor: number;
}

/** True when the byte has the fixed bits of a DLE EOT answer (filters XON/XOFF and noise). */
export function isStatusByte(b: number): boolean {
  return (b & STATUS_FIXED_MASK) === STATUS_FIXED_VALUE;
}

export function decodeStatus(bytes: StatusBytes): PrinterStatus {
  const raw = Uint8Array.of(bytes.printer, bytes.offlineCause, bytes.errorCause, bytes.paperSensor);
  for (const b of raw) {
    if (!isStatusByte(b)) {
      throw new AppError('DEVICE_PROTOCOL', `Not a DLE EOT status answer: ${toHex(raw)}`);
    }
  }
  const online = (bytes.printer & PRINTER_OFFLINE) === 0;
  const coverOpen = (bytes.offlineCause & OFFLINE_COVER_OPEN) !== 0;
  const paperOut =
    (bytes.paperSensor & PAPER_END) !== 0 || (bytes.offlineCause & OFFLINE_PAPER_END_STOP) !== 0;
  const paperNearEnd = (bytes.paperSensor & PAPER_NEAR_END) !== 0;
  const error =
    (bytes.offlineCause & OFFLINE_ERROR) !== 0 ||
    (bytes.errorCause & (ERROR_AUTOCUTTER | ERROR_UNRECOVERABLE | ERROR_AUTO_RECOVERABLE)) !== 0;
  let state: PrinterStatus['state'] = 'ready';
  if (paperOut) state = 'paper-out';
  else if (coverOpen) state = 'cover-open';
  else if (error) state = 'error';
  else if (!online) state = 'offline';
  return { state, paperNearEnd, coverOpen, paperOut, online, error, raw: toHex(raw) };
}

/** The error a state stands for; undefined when the printer can print. */
export function statusError(status: PrinterStatus, when: string): AppError | undefined {
  const detail = `${when}: printer ${status.state}${status.raw ? ` (DLE EOT 1-4: ${status.raw})` : ''}`;
  switch (status.state) {
    case 'ready':
      return undefined;
    case 'paper-out':
      return new AppError('PRINTER_PAPER_OUT', detail);
    case 'cover-open':
      return new AppError('PRINTER_COVER_OPEN', detail);
    case 'offline':
      return new AppError('PRINTER_OFFLINE', detail);
    case 'error':
      return new AppError('PRINTER_ERROR', detail);
    case 'unknown':
      return new AppError('PRINTER_TIMEOUT', `${detail}: no answer to DLE EOT`);
  }
}

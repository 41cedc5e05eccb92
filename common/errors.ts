/**
 * Errors that cross a boundary (IPC, CLI, HTTP) are `{ code, message }` with a stable code the
 * UI translates (renderer/i18n). Never a stack trace. Each domain adds its codes here.
 */
export const ERROR_CODES = [
  // IPC and generic
  'IPC_UNKNOWN_CHANNEL',
  'IPC_INVALID_PAYLOAD',
  'IPC_INVALID_RESPONSE',
  'IPC_FORBIDDEN',
  'IPC_TRANSPORT',
  'INTERNAL',
  'TIMEOUT',
  'NOT_FOUND',
  'INVALID_INPUT',
  'NOT_SUPPORTED',
  // setup / technician
  'SETUP_LOCKED',
  'PIN_INVALID',
  'PIN_LOCKED_OUT',
  'PIN_TOO_WEAK',
  // settings, logs
  'SETTINGS_INVALID',
  'LOG_EXPORT_FAILED',
  // city system
  'CITY_UNREACHABLE',
  'CITY_TIMEOUT',
  'CITY_BAD_RESPONSE',
  'CITY_UNAUTHORIZED',
  'CITY_FORBIDDEN',
  'CITY_RATE_LIMITED',
  'CITY_SERVER_ERROR',
  /** The city system refused the request as invalid or conflicting (4xx): do not retry. */
  'CITY_REJECTED',
  // devices (transport level; device domains add their own)
  'DEVICE_NOT_CONNECTED',
  'DEVICE_TIMEOUT',
  'DEVICE_PROTOCOL',
  'DEVICE_BUSY',
  'DEVICE_ACCESS_DENIED',
  // queue
  'QUEUE_INVALID_TRANSITION',
  'QUEUE_TICKET_NOT_FOUND',
  'QUEUE_UNKNOWN_SERVICE',
  'QUEUE_UNKNOWN_COUNTER',
  'QUEUE_SERVICE_NOT_SERVED',
  'QUEUE_COUNTER_BUSY',
  'QUEUE_COUNTER_PAUSED',
  'QUEUE_NOT_YOUR_TICKET',
  'QUEUE_NUMBER_RANGE_EXHAUSTED',
  // storage
  'STORAGE_UNAVAILABLE',
  'STORAGE_MIGRATION_FAILED',
  // dossier outbox and audit log (at-rest encryption)
  /** A stored dossier or attachment cannot be decrypted or fails its integrity check. */
  'DOSSIER_DATA_UNREADABLE',
  /** An encryption key or salt cannot be loaded or created (key file, safeStorage). */
  'SECRET_KEY_UNAVAILABLE',
  // ID card data (ICAO 9303 LDS) and QR payloads
  'ID_CARD_DATA_INVALID',
  'QR_PAYLOAD_INVALID',
  // ID card chip (ICAO 9303 access control, secure messaging, files)
  'CARD_ACCESS_DENIED',
  'CARD_REMOVED',
  'CARD_NOT_PRESENT',
  'CARD_RF_ERROR',
  'CARD_SM_MAC_INVALID',
  'CARD_FILE_NOT_FOUND',
  'CARD_FILE_PROTECTED',
  'CARD_PROTOCOL',
  // thermal printer (ESC/POS)
  'PRINTER_PAPER_OUT',
  'PRINTER_COVER_OPEN',
  'PRINTER_OFFLINE',
  'PRINTER_ERROR',
  'PRINTER_TIMEOUT',
  'PRINTER_NOT_PRINTED',
  'PRINTER_NOT_CONFIGURED',
  // dossier intake
  'CONSENT_REQUIRED',
  'INTAKE_NOT_STARTED',
  'INTAKE_NO_IDENTITY',
  'INTAKE_CARD_FAILED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

/** An error with a stable code. `message` is for logs and technicians, not for citizens. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into a safe `{ code, message }` (no stack, no internals). */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof AppError) return err.toInfo();
  return { code: 'INTERNAL', message: 'Internal error' };
}

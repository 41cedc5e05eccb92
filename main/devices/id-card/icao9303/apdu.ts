import { cardError } from './card-error';

/** A short command APDU (ISO/IEC 7816-4 §5.1). `le` 1..256 (256 is encoded 00); absent = no Le. */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  /** SW1‖SW2 as one number, e.g. 0x9000. */
  readonly sw: number;
}

/** Instruction bytes used by ICAO 9303 (ISO/IEC 7816-4 §11, 9303-11 §4). */
export const INS = {
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
  GET_CHALLENGE: 0x84,
  EXTERNAL_AUTHENTICATE: 0x82,
  MSE: 0x22,
  GENERAL_AUTHENTICATE: 0x86,
} as const;

/** Status words this engine reacts to (ISO/IEC 7816-4 §5.6). */
export const SW = {
  OK: 0x9000,
  END_OF_FILE: 0x6282,
  AUTH_FAILED: 0x6300,
  WRONG_LENGTH: 0x6700,
  SECURITY_NOT_SATISFIED: 0x6982,
  AUTH_METHOD_BLOCKED: 0x6983,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  SM_DATA_MISSING: 0x6987,
  SM_DATA_INCORRECT: 0x6988,
  WRONG_DATA: 0x6a80,
  FILE_NOT_FOUND: 0x6a82,
  REFERENCE_NOT_FOUND: 0x6a88,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
} as const;

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** Serialises a short command APDU (cases 1-4). */
export function encodeCommandApdu(apdu: CommandApdu): Uint8Array {
  const data = apdu.data ?? new Uint8Array(0);
  if (data.length > 255) throw new RangeError('Extended-length APDUs are not supported');
  if (apdu.le !== undefined && (apdu.le < 1 || apdu.le > 256)) {
    throw new RangeError(`Le ${apdu.le} out of range 1..256`);
  }
  const out: number[] = [apdu.cla, apdu.ins, apdu.p1, apdu.p2];
  if (data.length > 0) out.push(data.length, ...data);
  if (apdu.le !== undefined) out.push(apdu.le & 0xff);
  return Uint8Array.from(out);
}

/** Parses a short command APDU; throws CARD_PROTOCOL on inconsistent lengths. */
export function decodeCommandApdu(bytes: Uint8Array): CommandApdu {
  if (bytes.length < 4)
    throw cardError('CARD_PROTOCOL', 'Command APDU shorter than 4 bytes', bytes);
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const body = bytes.subarray(4);
  if (body.length === 0) return { cla, ins, p1, p2 };
  if (body.length === 1) return { cla, ins, p1, p2, le: body[0] === 0 ? 256 : body[0]! };
  const lc = body[0]!;
  if (lc === 0) throw cardError('CARD_PROTOCOL', 'Extended-length APDU not supported', bytes);
  const data = body.slice(1, 1 + lc);
  if (body.length === 1 + lc) return { cla, ins, p1, p2, data };
  if (body.length === 2 + lc) {
    const le = body[1 + lc]!;
    return { cla, ins, p1, p2, data, le: le === 0 ? 256 : le };
  }
  throw cardError('CARD_PROTOCOL', 'Command APDU length does not match Lc', bytes);
}

/** Splits a response APDU into data and status word. */
export function decodeResponseApdu(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2)
    throw cardError('CARD_PROTOCOL', 'Response APDU shorter than 2 bytes', bytes);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

export function encodeResponseApdu(response: ResponseApdu): Uint8Array {
  const out = new Uint8Array(response.data.length + 2);
  out.set(response.data);
  out[out.length - 2] = response.sw >>> 8;
  out[out.length - 1] = response.sw & 0xff;
  return out;
}

/**
 * Card-side APDU handling, written separately from the reader's (main/devices/id-card/icao9303)
 * so that a misunderstanding of ISO/IEC 7816-4 on one side cannot hide in the other.
 */

/** A parsed short command APDU as the chip sees it. `ne` 0 = no Le; 256 for Le 00. */
export interface CardCommand {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  readonly ne: number;
}

/** Status words the chip answers with (ISO/IEC 7816-4 §5.6). */
export const CARD_SW = {
  OK: 0x9000,
  END_OF_FILE: 0x6282,
  AUTH_FAILED: 0x6300,
  WRONG_LENGTH: 0x6700,
  LAST_COMMAND_EXPECTED: 0x6883,
  SM_NOT_SUPPORTED: 0x6882,
  SECURITY_NOT_SATISFIED: 0x6982,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  NO_CURRENT_EF: 0x6986,
  SM_DATA_MISSING: 0x6987,
  SM_DATA_INCORRECT: 0x6988,
  WRONG_DATA: 0x6a80,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2_FUNCTION: 0x6a86,
  REFERENCE_NOT_FOUND: 0x6a88,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

/** Parses a short APDU; undefined when the length bytes are inconsistent. */
export function parseCardCommand(apdu: Uint8Array): CardCommand | undefined {
  if (apdu.length < 4) return undefined;
  const cla = apdu[0]!;
  const ins = apdu[1]!;
  const p1 = apdu[2]!;
  const p2 = apdu[3]!;
  const rest = apdu.length - 4;
  if (rest === 0) return { cla, ins, p1, p2, data: new Uint8Array(0), ne: 0 };
  const first = apdu[4]!;
  if (rest === 1)
    return { cla, ins, p1, p2, data: new Uint8Array(0), ne: first === 0 ? 256 : first };
  if (first === 0) return undefined; // extended length: not supported by this chip
  if (rest === 1 + first) return { cla, ins, p1, p2, data: apdu.slice(5), ne: 0 };
  if (rest === 2 + first) {
    const le = apdu[apdu.length - 1]!;
    return { cla, ins, p1, p2, data: apdu.slice(5, 5 + first), ne: le === 0 ? 256 : le };
  }
  return undefined;
}

export function withStatus(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >>> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

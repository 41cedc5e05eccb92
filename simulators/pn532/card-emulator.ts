/**
 * A contactless card as the PN532 simulator sees it. The CCCD chip simulator
 * (simulators/cccd-chip/card) implements this shape.
 */
export interface CardEmulator {
  /** ISO 14443 type the card answers to (the CCCD is type A or B depending on the batch). */
  readonly type: 'A' | 'B';
  /** UID / PUPI bytes reported by InListPassiveTarget. */
  readonly uid: Uint8Array;
  /** ATS historical bytes (type A) or ATQB application data (type B). */
  readonly ats?: Uint8Array;
  /** False once the card was "taken away": the reader then sees a timeout / RF error. */
  readonly present: boolean;
  /** Answers one command APDU with a response APDU (data ‖ SW1 SW2). */
  transceive(apdu: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/**
 * An ISO 7816-4 APDU channel to a contactless card, provided by a reader driver (PN532, PC/SC, …).
 * The ICAO 9303 engine is written against this interface only.
 */
export interface ApduTransceiver {
  /**
   * Sends a command APDU and returns the full response APDU (data ‖ SW1 SW2).
   * Rejects with AppError 'DEVICE_TIMEOUT' when no answer arrives in time, or with a reader
   * error code when the card left the field.
   */
  transceive(apdu: Uint8Array, timeoutMs?: number): Promise<Uint8Array>;
}
